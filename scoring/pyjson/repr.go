package pyjson

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/grpo-score/grpo-score/scoring/py"
)

// ToStr is Python's str(v): a str is itself, everything else is its repr.
func ToStr(v Value) string {
	if s, ok := v.(Str); ok {
		return string(s)
	}
	return Repr(v)
}

// Repr is Python's repr(v).
func Repr(v Value) string {
	var b strings.Builder
	appendRepr(&b, v)
	return b.String()
}

func appendRepr(b *strings.Builder, v Value) {
	switch v := v.(type) {
	case NoneType:
		b.WriteString("None")
	case Bool:
		if v {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	case Int:
		if v.big != nil {
			b.WriteString(v.big.String())
		} else {
			b.WriteString(strconv.FormatInt(v.small, 10))
		}
	case Float:
		b.WriteString(py.FormatFloat(float64(v)))
	case Str:
		b.WriteString(quoteStr(string(v)))
	case List:
		b.WriteByte('[')
		for i, x := range v {
			if i > 0 {
				b.WriteString(", ")
			}
			appendRepr(b, x)
		}
		b.WriteByte(']')
	case *Dict:
		b.WriteByte('{')
		for i, k := range v.keys {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(quoteStr(k))
			b.WriteString(": ")
			appendRepr(b, v.vals[i])
		}
		b.WriteByte('}')
	}
}

const hexDigits = "0123456789abcdef"

// quoteStr is repr() of a str: single quotes unless the text holds a single
// quote and no double quote; backslash escapes for the quote, the backslash,
// \t \n \r, other ASCII control characters, and non-ASCII characters that
// str.isprintable() rejects.
func quoteStr(s string) string {
	quote := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		quote = '"'
	}
	buf := make([]byte, 0, len(s)+2)
	buf = append(buf, quote)
	for i := 0; i < len(s); {
		r, n := decodeWTF8(s, i)
		c := s[i]
		switch {
		case c == quote || c == '\\':
			buf = append(buf, '\\', c)
		case c == '\t':
			buf = append(buf, '\\', 't')
		case c == '\n':
			buf = append(buf, '\\', 'n')
		case c == '\r':
			buf = append(buf, '\\', 'r')
		case c < ' ' || c == 0x7f:
			buf = append(buf, '\\', 'x', hexDigits[c>>4], hexDigits[c&0xf])
		case c < 0x80:
			buf = append(buf, c)
		case r == unicode.ReplacementChar && n == 1:
			// A byte that is not UTF-8 cannot come from Python text; keep it.
			buf = append(buf, c)
		case isPrintable(r):
			buf = append(buf, s[i:i+n]...)
		case r <= 0xff:
			buf = append(buf, '\\', 'x', hexDigits[r>>4], hexDigits[r&0xf])
		case r <= 0xffff:
			buf = append(buf, '\\', 'u')
			buf = appendHex(buf, r, 4)
		default:
			buf = append(buf, '\\', 'U')
			buf = appendHex(buf, r, 8)
		}
		i += n
	}
	buf = append(buf, quote)
	return string(buf)
}

func appendHex(buf []byte, r rune, width int) []byte {
	for shift := 4 * (width - 1); shift >= 0; shift -= 4 {
		buf = append(buf, hexDigits[(r>>uint(shift))&0xf])
	}
	return buf
}

// isPrintable is str.isprintable() for one non-ASCII code point: not a
// control, format, surrogate, private-use, unassigned or separator
// character. That is Go's unicode.IsPrint, except that CPython 3.11 knows
// Unicode 14.0 only, so what later versions assigned is still unassigned.
func isPrintable(r rune) bool {
	return unicode.IsPrint(r) && !unicode.Is(newerThanUnicode14, r)
}

// newerThanUnicode14 holds the printable characters that Unicode 15.0
// (Go's tables) added to Unicode 14.0 (CPython 3.11's).
var newerThanUnicode14 = &unicode.RangeTable{
	R16: []unicode.Range16{
		{0x0CF3, 0x0CF3, 1},
		{0x0ECE, 0x0ECE, 1},
	},
	R32: []unicode.Range32{
		{0x10EFD, 0x10EFF, 1},
		{0x1123F, 0x11241, 1},
		{0x11B00, 0x11B09, 1},
		{0x11F00, 0x11F10, 1},
		{0x11F12, 0x11F3A, 1},
		{0x11F3E, 0x11F59, 1},
		{0x1342F, 0x1342F, 1},
		{0x13440, 0x13455, 1},
		{0x1B132, 0x1B132, 1},
		{0x1B155, 0x1B155, 1},
		{0x1D2C0, 0x1D2D3, 1},
		{0x1DF25, 0x1DF2A, 1},
		{0x1E030, 0x1E06D, 1},
		{0x1E08F, 0x1E08F, 1},
		{0x1E4D0, 0x1E4F9, 1},
		{0x1F6DC, 0x1F6DC, 1},
		{0x1F774, 0x1F776, 1},
		{0x1F77B, 0x1F77F, 1},
		{0x1F7D9, 0x1F7D9, 1},
		{0x1FA75, 0x1FA77, 1},
		{0x1FA87, 0x1FA88, 1},
		{0x1FAAD, 0x1FAAF, 1},
		{0x1FABB, 0x1FABD, 1},
		{0x1FABF, 0x1FABF, 1},
		{0x1FACE, 0x1FACF, 1},
		{0x1FADA, 0x1FADB, 1},
		{0x1FAE8, 0x1FAE8, 1},
		{0x1FAF7, 0x1FAF8, 1},
		{0x2B739, 0x2B739, 1},
		{0x31350, 0x323AF, 1},
	},
}
