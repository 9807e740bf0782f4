package pyjson

import (
	"math"
	"math/big"
	"strconv"
)

// Key is a comparable stand-in for a hashable Python value: two values have
// equal keys exactly when they are equal dict keys in Python, so 1, 1.0 and
// True share one key. json.loads returns one shared float object for every
// NaN it reads, and dict lookups try identity before equality, so all NaN
// keys are equal too.
type Key struct {
	kind byte // 'N' None, 'i' integral number, 'f' other float, 'n' NaN, 's' str
	s    string
	f    float64
}

// HashKey returns the key of v, or TypeError for a list or dict.
func HashKey(v Value) (Key, error) {
	switch x := v.(type) {
	case NoneType:
		return Key{kind: 'N'}, nil
	case Str:
		return Key{kind: 's', s: string(x)}, nil
	case Bool, Int:
		i, _ := asInt(v)
		if i.big != nil {
			return Key{kind: 'i', s: i.big.String()}, nil
		}
		return Key{kind: 'i', s: strconv.FormatInt(i.small, 10)}, nil
	case Float:
		f := float64(x)
		if f == math.Trunc(f) && !math.IsInf(f, 0) {
			if math.Abs(f) < 1<<62 {
				return Key{kind: 'i', s: strconv.FormatInt(int64(f), 10)}, nil
			}
			n, _ := new(big.Float).SetFloat64(f).Int(nil)
			return Key{kind: 'i', s: n.String()}, nil
		}
		if f != f {
			return Key{kind: 'n'}, nil
		}
		return Key{kind: 'f', f: f}, nil
	}
	return Key{}, raise("TypeError", "unhashable type: '%s'", v.TypeName())
}
