package pipeline

import (
	"io"
	"os"
)

// lineOut buffers whole output lines and counts a line as written only
// once its last byte was accepted by the output, so that the summary never
// claims a line a full disk refused. When a failed write tore a line and
// the output is a regular file (stdout redirected to one), the torn bytes
// are cut off again, so the file ends at a whole line.
type lineOut struct {
	w       io.Writer
	buf     []byte
	ends    []int // offset in buf just past each buffered line
	written int64 // lines that reached w
}

const lineOutBuffer = 1 << 20

func newLineOut(w io.Writer) *lineOut {
	return &lineOut{w: w, buf: make([]byte, 0, lineOutBuffer)}
}

// line buffers one line made of parts and its ending: "\r\n" when crlf
// (the input line had it), else "\n".
func (lo *lineOut) line(crlf bool, parts ...[]byte) error {
	n := 2
	for _, p := range parts {
		n += len(p)
	}
	if len(lo.buf) > 0 && len(lo.buf)+n > cap(lo.buf) {
		// Pass the buffer on before it would have to grow (and be copied).
		if err := lo.flush(); err != nil {
			return err
		}
	}
	for _, p := range parts {
		lo.buf = append(lo.buf, p...)
	}
	if crlf {
		lo.buf = append(lo.buf, '\r')
	}
	lo.buf = append(lo.buf, '\n')
	lo.ends = append(lo.ends, len(lo.buf))
	if len(lo.buf) >= lineOutBuffer {
		return lo.flush()
	}
	return nil
}

// flush writes the buffered lines.
func (lo *lineOut) flush() error {
	if len(lo.buf) == 0 {
		return nil
	}
	n, err := lo.w.Write(lo.buf)
	if err == nil && n < len(lo.buf) {
		err = io.ErrShortWrite
	}
	whole := 0
	for whole < len(lo.ends) && lo.ends[whole] <= n {
		whole++
	}
	lo.written += int64(whole)
	if err != nil {
		prefix := 0
		if whole > 0 {
			prefix = lo.ends[whole-1]
		}
		if torn := n - prefix; torn > 0 {
			cutTornLine(lo.w, int64(torn))
		}
		return &ErrWrite{err}
	}
	if cap(lo.buf) > 4*lineOutBuffer {
		lo.buf = make([]byte, 0, lineOutBuffer) // a huge line passed: give its memory back
	}
	lo.buf, lo.ends = lo.buf[:0], lo.ends[:0]
	return nil
}

// cutTornLine removes the last torn bytes of a regular file; other outputs
// (pipes, terminals) cannot take back what they received.
func cutTornLine(w io.Writer, torn int64) {
	var f *os.File
	switch x := w.(type) {
	case *os.File:
		f = x
	case interface{ File() *os.File }: // a wrapper that records errors
		f = x.File()
	}
	if f == nil {
		return
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return
	}
	if pos, err := f.Seek(0, io.SeekCurrent); err == nil && pos >= torn {
		_ = f.Truncate(pos - torn)
	}
}
