package tokenizer

import (
	"sync"
	"unicode"
	"unicode/utf8"
)

// Character classes of the Split regex. The regex engine of Hugging Face's
// tokenizers (Oniguruma) reads \p{L} as general category L, \p{N} as
// categories Nd, Nl and No, and \s as the Unicode White_Space property:
// U+0085, U+00A0, U+2028 and U+3000 are space; U+FEFF and U+001C..U+001F
// are not.
const (
	classOther  uint8 = iota // none of the below
	classLetter              // \p{L}
	classNumber              // \p{N}
	classSpace               // \s other than \r and \n
	classCRLF                // \r or \n
	classMulti               // in byteClasses: a byte of a multi-byte rune or invalid
)

var (
	bmpClassesOnce sync.Once
	bmpClasses     *[1 << 16]uint8 // read-only once built
)

func buildBMPClasses() {
	t := new([1 << 16]uint8)
	for r := range rune(1 << 16) {
		t[r] = computeClass(r)
	}
	bmpClasses = t
}

func computeClass(r rune) uint8 {
	switch {
	case r == '\r' || r == '\n':
		return classCRLF
	case unicode.IsLetter(r) || unicode.Is(newerLetters, r):
		return classLetter
	case unicode.IsNumber(r) || unicode.Is(newerNumbers, r):
		return classNumber
	case unicode.Is(unicode.White_Space, r):
		return classSpace
	}
	return classOther
}

// byteClasses is the class of each ASCII byte and classMulti for the others,
// so that scanning ASCII needs one lookup per byte and no initialisation
// check.
var byteClasses = func() (t [256]uint8) {
	for b := range 256 {
		t[b] = classMulti
		if b < utf8.RuneSelf {
			t[b] = computeClass(rune(b))
		}
	}
	return t
}()

// classOf returns the class of r; the invalid-UTF-8 marker utf8.RuneError
// (U+FFFD, a symbol) is classOther.
func classOf(r rune) uint8 {
	if r < utf8.RuneSelf {
		return byteClasses[r]
	}
	if r < 1<<16 {
		bmpClassesOnce.Do(buildBMPClasses)
		return bmpClasses[r]
	}
	return computeClass(r)
}

// runeAt decodes the rune at s[i] as utf8.DecodeRuneInString does (an
// invalid byte is one RuneError), with ASCII and the three-byte runes of the
// BMP, CJK among them, decoded here.
func runeAt(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	if c&0xf0 == 0xe0 && i+2 < len(s) {
		c1, c2 := s[i+1], s[i+2]
		r := rune(c&0x0f)<<12 | rune(c1&0x3f)<<6 | rune(c2&0x3f)
		// Continuation bytes; not overlong; not a surrogate.
		if c1&0xc0 == 0x80 && c2&0xc0 == 0x80 && r >= 0x800 && (r < 0xd800 || r > 0xdfff) {
			return r, 3
		}
	}
	return utf8.DecodeRuneInString(s[i:])
}

// isWordRune reports whether r is in Rust regex's Unicode \w, which decides
// the single_word flag of added tokens.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.Is(unicode.Nl, r) || unicode.Is(unicode.Other_Alphabetic, r) ||
		unicode.IsMark(r) || unicode.Is(unicode.Nd, r) || unicode.Is(unicode.Pc, r) ||
		unicode.Is(unicode.Join_Control, r)
}
