package pyjson

import (
	"math"
	"math/big"
	"math/bits"
)

// asInt returns v as an int if it is an int or a bool (bool is a subclass
// of int in Python).
func asInt(v Value) (Int, bool) {
	switch v := v.(type) {
	case Int:
		return v, true
	case Bool:
		if v {
			return Int{small: 1}, true
		}
		return Int{}, true
	}
	return Int{}, false
}

// isNumber reports whether v is an int, bool or float.
func isNumber(v Value) bool {
	switch v.(type) {
	case Int, Bool, Float:
		return true
	}
	return false
}

// intToFloat is float(int): correctly rounded, OverflowError beyond the
// float range.
func intToFloat(i Int) (float64, error) {
	if i.big == nil {
		return float64(i.small), nil
	}
	f, _ := new(big.Float).SetInt(i.big).Float64()
	if math.IsInf(f, 0) {
		return 0, raise("OverflowError", "int too large to convert to float")
	}
	return f, nil
}

// ToFloat is float(v) for a number.
func ToFloat(v Value) (float64, error) {
	if f, ok := v.(Float); ok {
		return float64(f), nil
	}
	if i, ok := asInt(v); ok {
		return intToFloat(i)
	}
	return 0, raise("TypeError", "float() argument must be a string or a real number, not '%s'", v.TypeName())
}

// floats converts both operands of a mixed int/float operation to float.
func floats(a, b Value) (float64, float64, error) {
	x, err := ToFloat(a)
	if err != nil {
		return 0, 0, err
	}
	y, err := ToFloat(b)
	return x, y, err
}

func binopError(op string, a, b Value) error {
	return raise("TypeError", "unsupported operand type(s) for %s: '%s' and '%s'", op, a.TypeName(), b.TypeName())
}

// Add is a + b for numbers.
func Add(a, b Value) (Value, error) { return arith('+', a, b) }

// Sub is a - b for numbers.
func Sub(a, b Value) (Value, error) { return arith('-', a, b) }

// Mul is a * b for numbers.
func Mul(a, b Value) (Value, error) { return arith('*', a, b) }

// arith applies + - or * with Python's rules: int op int is exact, any
// float operand makes the other one a float first.
func arith(op byte, a, b Value) (Value, error) {
	if !isNumber(a) || !isNumber(b) {
		return nil, binopError(string(op), a, b)
	}
	x, xInt := asInt(a)
	y, yInt := asInt(b)
	if xInt && yInt {
		return intArith(op, x, y), nil
	}
	fx, fy, err := floats(a, b)
	if err != nil {
		return nil, err
	}
	switch op {
	case '+':
		return Float(fx + fy), nil
	case '-':
		return Float(fx - fy), nil
	}
	return Float(fx * fy), nil
}

func intArith(op byte, x, y Int) Int {
	if x.big == nil && y.big == nil {
		switch op {
		case '+':
			s := x.small + y.small
			if (s > x.small) == (y.small > 0) {
				return Int{small: s}
			}
		case '-':
			s := x.small - y.small
			if (s < x.small) == (y.small > 0) {
				return Int{small: s}
			}
		case '*':
			if p, ok := mul64(x.small, y.small); ok {
				return Int{small: p}
			}
		}
	}
	bx, by := x.Big(), y.Big()
	switch op {
	case '+':
		return BigIntOf(bx.Add(bx, by))
	case '-':
		return BigIntOf(bx.Sub(bx, by))
	}
	return BigIntOf(bx.Mul(bx, by))
}

func mul64(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	neg := (a < 0) != (b < 0)
	ua, ub := uabs(a), uabs(b)
	hi, lo := bits.Mul64(ua, ub)
	if hi != 0 {
		return 0, false
	}
	if neg {
		if lo > 1<<63 {
			return 0, false
		}
		return int64(-lo), true
	}
	if lo >= 1<<63 {
		return 0, false
	}
	return int64(lo), true
}

func uabs(a int64) uint64 {
	if a < 0 {
		return uint64(-a)
	}
	return uint64(a)
}

// TrueDiv is a / b for numbers: int / int is the correctly rounded quotient,
// otherwise both sides become floats.
func TrueDiv(a, b Value) (Value, error) {
	if !isNumber(a) || !isNumber(b) {
		return nil, binopError("/", a, b)
	}
	x, xInt := asInt(a)
	y, yInt := asInt(b)
	if xInt && yInt {
		if y.big == nil && y.small == 0 {
			return nil, raise("ZeroDivisionError", "division by zero")
		}
		const exact = 1 << 53
		if x.big == nil && y.big == nil && x.small >= -exact && x.small <= exact && y.small >= -exact && y.small <= exact {
			return Float(float64(x.small) / float64(y.small)), nil
		}
		bx, by := x.Big(), y.Big()
		q, _ := new(big.Rat).SetFrac(bx, by).Float64()
		if q == 0 && (bx.Sign() < 0) != (by.Sign() < 0) {
			q = math.Copysign(0, -1)
		}
		if math.IsInf(q, 0) {
			return nil, raise("OverflowError", "integer division result too large for a float")
		}
		return Float(q), nil
	}
	fx, fy, err := floats(a, b)
	if err != nil {
		return nil, err
	}
	if fy == 0 {
		return nil, raise("ZeroDivisionError", "float division by zero")
	}
	return Float(fx / fy), nil
}

// cmpNum compares two numbers exactly (an int is never rounded to compare
// with a float). ok is false when a NaN makes them unordered.
func cmpNum(a, b Value) (c int, ok bool) {
	x, xInt := asInt(a)
	y, yInt := asInt(b)
	switch {
	case xInt && yInt:
		if x.big == nil && y.big == nil {
			return cmp3(x.small, y.small), true
		}
		return x.Big().Cmp(y.Big()), true
	case !xInt && !yInt:
		fx, fy := float64(a.(Float)), float64(b.(Float))
		if fx != fx || fy != fy {
			return 0, false
		}
		return cmpF(fx, fy), true
	case xInt:
		c, ok := cmpIntFloat(x, float64(b.(Float)))
		return c, ok
	}
	c, ok = cmpIntFloat(y, float64(a.(Float)))
	return -c, ok
}

func cmp3(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func cmpF(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func cmpIntFloat(i Int, f float64) (int, bool) {
	switch {
	case f != f:
		return 0, false
	case math.IsInf(f, 1):
		return -1, true
	case math.IsInf(f, -1):
		return 1, true
	}
	if i.big == nil && i.small >= -1<<53 && i.small <= 1<<53 {
		return cmpF(float64(i.small), f), true
	}
	bf := new(big.Float).SetPrec(0).SetFloat64(f)
	bi := new(big.Float).SetInt(i.Big())
	return bi.Cmp(bf), true
}

// Equal is a == b.
func Equal(a, b Value) bool { return equal(a, b, false) }

// sameOrEqual is PyObject_RichCompareBool(a, b, Py_EQ), which `in`, list
// and dict comparisons use: identity first. Every NaN that json.loads reads
// is the same object, so two NaNs count as equal there.
func sameOrEqual(a, b Value) bool { return equal(a, b, true) }

func isNaN(v Value) bool {
	f, ok := v.(Float)
	return ok && f != f
}

func equal(a, b Value, identity bool) bool {
	if identity && isNaN(a) && isNaN(b) {
		return true
	}
	if isNumber(a) && isNumber(b) {
		c, ok := cmpNum(a, b)
		return ok && c == 0
	}
	switch x := a.(type) {
	case NoneType:
		_, ok := b.(NoneType)
		return ok
	case Str:
		y, ok := b.(Str)
		return ok && x == y
	case List:
		y, ok := b.(List)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !sameOrEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case *Dict:
		y, ok := b.(*Dict)
		if !ok || len(x.keys) != len(y.keys) {
			return false
		}
		for i, k := range x.keys {
			v, found := y.Get(k)
			if !found || !sameOrEqual(x.vals[i], v) {
				return false
			}
		}
		return true
	}
	return false
}

// Less is a < b.
func Less(a, b Value) (bool, error) { return order("<", a, b) }

// Greater is a > b.
func Greater(a, b Value) (bool, error) { return order(">", a, b) }

// order evaluates a < b or a > b for numbers, strs (by code point) and
// lists (lexicographically); other pairs raise TypeError as in Python.
func order(op string, a, b Value) (bool, error) {
	if isNumber(a) && isNumber(b) {
		c, ok := cmpNum(a, b)
		if !ok {
			return false, nil
		}
		return (op == "<" && c < 0) || (op == ">" && c > 0), nil
	}
	switch x := a.(type) {
	case Str:
		if y, ok := b.(Str); ok {
			if op == "<" {
				return x < y, nil
			}
			return x > y, nil
		}
	case List:
		if y, ok := b.(List); ok {
			for i := 0; i < len(x) && i < len(y); i++ {
				if !sameOrEqual(x[i], y[i]) {
					return order(op, x[i], y[i])
				}
			}
			if op == "<" {
				return len(x) < len(y), nil
			}
			return len(x) > len(y), nil
		}
	}
	return false, raise("TypeError", "'%s' not supported between instances of '%s' and '%s'", op, a.TypeName(), b.TypeName())
}

// Max is max(a, b): b only if b > a, so the first of equal values wins.
func Max(a, b Value) (Value, error) {
	gt, err := Greater(b, a)
	if err != nil {
		return nil, err
	}
	if gt {
		return b, nil
	}
	return a, nil
}

// Min is min(a, b): b only if b < a.
func Min(a, b Value) (Value, error) {
	lt, err := Less(b, a)
	if err != nil {
		return nil, err
	}
	if lt {
		return b, nil
	}
	return a, nil
}
