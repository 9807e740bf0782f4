package jsonlio

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"

	"github.com/klauspost/compress/zstd"
)

// Input is one opened input: a file or standard input, decompressed.
type Input struct {
	// Name is what messages call the input: the path, or "<stdin>".
	Name string
	// Size is the compressed size in bytes when known (a regular file), else -1.
	Size int64
	// Compression is "gzip", "zstd" or "".
	Compression string

	r       io.Reader
	file    *os.File // the opened file, for random access (Parquet)
	closers []func() error
	counter *countingReader
}

var (
	gzipMagic = []byte{0x1f, 0x8b}
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}
)

// Open opens path ("-" is stdin) and wraps it in a decompressor when its
// first bytes are a gzip or zstd magic number. The file name plays no part.
func Open(path string, stdin io.Reader) (*Input, error) {
	in := &Input{Name: path, Size: -1}
	var raw io.Reader
	if path == "-" {
		in.Name = "<stdin>"
		raw = stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		in.closers = append(in.closers, f.Close)
		in.file = f
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			in.Size = st.Size()
		}
		raw = f
	}
	in.counter = &countingReader{r: raw}
	br := bufio.NewReaderSize(in.counter, 1<<16)
	head, _ := br.Peek(4)
	switch {
	case bytes.HasPrefix(head, gzipMagic):
		zr, err := gzip.NewReader(br)
		if err != nil {
			in.Close()
			return nil, fmt.Errorf("%s: gzip: %w", in.Name, err)
		}
		in.Compression = "gzip"
		in.r = zr
	case bytes.HasPrefix(head, zstdMagic):
		// Two decoders, not one: the synchronous single decoder withholds
		// the last block it decoded when the frame's checksum fails, and
		// every decoded line must be written before the error ends the run.
		zr, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(2))
		if err != nil {
			in.Close()
			return nil, fmt.Errorf("%s: zstd: %w", in.Name, err)
		}
		in.closers = append(in.closers, func() error { zr.Close(); return nil })
		in.Compression = "zstd"
		in.r = zr
	default:
		in.r = br
	}
	return in, nil
}

// Read reads decompressed bytes.
func (in *Input) Read(p []byte) (int, error) { return in.r.Read(p) }

// Consumed reports how many raw (compressed) bytes have been read so far; it
// is safe to call from another goroutine, for progress reporting.
func (in *Input) Consumed() int64 { return in.counter.n.Load() }

// Close releases the input.
func (in *Input) Close() error {
	var first error
	for i := len(in.closers) - 1; i >= 0; i-- {
		if err := in.closers[i](); err != nil && first == nil {
			first = err
		}
	}
	in.closers = nil
	return first
}
