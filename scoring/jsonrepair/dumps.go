package jsonrepair

import (
	"math"
	"strconv"
	"strings"

	"github.com/grpo-score/grpo-score/scoring/py"
	"github.com/grpo-score/grpo-score/scoring/pyjson"
)

const hexDigits = "0123456789abcdef"

// pyDumps is json.dumps(v) with default arguments: ", " and ": " separators,
// ensure_ascii escaping, NaN and Infinity written bare. It differs from repr
// in its quotes, escapes and literals, so pyjson.Repr cannot stand in.
func pyDumps(v value) string {
	var b strings.Builder
	writeValue(&b, v)
	return b.String()
}

func writeValue(b *strings.Builder, v value) {
	switch x := v.(type) {
	case pyjson.NoneType:
		b.WriteString("null")
	case pyjson.Bool:
		if x {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case pyjson.Int:
		if n, ok := x.Int64(); ok {
			var buf [20]byte
			b.Write(strconv.AppendInt(buf[:0], n, 10))
		} else {
			b.WriteString(x.Big().String())
		}
	case pyjson.Float:
		b.WriteString(floatText(float64(x)))
	case pyjson.Str:
		writeASCIIString(b, string(x))
	case pyjson.List:
		b.WriteByte('[')
		for i, item := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			writeValue(b, item)
		}
		b.WriteByte(']')
	case *pyjson.Dict:
		b.WriteByte('{')
		vals := x.Values()
		for i, k := range x.Keys() {
			if i > 0 {
				b.WriteString(", ")
			}
			writeASCIIString(b, k)
			b.WriteString(": ")
			writeValue(b, vals[i])
		}
		b.WriteByte('}')
	}
}

// floatText is json.dumps' rendering of a float: repr() for finite values,
// NaN / Infinity / -Infinity otherwise.
func floatText(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	return py.FormatFloat(f)
}

// writeASCIIString quotes s the way json.dumps does with ensure_ascii=True: the
// usual short escapes, \u00XX for other control characters and DEL, and \uXXXX
// (surrogate pairs beyond the BMP) for everything outside printable ASCII.
func writeASCIIString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for len(s) > 0 {
		r, n := pyjson.DecodeRune(s)
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
