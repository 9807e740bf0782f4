package cmd

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"

	"github.com/grpo-score/grpo-score/jsonlio"
)

// stickyWriter remembers the first write error of a stream, so that a
// command whose report went nowhere (a full disk, /dev/full) exits 4
// instead of claiming success. A closed pipe (| head) is not an error.
type stickyWriter struct {
	w   io.Writer
	err error
}

func (s *stickyWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	if err != nil {
		s.err = err
	}
	return n, err
}

// File is the underlying file, if any, so the pipeline can cut a line a
// full disk tore.
func (s *stickyWriter) File() *os.File {
	f, _ := s.w.(*os.File)
	return f
}

// failed is the recorded error, nil for none or a closed pipe.
func (s *stickyWriter) failed() error {
	if s.err == nil || isBrokenPipe(s.err) {
		return nil
	}
	return s.err
}

func isBrokenPipe(err error) bool {
	return errors.Is(err, syscall.EPIPE)
}

// outputFlag is one output a command was asked to write.
type outputFlag struct {
	flag string // "-o", "--stats"
	path string // "" or "-": standard output
}

func (o outputFlag) isFile() bool { return o.path != "" && o.path != "-" }

// checkFiles opens every input before any output is created, so that a
// missing input fails the run before it touches anything, and refuses an
// output that is also an input (creating it would destroy the input) or
// another output. Standard input counts as the file it was redirected from.
func checkFiles(inputs []string, stdin io.Reader, outputs []outputFlag) error {
	var ins []os.FileInfo
	var names []string
	for _, name := range inputs {
		var st os.FileInfo
		if name == "-" {
			f, ok := stdin.(*os.File)
			if !ok {
				continue
			}
			var err error
			if st, err = f.Stat(); err != nil {
				continue
			}
			name = "standard input"
		} else {
			f, err := os.Open(name)
			if err != nil {
				return ioErr(err)
			}
			st, err = f.Stat()
			f.Close()
			if err != nil {
				return ioErr(err)
			}
		}
		ins = append(ins, st)
		names = append(names, name)
	}
	var outs []os.FileInfo
	var abs []string
	for i, o := range outputs {
		if !o.isFile() {
			outs, abs = append(outs, nil), append(abs, "")
			continue
		}
		a, err := filepath.Abs(o.path)
		if err != nil {
			return ioErr(err)
		}
		if r, err := filepath.EvalSymlinks(a); err == nil {
			a = r
		}
		st, err := os.Stat(a)
		if err != nil {
			st = nil // does not exist yet
		}
		// Devices such as /dev/null may be named twice; files may not.
		shared := st != nil && !st.Mode().IsRegular()
		for j, in := range ins {
			if st != nil && !shared && os.SameFile(st, in) {
				return usageErr("%s %s is also an input (%s); write to another file", o.flag, o.path, names[j])
			}
		}
		for j := 0; j < i; j++ {
			if abs[j] != "" && !shared && (abs[j] == a || (st != nil && outs[j] != nil && os.SameFile(st, outs[j]))) {
				return usageErr("%s %s is also the %s output; give each output its own file", o.flag, o.path, outputs[j].flag)
			}
		}
		outs, abs = append(outs, st), append(abs, a)
	}
	return nil
}

// createOutput starts an output: standard output as it is, a file through
// a temporary file that only commit renames into place.
func createOutput(o outputFlag, stdout io.Writer) (io.Writer, *jsonlio.Output, error) {
	if !o.isFile() {
		return stdout, nil, nil
	}
	f, err := jsonlio.CreateOutput(o.path)
	if err != nil {
		return nil, nil, ioErr(fmt.Errorf("%s: %w", o.flag, err))
	}
	return f, f, nil
}
