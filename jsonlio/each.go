package jsonlio

import (
	"context"
	"errors"
	"fmt"
	"io"
)

// ErrStop, returned by a ForEachLine callback, ends the walk without error.
var ErrStop = errors.New("stop")

// ReadError is a failure to open or read an input, as opposed to an error
// returned by the callback.
type ReadError struct{ Err error }

func (e *ReadError) Error() string { return e.Err.Error() }
func (e *ReadError) Unwrap() error { return e.Err }

// ForEachLine opens path ("-" is stdin) and calls fn with the input's name,
// each line's number and the line, which is valid only during the call.
// Lines longer than maxLine bytes (0: DefaultMaxLineBytes) end the walk
// with a *LineTooLongError naming FILE:LINE. Reading failures come back as
// *ReadError naming FILE:LINE; an error from fn comes back as it is, except
// ErrStop.
//
// Inputs in other formats (Parquet, JSON documents, VLM-R1 logs) are
// recognised as OpenRecords does and come as one line per record.
//
// When ctx ends, the walk stops with ctx's error, even while standard input
// is waiting for a line that does not come (a stalled pipe).
func ForEachLine(ctx context.Context, path string, stdin io.Reader, maxLine int, fn func(file string, n int, line []byte) error) error {
	return ForEachRecord(ctx, path, stdin, ReadOptions{MaxLine: maxLine}, fn)
}

// ForEachRecord is ForEachLine with the format and records path chosen.
func ForEachRecord(ctx context.Context, path string, stdin io.Reader, opt ReadOptions, fn func(file string, n int, line []byte) error) error {
	if path == "-" && ctx.Done() != nil {
		stdin = &ctxReader{ctx: ctx, r: stdin}
	}
	in, err := OpenRecords(path, stdin, opt)
	if err != nil {
		return &ReadError{Err: err}
	}
	defer in.Close()
	for {
		line, n, err := in.Next()
		if err == io.EOF {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if IsLineTooLong(err) {
			return fmt.Errorf("%s:%d: %w", in.Name, n, err)
		}
		if err != nil {
			return &ReadError{Err: fmt.Errorf("%s:%d: %w", in.Name, n, err)}
		}
		if err := fn(in.Name, n, line); err != nil {
			if errors.Is(err, ErrStop) {
				return nil
			}
			return err
		}
	}
}

// ctxReader makes a blocking read give up when ctx ends: each read runs on
// its own goroutine (reads are of 64 KiB, so this costs little), and an
// abandoned one is left to the process's exit.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

type readResult struct {
	n   int
	err error
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	done := make(chan readResult, 1)
	go func() {
		n, err := c.r.Read(p)
		done <- readResult{n, err}
	}()
	select {
	case r := <-done:
		return r.n, r.err
	case <-c.ctx.Done():
		return 0, c.ctx.Err()
	}
}
