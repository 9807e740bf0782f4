// Package py reproduces the few behaviours of CPython 3.11's str and float
// that decide reward values: which characters are whitespace, full Unicode
// case mapping, float() parsing and repr() of floats. Go's defaults differ on
// each of them (see PYTHON-SEMANTICS.md in the design notes).
package py

import (
	"strings"
	"unicode"
	"unicode/utf8"

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
// ('İ' → 'i̇') and a final capital sigma becomes 'ς'.
func Lower(s string) string {
	if isASCIIWithoutUpper(s) {
		return s
	}
	if isASCII(s) {
		b := []byte(s)
		for i, c := range b {
			if c >= 'A' && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
		}
		return string(b)
	}
	if !strings.ContainsRune(s, 'İ') && !strings.ContainsRune(s, 'Σ') {
		// Without U+0130 (lowered to two code points) and capital sigma
		// (final form in context), full and simple lowercase agree.
		return strings.Map(unicode.ToLower, s)
	}
	return cases.Lower(language.Und).String(s)
}

// Upper is str.upper(): full case mapping ('ß' → 'SS').
func Upper(s string) string {
	return cases.Upper(language.Und).String(s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isASCIIWithoutUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || (c >= 'A' && c <= 'Z') {
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
