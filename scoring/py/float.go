package py

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// ErrFloat is returned by ParseFloat for text that Python's float() rejects.
var ErrFloat = errors.New("could not convert string to float")

// ParseFloat is Python's float(str): surrounding Unicode whitespace is
// allowed, any Unicode decimal digit counts as its ASCII value, single
// underscores may separate digits, "inf", "infinity" and "nan" are accepted
// in any case with a sign, and out-of-range values become ±inf or 0.
func ParseFloat(s string) (float64, error) {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < 0x80:
			b.WriteRune(r)
		case IsSpace(r):
			b.WriteByte(' ')
		case IsDecimal(r):
			b.WriteByte(byte('0' + digitValue(r)))
		default:
			return 0, ErrFloat
		}
	}
	// Only non-ASCII whitespace was turned into spaces above; the ASCII
	// separators \x1c-\x1f survive and are not stripped, as in CPython.
	t := strings.Trim(b.String(), " \t\n\v\f\r")
	if t == "" {
		return 0, ErrFloat
	}
	body := t
	if body[0] == '+' || body[0] == '-' {
		body = body[1:]
	}
	switch strings.ToLower(body) {
	case "inf", "infinity":
		if t[0] == '-' {
			return math.Inf(-1), nil
		}
		return math.Inf(1), nil
	case "nan":
		return math.NaN(), nil
	}
	clean, ok := decimalLiteral(body)
	if !ok {
		return 0, ErrFloat
	}
	if t[0] == '-' {
		clean = "-" + clean
	}
	f, err := strconv.ParseFloat(clean, 64)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && ne.Err == strconv.ErrRange {
			return f, nil
		}
		return 0, ErrFloat
	}
	return f, nil
}

// decimalLiteral checks digits[.digits][e[sign]digits] with PEP 515
// underscores (only between two digits) and returns it without underscores.
func decimalLiteral(s string) (string, bool) {
	out := make([]byte, 0, len(s))
	i := 0
	digits := func() int {
		n := 0
		for i < len(s) {
			c := s[i]
			if c >= '0' && c <= '9' {
				out = append(out, c)
				n++
				i++
				continue
			}
			if c == '_' && n > 0 && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
				i++
				continue
			}
			break
		}
		return n
	}
	intDigits := digits()
	fracDigits := 0
	if i < len(s) && s[i] == '.' {
		out = append(out, '.')
		i++
		fracDigits = digits()
	}
	if intDigits+fracDigits == 0 {
		return "", false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		out = append(out, 'e')
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			out = append(out, s[i])
			i++
		}
		if digits() == 0 {
			return "", false
		}
	}
	return string(out), i == len(s)
}

// digitValue is the decimal value of a Unicode decimal digit. Every range of
// category Nd in the Unicode tables starts at a zero and holds whole runs of
// ten, so the value is the offset from the range start modulo ten.
func digitValue(r rune) int {
	for _, rg := range unicode.Nd.R16 {
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) {
			return int(r-rune(rg.Lo)) % 10
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) {
			return int(r-rune(rg.Lo)) % 10
		}
	}
	return 0
}

// DigitValue returns the value of a Unicode decimal digit, as Python's int()
// reads it, and whether r is one.
func DigitValue(r rune) (int, bool) {
	if r >= '0' && r <= '9' {
		return int(r - '0'), true
	}
	if r < 0x80 || !IsDecimal(r) {
		return 0, false
	}
	return digitValue(r), true
}
