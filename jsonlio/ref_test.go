package jsonlio

// The reference of the fast reading (fast.go): the byte-by-byte reading
// stays in object.go and field.go (Object.parseSlow, Value.childSlow,
// Value.elementsSlow), which also give the exact errors; unquote was
// replaced, so its former version is kept here.

import (
	"strconv"
	"unicode/utf8"
)

// refUnquote decodes a JSON string literal. A lone surrogate escape, which
// Python keeps as is, becomes U+FFFD: Go strings hold UTF-8 only.
func refUnquote(b []byte) (string, error) {
	b = b[1 : len(b)-1]
	if !refContainsByte(b, '\\') {
		return string(b), nil
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		switch b[i] {
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
			r := refHex4(b[i+1 : i+5])
			i += 4
			if r >= 0xd800 && r < 0xdc00 && i+6 < len(b) && b[i+1] == '\\' && b[i+2] == 'u' {
				if lo := refHex4(b[i+3 : i+7]); lo >= 0xdc00 && lo < 0xe000 {
					r = 0x10000 + (r-0xd800)<<10 + (lo - 0xdc00)
					i += 6
				}
			}
			out = utf8.AppendRune(out, r)
		default: // " \ /
			out = append(out, b[i])
		}
	}
	return string(out), nil
}

func refHex4(b []byte) rune {
	v, _ := strconv.ParseUint(string(b), 16, 32)
	return rune(v)
}

func refContainsByte(b []byte, c byte) bool {
	for _, x := range b {
		if x == c {
			return true
		}
	}
	return false
}
