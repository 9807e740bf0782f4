package tokenizer

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// addedToken is an added token as the matcher needs it.
type addedToken struct {
	content                    string // as matched: normalized if the token is
	id                         int32
	singleWord, lstrip, rstrip bool
}

// addedMatcher finds added tokens in text as Hugging Face's added vocabulary
// does: leftmost-longest, non-overlapping matches, filtered and widened by
// the single_word, lstrip and rstrip flags.
//
// It is an Aho-Corasick automaton over the reversed contents, run from the
// end of the text to its start: the state reached at position i knows the
// longest token that starts at i. One pass thus lists every start with its
// longest token, in time linear in the text whatever the number and length
// of the tokens (the former scan tried every token sharing the byte at each
// position: 28 ms per line with 100k tokens).
type addedMatcher struct {
	tokens []addedToken
	root   [256]int32       // the root's child for each byte, 0 for none
	edges  map[uint64]int32 // other nodes' children: node<<8 | byte
	fail   []int32          // longest proper suffix that is a node
	best   []int32          // longest token that is a suffix of the node, -1 if none

	endByte      byte // the last byte of a token, if endByteCount is 1
	endByteCount int  // how many bytes tokens end with
}

func newAddedMatcher(tokens []addedToken) *addedMatcher {
	if len(tokens) == 0 {
		return nil
	}
	m := &addedMatcher{tokens: tokens, edges: make(map[uint64]int32)}
	m.fail, m.best = []int32{0}, []int32{-1}
	parent, via, depth := []int32{0}, []byte{0}, []int32{0}
	for ti, t := range tokens {
		node := int32(0)
		for i := len(t.content) - 1; i >= 0; i-- {
			b := t.content[i]
			child := m.child(node, b)
			if child == 0 {
				child = int32(len(m.fail))
				m.fail, m.best = append(m.fail, 0), append(m.best, -1)
				parent, via, depth = append(parent, node), append(via, b), append(depth, depth[node]+1)
				if node == 0 {
					m.root[b] = child
				} else {
					m.edges[uint64(node)<<8|uint64(b)] = child
				}
			}
			node = child
		}
		if m.best[node] < 0 { // of equal contents the first counts
			m.best[node] = int32(ti)
		}
	}
	for b, child := range m.root {
		if child != 0 {
			m.endByte, m.endByteCount = byte(b), m.endByteCount+1
		}
	}
	// Failure links by increasing depth: a node's links only lead to
	// shallower nodes, which are done by then.
	for _, v := range byDepth(depth) {
		if u := parent[v]; u != 0 {
			m.fail[v] = m.step(m.fail[u], via[v])
		}
		if m.best[v] < 0 {
			m.best[v] = m.best[m.fail[v]]
		}
	}
	return m
}

// byDepth lists the nodes but the root by increasing depth (a counting sort).
func byDepth(depth []int32) []int32 {
	first := make([]int32, slices.Max(depth)+2)
	for _, d := range depth {
		first[d+1]++
	}
	for d := 1; d < len(first); d++ {
		first[d] += first[d-1]
	}
	order := make([]int32, len(depth))
	for v, d := range depth {
		order[first[d]] = int32(v)
		first[d]++
	}
	return order[1:] // the root, alone at depth 0
}

// child is node's child by byte b, 0 if none.
func (m *addedMatcher) child(node int32, b byte) int32 {
	if node == 0 {
		return m.root[b]
	}
	return m.edges[uint64(node)<<8|uint64(b)]
}

// step follows byte b from state, through failure links where needed.
func (m *addedMatcher) step(state int32, b byte) int32 {
	for {
		if c := m.child(state, b); c != 0 {
			return c
		}
		if state == 0 {
			return 0
		}
		state = m.fail[state]
	}
}

// lastEndByte is the index of the last byte of s that some token ends with,
// or -1: with a single such byte (">" for Qwen's tokens), a fast search.
func (m *addedMatcher) lastEndByte(s string) int {
	if m.endByteCount == 1 {
		return lastIndexByte(s, m.endByte)
	}
	for i := len(s) - 1; i >= 0; i-- {
		if m.root[s[i]] != 0 {
			return i
		}
	}
	return -1
}

// lastIndexByte is strings.LastIndexByte eight bytes at a time (the
// standard library's is a byte loop).
func lastIndexByte(s string, c byte) int {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	pattern := lo * uint64(c)
	i := len(s)
	for ; i >= 8; i -= 8 {
		// A zero byte of w is a byte equal to c.
		if w := load64(s, i-8) ^ pattern; (w-lo)&^w&hi != 0 {
			break
		}
	}
	for i--; i >= 0; i-- {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// tokenEnds finds, going back through a text, the bytes that tokens end
// with. With a single such byte and few of them in the text (">" in model
// output), their positions are listed beforehand by strings.IndexByte, which
// is vectorised; otherwise lastEndByte searches back each time.
type tokenEnds struct {
	m      *addedMatcher
	s      string
	listed bool
	n      int // pos[:n] are the positions not yet passed
	pos    [16]int32
}

func (m *addedMatcher) endsOf(s string) tokenEnds {
	e := tokenEnds{m: m, s: s}
	if m.endByteCount != 1 || len(s) > math.MaxInt32 {
		return e
	}
	for i := 0; ; {
		j := strings.IndexByte(s[i:], m.endByte)
		if j < 0 {
			break
		}
		if e.n == len(e.pos) {
			e.n = 0
			return e // too many: search back
		}
		e.pos[e.n] = int32(i + j)
		e.n++
		i += j + 1
	}
	e.listed = true
	return e
}

// last is the position of the last token-end byte at or before i, or -1.
// Successive calls must not increase i.
func (e *tokenEnds) last(i int) int {
	if !e.listed {
		return e.m.lastEndByte(e.s[:i+1])
	}
	for e.n > 0 && int(e.pos[e.n-1]) > i {
		e.n--
	}
	if e.n == 0 {
		return -1
	}
	return int(e.pos[e.n-1])
}

// addedMatch is a token found at a position of the text.
type addedMatch struct {
	start, token int32
}

// starts lists, in increasing order, every position of s where a token
// starts, with the longest such token.
func (m *addedMatcher) starts(s string) []addedMatch {
	var found []addedMatch
	ends := m.endsOf(s)
	state := int32(0)
	for i := len(s) - 1; i >= 0; i-- {
		if state == 0 {
			// Bytes that no token ends with leave the root as it is.
			if i = ends.last(i); i < 0 {
				break
			}
		}
		if state = m.step(state, s[i]); m.best[state] >= 0 {
			found = append(found, addedMatch{int32(i), m.best[state]})
		}
	}
	slices.Reverse(found)
	return found
}

// split calls emit for each stretch of s in order: id -1 for text between
// added tokens, the token's id for a match (whose text may include the
// whitespace stripped by lstrip/rstrip).
func (m *addedMatcher) split(s string, emit func(seg string, id int32)) {
	m.splitAt(s, m.starts(s), emit)
}

// splitAt is split given the starts of s.
func (m *addedMatcher) splitAt(s string, starts []addedMatch, emit func(seg string, id int32)) {
	done := 0 // end of the last emitted match
	from := 0 // matches must start here or later: they do not overlap
	for _, f := range starts {
		if int(f.start) < from {
			continue
		}
		t := &m.tokens[f.token]
		start, end := int(f.start), int(f.start)+len(t.content)
		from = end
		if t.singleWord && (endsWithWord(s[:start]) || startsWithWord(s[end:])) {
			continue
		}
		if t.lstrip {
			start = max(trailingSpaceStart(s[:start]), done)
		}
		if t.rstrip {
			end += leadingSpaceLen(s[end:])
		}
		// Hugging Face would fail on the overlaps rstrip can cause; keep
		// the stretches in order instead.
		start = max(start, done)
		end = max(end, start)
		if done < start {
			emit(s[done:start], -1)
		}
		emit(s[start:end], t.id)
		done = end
		from = max(from, end)
	}
	if done < len(s) {
		emit(s[done:], -1)
	}
}

func endsWithWord(s string) bool {
	r, n := utf8.DecodeLastRuneInString(s)
	return n > 0 && isWordRune(r)
}

func startsWithWord(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return n > 0 && isWordRune(r)
}

// trailingSpaceStart is where the run of White_Space ending s begins.
func trailingSpaceStart(s string) int {
	i := len(s)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.Is(unicode.White_Space, r) {
			break
		}
		i -= n
	}
	return i
}

// leadingSpaceLen is the length of the run of White_Space starting s.
func leadingSpaceLen(s string) int {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.Is(unicode.White_Space, r) {
			break
		}
		i += n
	}
	return i
}
