package vlmr1

import (
	"hash/maphash"
	"unicode/utf8"

	"github.com/grpo-score/grpo-score/scoring/py"
)

// ngramCounter counts the distinct word n-grams of a text without building
// them: each word is hashed once, an n-gram's hash combines its words'
// hashes, and n-grams with equal hashes are compared word by word, so the
// count is exact whatever the hashes. The seed is random per counter, so no
// input can be made to collide on purpose. Its buffers are reused from call
// to call; a counter is used by one goroutine at a time.
type ngramCounter struct {
	seed       maphash.Seed
	starts     []int32  // word spans of the text
	ends       []int32  //
	wordHashes []uint64 // per word
	gramHashes []uint64 // per n-gram
	table      []int32  // open addressing: index of an n-gram + 1, 0 if free
}

func newNgramCounter() *ngramCounter { return &ngramCounter{seed: maphash.MakeSeed()} }

// distinct returns the number of distinct n-grams of the words of s (as
// str.split() splits it) and the number of n-grams; total is 0 when s has
// fewer than n words.
func (c *ngramCounter) distinct(s string, n int) (distinct, total int) {
	c.split(s)
	words := len(c.starts)
	if words < n {
		return 0, 0
	}
	c.wordHashes = c.wordHashes[:0]
	for i := range words {
		c.wordHashes = append(c.wordHashes, maphash.String(c.seed, s[c.starts[i]:c.ends[i]]))
	}
	total = words - n + 1
	c.gramHashes = c.gramHashes[:0]
	for i := range total {
		h := uint64(n)
		for _, w := range c.wordHashes[i : i+n] {
			h = (h ^ w) * 0x9E3779B97F4A7C15
			h ^= h >> 29
		}
		c.gramHashes = append(c.gramHashes, h)
	}
	size := 16
	for size < 2*total {
		size *= 2
	}
	if cap(c.table) < size {
		c.table = make([]int32, size)
	} else {
		c.table = c.table[:size]
		clear(c.table)
	}
	mask := uint64(size - 1)
	for i := range total {
		h := c.gramHashes[i]
		for slot := h & mask; ; slot = (slot + 1) & mask {
			j := c.table[slot] - 1
			if j < 0 {
				c.table[slot] = int32(i + 1)
				distinct++
				break
			}
			if c.gramHashes[j] == h && c.sameWords(s, int(j), i, n) {
				break
			}
		}
	}
	return distinct, total
}

// sameWords reports whether the n words from word i and from word j are
// equal.
func (c *ngramCounter) sameWords(s string, i, j, n int) bool {
	for k := range n {
		if s[c.starts[i+k]:c.ends[i+k]] != s[c.starts[j+k]:c.ends[j+k]] {
			return false
		}
	}
	return true
}

// split records the spans of the words of s as py.Split finds them.
func (c *ngramCounter) split(s string) {
	c.starts, c.ends = c.starts[:0], c.ends[:0]
	for start, end := nextWord(s, 0); start < len(s); start, end = nextWord(s, end) {
		c.starts, c.ends = append(c.starts, int32(start)), append(c.ends, int32(end))
	}
}

// hasWords reports whether s has at least n words, as len(py.Split(s)) >= n.
func hasWords(s string, n int) bool {
	words := 0
	for start, end := nextWord(s, 0); start < len(s) && words < n; start, end = nextWord(s, end) {
		words++
	}
	return words >= n
}

// nextWord returns the span of the first word of s at or after i (a run of
// runes that are not Python whitespace, an invalid byte counting as one
// such rune, as strings.FieldsFunc has it); start is len(s) if none.
func nextWord(s string, i int) (start, end int) {
	start = len(s)
	for i < len(s) {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if py.IsSpace(r) {
			if start < len(s) {
				return start, i
			}
		} else if start == len(s) {
			start = i
		}
		i += size
	}
	return start, len(s)
}
