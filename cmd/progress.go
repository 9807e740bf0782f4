package cmd

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress is what a command's reader reports while it reads: bytes of
// input and lines. The reader only stores counts; a ticker reads them, so
// the hot path never touches the bar. The ticker is the only throttle, so
// the last state is always drawn.
type progress struct {
	bytes, lines atomic.Int64
	stop         func()
}

// bytesKind says which bytes a reader counts: the input as stored (the
// pipeline counts compressed bytes) or as decompressed.
type bytesKind int

const (
	storedBytes bytesKind = iota
	decompressedBytes
)

// startProgress shows a progress bar on standard error when it is a terminal
// and --quiet is not given, and returns nil otherwise. For regular files the
// bar shows bytes and an ETA against their size (a compressed input says its
// bytes are compressed ones, or, when the reader counts decompressed bytes,
// the bar shows bytes without a total); for pipes it counts lines.
func startProgress(e *env, quiet bool, verb string, args []string, kind bytesKind) *progress {
	if quiet || !e.stderrTTY {
		return nil
	}
	total, compressed := inputSize(args)
	p := &progress{}
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(e.stderr),
		progressbar.OptionSetWidth(20),
		progressbar.OptionShowCount(),
		// No spinner goroutine of the bar's own: it would draw again after
		// the bar stopped, over the summary that follows.
		progressbar.OptionSetSpinnerChangeInterval(0),
	}
	countLines := total < 0
	bytesOpts := []progressbar.Option{progressbar.OptionShowBytes(true), progressbar.OptionShowTotalBytes(true)}
	switch {
	case countLines:
		opts = append(opts, progressbar.OptionSetDescription(verb+" standard input"),
			progressbar.OptionShowTotalBytes(false), progressbar.OptionShowIts(), progressbar.OptionSetItsString("lines"))
	case compressed && kind == decompressedBytes:
		total = -1
		opts = append(opts, progressbar.OptionSetDescription(verb+" (decompressed bytes)"), progressbar.OptionShowBytes(true))
	case compressed:
		opts = append(append(opts, progressbar.OptionSetDescription(verb+" (compressed bytes)")), bytesOpts...)
	default:
		opts = append(append(opts, progressbar.OptionSetDescription(verb)), bytesOpts...)
	}
	bar := progressbar.NewOptions64(total, opts...)
	stop := make(chan struct{})
	finished := make(chan struct{})
	value := func() int64 {
		if countLines {
			return p.lines.Load()
		}
		return p.bytes.Load()
	}
	go func() {
		defer close(finished)
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				_ = bar.Set64(value())
			case <-stop:
				_ = bar.Set64(value())
				_ = bar.Exit()
				// The bar's last state stays as a line of its own, so
				// that every line of standard error ends with a newline.
				fmt.Fprintln(e.stderr)
				return
			}
		}
	}()
	p.stop = func() {
		close(stop)
		<-finished
	}
	return p
}

// done stops the bar; p may be nil.
func (p *progress) done() {
	if p != nil {
		p.stop()
	}
}

// counters returns the pipeline's counters, nil when no bar is shown.
func (p *progress) counters() (*atomic.Int64, *atomic.Int64) {
	if p == nil {
		return nil, nil
	}
	return &p.bytes, &p.lines
}

// add counts one line of n bytes read by a command that reads lines itself.
func (p *progress) add(n int) {
	if p != nil {
		p.bytes.Add(int64(n) + 1)
		p.lines.Add(1)
	}
}

// inputSize is the total size of args when every one is a regular file,
// else -1, and whether any of them is compressed.
func inputSize(args []string) (total int64, compressed bool) {
	for _, a := range args {
		st, err := os.Stat(a)
		if a == "-" || err != nil || !st.Mode().IsRegular() {
			return -1, false
		}
		total += st.Size()
		compressed = compressed || isCompressed(a)
	}
	return total, compressed
}

// isCompressed tells gzip and zstd files by their magic bytes, as
// jsonlio.Open does.
func isCompressed(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	return bytes.HasPrefix(head, []byte{0x1f, 0x8b}) || bytes.HasPrefix(head, []byte{0x28, 0xb5, 0x2f, 0xfd})
}
