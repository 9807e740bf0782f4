package jsonlio

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// DefaultMaxLineBytes caps a line's length: far above the tens of MB real
// rollout lines reach, far below a machine's memory, so a hostile input (a
// gzip bomb without newlines) costs a bounded amount of memory and a clear
// error instead of the whole machine.
const DefaultMaxLineBytes = 256 << 20

// LineTooLongError is the error of a line longer than the cap. The line is
// consumed: the next call to Next reads the line after it.
type LineTooLongError struct{ Max int }

func (e *LineTooLongError) Error() string { return fmt.Sprintf("line longer than %d bytes", e.Max) }

// IsLineTooLong reports whether err is a *LineTooLongError. (A target
// variable for errors.As in a reading loop would be allocated for every
// line; here it is only made for an error.)
func IsLineTooLong(err error) bool {
	if err == nil {
		return false
	}
	var long *LineTooLongError
	return errors.As(err, &long)
}

// bom is the UTF-8 byte order mark some tools write at the start of a file.
var bom = []byte{0xef, 0xbb, 0xbf}

// LineReader splits a stream into lines of up to Max bytes. The slice it
// returns is valid until the next call.
type LineReader struct {
	// Max is the longest line accepted, without its line ending; 0 means
	// no limit.
	Max  int
	br   *bufio.Reader
	buf  []byte
	line int
	// skip is set after a line over Max: the rest of it is discarded at
	// the next call, so that a caller that stops there reads no further.
	skip bool
	// NoFinalNewline is set once the last line has been read without a
	// terminating newline, which is how a truncated dump ends.
	NoFinalNewline bool
	// CRLF reports whether the line last returned ended with "\r\n", so
	// that a writer can give it back the same ending.
	CRLF bool
}

// NewLineReader reads lines from r, up to DefaultMaxLineBytes long.
func NewLineReader(r io.Reader) *LineReader {
	return &LineReader{Max: DefaultMaxLineBytes, br: bufio.NewReaderSize(r, 1<<20)}
}

// Next returns the next line without its "\n" or "\r\n" and its 1-based
// number, or io.EOF after the last line. A UTF-8 byte order mark at the
// start of the stream is skipped, as Python's "utf-8-sig" codec does. A
// line longer than Max comes back as a *LineTooLongError with its number.
func (lr *LineReader) Next() ([]byte, int, error) {
	lr.releaseBuffer()
	if lr.skip {
		lr.skip = false
		if err := lr.discardLine(); err != nil {
			return nil, lr.line, err
		}
	}
	frag, err := lr.br.ReadSlice('\n')
	var line []byte
	switch {
	case err == nil:
		line = frag
	case errors.Is(err, bufio.ErrBufferFull):
		lr.buf = append(lr.buf[:0], frag...)
		for errors.Is(err, bufio.ErrBufferFull) {
			frag, err = lr.br.ReadSlice('\n')
			if lr.Max > 0 && len(lr.buf)+len(frag)-endsWithNewline(frag) > lr.Max {
				// Stop buffering: the line is reported by its number
				// and the rest of it discarded.
				lr.line++
				lr.skip = errors.Is(err, bufio.ErrBufferFull)
				lr.releaseBuffer()
				if err != nil && err != io.EOF && !lr.skip {
					return nil, lr.line, err
				}
				return nil, lr.line, &LineTooLongError{Max: lr.Max}
			}
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
	if lr.line == 1 {
		line = bytes.TrimPrefix(line, bom)
	}
	if n := len(line); n > 0 && line[n-1] == '\n' {
		line = line[:n-1]
	} else {
		lr.NoFinalNewline = true
	}
	lr.CRLF = false
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
		lr.CRLF = true
	}
	if lr.Max > 0 && len(line) > lr.Max {
		return nil, lr.line, &LineTooLongError{Max: lr.Max}
	}
	return line, lr.line, nil
}

func endsWithNewline(b []byte) int {
	if len(b) > 0 && b[len(b)-1] == '\n' {
		return 1
	}
	return 0
}

// discardLine reads up to and including the next newline.
func (lr *LineReader) discardLine() error {
	for {
		_, err := lr.br.ReadSlice('\n')
		switch {
		case err == nil || err == io.EOF:
			return nil
		case !errors.Is(err, bufio.ErrBufferFull):
			return err
		}
	}
}

// releaseBuffer drops a buffer grown by a huge line, so its memory is not
// held for the rest of the run.
func (lr *LineReader) releaseBuffer() {
	if cap(lr.buf) > 4<<20 {
		lr.buf = nil
	}
}

// IsBlank reports whether a line holds only JSON whitespace.
func IsBlank(line []byte) bool {
	for _, c := range line {
		if !isSpace(c) {
			return false
		}
	}
	return true
}
