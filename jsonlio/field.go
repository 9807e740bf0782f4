package jsonlio

import (
	"fmt"
	"strconv"
	"strings"
)

// Path is a field path such as "completion", "conversations.1.value" or
// "conversations[1].value": object keys and array indexes, outermost first.
type Path []string

// ParsePath splits a dotted path; "[N]" is accepted as a synonym of ".N".
func ParsePath(s string) (Path, error) {
	if s == "" {
		return nil, fmt.Errorf("empty field path")
	}
	s = strings.NewReplacer("[", ".", "]", "").Replace(s)
	parts := strings.Split(s, ".")
	for _, p := range parts {
		if p == "" {
			return nil, fmt.Errorf("field path %q has an empty part", s)
		}
	}
	return Path(parts), nil
}

func (p Path) String() string { return strings.Join(p, ".") }

// Value is the raw bytes of one JSON value inside a validated line.
type Value []byte

// Get returns the value at path, or false when some part is missing.
func (o *Object) Get(p Path) (Value, bool) {
	if len(p) == 0 {
		return nil, false
	}
	var cur Value
	found := false
	for i := len(o.members) - 1; i >= 0; i-- { // the last duplicate wins, as in Python
		if o.members[i].key == p[0] {
			m := o.members[i]
			cur, found = Value(o.Raw[m.start:m.end]), true
			break
		}
	}
	if !found {
		return nil, false
	}
	for _, seg := range p[1:] {
		next, ok := cur.child(seg)
		if !ok {
			return nil, false
		}
		cur = next
	}
	return cur, true
}

// Has reports whether the top-level key exists.
func (o *Object) Has(key string) bool {
	for _, m := range o.members {
		if m.key == key {
			return true
		}
	}
	return false
}

// child steps into an object member or array element of a validated value.
func (v Value) child(seg string) (Value, bool) {
	idx, err := strconv.Atoi(seg)
	if c, ok, sure := v.childFast(seg, idx, err == nil && idx >= 0); sure {
		return c, ok
	}
	return v.childSlow(seg)
}

// childSlow is child byte by byte, the reference.
func (v Value) childSlow(seg string) (Value, bool) {
	s := scanner{b: v}
	switch s.peek() {
	case '{':
		s.i++
		var found Value
		ok := false
		for {
			s.skipSpace()
			if s.peek() == '}' {
				return found, ok
			}
			ks := s.i
			if s.str() != nil {
				return nil, false
			}
			key, err := unquote(v[ks:s.i])
			if err != nil {
				return nil, false
			}
			s.skipSpace()
			s.i++ // ':'
			s.skipSpace()
			vs := s.i
			if s.value(1) != nil {
				return nil, false
			}
			if key == seg {
				found, ok = v[vs:s.i], true
			}
			s.skipSpace()
			if s.peek() == ',' {
				s.i++
			}
		}
	case '[':
		idx, err := strconv.Atoi(seg)
		if err != nil || idx < 0 {
			return nil, false
		}
		s.i++
		for n := 0; ; n++ {
			s.skipSpace()
			if s.peek() == ']' {
				return nil, false
			}
			vs := s.i
			if s.value(1) != nil {
				return nil, false
			}
			if n == idx {
				return v[vs:s.i], true
			}
			s.skipSpace()
			if s.peek() == ',' {
				s.i++
			}
		}
	}
	return nil, false
}

// Kind names the JSON type of v: "string", "number", "object", "array",
// "bool" or "null".
func (v Value) Kind() string {
	if len(v) == 0 {
		return ""
	}
	switch v[0] {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "bool"
	case 'n':
		return "null"
	}
	return "number"
}

// String decodes a string value.
func (v Value) String() (string, error) {
	if v.Kind() != "string" {
		return "", fmt.Errorf("is a JSON %s, not a string", v.Kind())
	}
	return unquote(v)
}

// Float decodes a number value (NaN and ±Infinity included).
func (v Value) Float() (float64, error) {
	if v.Kind() != "number" {
		return 0, fmt.Errorf("is a JSON %s, not a number", v.Kind())
	}
	switch string(v) {
	case "NaN":
		return strconv.ParseFloat("nan", 64)
	case "Infinity":
		return strconv.ParseFloat("inf", 64)
	case "-Infinity":
		return strconv.ParseFloat("-inf", 64)
	}
	return strconv.ParseFloat(string(v), 64)
}

// Elements returns the elements of an array value.
func (v Value) Elements() ([]Value, error) {
	if v.Kind() == "array" {
		if out, ok := v.elementsFast(); ok {
			return out, nil
		}
	}
	return v.elementsSlow()
}

// elementsSlow is Elements byte by byte, the reference.
func (v Value) elementsSlow() ([]Value, error) {
	if v.Kind() != "array" {
		return nil, fmt.Errorf("is a JSON %s, not an array", v.Kind())
	}
	var out []Value
	s := scanner{b: v, i: 1}
	for {
		s.skipSpace()
		if s.peek() == ']' {
			return out, nil
		}
		vs := s.i
		if err := s.value(1); err != nil {
			return nil, err
		}
		out = append(out, v[vs:s.i])
		s.skipSpace()
		if s.peek() == ',' {
			s.i++
		}
	}
}

// Field returns the member key of an object value, or element key (a
// decimal index) of an array value.
func (v Value) Field(key string) (Value, bool) { return v.child(key) }

// Text is how a value reads as a key (a group or an id): a string's
// contents, or the raw JSON of any other value.
func (v Value) Text() string {
	if v.Kind() == "string" {
		if s, err := v.String(); err == nil {
			return s
		}
	}
	return string(v)
}
