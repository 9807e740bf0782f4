package mathverify

import (
	"unicode"
	"unicode/utf8"
)

// A list of numbers (a bounding box, a table) gives the number pattern of
// lazy_expr_regex one match per number, and regexp2 spends microseconds on
// each. matchNumberAt decides that pattern at one position by hand, taking
// the choices in the order the backtracking engine takes them, so that it
// finds the same match with the same groups; the parity tests run both over
// every vector and a fuzz target compares them on arbitrary text.
//
// The pattern, from exprPatterns (\d is \p{Nd}, \s is unicode.IsSpace):
//
//	(?:^|\s|\=)(?:\*\*)?[currency]?(?<!\d)
//	(?: (?<integer1>-?[1-9]\d{0,2}(?:[ ,]\d{3})+)(?<decimal1>\.\d+)?
//	  | (?<integer2>-?\d+)(?<decimal2>[.,]\d+)
//	  | (?<decimal3>\.\d+)
//	  | (?<integer3>-?\d+) )
//	(?<percent>\s*(?:%|[Pp]ercent|[Pp]ercentage|[Pp]ct))?

// numberMatch holds the groups of one match of the number pattern as rune
// spans of the input; most matches are never looked at, so the texts are
// only built on demand.
type numberMatch struct {
	runes []rune
	spans [numberGroupCount]struct{ start, end int32 }
}

// The groups of the number pattern, in the order of numberGroupNames.
const (
	gInteger1 = iota
	gDecimal1
	gInteger2
	gDecimal2
	gDecimal3
	gInteger3
	gPercent
	numberGroupCount
)

var numberGroupNames = [numberGroupCount]string{"integer1", "decimal1", "integer2", "decimal2", "decimal3", "integer3", "percent"}

func (n *numberMatch) set(g, start, end int) {
	n.spans[g].start, n.spans[g].end = int32(start), int32(end)
}

// group is the text of the named group, "" when it did not take part.
func (n *numberMatch) group(name string) string {
	for g, gn := range numberGroupNames {
		if gn == name {
			sp := n.spans[g]
			return string(n.runes[sp.start:sp.end])
		}
	}
	return ""
}

// currencySigns is the class [\$€£¥₹...₿] of exprPatterns.
var currencySigns = func() map[rune]bool {
	m := map[rune]bool{}
	for _, r := range `$€£¥₹₽₪₩₫฿₡₢₣₤₥₦₧₨₩₪₫₭₮₯₰₱₲₳₴₵₶₷₸₹₺₻₼₽₾₿` {
		m[r] = true
	}
	return m
}()

// matchNumberAt reports the match of the number pattern that starts at pos,
// and where it ends; n receives the groups.
func matchNumberAt(runes []rune, pos int, n *numberMatch) (int, bool) {
	// (?:^|\s|\=): '^' only at the start (it consumes nothing), else one
	// space or '='.
	if pos == 0 {
		if end, ok := numberAfterPrefix(runes, 0, n); ok {
			return end, true
		}
	}
	if pos < len(runes) && (runes[pos] == '=' || unicode.IsSpace(runes[pos])) {
		return numberAfterPrefix(runes, pos+1, n)
	}
	return 0, false
}

// numberAfterPrefix tries the greedy options (?:\*\*)? and [currency]?
// taken first, then left out.
func numberAfterPrefix(runes []rune, q int, n *numberMatch) (int, bool) {
	if q >= len(runes) {
		return 0, false
	}
	// Every way on starts with '*', a currency sign, '-', '.' or a digit;
	// most positions (a space before a word) have none of them.
	if r := runes[q]; r < utf8.RuneSelf && r != '*' && r != '$' && r != '-' && r != '.' && (r < '0' || r > '9') {
		return 0, false
	}
	if q+1 < len(runes) && runes[q] == '*' && runes[q+1] == '*' {
		if end, ok := numberAfterStars(runes, q+2, n); ok {
			return end, true
		}
	}
	return numberAfterStars(runes, q, n)
}

func numberAfterStars(runes []rune, s int, n *numberMatch) (int, bool) {
	if s < len(runes) && (runes[s] == '$' || runes[s] >= utf8.RuneSelf && currencySigns[runes[s]]) {
		if end, ok := numberAt(runes, s+1, n); ok {
			return end, true
		}
	}
	return numberAt(runes, s, n)
}

func isDigitAt(runes []rune, i int) bool { return i < len(runes) && unicode.IsDigit(runes[i]) }

// digitsFrom returns the end of the run of digits starting at i.
func digitsFrom(runes []rune, i int) int {
	for isDigitAt(runes, i) {
		i++
	}
	return i
}

// numberAt matches (?<!\d), the four number alternatives in order, and the
// optional percent suffix. No alternative needs backtracking once chosen:
// each greedy run is followed by something a digit cannot be, and nothing
// after the number can fail.
func numberAt(runes []rune, q int, n *numberMatch) (int, bool) {
	if q > 0 && unicode.IsDigit(runes[q-1]) {
		return 0, false
	}
	*n = numberMatch{runes: runes}
	sign := q
	if sign < len(runes) && runes[sign] == '-' {
		sign++
	}
	end := -1
	// integer1: [1-9] then at most two digits, which must end the run of
	// digits, then one or more groups of a space or comma and three digits.
	if sign < len(runes) && runes[sign] >= '1' && runes[sign] <= '9' {
		i := sign + 1
		for k := 0; k < 2 && isDigitAt(runes, i); k++ {
			i++
		}
		g := i
		for g+3 < len(runes) && (runes[g] == ' ' || runes[g] == ',') &&
			unicode.IsDigit(runes[g+1]) && unicode.IsDigit(runes[g+2]) && unicode.IsDigit(runes[g+3]) {
			g += 4
		}
		if g > i {
			n.set(gInteger1, q, g)
			end = g
			if g+1 < len(runes) && runes[g] == '.' && unicode.IsDigit(runes[g+1]) {
				end = digitsFrom(runes, g+1)
				n.set(gDecimal1, g, end)
			}
		}
	}
	if end < 0 {
		if i := digitsFrom(runes, sign); i > sign {
			if i+1 < len(runes) && (runes[i] == '.' || runes[i] == ',') && unicode.IsDigit(runes[i+1]) {
				end = digitsFrom(runes, i+1)
				n.set(gInteger2, q, i)
				n.set(gDecimal2, i, end)
			}
		}
	}
	if end < 0 && q+1 < len(runes) && runes[q] == '.' && unicode.IsDigit(runes[q+1]) {
		end = digitsFrom(runes, q+1)
		n.set(gDecimal3, q, end)
	}
	if end < 0 {
		if i := digitsFrom(runes, sign); i > sign {
			end = i
			n.set(gInteger3, q, i)
		}
	}
	if end < 0 {
		return 0, false
	}
	// percent: all spaces, then %, [Pp]ercent or [Pp]ct; with fewer spaces
	// the next character would be a space, so there is no other way.
	s := end
	for s < len(runes) && unicode.IsSpace(runes[s]) {
		s++
	}
	if l := percentWordAt(runes, s); l > 0 {
		n.set(gPercent, end, s+l)
		end = s + l
	}
	return end, true
}

func percentWordAt(runes []rune, s int) int {
	has := func(w string) bool {
		i := s
		for _, r := range w {
			if i >= len(runes) || runes[i] != r {
				return false
			}
			i++
		}
		return true
	}
	switch {
	case has("%"):
		return 1
	case has("percent"), has("Percent"):
		return 7
	case has("pct"), has("Pct"):
		return 3
	}
	return 0
}
