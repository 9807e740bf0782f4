package jsonlio

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// LineReader splits a stream into lines of any length. The slice it returns
// is valid until the next call.
type LineReader struct {
	br   *bufio.Reader
	buf  []byte
	line int
	// NoFinalNewline is set once the last line has been read without a
	// terminating newline, which is how a truncated dump ends.
	NoFinalNewline bool
}

// NewLineReader reads lines from r.
func NewLineReader(r io.Reader) *LineReader {
	return &LineReader{br: bufio.NewReaderSize(r, 1<<20)}
}

// Next returns the next line without its "\n" or "\r\n" and its 1-based
// number, or io.EOF after the last line.
func (lr *LineReader) Next() ([]byte, int, error) {
	frag, err := lr.br.ReadSlice('\n')
	var line []byte
	switch {
	case err == nil:
		line = frag
	case errors.Is(err, bufio.ErrBufferFull):
		lr.buf = append(lr.buf[:0], frag...)
		for errors.Is(err, bufio.ErrBufferFull) {
			frag, err = lr.br.ReadSlice('\n')
			lr.buf = append(lr.buf, frag...)
		}
		if err != nil && err != io.EOF {
			return nil, lr.line, err
		}
		line = lr.buf
	case err == io.EOF:
		if len(frag) == 0 {
			return nil, lr.line, io.EOF
		}
		line = frag
	default:
		return nil, lr.line, err
	}
	lr.line++
	if n := len(line); n > 0 && line[n-1] == '\n' {
		line = line[:n-1]
	} else {
		lr.NoFinalNewline = true
	}
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line, lr.line, nil
}

// IsBlank reports whether a line holds only JSON whitespace.
func IsBlank(line []byte) bool {
	return len(bytes.Trim(line, " \t\r\n")) == 0
}
