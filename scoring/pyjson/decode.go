package pyjson

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// MaxDepth is how deeply arrays and objects may nest: one more level raises
// RecursionError. CPython's limit depends on the stack depth at the call
// (997 minus the Python frames above json.loads); this approximation is the
// one package jsonrepair uses too, so both agree on which texts fail.
const MaxDepth = 994

// maxIntDigits is sys.get_int_max_str_digits() of CPython 3.11.
const maxIntDigits = 4300

// Loads is json.loads(s) of CPython 3.11 with its default options.
func Loads(s string) (Value, error) {
	if strings.HasPrefix(s, "\ufeff") {
		return nil, decodeError(s, 0, "Unexpected UTF-8 BOM (decode using utf-8-sig)")
	}
	d := decoder{s: s, maxDepth: MaxDepth}
	start := d.skipWS(0)
	v, end, err := d.value(start, 0)
	if err != nil {
		return nil, err
	}
	end = d.skipWS(end)
	if end != len(s) {
		return nil, decodeError(s, end, "Extra data")
	}
	return v, nil
}

// RawDecode is JSONDecoder().raw_decode(s): one JSON value starting exactly
// at s[0] (no leading whitespace) and the byte offset just after it; what
// follows is not looked at. Arrays and objects may nest maxDepth levels:
// json_repair calls it deeper in the Python stack than json.loads runs, so
// its recursion limit comes earlier than MaxDepth.
func RawDecode(s string, maxDepth int) (Value, int, error) {
	d := decoder{s: s, maxDepth: maxDepth}
	return d.value(0, 0)
}

type decoder struct {
	s        string
	maxDepth int // nesting beyond which RecursionError is raised

	// The last strings boxed as Values. A str is immutable, so equal
	// strings of one document (the labels of a box list) share one box.
	boxed [4]Value
	next  int
}

// box returns str as a Value, reusing the box of an equal recent string.
func (d *decoder) box(str Str) Value {
	for _, v := range d.boxed {
		if b, ok := v.(Str); ok && b == str {
			return v
		}
	}
	v := Value(str)
	d.boxed[d.next] = v
	d.next = (d.next + 1) % len(d.boxed)
	return v
}

func (d *decoder) skipWS(i int) int {
	for i < len(d.s) {
		switch d.s[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// value is the scanner's scan_once at byte offset i: one JSON term and the
// offset after it. Where no term starts, Python raises StopIteration, which
// json.loads reports as "Expecting value" at that offset.
func (d *decoder) value(i, depth int) (Value, int, error) {
	s := d.s
	if i >= len(s) {
		return nil, 0, decodeError(s, i, "Expecting value")
	}
	switch s[i] {
	case '"':
		str, end, err := d.str(i + 1)
		if err != nil {
			return nil, 0, err
		}
		return d.box(str), end, nil
	case '{':
		if depth >= d.maxDepth {
			return nil, 0, raise("RecursionError", "maximum recursion depth exceeded while decoding a JSON object from a unicode string")
		}
		return d.object(i+1, depth+1)
	case '[':
		if depth >= d.maxDepth {
			return nil, 0, raise("RecursionError", "maximum recursion depth exceeded while decoding a JSON array from a unicode string")
		}
		return d.array(i+1, depth+1)
	case 'n':
		if strings.HasPrefix(s[i:], "null") {
			return None, i + 4, nil
		}
	case 't':
		if strings.HasPrefix(s[i:], "true") {
			return Bool(true), i + 4, nil
		}
	case 'f':
		if strings.HasPrefix(s[i:], "false") {
			return Bool(false), i + 5, nil
		}
	case 'N':
		if strings.HasPrefix(s[i:], "NaN") {
			return Float(math.NaN()), i + 3, nil
		}
	case 'I':
		if strings.HasPrefix(s[i:], "Infinity") {
			return Float(math.Inf(1)), i + 8, nil
		}
	case '-':
		if strings.HasPrefix(s[i:], "-Infinity") {
			return Float(math.Inf(-1)), i + 9, nil
		}
	}
	return d.number(i)
}

// dictBlock is a Dict and room for its first four entries, allocated at
// once: one allocation per object instead of three.
type dictBlock struct {
	d Dict
	k [4]string
	v [4]Value
}

func (d *decoder) object(i, depth int) (Value, int, error) {
	s := d.s
	b := &dictBlock{}
	b.d.keys, b.d.vals = b.k[:0], b.v[:0]
	dict := &b.d
	i = d.skipWS(i)
	if i < len(s) && s[i] == '}' {
		return dict, i + 1, nil
	}
	for {
		if i >= len(s) || s[i] != '"' {
			return nil, 0, decodeError(s, i, "Expecting property name enclosed in double quotes")
		}
		key, end, err := d.str(i + 1)
		if err != nil {
			return nil, 0, err
		}
		i = d.skipWS(end)
		if i >= len(s) || s[i] != ':' {
			return nil, 0, decodeError(s, i, "Expecting ':' delimiter")
		}
		i = d.skipWS(i + 1)
		v, end, err := d.value(i, depth)
		if err != nil {
			return nil, 0, err
		}
		dict.Set(string(key), v)
		i = d.skipWS(end)
		if i < len(s) && s[i] == '}' {
			return dict, i + 1, nil
		}
		if i >= len(s) || s[i] != ',' {
			return nil, 0, decodeError(s, i, "Expecting ',' delimiter")
		}
		i = d.skipWS(i + 1)
	}
}

func (d *decoder) array(i, depth int) (Value, int, error) {
	s := d.s
	list := make(List, 0, 4)
	i = d.skipWS(i)
	if i < len(s) && s[i] == ']' {
		return list, i + 1, nil
	}
	for {
		v, end, err := d.value(i, depth)
		if err != nil {
			return nil, 0, err
		}
		list = append(list, v)
		i = d.skipWS(end)
		if i < len(s) && s[i] == ']' {
			return list, i + 1, nil
		}
		if i >= len(s) || s[i] != ',' {
			return nil, 0, decodeError(s, i, "Expecting ',' delimiter")
		}
		i = d.skipWS(i + 1)
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// number matches -?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)? at i, the way the C
// scanner does: a fraction or exponent without digits is left unread (and
// then fails as extra data).
func (d *decoder) number(start int) (Value, int, error) {
	s := d.s
	i := start
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	case i < len(s) && s[i] == '0':
		i++
	default:
		return nil, 0, decodeError(s, start, "Expecting value")
	}
	isFloat := false
	if i+1 < len(s) && s[i] == '.' && isDigit(s[i+1]) {
		isFloat = true
		i += 2
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	if i+1 < len(s) && (s[i] == 'e' || s[i] == 'E') {
		e := i
		i++
		if i+1 < len(s) && (s[i] == '-' || s[i] == '+') {
			i++
		}
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if isDigit(s[i-1]) {
			isFloat = true
		} else {
			i = e
		}
	}
	lit := s[start:i]
	if isFloat {
		f, err := strconv.ParseFloat(lit, 64)
		if err != nil && !isRangeErr(err) {
			return nil, 0, raise("ValueError", "could not convert string to float: %s", quoteStr(lit))
		}
		return Float(f), i, nil
	}
	if len(lit) <= 3 && lit[0] != '-' {
		n := 0
		for j := 0; j < len(lit); j++ {
			n = n*10 + int(lit[j]-'0')
		}
		return smallInts[n], i, nil
	}
	n, err := parseInt(lit)
	if err != nil {
		return nil, 0, err
	}
	return n, i, nil
}

// smallInts holds 0 to 999 already boxed as Values: box coordinates are
// mostly such numbers, and boxing each would allocate. Read-only.
var smallInts = func() (t [1000]Value) {
	for i := range t {
		t[i] = Int{small: int64(i)}
	}
	return t
}()

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// parseInt is int(lit) for an optionally signed run of ASCII digits,
// including CPython's limit on the number of digits.
func parseInt(lit string) (Int, error) {
	digits := len(lit)
	if lit[0] == '-' {
		digits--
	}
	if digits <= 18 {
		n, _ := strconv.ParseInt(lit, 10, 64)
		return Int{small: n}, nil
	}
	if digits > maxIntDigits {
		return Int{}, raise("ValueError", "Exceeds the limit (%d digits) for integer string conversion: value has %d digits; use sys.set_int_max_str_digits() to increase the limit", maxIntDigits, digits)
	}
	b, _ := new(big.Int).SetString(lit, 10)
	return BigIntOf(b), nil
}

// str is scanstring: the string whose opening quote is just before i, and
// the offset after its closing quote. Lone surrogates from \u escapes are
// kept (as WTF-8).
func (d *decoder) str(i int) (Str, int, error) {
	s := d.s
	begin := i - 1
	// Fast path: no escapes.
	j := i
	for j < len(s) {
		c := s[j]
		if c == '"' {
			return Str(s[i:j]), j + 1, nil
		}
		if c == '\\' {
			break
		}
		if c <= 0x1f {
			return "", 0, decodeError(s, j, "Invalid control character at")
		}
		j++
	}
	if j >= len(s) {
		return "", 0, decodeError(s, begin, "Unterminated string starting at")
	}
	buf := make([]byte, 0, j-i+16)
	buf = append(buf, s[i:j]...)
	for {
		// s[j] is a backslash.
		j++
		if j >= len(s) {
			return "", 0, decodeError(s, begin, "Unterminated string starting at")
		}
		if s[j] != 'u' {
			var c byte
			switch s[j] {
			case '"', '\\', '/':
				c = s[j]
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			default:
				return "", 0, decodeError(s, j-1, "Invalid \\escape")
			}
			buf = append(buf, c)
			j++
		} else {
			u := j // the 'u'
			end := j + 5
			if end >= len(s) {
				return "", 0, decodeError(s, u, "Invalid \\uXXXX escape")
			}
			r, ok := hex4(s[j+1 : end])
			if !ok {
				return "", 0, decodeError(s, u, "Invalid \\uXXXX escape")
			}
			if r >= 0xd800 && r <= 0xdbff && end+6 < len(s) && s[end] == '\\' && s[end+1] == 'u' {
				r2, ok := hex4(s[end+2 : end+6])
				if !ok {
					return "", 0, decodeError(s, end+1, "Invalid \\uXXXX escape")
				}
				if r2 >= 0xdc00 && r2 <= 0xdfff {
					r = 0x10000 + (r-0xd800)<<10 + (r2 - 0xdc00)
					end += 6
				}
			}
			buf = appendWTF8(buf, r)
			j = end
		}
		// Copy up to the next quote or backslash.
		k := j
		for k < len(s) && s[k] != '"' && s[k] != '\\' {
			if s[k] <= 0x1f {
				return "", 0, decodeError(s, k, "Invalid control character at")
			}
			k++
		}
		buf = append(buf, s[j:k]...)
		if k >= len(s) {
			return "", 0, decodeError(s, begin, "Unterminated string starting at")
		}
		if s[k] == '"' {
			return Str(buf), k + 1, nil
		}
		j = k
	}
}

func hex4(h string) (rune, bool) {
	var r rune
	for i := 0; i < 4; i++ {
		c := h[i]
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
