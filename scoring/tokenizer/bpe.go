package tokenizer

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
}

// shortPieceLen is the length up to which the quadratic scan beats the heap.
const shortPieceLen = 64

// bpe appends the ids of one pre-token to dst. Starting from one symbol per
// byte, it repeatedly applies the lowest-ranked merge among adjacent pairs,
// the leftmost on ties, until none applies. Bytes without a token are
// dropped, as Hugging Face does when there is no unknown token.
func (t *Tokenizer) bpe(piece string, sc *bpeScratch, dst []int32) []int32 {
	syms := sc.syms[:0]
	for i := 0; i < len(piece); i++ {
		if id := t.byteIDs[piece[i]]; id >= 0 {
			syms = append(syms, id)
		}
	}
	sc.syms = syms
	if len(syms) > shortPieceLen {
		return t.bpeLong(sc, dst)
	}
	ranks, results := sc.ranks[:0], sc.results[:0]
	for i := 0; i+1 < len(syms); i++ {
		r, res := t.merges.lookup(syms[i], syms[i+1])
		ranks, results = append(ranks, r), append(results, res)
	}
	for {
		best := -1
		bestRank := noMerge
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
			ranks[best-1], results[best-1] = t.merges.lookup(syms[best-1], syms[best])
		}
		if best < len(ranks) {
			ranks[best], results[best] = t.merges.lookup(syms[best], syms[best+1])
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

// bpeLong is bpe for long pieces: the same merges in O(n log n), with the
// symbols in a linked list and candidate merges in a min-heap ordered by
// (rank, position). Stale candidates are recognised when popped because
// their pair no longer yields the recorded result.
func (t *Tokenizer) bpeLong(sc *bpeScratch, dst []int32) []int32 {
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
			if r, res := t.merges.lookup(syms[pos], syms[nx]); r != noMerge {
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
		if _, res := t.merges.lookup(syms[e.pos], syms[nx]); res != e.result {
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
