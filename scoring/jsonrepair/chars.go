package jsonrepair

import (
	"unicode"

	"github.com/grpo-score/grpo-score/scoring/py"
)

// noChar stands for Python's None from get_char_at: a position outside the input.
const noChar rune = -1

// lowQuoteSentinel marks an open „…” span inside the right-delimiter stack of a string.
const lowQuoteSentinel rune = 0

// isStringDelimiter reports the four characters the library accepts as string quotes.
func isStringDelimiter(r rune) bool {
	return r == '"' || r == '\'' || r == '“' || r == '”'
}

// pyIsSpace is Python's str.isspace for one character: Go's unicode.IsSpace plus the
// four ASCII information separators that Python also counts as whitespace.
func pyIsSpace(r rune) bool {
	if r < 0 {
		return false
	}
	if r >= 0x1c && r <= 0x1f {
		return true
	}
	return unicode.IsSpace(r)
}

// pyIsAlpha is Python's str.isalpha for one character (categories L*).
func pyIsAlpha(r rune) bool {
	return r >= 0 && unicode.IsLetter(r)
}

// pyIsAlnum is Python's str.isalnum for one character.
func pyIsAlnum(r rune) bool {
	return r >= 0 && (unicode.IsLetter(r) || unicode.IsNumber(r))
}

// pyExtraDigits lists the characters with Numeric_Type=Digit that are not decimal
// digits (superscripts, circled and parenthesised digits, ...): Python's isdigit
// accepts them, Go's unicode.IsDigit does not.
var pyExtraDigits = [][2]rune{
	{0xb2, 0xb3}, {0xb9, 0xb9}, {0x1369, 0x1371}, {0x19da, 0x19da}, {0x2070, 0x2070},
	{0x2074, 0x2079}, {0x2080, 0x2089}, {0x2460, 0x2468}, {0x2474, 0x247c}, {0x2488, 0x2490},
	{0x24ea, 0x24ea}, {0x24f5, 0x24fd}, {0x24ff, 0x24ff}, {0x2776, 0x277e}, {0x2780, 0x2788},
	{0x278a, 0x2792}, {0x10a40, 0x10a43}, {0x10e60, 0x10e68}, {0x11052, 0x1105a}, {0x1f100, 0x1f10a},
}

// pyIsDigit is Python's str.isdigit for one character.
func pyIsDigit(r rune) bool {
	if r < 0 {
		return false
	}
	if r >= '0' && r <= '9' {
		return true
	}
	if r < 0x80 {
		return false
	}
	if py.IsDecimal(r) {
		return true
	}
	for _, rg := range pyExtraDigits {
		if r >= rg[0] && r <= rg[1] {
			return true
		}
	}
	return false
}

// asciiLower lowers ASCII letters only; the callers compare against ASCII words.
func asciiLower(r rune) rune {
	if r >= 'A' && r <= 'Z' {
		return r + ('a' - 'A')
	}
	return r
}

// containsRune reports whether r is one of set.
func containsRune(set []rune, r rune) bool {
	for _, c := range set {
		if c == r {
			return true
		}
	}
	return false
}

// rstripSpace is Python's str.rstrip() without arguments.
func rstripSpace(rs []rune) []rune {
	n := len(rs)
	for n > 0 && pyIsSpace(rs[n-1]) {
		n--
	}
	return rs[:n]
}

// lstripSpace is Python's str.lstrip() without arguments.
func lstripSpace(rs []rune) []rune {
	i := 0
	for i < len(rs) && pyIsSpace(rs[i]) {
		i++
	}
	return rs[i:]
}

// hexValue is the value of a hex digit, or -1.
func hexValue(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= 'a' && r <= 'f':
		return int(r-'a') + 10
	case r >= 'A' && r <= 'F':
		return int(r-'A') + 10
	}
	return -1
}
