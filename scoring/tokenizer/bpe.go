package tokenizer

import (
	"math/bits"

	"github.com/grpo-score/grpo-score/scoring/tokenizer/internal/layout"
)

// bpeScratch holds the buffers of one BPE run, reused across pieces and,
// through a sync.Pool, across calls.
type bpeScratch struct {
	out     []int32 // the ids of the last piece
	syms    []int32
	ranks   []int32 // ranks[i]: rank of merging syms[i] and syms[i+1]
	results []int32
	// for long pieces
	next, prev []int32
	heap       []heapEntry
	queue      rankQueue
	local      *localCache // this goroutine's copy of recent cache entries
	short      *shortCache // the same for short pieces
}

// keepScratchLen bounds the buffers a scratch keeps for the next call, so
// that one huge piece does not pin its memory in the pool.
const keepScratchLen = 1 << 16

// trim drops buffers grown beyond keepScratchLen.
func (sc *bpeScratch) trim() {
	if cap(sc.syms) > keepScratchLen || cap(sc.out) > keepScratchLen {
		*sc = bpeScratch{queue: rankQueue{head: sc.queue.head, bits: sc.queue.bits}, local: sc.local, short: sc.short}
	}
}

// shortPieceLen is the length up to which the quadratic scan beats the heap.
const shortPieceLen = 64

// bpe appends the ids of one pre-token to dst. Starting from one symbol per
// byte, it repeatedly applies the lowest-ranked merge among adjacent pairs,
// the leftmost on ties, until none applies. Bytes without a token are
// dropped, as Hugging Face does when there is no unknown token.
func (t *Tokenizer) bpe(piece string, sc *bpeScratch, dst []int32) []int32 {
	if cap(sc.syms) < len(piece) {
		sc.syms = make([]int32, 0, len(piece))
	}
	syms := sc.syms[:0]
	for i := 0; i < len(piece); i++ {
		if id := t.byteIDs[piece[i]]; id >= 0 {
			syms = append(syms, id)
		}
	}
	sc.syms = syms
	if len(syms) > shortPieceLen {
		if t.tab.Monotone() {
			return t.bpeByRank(sc, dst)
		}
		return t.bpeHeap(sc, dst)
	}
	ranks, results := sc.ranks[:0], sc.results[:0]
	for i := 0; i+1 < len(syms); i++ {
		r, res := t.tab.Lookup(syms[i], syms[i+1])
		ranks, results = append(ranks, r), append(results, res)
	}
	for {
		best := -1
		bestRank := layout.NoMerge
		for i, r := range ranks {
			if r < bestRank {
				best, bestRank = i, r
			}
		}
		if best < 0 {
			break
		}
		syms[best] = results[best]
		syms = append(syms[:best+1], syms[best+2:]...)
		ranks = append(ranks[:best], ranks[best+1:]...)
		results = append(results[:best], results[best+1:]...)
		if best > 0 {
			ranks[best-1], results[best-1] = t.tab.Lookup(syms[best-1], syms[best])
		}
		if best < len(ranks) {
			ranks[best], results[best] = t.tab.Lookup(syms[best], syms[best+1])
		}
	}
	sc.ranks, sc.results = ranks, results
	return append(dst, syms...)
}

// heapEntry is a candidate merge of the symbol at pos with its successor.
type heapEntry struct {
	rank, pos, result int32
}

func (a heapEntry) less(b heapEntry) bool {
	return a.rank < b.rank || (a.rank == b.rank && a.pos < b.pos)
}

// bpeHeap is bpe for long pieces of any merge table: the same merges in
// O(n log n), with the symbols in a linked list and candidate merges in a
// min-heap ordered by (rank, position). Stale candidates are recognised when
// popped because their pair no longer yields the recorded result.
func (t *Tokenizer) bpeHeap(sc *bpeScratch, dst []int32) []int32 {
	syms := sc.syms
	n := len(syms)
	next, prev := sc.next[:0], sc.prev[:0]
	for i := range n {
		next, prev = append(next, int32(i+1)), append(prev, int32(i-1))
	}
	next[n-1] = -1
	h := sc.heap[:0]
	push := func(e heapEntry) {
		h = append(h, e)
		for i := len(h) - 1; i > 0; {
			p := (i - 1) / 2
			if !h[i].less(h[p]) {
				break
			}
			h[i], h[p] = h[p], h[i]
			i = p
		}
	}
	pop := func() heapEntry {
		top := h[0]
		last := len(h) - 1
		h[0] = h[last]
		h = h[:last]
		for i := 0; ; {
			l, r, m := 2*i+1, 2*i+2, i
			if l < len(h) && h[l].less(h[m]) {
				m = l
			}
			if r < len(h) && h[r].less(h[m]) {
				m = r
			}
			if m == i {
				break
			}
			h[i], h[m] = h[m], h[i]
			i = m
		}
		return top
	}
	candidate := func(pos int32) {
		if nx := next[pos]; nx >= 0 {
			if r, res := t.tab.Lookup(syms[pos], syms[nx]); r != layout.NoMerge {
				push(heapEntry{rank: r, pos: pos, result: res})
			}
		}
	}
	alive := make([]bool, n) // symbols absorbed by their left neighbour die
	for i := range alive {
		alive[i] = true
	}
	for i := range n - 1 {
		candidate(int32(i))
	}
	for len(h) > 0 {
		e := pop()
		nx := next[e.pos]
		if !alive[e.pos] || nx < 0 {
			continue
		}
		if _, res := t.tab.Lookup(syms[e.pos], syms[nx]); res != e.result {
			continue
		}
		syms[e.pos] = e.result
		alive[nx] = false
		next[e.pos] = next[nx]
		if next[nx] >= 0 {
			prev[next[nx]] = e.pos
		}
		if prev[e.pos] >= 0 {
			candidate(prev[e.pos])
		}
		candidate(e.pos)
	}
	for i := int32(0); i >= 0; i = next[i] {
		dst = append(dst, syms[i])
	}
	sc.next, sc.prev, sc.heap = next, prev, h
	return dst
}

// bpeByRank is bpe for long pieces when the merge table is monotone (every
// merge creates pairs of higher rank only, as BPE training does): the merges
// of one rank are then all known when that rank's turn comes, so pairs wait
// in one bucket per rank and ranks are taken in increasing order, in time
// and memory linear in the piece (plus one pass over a bitmap of the ranks).
//
// Within a rank, the reference merges leftmost first. Two pairs of one rank
// interfere only when they share a symbol (a run such as "a a a" for the
// merge "a a"); such a run is merged from its left end, found by walking
// back over pairs of the same rank. Other pairs commute, so a bucket needs
// no order.
func (t *Tokenizer) bpeByRank(sc *bpeScratch, dst []int32) []int32 {
	syms := sc.syms
	n := len(syms)
	next, prev := grow(sc.next, n), grow(sc.prev, n)
	for i := range n {
		next[i], prev[i] = int32(i+1), int32(i-1)
	}
	next[n-1] = -1 // and -2 for a symbol absorbed by its left neighbour
	q := &sc.queue
	q.reset(t.tab.Ranks(), n)
	// pairChanged files the pair at pos under its new rank.
	pairChanged := func(pos int32) {
		r := layout.NoMerge
		if nx := next[pos]; nx >= 0 {
			r, _ = t.tab.Lookup(syms[pos], syms[nx])
		}
		q.file(pos, r)
	}
	for i := range n {
		pairChanged(int32(i))
	}
	for r := q.lowest(); r >= 0; r = q.lowest() {
		for p := q.head[r]; p >= 0; p = q.head[r] {
			for prev[p] >= 0 && q.rank[prev[p]] == r {
				p = prev[p]
			}
			for {
				nx := next[p]
				_, syms[p] = t.tab.Lookup(syms[p], syms[nx])
				next[p], next[nx] = next[nx], -2
				q.file(nx, layout.NoMerge)
				if next[p] >= 0 {
					prev[next[p]] = p
				}
				if prev[p] >= 0 {
					pairChanged(prev[p])
				}
				pairChanged(p)
				if p = next[p]; p < 0 || q.rank[p] != r {
					break
				}
			}
		}
	}
	for i := int32(0); i >= 0; i = next[i] {
		dst = append(dst, syms[i])
	}
	sc.next, sc.prev = next, prev
	return dst
}

// grow returns b resized to n, reusing its array if it is large enough.
func grow(b []int32, n int) []int32 {
	if cap(b) < n {
		return make([]int32, n)
	}
	return b[:n]
}

// rankQueue files each position of bpeByRank under the rank of the pair it
// starts: doubly linked lists through the positions, one per rank, and a
// bitmap of the ranks that may be non-empty. Ranks are taken in increasing
// order and pairs are only filed under higher ones, so the scan of the
// bitmap never goes back.
type rankQueue struct {
	head       []int32 // per rank: first position, -1 if none
	bits       []uint64
	rank       []int32 // per position: its rank, layout.NoMerge if none
	next, prev []int32 // per position: neighbours in its rank's list
	word       int     // bitmap words below this one are zero
}

// reset prepares an empty queue for ranks 0..ranks-1 and n positions. The
// per-rank arrays are empty again after a complete run, so they are made
// only once.
func (q *rankQueue) reset(ranks, n int) {
	if len(q.head) != ranks {
		q.head = make([]int32, ranks)
		for i := range q.head {
			q.head[i] = -1
		}
		q.bits = make([]uint64, (ranks+63)/64)
	}
	q.rank, q.next, q.prev = grow(q.rank, n), grow(q.next, n), grow(q.prev, n)
	for i := range q.rank {
		q.rank[i] = layout.NoMerge
	}
	q.word = 0
}

// file moves pos to the list of rank r (none for layout.NoMerge).
func (q *rankQueue) file(pos, r int32) {
	if old := q.rank[pos]; old != layout.NoMerge {
		n, p := q.next[pos], q.prev[pos]
		if p >= 0 {
			q.next[p] = n
		} else {
			q.head[old] = n
		}
		if n >= 0 {
			q.prev[n] = p
		}
	}
	q.rank[pos] = r
	if r == layout.NoMerge {
		return
	}
	h := q.head[r]
	q.next[pos], q.prev[pos] = h, -1
	if h >= 0 {
		q.prev[h] = pos
	}
	q.head[r] = pos
	q.bits[r/64] |= 1 << (r % 64)
}

// lowest is the lowest rank with pairs, or -1.
func (q *rankQueue) lowest() int32 {
	for ; q.word < len(q.bits); q.word++ {
		for w := q.bits[q.word]; w != 0; w &= w - 1 {
			r := int32(q.word*64 + bits.TrailingZeros64(w))
			if q.head[r] >= 0 {
				return r
			}
			q.bits[q.word] &^= 1 << (r % 64) // emptied since it was set
		}
	}
	return -1
}
