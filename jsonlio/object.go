package jsonlio

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/bits"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Object is a JSON object line, validated and indexed by its top-level keys.
// Values stay as raw bytes until a field is asked for.
type Object struct {
	Raw     []byte
	members []member
	// close is the offset of the closing brace.
	close int
	// inline holds the members of a typical line without a second
	// allocation.
	inline [12]member
}

type member struct {
	key        string
	start, end int // value span in Raw
	kstart     int // offset of the key's opening quote
}

// SyntaxError describes why a line is not a JSON object.
type SyntaxError struct {
	Offset int // byte offset in the line
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s at byte %d", e.Msg, e.Offset+1)
}

// ParseObject validates line as one JSON object (surrounding whitespace
// allowed) and indexes its top-level members. Like Python's json module it
// accepts NaN, Infinity and -Infinity, which Python writes for non-finite
// floats. The line must be valid UTF-8. The Object refers to line, which
// must not change while the Object is in use.
func ParseObject(line []byte) (*Object, error) {
	obj := new(Object)
	if err := obj.Parse(line); err != nil {
		return nil, err
	}
	return obj, nil
}

// Parse is ParseObject into o, replacing what o held, so that a reader
// done with o's line reads the next one without allocating. After an
// error o holds nothing usable.
func (o *Object) Parse(line []byte) error {
	if o.reset(line); o.parseFast() {
		return nil
	}
	o.reset(line)
	return o.parseSlow()
}

// reset empties o for line, keeping its members' storage.
func (o *Object) reset(line []byte) {
	clear(o.members) // nothing keeps the previous line alive
	if o.members == nil {
		o.members = o.inline[:0]
	}
	o.Raw, o.members, o.close = line, o.members[:0], 0
}

// parseSlow is Parse byte by byte: the reference reading, which also names
// what is wrong with a line the fast one does not accept.
func (o *Object) parseSlow() error {
	line := o.Raw
	if !utf8.Valid(line) {
		off := 0
		for off < len(line) {
			r, n := utf8.DecodeRune(line[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		return &SyntaxError{Offset: off, Msg: "invalid UTF-8"}
	}
	s := scanner{b: line}
	s.skipSpace()
	if s.i >= len(line) {
		return &SyntaxError{Offset: s.i, Msg: "empty line"}
	}
	if bytes.HasPrefix(line[s.i:], bom) {
		// Skipped at the start of a stream; elsewhere (files concatenated
		// with cat) it is named for what it is.
		return &SyntaxError{Offset: s.i, Msg: "a UTF-8 byte order mark (U+FEFF) before the JSON object"}
	}
	if line[s.i] != '{' {
		return &SyntaxError{Offset: s.i, Msg: "not a JSON object"}
	}
	s.i++
	s.skipSpace()
	if s.peek() == '}' {
		o.close = s.i
		s.i++
	} else {
		for {
			s.skipSpace()
			if s.peek() != '"' {
				return s.errorf("expected a string key")
			}
			ks := s.i
			if err := s.str(); err != nil {
				return err
			}
			key, err := unquote(line[ks:s.i])
			if err != nil {
				return &SyntaxError{Offset: ks, Msg: err.Error()}
			}
			s.skipSpace()
			if s.peek() != ':' {
				return s.errorf("expected ':' after object key")
			}
			s.i++
			s.skipSpace()
			vs := s.i
			if err := s.value(1); err != nil {
				return err
			}
			o.members = append(o.members, member{key: key, start: vs, end: s.i, kstart: ks})
			s.skipSpace()
			c := s.peek()
			if c == ',' {
				s.i++
				continue
			}
			if c == '}' {
				o.close = s.i
				s.i++
				break
			}
			if s.i >= len(line) {
				return s.errorf("truncated object")
			}
			return s.errorf("expected ',' or '}'")
		}
	}
	s.skipSpace()
	if s.i != len(line) {
		return s.errorf("extra data after the object")
	}
	return nil
}

// maxDepth bounds nesting so that a hostile line cannot exhaust the stack.
const maxDepth = 10000

type scanner struct {
	b []byte
	i int
}

func (s *scanner) peek() byte {
	if s.i < len(s.b) {
		return s.b[s.i]
	}
	return 0
}

func (s *scanner) errorf(format string, args ...any) error {
	if s.i >= len(s.b) {
		return &SyntaxError{Offset: s.i, Msg: "truncated JSON (line ends inside a value)"}
	}
	return &SyntaxError{Offset: s.i, Msg: fmt.Sprintf(format, args...)}
}

func (s *scanner) skipSpace() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *scanner) value(depth int) error {
	if depth > maxDepth {
		return s.errorf("nesting deeper than %d", maxDepth)
	}
	switch c := s.peek(); {
	case c == '"':
		return s.str()
	case c == '{':
		s.i++
		s.skipSpace()
		if s.peek() == '}' {
			s.i++
			return nil
		}
		for {
			s.skipSpace()
			if s.peek() != '"' {
				return s.errorf("expected a string key")
			}
			if err := s.str(); err != nil {
				return err
			}
			s.skipSpace()
			if s.peek() != ':' {
				return s.errorf("expected ':' after object key")
			}
			s.i++
			s.skipSpace()
			if err := s.value(depth + 1); err != nil {
				return err
			}
			s.skipSpace()
			switch s.peek() {
			case ',':
				s.i++
			case '}':
				s.i++
				return nil
			default:
				return s.errorf("expected ',' or '}'")
			}
		}
	case c == '[':
		s.i++
		s.skipSpace()
		if s.peek() == ']' {
			s.i++
			return nil
		}
		for {
			s.skipSpace()
			if err := s.value(depth + 1); err != nil {
				return err
			}
			s.skipSpace()
			switch s.peek() {
			case ',':
				s.i++
			case ']':
				s.i++
				return nil
			default:
				return s.errorf("expected ',' or ']'")
			}
		}
	case c == '-' || (c >= '0' && c <= '9'):
		if c == '-' && strings.HasPrefix(string(s.b[s.i:min(len(s.b), s.i+9)]), "-Infinity") {
			s.i += 9
			return nil
		}
		return s.number()
	default:
		for _, lit := range [...]string{"true", "false", "null", "NaN", "Infinity"} {
			if len(s.b)-s.i >= len(lit) && string(s.b[s.i:s.i+len(lit)]) == lit {
				s.i += len(lit)
				return nil
			}
		}
		return s.errorf("invalid value")
	}
}

func (s *scanner) number() error {
	start := s.i
	if s.peek() == '-' {
		s.i++
	}
	switch c := s.peek(); {
	case c == '0':
		s.i++
	case c >= '1' && c <= '9':
		for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
			s.i++
		}
	default:
		return s.errorf("invalid number")
	}
	if s.peek() == '.' {
		s.i++
		d := s.i
		for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
			s.i++
		}
		if s.i == d {
			return s.errorf("invalid number")
		}
	}
	if c := s.peek(); c == 'e' || c == 'E' {
		s.i++
		if c := s.peek(); c == '+' || c == '-' {
			s.i++
		}
		d := s.i
		for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
			s.i++
		}
		if s.i == d {
			return s.errorf("invalid number")
		}
	}
	if s.i == start {
		return s.errorf("invalid number")
	}
	return nil
}

func (s *scanner) str() error {
	s.i++ // opening quote
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			s.i++
			return nil
		case c == '\\':
			s.i++
			switch s.peek() {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				s.i++
			case 'u':
				if len(s.b)-s.i < 5 || !isHex4(s.b[s.i+1:s.i+5]) {
					return s.errorf("invalid \\u escape")
				}
				s.i += 5
			default:
				return s.errorf("invalid escape")
			}
		case c < 0x20:
			return s.errorf("control character in string")
		default:
			s.i++
		}
	}
	return s.errorf("unterminated string")
}

func isHex4(b []byte) bool {
	for _, c := range b[:4] {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// unquote decodes a validated JSON string literal. A lone surrogate
// escape, which Python keeps as is, becomes U+FFFD: Go strings hold UTF-8
// only. The text between escapes is copied 8 bytes at a time: no escape
// makes its text longer than itself, so the output never overtakes the
// input and a whole word always fits.
func unquote(b []byte) (string, error) {
	b = b[1 : len(b)-1]
	k := backslash(b, 0)
	if k < 0 {
		return string(b), nil
	}
	out := make([]byte, len(b))
	i := copy(out, b[:k])
	j := i
	for {
		for i+8 <= len(b) {
			w := binary.LittleEndian.Uint64(b[i:])
			binary.LittleEndian.PutUint64(out[j:], w)
			s := w ^ ('\\' * lsb)
			if m := (s - lsb) &^ s & msb; m != 0 {
				n := bits.TrailingZeros64(m) >> 3
				i, j = i+n, j+n
				break
			}
			i, j = i+8, j+8
		}
		for i < len(b) && b[i] != '\\' {
			out[j] = b[i]
			i, j = i+1, j+1
		}
		if i+1 >= len(b) {
			break // the end (or a backslash that ends the text: not valid)
		}
		if c := unescaped[b[i+1]]; c != 0 {
			out[j] = c
			i, j = i+2, j+1
			continue
		}
		n := 2 // the escape's length in b
		if b[i+1] == 'u' {
			if len(b)-i < 6 {
				break // not valid
			}
			r := hex4(b[i+2 : i+6])
			n = 6
			if r >= 0xd800 && r < 0xdc00 && len(b)-i >= 12 && b[i+6] == '\\' && b[i+7] == 'u' {
				if lo := hex4(b[i+8 : i+12]); lo >= 0xdc00 && lo < 0xe000 {
					r = 0x10000 + (r-0xd800)<<10 + (lo - 0xdc00)
					n = 12
				}
			}
			j += utf8.EncodeRune(out[j:], r)
		} else { // not valid: the letter as it is
			out[j] = b[i+1]
			j++
		}
		i += n
	}
	out = out[:j]
	// out is not used after this: the string takes it over, as
	// strings.Builder does.
	return unsafe.String(unsafe.SliceData(out), len(out)), nil
}

// hex4 reads 4 hex digits; it is 0 when one is not a hex digit, as
// strconv.ParseUint's failure gave before.
func hex4(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0
		}
		r = r<<4 | rune(c)
	}
	return r
}
