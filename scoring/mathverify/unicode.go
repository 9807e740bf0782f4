package mathverify

import "unicode"

// unicodeDigit returns the value of a Unicode decimal digit (category Nd),
// as Python's int() accepts them.
func unicodeDigit(r rune) (int, bool) {
	if r >= '0' && r <= '9' {
		return int(r - '0'), true
	}
	if !unicode.Is(unicode.Nd, r) {
		return 0, false
	}
	// Nd digits come in runs of ten starting at a zero, and adjacent runs
	// are whole: the distance to the start of the region gives the value.
	steps := 0
	for z := r; steps < 100 && unicode.Is(unicode.Nd, z-1); z-- {
		steps++
	}
	return steps % 10, true
}
