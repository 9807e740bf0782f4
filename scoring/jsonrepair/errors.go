package jsonrepair

import (
	"errors"
	"fmt"

	"github.com/grpo-score/grpo-score/scoring/pyjson"
)

// pyErrorKind names the Python exception a code path would raise.
type pyErrorKind int

const (
	errDecode    pyErrorKind = iota // json.JSONDecodeError
	errValue                        // ValueError that is not a decode error
	errRecursion                    // RecursionError
	errAssertion                    // AssertionError inside the library
)

// pyError is a Python exception travelling through the port as a panic value;
// only the entry points recover it.
type pyError struct {
	kind pyErrorKind
	msg  string
}

func (e *pyError) Error() string {
	names := [...]string{"JSONDecodeError", "ValueError", "RecursionError", "AssertionError"}
	return fmt.Sprintf("%s: %s", names[e.kind], e.msg)
}

func raise(kind pyErrorKind, format string, args ...any) {
	panic(&pyError{kind: kind, msg: fmt.Sprintf(format, args...)})
}

// catch runs f and turns a raised pyError into a returned one; other panics go on.
func catch(f func()) (err *pyError) {
	defer func() {
		if r := recover(); r != nil {
			pe, ok := r.(*pyError)
			if !ok {
				panic(r)
			}
			err = pe
		}
	}()
	f()
	return nil
}

// fromPyjson gives the kind of an exception raised by package pyjson's
// decoder: only RecursionError escapes repair_json, a decode error sends the
// text to the repair parser, and so does a ValueError (an int too long).
func fromPyjson(err error) *pyError {
	var pe *pyjson.Error
	if !errors.As(err, &pe) {
		panic(err)
	}
	kind := errValue
	switch pe.Type {
	case "JSONDecodeError":
		kind = errDecode
	case "RecursionError":
		kind = errRecursion
	}
	return &pyError{kind: kind, msg: pe.Msg}
}
