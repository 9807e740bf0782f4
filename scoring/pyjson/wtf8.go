package pyjson

import "unicode/utf8"

// Python text is a sequence of code points that may include lone
// surrogates, which UTF-8 cannot hold. Str therefore uses WTF-8, and these
// helpers let other packages build and read such strings.

// StrFromRunes is the str made of the code points rs, surrogates included.
func StrFromRunes(rs []rune) Str {
	buf := make([]byte, 0, len(rs))
	for _, r := range rs {
		buf = appendWTF8(buf, r)
	}
	return Str(buf)
}

// Runes returns the code points of s, as Python indexes them.
func (s Str) Runes() []rune {
	out := make([]rune, 0, len(s))
	for i := 0; i < len(s); {
		r, n := decodeWTF8(string(s), i)
		out = append(out, r)
		i += n
	}
	return out
}

// DecodeRune returns the first code point of the WTF-8 text s and its width
// in bytes; (utf8.RuneError, 0) if s is empty, (utf8.RuneError, 1) for a
// byte that starts no valid sequence.
func DecodeRune(s string) (rune, int) {
	if s == "" {
		return utf8.RuneError, 0
	}
	return decodeWTF8(s, 0)
}

// appendWTF8 appends r in UTF-8, encoding a surrogate code point the same
// way as any other three-byte one.
func appendWTF8(buf []byte, r rune) []byte {
	if r >= 0xd800 && r <= 0xdfff {
		return append(buf, byte(0xe0|r>>12), byte(0x80|(r>>6)&0x3f), byte(0x80|r&0x3f))
	}
	return utf8.AppendRune(buf, r)
}

// decodeWTF8 decodes one code point of a WTF-8 string. A byte that starts no
// valid sequence decodes to itself as U+FFFD with width 1.
func decodeWTF8(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	if c == 0xed && i+2 < len(s) && s[i+1] >= 0xa0 && s[i+1] <= 0xbf && s[i+2]&0xc0 == 0x80 {
		return rune(c&0x0f)<<12 | rune(s[i+1]&0x3f)<<6 | rune(s[i+2]&0x3f), 3
	}
	return utf8.DecodeRuneInString(s[i:])
}
