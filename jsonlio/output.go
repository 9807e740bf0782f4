package jsonlio

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Output is an output file that is never left half-written: the bytes go to
// a temporary file beside the target, and only Commit renames it into
// place, so a failed or interrupted run leaves the previous file as it was.
// A target that exists and is not a regular file (/dev/null, /dev/full, a
// named pipe) is written in place: there is nothing to replace.
type Output struct {
	// Name is the target as the user gave it, for messages.
	Name   string
	f      *os.File
	target string // the target with symbolic links resolved
	tmp    string // the temporary file; "" when writing in place
	done   bool
}

// CreateOutput starts writing the output path.
func CreateOutput(path string) (*Output, error) {
	o := &Output{Name: path, target: path}
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		o.target = resolved // replace the file a link points to, not the link
	}
	st, err := os.Stat(o.target)
	switch {
	case err == nil && !st.Mode().IsRegular():
		if st.IsDir() {
			return nil, fmt.Errorf("%s: is a directory", path)
		}
		f, err := os.OpenFile(o.target, os.O_WRONLY, 0)
		if err != nil {
			return nil, err
		}
		o.f = f
		return o, nil
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	f, tmp, err := createTemp(o.target)
	if err != nil {
		return nil, err
	}
	if st != nil {
		// Keep the replaced file's permission bits; a new file gets
		// 0666 less the umask, as os.Create would give it.
		if err := f.Chmod(st.Mode().Perm()); err != nil {
			f.Close()
			os.Remove(tmp)
			return nil, err
		}
	}
	o.f, o.tmp = f, tmp
	return o, nil
}

// createTemp makes a new file in target's directory, with the mode os.Create
// would give target.
func createTemp(target string) (*os.File, string, error) {
	dir, base := filepath.Split(target)
	var rnd [6]byte
	for try := 0; ; try++ {
		if _, err := rand.Read(rnd[:]); err != nil {
			return nil, "", err
		}
		tmp := filepath.Join(dir, "."+base+".tmp-"+hex.EncodeToString(rnd[:]))
		f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if err == nil {
			return f, tmp, nil
		}
		if !errors.Is(err, fs.ErrExist) || try == 10 {
			return nil, "", fmt.Errorf("%s: creating a temporary file beside it: %w", target, err)
		}
	}
}

// Write writes to the temporary file (or the device).
func (o *Output) Write(p []byte) (int, error) { return o.f.Write(p) }

// File is the open file being written.
func (o *Output) File() *os.File { return o.f }

// InPlace reports whether the target is written directly (a device or a
// pipe), so that Abort cannot leave the previous contents.
func (o *Output) InPlace() bool { return o.tmp == "" }

// Commit makes the written bytes durable and renames them into place.
func (o *Output) Commit() error {
	if o.done {
		return nil
	}
	o.done = true
	if o.tmp == "" {
		return o.f.Close()
	}
	err := o.f.Sync()
	if cerr := o.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(o.tmp, o.target)
	}
	if err != nil {
		os.Remove(o.tmp)
		return fmt.Errorf("%s: %w", o.Name, err)
	}
	return nil
}

// Abort discards what was written: the target keeps its previous contents
// (or stays absent).
func (o *Output) Abort() {
	if o.done {
		return
	}
	o.done = true
	o.f.Close()
	if o.tmp != "" {
		os.Remove(o.tmp)
	}
}
