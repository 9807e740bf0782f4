package jsonlio

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Record formats an input can be in. Auto detection looks at the first
// decompressed bytes, never at the file name (except for which VLM-R1 log a
// file is, which only its name tells).
const (
	FormatAuto     = ""
	FormatJSONL    = "jsonl"
	FormatJSON     = "json"
	FormatParquet  = "parquet"
	FormatVLMR1Log = "vlm-r1-log"
)

// Formats lists the names --input-format accepts.
var Formats = []string{FormatJSONL, FormatJSON, FormatParquet, FormatVLMR1Log}

// ReadOptions say how to turn an input into records.
type ReadOptions struct {
	// Format is one of the Format constants; FormatAuto detects it.
	Format string
	// Records is the path of the array of records inside a JSON document
	// (VLM-R1 eval output's "results"); nil reads a top-level array, or
	// the document itself as one record.
	Records Path
	// MaxLine caps a JSON Lines line's length; 0 means DefaultMaxLineBytes.
	MaxLine int
}

var parquetMagic = []byte("PAR1")

// logHeaderPrefix starts every block of a VLM-R1 DEBUG_MODE log.
const logHeaderPrefix = "------------- "

// Records reads one input as a sequence of JSON objects, one per record,
// each with the line number (or Parquet row number) it came from.
type Records struct {
	// Name is what messages call the input: the path, or "<stdin>".
	Name string
	// Size is the raw size in bytes when known, else -1.
	Size int64
	// Format is the format that was read.
	Format string

	in      *Input
	lines   *LineReader // JSON Lines only
	next    func() ([]byte, int, error)
	closers []func() error
}

// OpenRecords opens path ("-" is stdin), decompresses it, and reads it in
// the format opt names or, by default, the one its first bytes show:
// Parquet ("PAR1"), a VLM-R1 log (a "------------- " block header), a JSON
// document (a first line of just "{", or a "[" first, or opt.Records set),
// else JSON Lines.
func OpenRecords(path string, stdin io.Reader, opt ReadOptions) (*Records, error) {
	in, err := Open(path, stdin)
	if err != nil {
		return nil, err
	}
	r := &Records{Name: in.Name, Size: in.Size, in: in}
	br := bufio.NewReaderSize(in, 1<<20)
	format := opt.Format
	if format == FormatAuto {
		format = detect(br, opt)
	}
	r.Format = format
	switch format {
	case FormatJSONL:
		lr := NewLineReader(br)
		if opt.MaxLine > 0 {
			lr.Max = opt.MaxLine
		}
		r.lines = lr
		r.next = func() ([]byte, int, error) {
			line, n, err := lr.Next()
			if err != nil && err != io.EOF && !IsLineTooLong(err) {
				n++ // the line that could not be read
			}
			return line, n, err
		}
	case FormatJSON:
		err = r.openDocument(br, opt.Records)
	case FormatParquet:
		err = r.openParquet(br)
	case FormatVLMR1Log:
		r.next = newLogReader(br, logRewardName(path)).next
	default:
		err = fmt.Errorf("unknown input format %q (known: %s)", format, strings.Join(Formats, ", "))
	}
	if err != nil {
		r.Close()
		var pe *posError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s:%d: %w", in.Name, pe.line, pe.err)
		}
		return nil, fmt.Errorf("%s: %w", in.Name, err)
	}
	return r, nil
}

// posError is an error at a line of the input.
type posError struct {
	line int
	err  error
}

func (e *posError) Error() string { return fmt.Sprintf("%d: %v", e.line, e.err) }
func (e *posError) Unwrap() error { return e.err }

// detect guesses the format from the first bytes.
func detect(br *bufio.Reader, opt ReadOptions) string {
	// Only the first line (up to 4 KiB) is looked at, and it is read as it
	// arrives: a slow stream is not kept waiting for more.
	first := firstLine(br, 4096)
	switch {
	case bytes.HasPrefix(first, parquetMagic):
		return FormatParquet
	case bytes.HasPrefix(first, []byte(logHeaderPrefix)):
		return FormatVLMR1Log
	case opt.Records != nil:
		return FormatJSON
	}
	// A JSON document written with indent starts with a line of "{" alone;
	// a JSON array starts with "[". A JSON Lines file starts with a whole
	// object on its first line.
	t := bytes.TrimSpace(first)
	if bytes.Equal(t, []byte("{")) || (len(t) > 0 && t[0] == '[') {
		return FormatJSON
	}
	return FormatJSONL
}

// firstLine peeks at the first line, without its newline, reading no more
// than needed to see it (or limit bytes, or the end of the input).
func firstLine(br *bufio.Reader, limit int) []byte {
	for n := 1; ; n = br.Buffered() + 1 {
		b, err := br.Peek(min(n, limit))
		if err == nil {
			b, _ = br.Peek(min(br.Buffered(), limit)) // all that has arrived
		}
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			return b[:i]
		}
		if err != nil || len(b) >= limit {
			return b
		}
	}
}

// Next returns the next record and its line number, or io.EOF. On an
// error, the number is the line that could not be read.
func (r *Records) Next() ([]byte, int, error) { return r.next() }

// CRLF reports whether the last JSON Lines line ended in "\r\n", so that
// output can keep the line ending.
func (r *Records) CRLF() bool { return r.lines != nil && r.lines.CRLF }

// Consumed reports how many raw bytes have been read so far, for progress.
func (r *Records) Consumed() int64 { return r.in.Consumed() }

// Close releases the input.
func (r *Records) Close() error {
	var first error
	for i := len(r.closers) - 1; i >= 0; i-- {
		if err := r.closers[i](); err != nil && first == nil {
			first = err
		}
	}
	r.closers = nil
	if err := r.in.Close(); err != nil && first == nil {
		first = err
	}
	return first
}

// openDocument reads a whole JSON document (documents are written at the
// end of an evaluation, not streamed, so they are small) and serves the
// elements of its records array, each compacted onto one line.
func (r *Records) openDocument(br io.Reader, records Path) error {
	doc, err := io.ReadAll(br)
	if err != nil {
		return err
	}
	s := scanner{b: doc}
	s.skipSpace()
	start := s.i
	if err := s.value(0); err != nil {
		return &posError{lineAt(doc, s.i), err}
	}
	v := Value(doc[start:s.i])
	s.skipSpace()
	if s.i < len(doc) {
		return &posError{lineAt(doc, s.i), errors.New("data after the JSON document")}
	}
	var elems []Value
	switch {
	case records != nil:
		sub, ok := v.get(records)
		if !ok {
			return fmt.Errorf("no %q in the document (--records)", records)
		}
		if elems, err = sub.Elements(); err != nil {
			return fmt.Errorf("%q %v", records, err)
		}
	case v.Kind() == "array":
		elems, _ = v.Elements()
	default:
		elems = []Value{v}
	}
	i := 0
	var buf bytes.Buffer
	r.next = func() ([]byte, int, error) {
		if i == len(elems) {
			return nil, 0, io.EOF
		}
		e := elems[i]
		i++
		line := lineAt(doc, cap(doc)-cap(e))
		buf.Reset()
		compact(&buf, e)
		return buf.Bytes(), line, nil
	}
	return nil
}

// lineAt is the 1-based line of byte offset off.
func lineAt(doc []byte, off int) int {
	return bytes.Count(doc[:min(off, len(doc))], []byte{'\n'}) + 1
}

// compact writes a validated JSON value without its insignificant
// whitespace, keeping key order and number spelling.
func compact(dst *bytes.Buffer, v Value) {
	inStr := false
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case inStr:
			dst.WriteByte(c)
			if c == '\\' && i+1 < len(v) {
				i++
				dst.WriteByte(v[i])
			} else if c == '"' {
				inStr = false
			}
		case c == '"':
			inStr = true
			dst.WriteByte(c)
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		case c == ',' || c == ':':
			// json.dumps' separators, so a compacted record reads like the
			// JSON Lines a trainer writes.
			dst.WriteByte(c)
			dst.WriteByte(' ')
		default:
			dst.WriteByte(c)
		}
	}
}

// get follows a path inside a value.
func (v Value) get(p Path) (Value, bool) {
	cur := v
	for _, seg := range p {
		next, ok := cur.child(seg)
		if !ok {
			return nil, false
		}
		cur = next
	}
	return cur, true
}

// spool copies a stream that is not a regular file (stdin, a decompressed
// stream) to a temporary file, for Parquet's random access to its footer.
func (r *Records) spool(src io.Reader) (*os.File, error) {
	f, err := os.CreateTemp("", "grpo-score-*.parquet")
	if err != nil {
		return nil, err
	}
	r.closers = append(r.closers, func() error { f.Close(); return os.Remove(f.Name()) })
	if _, err := io.Copy(f, src); err != nil {
		return nil, err
	}
	return f, nil
}
