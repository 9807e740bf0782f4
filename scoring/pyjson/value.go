// Package pyjson is Python's json.loads together with the handful of Python
// operations the VLM-R1 rewards apply to the decoded values (subscripts, `in`,
// iteration, arithmetic, comparisons, str() and repr()), each with Python's
// semantics and exception messages. The rewards compare strings built with
// f"{value}" and crash on the same inputs as the reference, so Go's own JSON
// model (float64 numbers, unordered maps) is not enough.
package pyjson

import "math/big"

// Value is a decoded Python value: None, Bool, Int, Float, Str, List or
// *Dict.
type Value interface {
	// TypeName is Python's type(v).__name__, as it appears in exception
	// messages.
	TypeName() string
}

// NoneType is Python's None.
type NoneType struct{}

// None is the only NoneType value.
var None Value = NoneType{}

// Bool is a Python bool; in arithmetic and comparisons it is the int 0 or 1.
type Bool bool

// Int is a Python int (unbounded). Values that fit in an int64 live in
// small; big is set only for those that do not.
type Int struct {
	small int64
	big   *big.Int
}

// Float is a Python float.
type Float float64

// Str is a Python str, stored as WTF-8: valid UTF-8 except that a lone
// surrogate (which json.loads keeps from an escape such as "\ud800") is
// encoded like any other code point in three bytes.
type Str string

// List is a Python list.
type List []Value

// Dict is a Python dict decoded from a JSON object: its keys are strings, in
// insertion order. The zero Dict is empty and ready to use.
type Dict struct {
	keys []string
	vals []Value
	idx  map[string]int // built once a dict outgrows a linear scan
}

const dictScanMax = 16

func (NoneType) TypeName() string { return "NoneType" }
func (Bool) TypeName() string     { return "bool" }
func (Int) TypeName() string      { return "int" }
func (Float) TypeName() string    { return "float" }
func (Str) TypeName() string      { return "str" }
func (List) TypeName() string     { return "list" }
func (*Dict) TypeName() string    { return "dict" }

// IntOf returns the int n.
func IntOf(n int64) Int { return Int{small: n} }

// BigIntOf returns the int n; n must not be modified afterwards.
func BigIntOf(n *big.Int) Int {
	if n.IsInt64() {
		return Int{small: n.Int64()}
	}
	return Int{big: n}
}

// Int64 returns the value and whether it fits in an int64.
func (i Int) Int64() (int64, bool) { return i.small, i.big == nil }

// Big returns the value as a new big.Int.
func (i Int) Big() *big.Int {
	if i.big != nil {
		return new(big.Int).Set(i.big)
	}
	return big.NewInt(i.small)
}

// Len is the number of entries.
func (d *Dict) Len() int { return len(d.keys) }

// Keys returns the keys in insertion order.
func (d *Dict) Keys() []string { return d.keys }

// Values returns the values in key order.
func (d *Dict) Values() []Value { return d.vals }

// Get returns the value stored under key.
func (d *Dict) Get(key string) (Value, bool) {
	if d.idx != nil {
		i, ok := d.idx[key]
		if !ok {
			return nil, false
		}
		return d.vals[i], true
	}
	for i, k := range d.keys {
		if k == key {
			return d.vals[i], true
		}
	}
	return nil, false
}

// Set is d[k] = v: a new key goes last, an existing one keeps its place and
// takes the new value, as json.loads does with duplicate keys.
func (d *Dict) Set(k string, v Value) {
	if d.idx != nil {
		if i, ok := d.idx[k]; ok {
			d.vals[i] = v
			return
		}
		d.idx[k] = len(d.keys)
	} else {
		for i, old := range d.keys {
			if old == k {
				d.vals[i] = v
				return
			}
		}
		if len(d.keys) == dictScanMax {
			d.idx = make(map[string]int, 2*dictScanMax)
			for i, old := range d.keys {
				d.idx[old] = i
			}
			d.idx[k] = len(d.keys)
		}
	}
	d.keys = append(d.keys, k)
	d.vals = append(d.vals, v)
}
