package jsonrepair

import "unicode/utf8"

// The parser builds Python-shaped values so that the library's checks on them
// (truthiness, type identity, insertion-ordered dicts, in-place list mutation)
// behave as they do in Python. A value is one of:
//
//	nil       None
//	bool      True / False
//	pyInt     int (any size, kept as its canonical decimal digits)
//	float64   float
//	string    str, as generalised UTF-8 so lone surrogates survive (see encodeRunes)
//	*pyList   list
//	*pyDict   dict
type value = any

// pyInt is a Python int held as canonical decimal text ("-12", "0").
type pyInt struct{ text string }

// pyList is a Python list; a pointer so that in-place mutation is shared like in Python.
type pyList struct{ items []value }

// pyDict is a Python dict: insertion-ordered, re-assignment keeps the first position.
type pyDict struct {
	keys []string
	vals map[string]value
}

func newDict() *pyDict { return &pyDict{vals: map[string]value{}} }

func (d *pyDict) set(k string, v value) {
	if _, ok := d.vals[k]; !ok {
		d.keys = append(d.keys, k)
	}
	d.vals[k] = v
}

func (d *pyDict) has(k string) bool {
	_, ok := d.vals[k]
	return ok
}

// update is dict.update: existing keys keep their position, new ones are appended.
func (d *pyDict) update(o *pyDict) {
	for _, k := range o.keys {
		d.set(k, o.vals[k])
	}
}

// truthy is Python's bool(v).
func truthy(v value) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case pyInt:
		return x.text != "0"
	case float64:
		return x != 0
	case string:
		return x != ""
	case *pyList:
		return len(x.items) > 0
	case *pyDict:
		return len(x.keys) > 0
	}
	return true
}

// isStrictlyEmpty reports an empty str, list or dict.
func isStrictlyEmpty(v value) bool {
	switch x := v.(type) {
	case string:
		return x == ""
	case *pyList:
		return len(x.items) == 0
	case *pyDict:
		return len(x.keys) == 0
	}
	return false
}

// isStr reports whether v is the Python str s.
func isStr(v value, s string) bool {
	x, ok := v.(string)
	return ok && x == s
}

// sameShape compares two values by type and structure, ignoring scalar contents:
// the test the library uses to decide that a repeated top-level value is an update.
func sameShape(a, b value) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case bool:
		_, ok := b.(bool)
		return ok
	case pyInt:
		_, ok := b.(pyInt)
		return ok
	case float64:
		_, ok := b.(float64)
		return ok
	case string:
		_, ok := b.(string)
		return ok
	case *pyList:
		y, ok := b.(*pyList)
		if !ok || len(x.items) != len(y.items) {
			return false
		}
		for i := range x.items {
			if !sameShape(x.items[i], y.items[i]) {
				return false
			}
		}
		return true
	case *pyDict:
		y, ok := b.(*pyDict)
		if !ok || len(x.keys) != len(y.keys) {
			return false
		}
		for _, k := range x.keys {
			yv, ok := y.vals[k]
			if !ok || !sameShape(x.vals[k], yv) {
				return false
			}
		}
		return true
	}
	return false
}

// encodeRunes turns code points into a Go string. Surrogate code points, which
// Python strings may hold but UTF-8 may not, are written with the generalised
// three-byte form so that decodeRune can give them back unchanged.
func encodeRunes(rs []rune) string {
	buf := make([]byte, 0, len(rs))
	for _, r := range rs {
		if r >= 0xd800 && r <= 0xdfff {
			buf = append(buf, 0xe0|byte(r>>12), 0x80|byte(r>>6)&0x3f, 0x80|byte(r)&0x3f)
			continue
		}
		buf = utf8.AppendRune(buf, r)
	}
	return string(buf)
}

// decodeRune is utf8.DecodeRuneInString that also accepts encodeRunes' surrogates.
func decodeRune(s string) (rune, int) {
	if len(s) >= 3 && s[0] == 0xed && s[1] >= 0xa0 && s[1] <= 0xbf && s[2]&0xc0 == 0x80 {
		return rune(s[0]&0x0f)<<12 | rune(s[1]&0x3f)<<6 | rune(s[2]&0x3f), 3
	}
	return utf8.DecodeRuneInString(s)
}

// decodeRunes is the inverse of encodeRunes.
func decodeRunes(s string) []rune {
	out := make([]rune, 0, len(s))
	for len(s) > 0 {
		r, n := decodeRune(s)
		out = append(out, r)
		s = s[n:]
	}
	return out
}
