package jsonrepair

import (
	"errors"
	"math/big"
	"strconv"
	"strings"

	"github.com/grpo-score/grpo-score/scoring/pyjson"
)

// maxIntDigits is CPython's default int_max_str_digits: converting a longer decimal
// string to int raises ValueError.
const maxIntDigits = 4300

// errIntTooLong is what int(text) raises beyond maxIntDigits.
var errIntTooLong = errors.New("exceeds the limit (4300 digits) for integer string conversion")

// pyIntFromText is int(text) restricted to the characters the callers can pass:
// an optional '-' and ASCII digits.
func pyIntFromText(text string) (pyjson.Int, error) {
	digits := strings.TrimPrefix(text, "-")
	if digits == "" {
		return pyjson.Int{}, errors.New("invalid literal for int()")
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return pyjson.Int{}, errors.New("invalid literal for int()")
		}
	}
	if len(digits) > maxIntDigits {
		return pyjson.Int{}, errIntTooLong
	}
	if len(digits) <= 18 {
		n, _ := strconv.ParseInt(text, 10, 64)
		return pyjson.IntOf(n), nil
	}
	n, _ := new(big.Int).SetString(text, 10)
	return pyjson.BigIntOf(n), nil
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
