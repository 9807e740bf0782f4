package tokenizer

import (
	"strings"
	"unicode/utf8"
)

// Decode turns ids back into text as Hugging Face's decode does without
// skipping special tokens: the bytes of each token in turn, ids without a
// token skipped, and invalid UTF-8 replaced by U+FFFD per maximal invalid
// sequence (Rust's String::from_utf8_lossy).
func (t *Tokenizer) Decode(ids []int) string {
	var b strings.Builder
	for _, id := range ids {
		if text, ok := t.addedText[int32(id)]; ok && id == int(int32(id)) {
			b.WriteString(text)
			continue
		}
		text, _ := t.tab.Token(id)
		b.WriteString(text)
	}
	s := b.String()
	if utf8.ValidString(s) {
		return s
	}
	return lossyUTF8(s)
}

// lossyUTF8 replaces each maximal prefix of a valid UTF-8 sequence that
// cannot be completed (or each stray byte) with one U+FFFD.
func lossyUTF8(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r != utf8.RuneError || n > 1 {
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		b.WriteRune(utf8.RuneError)
		i += invalidPrefixLen(s[i:])
	}
	return b.String()
}

// invalidPrefixLen is the length of the maximal subpart of an ill-formed
// sequence at the start of s (at least 1), per Unicode's recommended
// substitution practice, which Rust follows.
func invalidPrefixLen(s string) int {
	c := s[0]
	var need int
	lo, hi := byte(0x80), byte(0xBF)
	switch {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c == 0xE0:
		need, lo = 2, 0xA0
	case c >= 0xE1 && c <= 0xEC, c == 0xEE, c == 0xEF:
		need = 2
	case c == 0xED:
		need, hi = 2, 0x9F
	case c == 0xF0:
		need, lo = 3, 0x90
	case c >= 0xF1 && c <= 0xF3:
		need = 3
	case c == 0xF4:
		need, hi = 3, 0x8F
	default:
		return 1
	}
	i := 1
	for ; i <= need && i < len(s); i++ {
		if s[i] < lo || s[i] > hi {
			break
		}
		lo, hi = 0x80, 0xBF
	}
	return i
}
