package pyjson

import (
	"strings"
	"unicode/utf8"

	"github.com/grpo-score/grpo-score/scoring/py"
)

// Truthy is bool(v).
func Truthy(v Value) bool {
	switch v := v.(type) {
	case NoneType:
		return false
	case Bool:
		return bool(v)
	case Int:
		return v.big != nil || v.small != 0
	case Float:
		return v != 0
	case Str:
		return v != ""
	case List:
		return len(v) > 0
	case *Dict:
		return len(v.keys) > 0
	}
	return true
}

// Len is len(v) for a str, list or dict.
func Len(v Value) (int, error) {
	switch v := v.(type) {
	case Str:
		return countWTF8(string(v)), nil
	case List:
		return len(v), nil
	case *Dict:
		return len(v.keys), nil
	}
	return 0, raise("TypeError", "object of type '%s' has no len()", v.TypeName())
}

// Iter is list(v): the items of a list, the keys of a dict, the characters
// of a str.
func Iter(v Value) ([]Value, error) {
	switch v := v.(type) {
	case List:
		return v, nil
	case *Dict:
		out := make([]Value, len(v.keys))
		for i, k := range v.keys {
			out[i] = Str(k)
		}
		return out, nil
	case Str:
		s := string(v)
		out := make([]Value, 0, len(s))
		for i := 0; i < len(s); {
			_, n := decodeWTF8(s, i)
			out = append(out, Str(s[i:i+n]))
			i += n
		}
		return out, nil
	}
	return nil, raise("TypeError", "'%s' object is not iterable", v.TypeName())
}

// Contains is `item in container`.
func Contains(container, item Value) (bool, error) {
	switch c := container.(type) {
	case Str:
		s, ok := item.(Str)
		if !ok {
			return false, raise("TypeError", "'in <string>' requires string as left operand, not %s", item.TypeName())
		}
		return strings.Contains(string(c), string(s)), nil
	case List:
		for _, x := range c {
			if sameOrEqual(x, item) {
				return true, nil
			}
		}
		return false, nil
	case *Dict:
		if _, err := HashKey(item); err != nil {
			return false, err
		}
		s, ok := item.(Str)
		if !ok {
			return false, nil
		}
		_, found := c.Get(string(s))
		return found, nil
	}
	return false, raise("TypeError", "argument of type '%s' is not iterable", container.TypeName())
}

// GetItem is v[key].
func GetItem(v, key Value) (Value, error) {
	switch c := v.(type) {
	case *Dict:
		if _, err := HashKey(key); err != nil {
			return nil, err
		}
		if s, ok := key.(Str); ok {
			if x, found := c.Get(string(s)); found {
				return x, nil
			}
		}
		return nil, &Error{Type: "KeyError", Msg: Repr(key)}
	case List:
		i, err := index(key, len(c), "list")
		if err != nil {
			return nil, err
		}
		return c[i], nil
	case Str:
		s := string(c)
		if _, ok := asInt(key); !ok {
			return nil, raise("TypeError", "string indices must be integers, not '%s'", key.TypeName())
		}
		i, err := index(key, countWTF8(s), "string")
		if err != nil {
			return nil, err
		}
		p := 0
		for ; i > 0; i-- {
			_, n := decodeWTF8(s, p)
			p += n
		}
		_, n := decodeWTF8(s, p)
		return Str(s[p : p+n]), nil
	}
	return nil, raise("TypeError", "'%s' object is not subscriptable", v.TypeName())
}

// index resolves a (possibly negative) int subscript of a sequence of length n.
func index(key Value, n int, what string) (int, error) {
	k, ok := asInt(key)
	if !ok {
		return 0, raise("TypeError", "%s indices must be integers or slices, not %s", what, key.TypeName())
	}
	i, small := k.Int64()
	if !small {
		return 0, raise("IndexError", "cannot fit 'int' into an index-sized integer")
	}
	if i < 0 {
		i += int64(n)
	}
	if i < 0 || i >= int64(n) {
		return 0, raise("IndexError", "%s index out of range", what)
	}
	return int(i), nil
}

// Lower is v.lower(), defined on str only.
func Lower(v Value) (Value, error) {
	s, ok := v.(Str)
	if !ok {
		return nil, raise("AttributeError", "'%s' object has no attribute 'lower'", v.TypeName())
	}
	return Str(lowerWTF8(string(s))), nil
}

// lowerWTF8 lower-cases the text between lone surrogates, which have no case.
func lowerWTF8(s string) string {
	if utf8.ValidString(s) {
		return py.Lower(s)
	}
	var b strings.Builder
	start := 0
	for i := 0; i < len(s); {
		r, n := decodeWTF8(s, i)
		if (r >= 0xd800 && r <= 0xdfff) || (r == utf8.RuneError && n == 1) {
			b.WriteString(py.Lower(s[start:i]))
			b.WriteString(s[i : i+n])
			start = i + n
		}
		i += n
	}
	b.WriteString(py.Lower(s[start:]))
	return b.String()
}

// countWTF8 is len() of a WTF-8 str: its number of code points.
func countWTF8(s string) int {
	if utf8.ValidString(s) {
		return utf8.RuneCountInString(s)
	}
	n := 0
	for i := 0; i < len(s); n++ {
		_, w := decodeWTF8(s, i)
		i += w
	}
	return n
}
