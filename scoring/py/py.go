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
