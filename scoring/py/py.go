// Package py reproduces the few behaviours of CPython 3.11's str and float
// that decide reward values: which characters are whitespace, full Unicode
// case mapping, float() parsing and repr() of floats. Go's defaults differ on
// each of them (see PYTHON-SEMANTICS.md in the design notes).
package py

import (
	"encoding/binary"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// IsSpace reports whether r is whitespace for Python's str.isspace(), which is
// also what `\s` matches in a str pattern and what strip() and split() remove.
func IsSpace(r rune) bool {
	switch {
	case r <= 0x20:
		return r == ' ' || (r >= '\t' && r <= '\r') || (r >= 0x1c && r <= 0x1f)
	case r < 0x85:
		return false
	}
	switch r {
	case 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

// Strip is str.strip() with no argument.
func Strip(s string) string { return strings.TrimFunc(s, IsSpace) }

// Split is str.split() with no argument: runs of whitespace separate fields
// and leading or trailing whitespace yields no empty field.
func Split(s string) []string { return strings.FieldsFunc(s, IsSpace) }

// Lower is str.lower(): full case mapping, so one code point may become two
// ('İ' → 'i̇') and a final capital sigma becomes 'ς'. Code point by code
// point it is Go's simple lower-casing but for those two (TestLowerAllRunes);
// U+0130 is mapped here, and a text with a capital sigma, whose form depends
// on its neighbours, or with U+0130 and invalid UTF-8 goes to x/text's full
// case mapping. An invalid byte becomes U+FFFD, as strings.Map makes it.
// The result is the text itself when nothing changes.
func Lower(s string) string { return mapCase(s, false) }

// Upper is str.upper(): full case mapping ('ß' → 'SS'). Code point by code
// point it is Go's simple upper-casing but for the few with a full mapping
// (specialUpper, TestUpperAllRunes); a text with one of those, or with
// invalid UTF-8, goes to x/text's full case mapping. The result is the
// text itself when nothing changes.
func Upper(s string) string { return mapCase(s, true) }

// mapCase is Lower, or Upper when upper is set: eight ASCII bytes at a
// time, other code points one by one, the whole text through x/text where
// a code point needs its full mapping.
func mapCase(s string, upper bool) string {
	var b []byte     // the mapped text up to i, from the first change on
	checked := false // s is known to be valid UTF-8
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			if w := load64(s, i); w&highBits == 0 { // eight ASCII bytes
				var m uint64 // 0x80 in each byte to change
				if upper {
					m = asciiInRange(w, 'a', 'z')
				} else {
					m = asciiInRange(w, 'A', 'Z')
				}
				if b == nil && m == 0 {
					i += 8
					continue
				}
				if b == nil {
					b = startCopy(s, i)
				}
				if upper {
					w &^= m >> 2 // 0x80>>2 is 'a'-'A'
				} else {
					w |= m >> 2
				}
				b = binary.LittleEndian.AppendUint64(b, w)
				i += 8
				continue
			}
		}
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case upper && 'a' <= c && c <= 'z':
				c -= 'a' - 'A'
			case !upper && 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				if b != nil {
					b = append(b, c)
				}
				i++
				continue
			}
			if b == nil {
				b = startCopy(s, i)
			}
			b = append(b, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		var to rune
		switch {
		case upper:
			if n == 1 || specialUpper(r) {
				return cases.Upper(language.Und).String(s)
			}
			to = r
			if !caseless(r) {
				to = unicode.ToUpper(r)
			}
		case r == 'Σ':
			return cases.Lower(language.Und).String(s)
		case r == 'İ':
			if !checked {
				if !utf8.ValidString(s) {
					return cases.Lower(language.Und).String(s)
				}
				checked = true
			}
			if b == nil {
				b = startCopy(s, i)
			}
			b = append(b, "i\u0307"...)
			i += n
			continue
		default:
			to = r
			if !caseless(r) {
				to = unicode.ToLower(r)
			}
		}
		if to == r && n > 1 { // unchanged; an invalid byte (n == 1) becomes U+FFFD
			if b != nil {
				b = append(b, s[i:i+n]...)
			}
			i += n
			continue
		}
		if b == nil {
			b = startCopy(s, i)
		}
		b = utf8.AppendRune(b, to)
		i += n
	}
	if b == nil {
		return s
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// specialUpper reports whether r's full upper-case mapping differs from
// its simple one (SpecialCasing.txt: ß, ŉ, ǰ, ΐ, ΰ, և, ẖ-ẚ, Greek
// Extended, the Latin and Armenian ligatures); TestUpperAllRunes checks
// that no other code point differs.
func specialUpper(r rune) bool {
	switch r {
	case 0xdf, 0x149, 0x1f0, 0x390, 0x3b0, 0x587:
		return true
	}
	return 0x1e96 <= r && r <= 0x1e9a || 0x1f50 <= r && r <= 0x1ffc || 0xfb00 <= r && r <= 0xfb17
}

// caseless reports whether r is in a block without case mappings (CJK,
// kana, Yi, Hangul), so that common texts skip unicode.ToLower's table
// search (TestCaselessBlocks).
func caseless(r rune) bool {
	return 0x3000 <= r && r < 0xa640 || 0xac00 <= r && r < 0xd7a4
}

// AppendLower appends Lower(s) to dst; an ASCII s is lower-cased eight
// bytes at a time, with no copy of its own.
func AppendLower(dst []byte, s string) []byte {
	if !IsASCII(s) {
		return append(dst, Lower(s)...)
	}
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := load64(s, i)
		dst = binary.LittleEndian.AppendUint64(dst, w|asciiInRange(w, 'A', 'Z')>>2)
	}
	for ; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// startCopy is a buffer for a changed copy of s holding s[:i], with room
// for the rest (and a little growth).
func startCopy(s string, i int) []byte {
	b := make([]byte, i, len(s)+utf8.UTFMax)
	copy(b, s)
	return b
}

const (
	lowBits  = 0x0101010101010101
	highBits = 0x80 * lowBits
)

// load64 reads s[i:i+8] as a little-endian word.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// asciiInRange has 0x80 in each byte of w that is lo to hi, for a w of
// eight ASCII bytes (no byte sum carries into the next).
func asciiInRange(w uint64, lo, hi byte) uint64 {
	return (w + uint64(0x80-lo)*lowBits) &^ (w + uint64(0x80-hi-1)*lowBits) & highBits
}

// IsASCII reports whether s is all ASCII, eight bytes at a time.
func IsASCII(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if load64(s, i)&highBits != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// IsDecimal reports whether r is a decimal digit for CPython 3.11 (Unicode
// 14): what `\d` matches in a str pattern and what int() and float() read.
// Go's tables are Unicode 15, which added the Kawi and Nag Mundari digits.
func IsDecimal(r rune) bool {
	if r < 0x80 {
		return r >= '0' && r <= '9'
	}
	if r >= 0x11f50 && r <= 0x11f59 || r >= 0x1e4f0 && r <= 0x1e4f9 {
		return false
	}
	return unicode.IsDigit(r)
}

// digitOnly are the code points str.isdigit() accepts beyond the decimal
// digits (Numeric_Type=Digit in Unicode 14: superscripts, circled and
// parenthesised digits, ...), as ranges. Listed from CPython 3.11's
// unicodedata: [c for c in range(0x110000) if chr(c).isdigit() and not
// chr(c).isdecimal()].
var digitOnly = [...][2]rune{
	{0xb2, 0xb3}, {0xb9, 0xb9}, {0x1369, 0x1371}, {0x19da, 0x19da}, {0x2070, 0x2070},
	{0x2074, 0x2079}, {0x2080, 0x2089}, {0x2460, 0x2468}, {0x2474, 0x247c}, {0x2488, 0x2490},
	{0x24ea, 0x24ea}, {0x24f5, 0x24fd}, {0x24ff, 0x24ff}, {0x2776, 0x277e}, {0x2780, 0x2788},
	{0x278a, 0x2792}, {0x10a40, 0x10a43}, {0x10e60, 0x10e68}, {0x11052, 0x1105a}, {0x1f100, 0x1f10a},
}

// IsDigit is str.isdigit() for one code point: a decimal digit or one of
// the other digits of Unicode 14.
func IsDigit(r rune) bool {
	if IsDecimal(r) {
		return true
	}
	for _, d := range digitOnly {
		if r >= d[0] && r <= d[1] {
			return true
		}
	}
	return false
}

// IsDigitString is s.isdigit(): non-empty and every code point a digit.
func IsDigitString(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !IsDigit(r) {
			return false
		}
	}
	return true
}
