package jsonrepair

import "math"

// pyDecoder reproduces CPython's json scanner (json.loads / JSONDecoder.raw_decode
// with default arguments) over code points: NaN and ±Infinity accepted, control
// characters in strings rejected, duplicate keys last-wins, ints of any size.
type pyDecoder struct {
	s        []rune
	depth    int
	maxDepth int
}

func isJSONSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

func (d *pyDecoder) skipSpace(i int) int {
	for i < len(d.s) && isJSONSpace(d.s[i]) {
		i++
	}
	return i
}

func (d *pyDecoder) hasWord(i int, w string) bool {
	for _, c := range w {
		if i >= len(d.s) || d.s[i] != c {
			return false
		}
		i++
	}
	return true
}

// scan decodes one value starting exactly at i and returns it with its end.
func (d *pyDecoder) scan(i int) (value, int) {
	if i >= len(d.s) {
		raise(errDecode, "Expecting value at %d", i)
	}
	switch c := d.s[i]; {
	case c == '"':
		return d.scanString(i + 1)
	case c == '{':
		return d.scanObject(i + 1)
	case c == '[':
		return d.scanArray(i + 1)
	case c == 'n' && d.hasWord(i, "null"):
		return nil, i + 4
	case c == 't' && d.hasWord(i, "true"):
		return true, i + 4
	case c == 'f' && d.hasWord(i, "false"):
		return false, i + 5
	case c == 'N' && d.hasWord(i, "NaN"):
		return math.NaN(), i + 3
	case c == 'I' && d.hasWord(i, "Infinity"):
		return math.Inf(1), i + 8
	case c == '-' && d.hasWord(i+1, "Infinity"):
		return math.Inf(-1), i + 9
	}
	return d.scanNumber(i)
}

func (d *pyDecoder) scanNumber(start int) (value, int) {
	i := start
	n := len(d.s)
	if i < n && d.s[i] == '-' {
		i++
	}
	switch {
	case i < n && d.s[i] >= '1' && d.s[i] <= '9':
		for i < n && d.s[i] >= '0' && d.s[i] <= '9' {
			i++
		}
	case i < n && d.s[i] == '0':
		i++
	default:
		raise(errDecode, "Expecting value at %d", start)
	}
	isFloat := false
	if i+1 < n && d.s[i] == '.' && d.s[i+1] >= '0' && d.s[i+1] <= '9' {
		i += 2
		for i < n && d.s[i] >= '0' && d.s[i] <= '9' {
			i++
		}
		isFloat = true
	}
	if i < n && (d.s[i] == 'e' || d.s[i] == 'E') {
		j := i + 1
		if j < n && (d.s[j] == '-' || d.s[j] == '+') {
			j++
		}
		k := j
		for k < n && d.s[k] >= '0' && d.s[k] <= '9' {
			k++
		}
		if k > j {
			i = k
			isFloat = true
		}
	}
	text := string(d.s[start:i])
	if isFloat {
		f, _ := pyFloatFromText(text)
		return f, i
	}
	v, err := pyIntFromText(text)
	if err != nil {
		raise(errValue, "%v", err)
	}
	return v, i
}

func hexValue(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= 'a' && r <= 'f':
		return int(r-'a') + 10
	case r >= 'A' && r <= 'F':
		return int(r-'A') + 10
	}
	return -1
}

// hex4 reads four hex digits at i, or returns -1.
func (d *pyDecoder) hex4(i int) int {
	if i+4 > len(d.s) {
		return -1
	}
	v := 0
	for _, r := range d.s[i : i+4] {
		h := hexValue(r)
		if h < 0 {
			return -1
		}
		v = v<<4 | h
	}
	return v
}

func (d *pyDecoder) scanString(i int) (value, int) {
	var out []rune
	for {
		if i >= len(d.s) {
			raise(errDecode, "Unterminated string")
		}
		c := d.s[i]
		if c == '"' {
			return encodeRunes(out), i + 1
		}
		if c < 0x20 {
			raise(errDecode, "Invalid control character at %d", i)
		}
		if c != '\\' {
			out = append(out, c)
			i++
			continue
		}
		i++
		if i >= len(d.s) {
			raise(errDecode, "Unterminated string")
		}
		switch e := d.s[i]; e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			u := d.hex4(i + 1)
			if u < 0 {
				raise(errDecode, "Invalid \\uXXXX escape at %d", i)
			}
			i += 4
			if u >= 0xd800 && u <= 0xdbff && i+2 < len(d.s) && d.s[i+1] == '\\' && d.s[i+2] == 'u' {
				if u2 := d.hex4(i + 3); u2 >= 0xdc00 && u2 <= 0xdfff {
					u = 0x10000 + (u-0xd800)<<10 | (u2 - 0xdc00)
					i += 6
				}
			}
			out = append(out, rune(u))
		default:
			raise(errDecode, "Invalid \\escape at %d", i)
		}
		i++
	}
}

func (d *pyDecoder) enter() {
	d.depth++
	if d.depth > d.maxDepth {
		raise(errRecursion, "maximum recursion depth exceeded while decoding a JSON document")
	}
}

func (d *pyDecoder) scanObject(i int) (value, int) {
	d.enter()
	defer func() { d.depth-- }()
	obj := newDict()
	i = d.skipSpace(i)
	if i < len(d.s) && d.s[i] == '}' {
		return obj, i + 1
	}
	for {
		if i >= len(d.s) || d.s[i] != '"' {
			raise(errDecode, "Expecting property name enclosed in double quotes at %d", i)
		}
		k, end := d.scanString(i + 1)
		i = d.skipSpace(end)
		if i >= len(d.s) || d.s[i] != ':' {
			raise(errDecode, "Expecting ':' delimiter at %d", i)
		}
		i = d.skipSpace(i + 1)
		v, end := d.scan(i)
		obj.set(k.(string), v)
		i = d.skipSpace(end)
		if i < len(d.s) && d.s[i] == '}' {
			return obj, i + 1
		}
		if i >= len(d.s) || d.s[i] != ',' {
			raise(errDecode, "Expecting ',' delimiter at %d", i)
		}
		i = d.skipSpace(i + 1)
	}
}

func (d *pyDecoder) scanArray(i int) (value, int) {
	d.enter()
	defer func() { d.depth-- }()
	arr := &pyList{}
	i = d.skipSpace(i)
	if i < len(d.s) && d.s[i] == ']' {
		return arr, i + 1
	}
	for {
		v, end := d.scan(i)
		arr.items = append(arr.items, v)
		i = d.skipSpace(end)
		if i < len(d.s) && d.s[i] == ']' {
			return arr, i + 1
		}
		if i >= len(d.s) || d.s[i] != ',' {
			raise(errDecode, "Expecting ',' delimiter at %d", i)
		}
		i = d.skipSpace(i + 1)
	}
}

// pyLoads is json.loads(s): surrounding JSON whitespace allowed, nothing else.
func pyLoads(s []rune, maxDepth int) (v value, err *pyError) {
	err = catch(func() {
		if len(s) > 0 && s[0] == '\ufeff' {
			raise(errDecode, "Unexpected UTF-8 BOM")
		}
		d := &pyDecoder{s: s, maxDepth: maxDepth}
		var end int
		v, end = d.scan(d.skipSpace(0))
		if d.skipSpace(end) != len(s) {
			raise(errDecode, "Extra data at %d", end)
		}
	})
	return v, err
}
