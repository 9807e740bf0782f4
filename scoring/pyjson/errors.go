package pyjson

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Error is a Python exception raised by json.loads or by one of the
// operations of this package. Callers turn it into their own error type
// (package scoring's PyError), keeping Type and Msg.
type Error struct {
	Type string // exception class: JSONDecodeError, TypeError, KeyError, ...
	Msg  string // str(exception)
}

func (e *Error) Error() string {
	if e.Msg == "" {
		return e.Type
	}
	return e.Type + ": " + e.Msg
}

func raise(typ, format string, args ...any) *Error {
	return &Error{Type: typ, Msg: fmt.Sprintf(format, args...)}
}

// decodeError is JSONDecodeError(msg, doc, pos): the message carries the
// line, the column and the position, all counted in code points.
func decodeError(doc string, byteOff int, msg string) *Error {
	prefix := doc[:byteOff]
	pos := utf8.RuneCountInString(prefix)
	line := strings.Count(prefix, "\n") + 1
	col := pos + 1
	if nl := strings.LastIndexByte(prefix, '\n'); nl >= 0 {
		col = utf8.RuneCountInString(prefix[nl+1:]) + 1
	}
	return &Error{Type: "JSONDecodeError", Msg: fmt.Sprintf("%s: line %d column %d (char %d)", msg, line, col, pos)}
}
