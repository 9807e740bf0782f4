package jsonrepair

import (
	"errors"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// maxIntDigits is CPython's default int_max_str_digits: converting a longer decimal
// string to int raises ValueError.
const maxIntDigits = 4300

// errIntTooLong is what int(text) raises beyond maxIntDigits.
var errIntTooLong = errors.New("exceeds the limit (4300 digits) for integer string conversion")

// pyIntFromText is int(text) restricted to the characters the callers can pass:
// an optional '-' and ASCII digits.
func pyIntFromText(text string) (pyInt, error) {
	digits := strings.TrimPrefix(text, "-")
	if digits == "" {
		return pyInt{}, errors.New("invalid literal for int()")
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return pyInt{}, errors.New("invalid literal for int()")
		}
	}
	if len(digits) > maxIntDigits {
		return pyInt{}, errIntTooLong
	}
	if len(digits) <= 18 {
		n, _ := strconv.ParseInt(text, 10, 64)
		return pyInt{text: strconv.FormatInt(n, 10)}, nil
	}
	var n big.Int
	n.SetString(text, 10)
	return pyInt{text: n.String()}, nil
}

// pyFloatFromText is float(text) for text made of digits, '-', '.', 'e' and 'E'.
// Python's grammar: [sign] (digits ['.' [digits]] | '.' digits) [('e'|'E') [sign] digits].
func pyFloatFromText(text string) (float64, bool) {
	if !pyFloatSyntax(text) {
		return 0, false
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		var numErr *strconv.NumError
		if errors.As(err, &numErr) && errors.Is(numErr.Err, strconv.ErrRange) {
			return f, true
		}
		return 0, false
	}
	return f, true
}

func pyFloatSyntax(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	intDigits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		intDigits++
	}
	fracDigits := 0
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			fracDigits++
		}
	}
	if intDigits == 0 && fracDigits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			i++
		}
		expDigits := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			expDigits++
		}
		if expDigits == 0 {
			return false
		}
	}
	return i == len(s)
}

// pyFloatRepr is json.dumps' rendering of a float: repr() for finite values,
// NaN / Infinity / -Infinity otherwise.
func pyFloatRepr(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	sci := strconv.FormatFloat(f, 'e', -1, 64)
	ePos := strings.IndexByte(sci, 'e')
	exp, _ := strconv.Atoi(sci[ePos+1:])
	if exp < -4 || exp >= 16 {
		return sci
	}
	fixed := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.ContainsRune(fixed, '.') {
		fixed += ".0"
	}
	return fixed
}
