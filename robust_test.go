package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"
)

// These end-to-end tests hold the binary to "nothing lost, nothing
// destroyed": outputs never clobber inputs or the previous file, a signal or
// a full disk leaves whole lines and honest counts, a corrupt compressed
// input gives every line decoded before the damage.

// sample is the 110-line sample the README scores.
func sample(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/sample.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// runFiles runs the binary with stdin and stdout connected to files (nil
// for none), returning stderr and the exit code.
func runFiles(t *testing.T, stdin, stdout *os.File, args ...string) (string, int) {
	t.Helper()
	c := exec.Command(binary, args...)
	if stdin != nil {
		c.Stdin = stdin
	}
	if stdout != nil {
		c.Stdout = stdout
	}
	var errb bytes.Buffer
	c.Stderr = &errb
	err := c.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return errb.String(), ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return errb.String(), 0
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// wholeJSONLines checks that b is complete JSON lines and returns how many.
func wholeJSONLines(t *testing.T, what string, b []byte) int {
	t.Helper()
	if len(b) > 0 && b[len(b)-1] != '\n' {
		t.Errorf("%s: ends in a torn line: ...%q", what, b[max(0, len(b)-40):])
	}
	n := 0
	for _, line := range bytes.SplitAfter(b, []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		n++
		if !json.Valid(line) {
			t.Errorf("%s: line %d is not whole JSON: %.80q", what, n, line)
			break
		}
	}
	return n
}

var writtenRe = regexp.MustCompile(`lines: (\d+) read, (\d+) written`)

// summaryWritten is the "written" count of the summary on stderr.
func summaryWritten(t *testing.T, stderr string) int {
	t.Helper()
	m := writtenRe.FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("no summary line in stderr:\n%s", stderr)
	}
	n, _ := strconv.Atoi(m[2])
	return n
}

func TestOutputsNeverDestroyAnInput(t *testing.T) {
	dir := t.TempDir()
	data := sample(t)
	in := filepath.Join(dir, "in.jsonl")
	out := filepath.Join(dir, "out.jsonl")
	for _, tt := range []struct {
		name  string
		stdin bool
		args  []string
		want  string
	}{
		{"-o names stdin's file", true, []string{"score", "-q", "-r", "format", "-o", in}, "is also an input (standard input)"},
		{"--stats names the input", false, []string{"score", "-q", "-r", "format", in, "--stats", in}, "--stats " + in + " is also an input"},
		{"--stats names the -o file", false, []string{"score", "-q", "-r", "format", in, "-o", out, "--stats", out}, "is also the -o output"},
		{"-o through a symbolic link to the input", false, []string{"score", "-q", "-r", "format", in, "-o", filepath.Join(dir, "link")}, "is also an input"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			writeFile(t, in, data)
			writeFile(t, out, []byte("previous\n"))
			os.Remove(filepath.Join(dir, "link"))
			if err := os.Symlink(in, filepath.Join(dir, "link")); err != nil {
				t.Fatal(err)
			}
			var stdin *os.File
			if tt.stdin {
				f, err := os.Open(in)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				stdin = f
			}
			errs, code := runFiles(t, stdin, nil, tt.args...)
			if code != 2 || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errs, tt.want)
			}
			if !bytes.Equal(readFile(t, in), data) {
				t.Error("the input was modified")
			}
			if string(readFile(t, out)) != "previous\n" {
				t.Error("the previous output was modified")
			}
		})
	}
}

func TestPipedInputOverItsOwnFileIsRewrittenWhole(t *testing.T) {
	// cat in | score -o in: the output replaces the input only once complete,
	// so cat reads the whole original.
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	writeFile(t, in, sample(t))
	c := exec.Command("bash", "-c", "cat "+in+" | "+binary+" score -q -r format -o "+in)
	if out, err := c.CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if n := wholeJSONLines(t, in, readFile(t, in)); n != 110 {
		t.Errorf("%d lines in the rewritten file, want 110", n)
	}
}

func TestFailedRunLeavesThePreviousOutput(t *testing.T) {
	dir := t.TempDir()
	prev := filepath.Join(dir, "prev.jsonl")
	prevStats := filepath.Join(dir, "prev.stats.json")
	writeFile(t, prev, []byte("previous\n"))
	writeFile(t, prevStats, []byte("{}\n"))
	in := filepath.Join(dir, "in.jsonl")
	writeFile(t, in, sample(t))
	errs, code := runFiles(t, nil, nil, "score", "-q", in, filepath.Join(dir, "nosuch.jsonl"), "-o", prev, "--stats", prevStats)
	if code != 4 || !strings.Contains(errs, "nosuch.jsonl") {
		t.Errorf("exit %d, stderr %q; want 4 naming the missing input", code, errs)
	}
	if string(readFile(t, prev)) != "previous\n" || string(readFile(t, prevStats)) != "{}\n" {
		t.Error("a run that failed before its first line touched the previous outputs")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*tmp*")); len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func TestOutputKeepsThePermissionsOfTheFileItReplaces(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	writeFile(t, out, nil)
	if err := os.Chmod(out, 0o640); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "in.jsonl")
	writeFile(t, in, sample(t))
	if errs, code := runFiles(t, nil, nil, "score", "-q", "-r", "format", in, "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	st, err := os.Stat(out)
	if err != nil || st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v (%v), want 0640", st.Mode(), err)
	}
}

// slowFeed starts the binary reading a pipe, writes the first n lines of
// the golden corpus, waits until they have been taken in, and returns the
// running command, its stderr and the write end, held open (a stalled
// producer).
func slowFeed(t *testing.T, n int, stdout *os.File, args ...string) (*exec.Cmd, *bytes.Buffer, io.WriteCloser) {
	t.Helper()
	c := exec.Command(binary, args...)
	w, err := c.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var errb bytes.Buffer
	c.Stderr = &errb
	if stdout != nil {
		c.Stdout = stdout
	}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	waitSignalsCaught(t, c.Process.Pid)
	lines := bytes.SplitAfter(golden(t), []byte("\n"))
	for _, l := range lines[:n] {
		if _, err := w.Write(l); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(700 * time.Millisecond) // let the scored batches reach the writer
	return c, &errb, w
}

// waitSignalsCaught waits until the process catches SIGINT and SIGTERM: a
// test run from a non-interactive shell may start it with SIGINT ignored
// (inherited), so a signal sent before main's signal.Notify would be lost.
func waitSignalsCaught(t *testing.T, pid int) {
	t.Helper()
	const want = 1<<(syscall.SIGINT-1) | 1<<(syscall.SIGTERM-1)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
		if err != nil {
			time.Sleep(100 * time.Millisecond) // no procfs: settle for a pause
			return
		}
		var cgt, ign uint64
		for _, line := range strings.Split(string(status), "\n") {
			if v, ok := strings.CutPrefix(line, "SigCgt:\t"); ok {
				cgt, _ = strconv.ParseUint(v, 16, 64)
			}
			if v, ok := strings.CutPrefix(line, "SigIgn:\t"); ok {
				ign, _ = strconv.ParseUint(v, 16, 64)
			}
		}
		if cgt&want == want && ign&want == 0 {
			time.Sleep(50 * time.Millisecond) // the runtime's handler comes just before Notify
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the binary never caught SIGINT and SIGTERM")
}

func waitExit(t *testing.T, c *exec.Cmd) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				return -int(ws.Signal()) // killed by the signal: not handled
			}
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(60 * time.Second):
		c.Process.Kill()
		t.Fatalf("%v did not stop within 60 s of the signal", c.Args)
		return 0
	}
}

func TestSignalWritesWholeLinesAndHonestCounts(t *testing.T) {
	for _, tt := range []struct {
		sig  syscall.Signal
		code int
		file bool
		args []string
	}{
		{syscall.SIGINT, 130, true, nil},
		{syscall.SIGTERM, 143, true, nil},
		{syscall.SIGTERM, 143, false, nil},
		// Lines of open groups wait for their file's end, so only a stream
		// of contiguous groups has written lines when the signal comes.
		{syscall.SIGINT, 130, true, []string{"--group-field", "id", "--group-contiguous"}},
	} {
		t.Run(fmt.Sprintf("%v file=%v %v", tt.sig, tt.file, tt.args), func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out.jsonl")
			writeFile(t, out, []byte("previous\n"))
			args := append([]string{"score", "-r", "accuracy,format", "-j", "2"}, tt.args...)
			var stdout *os.File
			if tt.file {
				args = append(args, "-o", out, "--stats", filepath.Join(dir, "stats.json"))
			} else {
				f, err := os.Create(out)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				stdout = f
			}
			c, errb, w := slowFeed(t, 1000, stdout, args...)
			defer w.Close()
			if err := c.Process.Signal(tt.sig); err != nil {
				t.Fatal(err)
			}
			code := waitExit(t, c)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tt.code, errb)
			}
			got := readFile(t, out)
			n := wholeJSONLines(t, out, got)
			if n == 0 || n > 1000 {
				t.Errorf("%d lines written, want a prefix of the 1000 fed", n)
			}
			if w := summaryWritten(t, errb.String()); w != n {
				t.Errorf("summary says %d written, the file has %d", w, n)
			}
			if tt.file {
				var st struct {
					Lines struct{ Written int }
				}
				if err := json.Unmarshal(readFile(t, filepath.Join(dir, "stats.json")), &st); err != nil || st.Lines.Written != n {
					t.Errorf("--stats: %d written (%v), the file has %d", st.Lines.Written, err, n)
				}
			}
			if !strings.Contains(errb.String(), "interrupted by") {
				t.Errorf("stderr does not say it was interrupted:\n%s", errb)
			}
		})
	}
}

func TestSignalStopsCheckAndStats(t *testing.T) {
	for _, args := range [][]string{
		{"check", "-r", "format"},
		{"stats"},
	} {
		// The producer stalls: the commands must stop without another line.
		c, errb, w := slowFeed(t, 10, nil, args...)
		if err := c.Process.Signal(syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		code := waitExit(t, c)
		w.Close()
		if code != 130 || !strings.Contains(errb.String(), "interrupted by SIGINT") {
			t.Errorf("%v: exit %d, stderr %q; want 130", args, code, errb)
		}
	}
}

// compressed returns data gzip- or zstd-compressed.
func compressed(t *testing.T, kind string, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	var w io.WriteCloser
	if kind == "gzip" {
		w = gzip.NewWriter(&b)
	} else {
		zw, err := zstd.NewWriter(&b)
		if err != nil {
			t.Fatal(err)
		}
		w = zw
	}
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// decodableLines counts the whole lines a decompressor yields before it
// fails.
func decodableLines(t *testing.T, kind string, data []byte) int {
	t.Helper()
	var r io.Reader
	if kind == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	} else {
		zr, err := zstd.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		r = zr
	}
	got, _ := io.ReadAll(r)
	return bytes.Count(got, []byte("\n"))
}

func TestCorruptCompressedInputWritesEveryDecodedLine(t *testing.T) {
	data := bytes.Repeat(golden(t), 4) // 12,000 lines, several MB
	for _, kind := range []string{"gzip", "zstd"} {
		z := compressed(t, kind, data)
		badCRC := append([]byte(nil), z...)
		if kind == "gzip" {
			badCRC[len(badCRC)-8] ^= 0xff // the CRC-32 of the trailer
		} else {
			badCRC[len(badCRC)-1] ^= 0xff // the content checksum
		}
		for _, tt := range []struct {
			name string
			in   []byte
		}{
			{"truncated", z[:len(z)/2]},
			{"bad checksum", badCRC},
		} {
			t.Run(kind+" "+tt.name, func(t *testing.T) {
				dir := t.TempDir()
				in := filepath.Join(dir, "dump.bin")
				writeFile(t, in, tt.in)
				out := filepath.Join(dir, "out.jsonl")
				want := decodableLines(t, kind, tt.in)
				errs, code := runFiles(t, nil, nil, "score", "-r", "format", in, "-o", out)
				if code != 4 || !regexp.MustCompile(regexp.QuoteMeta(in)+`:\d+: `).MatchString(errs) {
					t.Errorf("exit %d, stderr %q; want 4 and FILE:LINE", code, errs)
				}
				n := wholeJSONLines(t, out, readFile(t, out))
				if n != want {
					t.Errorf("%d lines written, %d were decodable", n, want)
				}
				if w := summaryWritten(t, errs); w != n {
					t.Errorf("summary says %d written, the file has %d", w, n)
				}
			})
		}
	}
}

// devFull opens /dev/full for writing, skipping where it does not exist.
func devFull(t *testing.T) *os.File {
	t.Helper()
	f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full")
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// scoredSample writes the sample, scores it with accuracy and format, and
// returns the input, the scored file and its statistics: what every
// command's stream tests read.
func scoredSample(t *testing.T) (in, scored, st string) {
	t.Helper()
	dir := t.TempDir()
	in = filepath.Join(dir, "in.jsonl")
	writeFile(t, in, sample(t))
	scored = filepath.Join(dir, "scored.jsonl")
	st = filepath.Join(dir, "s.json")
	if errs, code := runFiles(t, nil, nil, "score", "-q", "-r", "accuracy,format", in, "-o", scored, "--stats", st); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	return in, scored, st
}

func TestEveryCommandExits4OnAFullStdout(t *testing.T) {
	in, scored, st := scoredSample(t)
	full := devFull(t)
	for _, args := range [][]string{
		{"score", "-q", "-r", "format", in},
		{"check", "-r", "accuracy,format", scored},
		{"check", "-r", "accuracy,format", "--json", scored},
		{"stats", scored},
		{"stats", "--json", scored},
		{"stats", "merge", st, st},
		{"explain", "--line", "1", scored},
		{"explain", "--line", "1", "--json", scored},
		{"rewards"},
		{"version"},
	} {
		errs, code := runFiles(t, nil, full, args...)
		if code != 4 || !strings.Contains(errs, "no space left on device") {
			t.Errorf("%v: exit %d, stderr %q; want 4 and ENOSPC", args, code, errs)
		}
	}
}

// closedPipe is the write end of a pipe whose reader has already gone, so
// every write fails with EPIPE, as after "| head" has exited.
func closedPipe(t *testing.T) *os.File {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	t.Cleanup(func() { w.Close() })
	return w
}

func TestEveryCommandExits0QuietlyOnAClosedPipe(t *testing.T) {
	in, scored, st := scoredSample(t)
	for _, args := range [][]string{
		{"score", "-q", "-r", "format", in},
		{"stats", "-q", scored},
		{"stats", "-q", "--table", scored},
		{"stats", "merge", st, st},
		{"explain", "--line", "1", scored},
		{"explain", "--line", "1", "--json", scored},
		{"rewards"},
		{"rewards", "--json"},
		{"version"},
		{"version", "--json"},
	} {
		errs, code := runFiles(t, nil, closedPipe(t), args...)
		if code != 0 || errs != "" {
			t.Errorf("%v into a closed pipe: exit %d, stderr %q; want 0 and nothing", args, code, errs)
		}
	}
}

func TestFullDiskLeavesWholeLinesAndHonestCounts(t *testing.T) {
	// ulimit -f makes writes past 64 KiB fail (EFBIG) the way a full disk
	// does, partially.
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	writeFile(t, in, golden(t))
	out := filepath.Join(dir, "out.jsonl")
	c := exec.Command("bash", "-c", "ulimit -f 64; exec "+binary+" score -r format "+in+" > "+out)
	var errb bytes.Buffer
	c.Stderr = &errb
	err := c.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 4 {
		t.Fatalf("%v, stderr %s; want exit 4", err, errb.String())
	}
	n := wholeJSONLines(t, out, readFile(t, out))
	if w := summaryWritten(t, errb.String()); w != n || n == 0 || n >= 3000 {
		t.Errorf("summary says %d written, the file has %d whole lines", w, n)
	}

	// With -o, the previous file stays as it was.
	writeFile(t, out, []byte("previous\n"))
	c = exec.Command("bash", "-c", "ulimit -f 64; exec "+binary+" score -r format "+in+" -o "+out)
	errb.Reset()
	c.Stderr = &errb
	if err := c.Run(); !errors.As(err, &ee) || ee.ExitCode() != 4 {
		t.Fatalf("-o: %v; want exit 4", err)
	}
	if string(readFile(t, out)) != "previous\n" {
		t.Error("-o: a failed write replaced the previous file")
	}
	if !strings.Contains(errb.String(), "left unchanged") || summaryWritten(t, errb.String()) != 0 {
		t.Errorf("-o: stderr should say the file was left unchanged and 0 written:\n%s", errb.String())
	}
}

// TestGzipBombStaysBounded streams a 10 GiB gzip bomb (zeros, no newline:
// one endless line) through score: memory must stay bounded by the line cap
// and the run must report the line, not die. The bomb is made of one
// compressed 64 MiB member written 160 times (gzip readers read
// concatenated members as one stream), so nothing big is ever stored.
// The address-space limit keeps a regression from taking the machine down.
func TestGzipBombStaysBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("decompresses 10 GiB")
	}
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	zw.Write(make([]byte, 64<<20))
	zw.Close()
	c := exec.Command("bash", "-c", "ulimit -v 4000000; exec "+binary+" score -r format")
	w, err := c.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var errb bytes.Buffer
	c.Stderr = &errb
	c.Stdout = io.Discard
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer w.Close()
		for i := 0; i < 160; i++ {
			if _, err := w.Write(member.Bytes()); err != nil {
				return
			}
		}
	}()
	err = c.Wait()
	code := c.ProcessState.ExitCode()
	rss := c.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10 // KiB on Linux
	t.Logf("exit %d, peak RSS %d MB, %s", code, rss>>20, c.ProcessState.UserTime())
	// The one line is invalid and so no line could be scored: exit 3.
	if code != 3 || !strings.Contains(errb.String(), "<stdin>:1: line longer than 268435456 bytes") {
		t.Errorf("exit %d (%v), stderr:\n%s\nwant 3 and the line reported", code, err, errb.String())
	}
	if !strings.Contains(errb.String(), "1 read, 0 written, 1 skipped, 1 failed") {
		t.Errorf("summary does not count the line:\n%s", errb.String())
	}
	if rss >= 1500<<20 {
		t.Errorf("peak RSS %d MB, want under 1500 MB", rss>>20)
	}
}

func TestOnErrorFailRenamesThePrefix(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	lines := bytes.SplitAfter(sample(t), []byte("\n"))
	bad := append(append(bytes.Join(lines[:40], nil), "not json\n"...), bytes.Join(lines[40:], nil)...)
	writeFile(t, in, bad)
	out := filepath.Join(dir, "out.jsonl")
	writeFile(t, out, []byte("previous\n"))
	errs, code := runFiles(t, nil, nil, "score", "-r", "format", "--on-error", "fail", in, "-o", out)
	if code != 3 || !strings.Contains(errs, in+":41: not a JSON object") {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	if n := wholeJSONLines(t, out, readFile(t, out)); n != 40 || summaryWritten(t, errs) != 40 {
		t.Errorf("%d lines in the file, summary %d; want the 40 before the bad line", n, summaryWritten(t, errs))
	}
}

func TestEveryOutputFlagIsAtomic(t *testing.T) {
	// report and compare write through the same outputs as score.
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	writeFile(t, in, sample(t))
	prev := filepath.Join(dir, "prev")
	for _, args := range [][]string{
		{"report", filepath.Join(dir, "nosuch.jsonl"), "-o", prev},
		{"compare", filepath.Join(dir, "nosuch.jsonl"), "--as", "a=-r format", "--as", "b=-r accuracy", "-o", prev},
	} {
		writeFile(t, prev, []byte("previous\n"))
		if errs, code := runFiles(t, nil, nil, args...); code != 4 || string(readFile(t, prev)) != "previous\n" {
			t.Errorf("%v: exit %d (%s); the previous output must stay", args[0], code, errs)
		}
	}
	for _, args := range [][]string{
		{"report", in, "-o", in},
		{"compare", in, "--as", "a=-r format", "--as", "b=-r accuracy", "-o", in},
	} {
		if errs, code := runFiles(t, nil, nil, args...); code != 2 || !bytes.Equal(readFile(t, in), sample(t)) {
			t.Errorf("%v -o the input: exit %d (%s), input intact: %v", args[0], code, errs, bytes.Equal(readFile(t, in), sample(t)))
		}
	}
}
