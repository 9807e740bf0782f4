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
	for _, want := range []string{p + ":2: not a JSON object", p + ":4: invalid UTF-8", p + ":5: truncated JSON", "read 5, written 4, skipped 1"} {
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
