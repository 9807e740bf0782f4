package jsonlio

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
	"unsafe"
)

// The fast reading of a line. Every line of a run is validated and indexed,
// so this is the per-line cost of the whole tool: strings are scanned 8
// bytes at a time for their closing quote, escapes and control characters
// instead of byte by byte, and nesting is kept in a bit stack instead of
// recursion. It decides only
// well-formed input: anything else (an error, nesting deeper than 64) is
// left to the byte-by-byte scanner of object.go, which is the reference and
// gives the exact error.

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// specials flags the bytes of w (8 bytes of a string's body) that end a
// plain run: '"', '\\' and control bytes. A byte below n borrows into its
// high bit when n is taken from it (x-n...), and is flagged when its own
// high bit was clear; a byte equal to c is one below 1 in w^c. The quote
// and the control bytes are one test: w^0x02 turns '"' into 0x20 and keeps
// bytes below 0x20 below it, while nothing else falls under 0x21. Every
// special byte is flagged, and the lowest flag is exact (nothing borrows
// below the first hit); a higher flag may be a false one above a hit.
func specials(w uint64) uint64 {
	q := w ^ (0x02 * lsb)
	s := w ^ ('\\' * lsb)
	return ((q-0x21*lsb)&^q | (s-lsb)&^s) & msb
}

func isSpecial(c byte) bool { return c == '"' || c == '\\' || c < 0x20 }

// backslash is the offset of the first '\\' in b at or after i, or -1.
// Escapes are dense in some fields (JSON inside a string), so a short
// word-at-a-time scan beats a call of bytes.IndexByte for each.
func backslash(b []byte, i int) int {
	for ; i+8 <= len(b); i += 8 {
		s := binary.LittleEndian.Uint64(b[i:]) ^ ('\\' * lsb)
		if m := (s - lsb) &^ s & msb; m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	for ; i < len(b); i++ {
		if b[i] == '\\' {
			return i
		}
	}
	return -1
}

// fastScan reads well-formed JSON; ok == false means "not sure", never
// "invalid": the caller then asks the reference scanner.
type fastScan struct {
	b []byte
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (f *fastScan) space(i int) int {
	for i < len(f.b) && isSpace(f.b[i]) {
		i++
	}
	return i
}

// str reads the string literal whose opening quote is at i: the offset
// past its closing quote, and whether it holds escapes.
func (f *fastScan) str(i int) (end int, esc, ok bool) {
	b := f.b
	for i++; ; {
		// Skip the plain bytes before the next special one, 8 at a time.
		if i+8 <= len(b) {
			m := specials(binary.LittleEndian.Uint64(b[i:]))
			if m == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(m) >> 3
		} else {
			for i < len(b) && !isSpecial(b[i]) {
				i++
			}
			if i == len(b) {
				return 0, false, false
			}
		}
		switch {
		case b[i] == '"':
			return i + 1, esc, true
		case b[i] != '\\' || i+1 >= len(b): // a control character
			return 0, false, false
		}
		esc = true
		if unescaped[b[i+1]] != 0 {
			i += 2
			continue
		}
		if b[i+1] != 'u' || len(b)-i < 6 || !isHex4(b[i+2:i+6]) {
			return 0, false, false
		}
		i += 6
	}
}

// unescaped maps the letter of a one-letter escape to the byte it stands
// for, and every other byte to 0: one load instead of a switch in the
// loops that meet an escape every few bytes.
var unescaped = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// member reads `"key": ` at i: the key's end and the offset of its value.
func (f *fastScan) member(i int) (kend int, esc bool, vstart int, ok bool) {
	if i >= len(f.b) || f.b[i] != '"' {
		return 0, false, 0, false
	}
	kend, esc, ok = f.str(i)
	if !ok {
		return 0, false, 0, false
	}
	i = f.space(kend)
	if i >= len(f.b) || f.b[i] != ':' {
		return 0, false, 0, false
	}
	return kend, esc, f.space(i + 1), true
}

// after reads what follows a member or an element at i: a comma (more is
// set and j is the next item) or closer (j is the closer's offset).
func (f *fastScan) after(i int, closer byte) (j int, more, ok bool) {
	i = f.space(i)
	switch {
	case i >= len(f.b):
		return 0, false, false
	case f.b[i] == ',':
		return f.space(i + 1), true, true
	case f.b[i] == closer:
		return i, false, true
	}
	return 0, false, false
}

// maxFastDepth is the nesting the bit stack of value holds.
const maxFastDepth = 64

// value reads the value at i (no space before it): the offset past it.
func (f *fastScan) value(i int) (int, bool) {
	b := f.b
	var stack uint64 // one bit per open container: 1 object, 0 array
	depth := 0
	for {
		if i >= len(b) {
			return 0, false
		}
		switch c := b[i]; c {
		case '"':
			end, _, ok := f.str(i)
			if !ok {
				return 0, false
			}
			i = end
		case '{', '[':
			j := f.space(i + 1)
			if j < len(b) && b[j] == c+2 { // '}' is '{'+2, ']' is '['+2
				i = j + 1
				break
			}
			if depth == maxFastDepth {
				return 0, false
			}
			depth++
			stack <<= 1
			if c == '{' {
				stack |= 1
				var ok bool
				if _, _, j, ok = f.member(j); !ok {
					return 0, false
				}
			}
			i = j
			continue
		case 't':
			i = f.literal(i, "true")
		case 'f':
			i = f.literal(i, "false")
		case 'n':
			i = f.literal(i, "null")
		case 'N':
			i = f.literal(i, "NaN")
		case 'I':
			i = f.literal(i, "Infinity")
		default:
			if c == '-' && len(b)-i >= 9 && string(b[i:i+9]) == "-Infinity" {
				i += 9
				break
			}
			i = f.number(i)
		}
		if i < 0 {
			return 0, false
		}
		// After a value: close the containers it ends.
		for {
			if depth == 0 {
				return i, true
			}
			i = f.space(i)
			if i >= len(b) {
				return 0, false
			}
			inObject := stack&1 == 1
			if b[i] == ',' {
				i = f.space(i + 1)
				if inObject {
					var ok bool
					if _, _, i, ok = f.member(i); !ok {
						return 0, false
					}
				}
				break
			}
			if inObject && b[i] == '}' || !inObject && b[i] == ']' {
				i++
				depth--
				stack >>= 1
				continue
			}
			return 0, false
		}
	}
}

// literal is the offset past lit at i, or -1.
func (f *fastScan) literal(i int, lit string) int {
	if len(f.b)-i >= len(lit) && string(f.b[i:i+len(lit)]) == lit {
		return i + len(lit)
	}
	return -1
}

// number is the offset past the number at i, or -1.
func (f *fastScan) number(i int) int {
	b := f.b
	digits := func(i int) int {
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		return i
	}
	if b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		i = digits(i)
	default:
		return -1
	}
	if i < len(b) && b[i] == '.' {
		d := digits(i + 1)
		if d == i+1 {
			return -1
		}
		i = d
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		d := digits(i)
		if d == i {
			return -1
		}
		i = d
	}
	return i
}

// parseFast is Parse for well-formed lines; false leaves the line to the
// reference reading.
func (o *Object) parseFast() bool {
	line := o.Raw
	if !utf8.Valid(line) {
		return false
	}
	f := fastScan{b: line}
	i := f.space(0)
	if i >= len(line) || line[i] != '{' {
		return false
	}
	i = f.space(i + 1)
	if i < len(line) && line[i] == '}' {
		o.close = i
		return f.space(i+1) == len(line)
	}
	for {
		ks := i
		kend, esc, vs, ok := f.member(i)
		if !ok {
			return false
		}
		if i, ok = f.value(vs); !ok {
			return false
		}
		o.members = append(o.members, member{key: keyString(line[ks:kend], esc), start: vs, end: i, kstart: ks})
		var more bool
		if i, more, ok = f.after(i, '}'); !ok {
			return false
		} else if !more {
			o.close = i
			return f.space(i+1) == len(line)
		}
	}
}

// keyString is a member's key. A key without escapes shares the line's
// bytes instead of copying them: keys never leave the Object (AppendFields
// lends them to its callback for the call only), and an Object is only
// valid while its line is unchanged.
func keyString(lit []byte, esc bool) string {
	if esc {
		s, _ := unquote(lit)
		return s
	}
	if len(lit) == 2 {
		return ""
	}
	return unsafe.String(&lit[1], len(lit)-2)
}

// keyIs reports whether a key literal (quotes included) spells key.
func keyIs(lit []byte, esc bool, key string) bool {
	if !esc {
		return string(lit[1:len(lit)-1]) == key
	}
	s, _ := unquote(lit)
	return s == key
}

// childFast is Value.child for a well-formed value; sure is false when the
// reference must decide.
func (v Value) childFast(seg string, idx int, idxOK bool) (child Value, ok, sure bool) {
	if len(v) == 0 {
		return nil, false, true
	}
	f := fastScan{b: v}
	switch v[0] {
	case '{':
		i := f.space(1)
		if i < len(v) && v[i] == '}' {
			return nil, false, true
		}
		for {
			ks := i
			kend, esc, vs, good := f.member(i)
			if !good {
				return nil, false, false
			}
			if i, good = f.value(vs); !good {
				return nil, false, false
			}
			if keyIs(v[ks:kend], esc, seg) {
				child, ok = v[vs:i], true // the last duplicate wins
			}
			var more bool
			if i, more, good = f.after(i, '}'); !good {
				return nil, false, false
			} else if !more {
				return child, ok, true
			}
		}
	case '[':
		if !idxOK {
			return nil, false, true
		}
		i := f.space(1)
		if i < len(v) && v[i] == ']' {
			return nil, false, true
		}
		for n := 0; ; n++ {
			vs := i
			var good bool
			if i, good = f.value(vs); !good {
				return nil, false, false
			}
			if n == idx {
				return v[vs:i], true, true
			}
			var more bool
			if i, more, good = f.after(i, ']'); !good {
				return nil, false, false
			} else if !more {
				return nil, false, true
			}
		}
	}
	return nil, false, true
}

// elementsFast is Value.Elements for a well-formed array value.
func (v Value) elementsFast() ([]Value, bool) {
	f := fastScan{b: v}
	i := f.space(1)
	if i < len(v) && v[i] == ']' {
		return nil, true
	}
	var out []Value
	for {
		vs := i
		var ok bool
		if i, ok = f.value(vs); !ok {
			return nil, false
		}
		out = append(out, v[vs:i])
		var more bool
		if i, more, ok = f.after(i, ']'); !ok {
			return nil, false
		} else if !more {
			return out, true
		}
	}
}
