package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// The tests in this file build the binary and run it as a user would: on
// files, through pipes, on compressed input and against a full disk.

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "grpo-score-e2e")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "grpo-score")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		panic("building the binary: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func golden(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/golden/rollouts.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func runBin(t *testing.T, stdin []byte, args ...string) (string, string, int) {
	t.Helper()
	c := exec.Command(binary, args...)
	c.Stdin = bytes.NewReader(stdin)
	var out, errb bytes.Buffer
	c.Stdout, c.Stderr = &out, &errb
	err := c.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

func TestFilesAndCompressionGiveTheSameOutput(t *testing.T) {
	dir := t.TempDir()
	data := golden(t)
	plain := filepath.Join(dir, "dump.jsonl")
	os.WriteFile(plain, data, 0o644)
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write(data)
	w.Close()
	gzPath := filepath.Join(dir, "dump.gz.bin") // the name does not matter
	os.WriteFile(gzPath, gz.Bytes(), 0o644)
	var zs bytes.Buffer
	zw, _ := zstd.NewWriter(&zs)
	zw.Write(data)
	zw.Close()
	zsPath := filepath.Join(dir, "dump.jsonl.zst")
	os.WriteFile(zsPath, zs.Bytes(), 0o644)

	ref, _, code := runBin(t, nil, "score", "-q", "-r", "format", plain)
	if code != 0 || strings.Count(ref, "\n") != 3000 {
		t.Fatalf("plain: exit %d, %d lines", code, strings.Count(ref, "\n"))
	}
	for _, args := range [][]string{
		{"score", "-q", "-r", "format", gzPath},
		{"score", "-q", "-r", "format", zsPath},
		{"score", "-q", "-r", "format", "-"},
		{"score", "-q", "-r", "format", "-j", "1", plain},
	} {
		var stdin []byte
		if args[len(args)-1] == "-" {
			stdin = gz.Bytes()
		}
		got, errs, code := runBin(t, stdin, args...)
		if code != 0 || got != ref {
			t.Errorf("%v: exit %d, output differs (%s)", args, code, errs)
		}
	}
	out := filepath.Join(dir, "out.jsonl")
	if _, _, code := runBin(t, nil, "score", "-q", "-r", "format", "-o", out, plain, plain); code != 0 {
		t.Fatalf("-o: exit %d", code)
	}
	b, _ := os.ReadFile(out)
	if string(b) != ref+ref {
		t.Error("two inputs into -o: output is not the concatenation")
	}
}

func TestClosedPipeIsNotAnError(t *testing.T) {
	data := bytes.Repeat(golden(t), 5)
	sh := exec.Command("bash", "-c", "set -o pipefail; "+binary+" score -q -r format | head -n 2 >/dev/null")
	sh.Stdin = bytes.NewReader(data)
	var errb bytes.Buffer
	sh.Stderr = &errb
	if err := sh.Run(); err != nil {
		t.Fatalf("pipeline into head failed: %v: %s", err, errb.String())
	}
	if errb.Len() != 0 {
		t.Errorf("stderr not quiet: %s", errb.String())
	}
}

func TestFullDiskExits4(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	_, errs, code := runBin(t, golden(t), "score", "-q", "-r", "format", "-o", "/dev/full")
	if code != 4 || !strings.Contains(errs, "no space left") {
		t.Errorf("exit %d, stderr %q; want 4 and ENOSPC", code, errs)
	}
}

func TestMalformedInputFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(p, []byte("{\"completion\":\"x\"}\n[1]\n\n{\"completion\": \"\xff\"}\n{\"completion\":\"y\""), 0o644)
	out, errs, code := runBin(t, nil, "score", "-r", "format", p)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{p + ":2: not a JSON object", p + ":4: invalid UTF-8", p + ":5: truncated JSON", "5 read, 4 written, 0 skipped, 3 failed, 1 blank"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if strings.Count(out, "\n") != 4 {
		t.Errorf("%d lines out, want 4 (every non-blank line kept)", strings.Count(out, "\n"))
	}
	_, _, code = runBin(t, nil, "score", "-q", "-r", "format", "--on-error", "fail", p)
	if code != 3 {
		t.Errorf("--on-error fail: exit %d, want 3", code)
	}
}

// TestGoldenThroughTheCLI is the parity test as a user runs it: the binary
// recomputes every golden reward through the whole pipeline (field access,
// solution preprocessing, output) and check finds no drift.
func TestGoldenThroughTheCLI(t *testing.T) {
	out, errs, code := runBin(t, nil, "check", "testdata/golden/rollouts.jsonl",
		"--golden", "testdata/golden/golden.jsonl", "-r", "accuracy,format,length,repetition")
	if code != 0 || !strings.Contains(out, "clean: 3000 lines checked") {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	var rec bytes.Buffer
	for _, line := range strings.SplitAfter(string(golden(t)), "\n") {
		if strings.Contains(line, `"task": "rec"`) {
			rec.WriteString(line)
		}
	}
	// The REC lines are a subset of the golden file: the other golden lines
	// match no line, which check accepts only when told.
	out, errs, code = runBin(t, rec.Bytes(), "check", "--golden", "testdata/golden/golden.jsonl", "--allow-missing", "-r", "rec_iou,rec_format")
	if code != 0 || !strings.Contains(out, "clean: 210 lines checked") {
		t.Fatalf("rec: exit %d\n%s%s", code, out, errs)
	}
}

// TestShardsMergeToTheWholeRun splits the golden corpus into 4 shards
// scored by 4 processes at once, merges their statistics, and expects the
// statistics of one run over the whole input (all but the timings).
func TestShardsMergeToTheWholeRun(t *testing.T) {
	dir := t.TempDir()
	in := "testdata/golden/rollouts.jsonl"
	rewards := "accuracy,format,length,repetition"
	whole := filepath.Join(dir, "whole.json")
	if _, errs, code := runBin(t, nil, "score", "-q", in, "-r", rewards, "-o", os.DevNull, "--stats", whole); code != 0 {
		t.Fatalf("whole run: exit %d: %s", code, errs)
	}
	var procs []*exec.Cmd
	var parts []string
	for k := 0; k < 4; k++ {
		part := filepath.Join(dir, "part"+string(rune('0'+k))+".json")
		parts = append(parts, part)
		c := exec.Command(binary, "score", "-q", in, "-r", rewards, "-o", os.DevNull, "--stats", part, "--shard", string(rune('0'+k))+"/4")
		c.Stderr = os.Stderr
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		procs = append(procs, c)
	}
	for _, c := range procs {
		if err := c.Wait(); err != nil {
			t.Fatal(err)
		}
	}
	// Merge in a scrambled order: the result must not depend on it.
	merged, errs, code := runBin(t, nil, append([]string{"stats", "merge"}, parts[2], parts[0], parts[3], parts[1])...)
	if code != 0 {
		t.Fatalf("merge: exit %d: %s", code, errs)
	}
	want, _ := os.ReadFile(whole)
	if a, b := dropTimings(string(want)), dropTimings(merged); a != b {
		t.Errorf("merged shard statistics differ from the whole run:\n%s\n---\n%s", a, b)
	}
}

// dropTimings removes the lines of the statistics JSON that measure time.
func dropTimings(s string) string {
	var keep []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "elapsed_seconds") || strings.Contains(l, "lines_per_second") {
			continue
		}
		keep = append(keep, l)
	}
	return strings.Join(keep, "\n")
}

func TestOutputOverInputIsRefused(t *testing.T) {
	p := filepath.Join(t.TempDir(), "in.jsonl")
	data := golden(t)
	os.WriteFile(p, data, 0o644)
	_, errs, code := runBin(t, nil, "score", "-q", "-r", "format", p, "-o", p)
	if code != 2 || !strings.Contains(errs, "is also an input") {
		t.Errorf("exit %d, %s", code, errs)
	}
	if b, _ := os.ReadFile(p); !bytes.Equal(b, data) {
		t.Error("the input was modified")
	}
}
