package jsonrepair

import "github.com/grpo-score/grpo-score/scoring/pyjson"

// The parser builds the Python values of package pyjson, so that the
// library's checks on them (truthiness, type identity, insertion-ordered
// dicts) behave as in Python and json.loads' result needs no conversion.
type value = pyjson.Value

// emptyStr is the "" the library's parse functions return for "nothing here".
const emptyStr = pyjson.Str("")

// isStrictlyEmpty reports an empty str, list or dict.
func isStrictlyEmpty(v value) bool {
	switch x := v.(type) {
	case pyjson.Str:
		return x == ""
	case pyjson.List:
		return len(x) == 0
	case *pyjson.Dict:
		return x.Len() == 0
	}
	return false
}

// isStr reports whether v is the Python str s.
func isStr(v value, s string) bool {
	x, ok := v.(pyjson.Str)
	return ok && string(x) == s
}

// hasKey is `k in d`.
func hasKey(d *pyjson.Dict, k string) bool {
	_, ok := d.Get(k)
	return ok
}

// update is dict.update: existing keys keep their position, new ones are appended.
func update(d, o *pyjson.Dict) {
	vals := o.Values()
	for i, k := range o.Keys() {
		d.Set(k, vals[i])
	}
}

// sameShape compares two values by type and structure, ignoring scalar contents:
// the test the library uses to decide that a repeated top-level value is an update.
func sameShape(a, b value) bool {
	switch x := a.(type) {
	case pyjson.List:
		y, ok := b.(pyjson.List)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !sameShape(x[i], y[i]) {
				return false
			}
		}
		return true
	case *pyjson.Dict:
		y, ok := b.(*pyjson.Dict)
		if !ok || x.Len() != y.Len() {
			return false
		}
		xv := x.Values()
		for i, k := range x.Keys() {
			yv, ok := y.Get(k)
			if !ok || !sameShape(xv[i], yv) {
				return false
			}
		}
		return true
	}
	return a.TypeName() == b.TypeName()
}
