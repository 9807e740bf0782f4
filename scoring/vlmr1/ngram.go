package vlmr1

import (
	"math/bits"
	"math/rand/v2"
	"unicode/utf8"

	"github.com/grpo-score/grpo-score/scoring/py"
)

// ngramCounter counts the distinct word n-grams of a text without building
// them: each word is hashed once, an n-gram's hash combines its words'
// hashes, and n-grams with equal hashes are compared word by word, so the
// count is exact whatever the hashes. The hash is seeded at random per
// counter, so that no input collides on purpose more than by chance. Its
// buffers are reused from call to call; a counter is used by one goroutine
// at a time.
type ngramCounter struct {
	seed    uint64
	words   []span   // of the text
	hashes  []uint64 // per word, then per n-gram or item
	table   []int32  // open addressing: index of an item + 1, 0 if free
	lower   []byte   // the lower-cased text, when it is ASCII
	keys    []byte   // the bbox items' keys, one after the other
	keyEnds []int    // where each key ends in keys
}

func newNgramCounter() *ngramCounter { return &ngramCounter{seed: rand.Uint64()} }

// distinct returns the number of distinct n-grams of the words of s (as
// str.split() splits it) and the number of n-grams; total is 0 when s has
// fewer than n words.
func (c *ngramCounter) distinct(s string, n int) (distinct, total int) {
	c.split(s)
	words := len(c.words)
	if words < n {
		return 0, 0
	}
	// An n-gram's hash is the polynomial sum of w[i]*p^(n-1-k) over its
	// words, rolled from one n-gram to the next; it goes where its first
	// word's hash was, which is not read again.
	const p = 0x9E3779B97F4A7C15
	top := uint64(1) // p^(n-1)
	for range n - 1 {
		top *= p
	}
	var h uint64
	for _, w := range c.hashes[:n] {
		h = h*p + w
	}
	total = words - n + 1
	for i := range total {
		first := c.hashes[i]
		c.hashes[i] = h
		if i+n < words {
			h = (h-first*top)*p + c.hashes[i+n]
		}
	}
	return c.count(total, func(i, j int) bool { return c.sameWords(s, i, j, n) }), total
}

// The hash of a word is seeded and goes eight bytes at a time through a
// folded 64x64-bit multiply, from the word's start; the length enters last,
// so that split can hash a word while it finds its end.
const hashK0, hashK1 = 0xa0761d6478bd642f, 0xe7037ed1a0b428db

// hash is the hash of w.
func (c *ngramCounter) hash(w string) uint64 {
	n := len(w)
	h := c.seed
	for ; len(w) >= 8; w = w[8:] {
		h = mix(h^load64(w), hashK1)
	}
	var t uint64
	for i := len(w) - 1; i >= 0; i-- {
		t = t<<8 | uint64(w[i])
	}
	return finishHash(h, t, n)
}

// finishHash mixes in the last, partial chunk t and the length n.
func finishHash(h, t uint64, n int) uint64 {
	return mix(mix(h^t, hashK1)^hashK0^uint64(n), hashK0)
}

func mix(x, k uint64) uint64 {
	hi, lo := bits.Mul64(x, k)
	return hi ^ lo
}

const (
	lowBits  = 0x0101010101010101
	highBits = 0x80 * lowBits
)

// load64 reads w[:8] as a little-endian word.
func load64(w string) uint64 {
	w = w[:8]
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// count returns the number of distinct items among the first total, whose
// hashes are c.hashes[:total]; equal compares two items with equal hashes.
func (c *ngramCounter) count(total int, equal func(i, j int) bool) (distinct int) {
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
		h := c.hashes[i]
		for slot := h & mask; ; slot = (slot + 1) & mask {
			j := c.table[slot] - 1
			if j < 0 {
				c.table[slot] = int32(i + 1)
				distinct++
				break
			}
			if c.hashes[j] == h && equal(int(j), i) {
				break
			}
		}
	}
	return distinct
}

// sameWords reports whether the n words from word i and from word j are
// equal: at once when their spans are equal bytes (the usual repetition),
// else word by word (the spacing may differ).
func (c *ngramCounter) sameWords(s string, i, j, n int) bool {
	if s[c.words[i].start:c.words[i+n-1].end] == s[c.words[j].start:c.words[j+n-1].end] {
		return true
	}
	for k := range n {
		if a, b := c.words[i+k], c.words[j+k]; s[a.start:a.end] != s[b.start:b.end] {
			return false
		}
	}
	return true
}

// span is where a word starts and ends in its text.
type span struct{ start, end int32 }

// split records the spans of the words of s as py.Split finds them (runs
// of code points that are not Python whitespace, an invalid byte counting
// as one such code point, as strings.FieldsFunc has it) and their hashes.
func (c *ngramCounter) split(s string) {
	words, hashes := c.words[:0], c.hashes[:0]
	for i := 0; ; {
		i = skipSpaceFrom(s, i)
		if i == len(s) {
			break
		}
		start := i
		end, h, ok := c.wordEndHash(s, i)
		if !ok {
			h = c.hash(s[start:end])
		}
		words, hashes = append(words, span{int32(start), int32(end)}), append(hashes, h)
		i = end
	}
	c.words, c.hashes = words, hashes
}

// wordEndHash is wordEnd, and the word's hash (ok) when the word is ASCII
// above the space and ends at an ASCII space within a full eight-byte
// chunk: the chunks the end search loads are the ones hash reads.
func (c *ngramCounter) wordEndHash(s string, i int) (end int, h uint64, ok bool) {
	start := i
	h = c.seed
	for i+8 <= len(s) {
		w := load64(s[i:])
		m := ((w - 0x21*lowBits) | w) & highBits
		if m == 0 {
			h = mix(h^w, hashK1)
			i += 8
			continue
		}
		k := bits.TrailingZeros64(m) >> 3 // exact: see wordEnd
		if ch := s[i+k]; ch < utf8.RuneSelf && asciiSpace[ch] {
			return i + k, finishHash(h, w&(1<<(8*k)-1), i+k-start), true
		}
		break
	}
	return wordEnd(s, i), 0, false
}

// wordEnd returns the offset of the first whitespace code point after i,
// or len(s). It skips eight bytes at a time while they are all ASCII
// above the space; only a byte below 0x21 or above 0x7f needs a look.
func wordEnd(s string, i int) int {
	for i < len(s) {
		for i+8 <= len(s) {
			w := load64(s[i:])
			m := ((w - 0x21*lowBits) | w) & highBits
			if m == 0 {
				i += 8
				continue
			}
			// The lowest flagged byte is exact (a borrow only flags bytes
			// above a true one).
			i += bits.TrailingZeros64(m) >> 3
			break
		}
		if i == len(s) {
			break
		}
		if ch := s[i]; ch < utf8.RuneSelf {
			if asciiSpace[ch] {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if py.IsSpace(r) {
			return i
		}
		i += size
	}
	return len(s)
}

// skipSpaceFrom returns the offset of the first code point at or after i
// that is not Python whitespace, or len(s).
func skipSpaceFrom(s string, i int) int {
	for i < len(s) {
		if ch := s[i]; ch < utf8.RuneSelf {
			if !asciiSpace[ch] {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !py.IsSpace(r) {
			return i
		}
		i += size
	}
	return i
}

// asciiSpace is py.IsSpace for the ASCII bytes (TestASCIISpaceTable).
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true,
	0x1c: true, 0x1d: true, 0x1e: true, 0x1f: true, ' ': true}

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
