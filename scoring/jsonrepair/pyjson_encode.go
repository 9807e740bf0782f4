package jsonrepair

import "strings"

const hexDigits = "0123456789abcdef"

// pyDumps is json.dumps(v) with default arguments: ", " and ": " separators,
// ensure_ascii escaping, NaN and Infinity written bare.
func pyDumps(v value) string {
	var b strings.Builder
	writeValue(&b, v)
	return b.String()
}

func writeValue(b *strings.Builder, v value) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		if x {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case pyInt:
		b.WriteString(x.text)
	case float64:
		b.WriteString(pyFloatRepr(x))
	case string:
		writeASCIIString(b, x)
	case *pyList:
		b.WriteByte('[')
		for i, item := range x.items {
			if i > 0 {
				b.WriteString(", ")
			}
			writeValue(b, item)
		}
		b.WriteByte(']')
	case *pyDict:
		b.WriteByte('{')
		for i, k := range x.keys {
			if i > 0 {
				b.WriteString(", ")
			}
			writeASCIIString(b, k)
			b.WriteString(": ")
			writeValue(b, x.vals[k])
		}
		b.WriteByte('}')
	}
}

// writeASCIIString quotes s the way json.dumps does with ensure_ascii=True: the
// usual short escapes, \u00XX for other control characters and DEL, and \uXXXX
// (surrogate pairs beyond the BMP) for everything outside printable ASCII.
func writeASCIIString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for len(s) > 0 {
		r, n := decodeRune(s)
		s = s[n:]
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r >= 0x20 && r < 0x7f:
			b.WriteByte(byte(r))
		case r >= 0x10000:
			r -= 0x10000
			writeU4(b, 0xd800|(r>>10)&0x3ff)
			writeU4(b, 0xdc00|r&0x3ff)
		default:
			writeU4(b, r)
		}
	}
	b.WriteByte('"')
}

func writeU4(b *strings.Builder, r rune) {
	b.WriteString(`\u`)
	b.WriteByte(hexDigits[r>>12&0xf])
	b.WriteByte(hexDigits[r>>8&0xf])
	b.WriteByte(hexDigits[r>>4&0xf])
	b.WriteByte(hexDigits[r&0xf])
}
