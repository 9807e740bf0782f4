package cmd

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goccy/go-yaml"
)

// cliCase is one command line of testdata/cli.yaml and what it must do.
// The file's header says how to write one.
type cliCase struct {
	Name  string            `yaml:"name"`
	Args  []string          `yaml:"args"`
	Stdin string            `yaml:"stdin"`
	Env   map[string]string `yaml:"env"`
	// Files are written under $TMP before the run.
	Files map[string]string `yaml:"files"`
	// Escapes makes \xHH in Stdin and Files the byte HH: YAML cannot hold
	// invalid UTF-8.
	Escapes bool `yaml:"escapes"`
	Exit    int  `yaml:"exit"`
	// Stdout, when given, is the exact standard output.
	Stdout *string `yaml:"stdout"`
	// StdoutMatch and Stderr are regular expressions the stream must
	// match; StdoutNot and StderrNot must not match.
	StdoutMatch *string `yaml:"stdout_match"`
	StdoutNot   *string `yaml:"stdout_not"`
	Stderr      *string `yaml:"stderr"`
	StderrNot   *string `yaml:"stderr_not"`
	// Outputs are files under $TMP after the run: the exact content, or
	// null for a file that must not exist.
	Outputs map[string]*string `yaml:"outputs"`
	// TTY names the streams ("stdin", "stderr") the run takes for
	// terminals: the progress bar and the stdin hint.
	TTY []string `yaml:"tty"`
	// Interactive feeds stdin step by step: each send goes in only after
	// the previous step's expect matched standard output so far, so a
	// run that holds its output back fails (after 20 s) instead of passing.
	Interactive []struct {
		Send   string `yaml:"send"`
		Expect string `yaml:"expect"`
	} `yaml:"interactive"`
}

var hexEscape = regexp.MustCompile(`\\x[0-9a-fA-F]{2}`)

// syncBuffer is a bytes.Buffer safe for a run writing while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func loadCLICases(t *testing.T, path string) []cliCase {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cases []cliCase
	if err := yaml.UnmarshalWithOptions(data, &cases, yaml.Strict()); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return cases
}

// TestCLI runs every case of testdata/cli.yaml in-process through cmd.Run,
// from the repository root so that paths read as in the README.
func TestCLI(t *testing.T) {
	cases := loadCLICases(t, filepath.Join("testdata", "cli.yaml"))
	t.Chdir("..")
	seen := map[string]bool{}
	for _, c := range cases {
		if c.Name == "" || seen[c.Name] {
			t.Fatalf("case %q: every case needs a unique name", c.Name)
		}
		seen[c.Name] = true
		t.Run(c.Name, func(t *testing.T) { runCLICase(t, c) })
	}
}

func runCLICase(t *testing.T, c cliCase) {
	tmp := t.TempDir()
	expand := func(s string) string { return strings.ReplaceAll(s, "$TMP", tmp) }
	bytesOf := func(s string) string {
		if !c.Escapes {
			return s
		}
		return hexEscape.ReplaceAllStringFunc(s, func(m string) string {
			b, _ := strconv.ParseUint(m[2:], 16, 8)
			return string([]byte{byte(b)})
		})
	}
	for name, content := range c.Files {
		content = bytesOf(content)
		p := filepath.Join(tmp, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	args := make([]string, len(c.Args))
	for i, a := range c.Args {
		args[i] = expand(a)
	}
	getenv := func(k string) string {
		if v, ok := c.Env[k]; ok {
			return expand(v)
		}
		return ""
	}
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	e := &env{stdin: strings.NewReader(bytesOf(c.Stdin)), stdout: stdout, stderr: stderr, getenv: getenv,
		stdinTTY: slices.Contains(c.TTY, "stdin"), stderrTTY: slices.Contains(c.TTY, "stderr")}
	runIt := func() int { return execute(args, e) }
	if bin := os.Getenv("GRPO_SCORE_CLI_BINARY"); bin != "" {
		runIt = func() int { return runBinary(t, bin, args, c.Env, expand, e) }
	}
	var code int
	if c.Interactive == nil {
		code = runIt()
	} else {
		pr, pw := io.Pipe()
		e.stdin = pr
		exited := make(chan int)
		go func() { exited <- runIt() }()
		for _, step := range c.Interactive {
			if _, err := io.WriteString(pw, step.Send); err != nil {
				t.Fatal(err)
			}
			re := regexp.MustCompile(step.Expect)
			deadline := time.Now().Add(20 * time.Second)
			for !re.MatchString(stdout.String()) {
				if time.Now().After(deadline) {
					t.Fatalf("after sending %q, stdout never matched %q; it is:\n%s", step.Send, step.Expect, stdout.String())
				}
				time.Sleep(10 * time.Millisecond)
			}
		}
		pw.Close()
		code = <-exited
	}
	out, errs := stdout.String(), stderr.String()
	show := func() string { return "\n--- stdout:\n" + out + "\n--- stderr:\n" + errs }
	if code != c.Exit {
		t.Errorf("grpo-score %s: exit %d, want %d%s", strings.Join(c.Args, " "), code, c.Exit, show())
	}
	if c.Stdout != nil && out != expand(*c.Stdout) {
		t.Errorf("stdout differs; want:\n%s%s", expand(*c.Stdout), show())
	}
	for _, m := range []struct {
		what, text string
		re         *string
		want       bool
	}{
		{"stdout", out, c.StdoutMatch, true}, {"stdout", out, c.StdoutNot, false},
		{"stderr", errs, c.Stderr, true}, {"stderr", errs, c.StderrNot, false},
	} {
		if m.re == nil {
			continue
		}
		re, err := regexp.Compile(expand(*m.re))
		if err != nil {
			t.Fatalf("pattern %q: %v", *m.re, err)
		}
		if re.MatchString(m.text) != m.want {
			verb := "does not match"
			if !m.want {
				verb = "matches"
			}
			t.Errorf("%s %s %q%s", m.what, verb, *m.re, show())
		}
	}
	for name, want := range c.Outputs {
		got, err := os.ReadFile(filepath.Join(tmp, name))
		switch {
		case want == nil && err == nil:
			t.Errorf("%s exists; it must not", name)
		case want == nil:
		case err != nil:
			t.Errorf("%s: %v", name, err)
		case string(got) != expand(*want):
			t.Errorf("%s:\n%s\nwant:\n%s", name, got, expand(*want))
		}
	}
}

// runBinary runs a case through a built binary instead of in-process:
// GRPO_SCORE_CLI_BINARY=/path/to/grpo-score go test ./cmd -run TestCLI runs
// the table against another build, e.g. an older commit's, to see which
// cases it fails. Streams are pipes, so cases with tty fail there.
func runBinary(t *testing.T, bin string, args []string, vars map[string]string, expand func(string) string, e *env) int {
	c := exec.Command(bin, args...)
	c.Env = []string{"PATH=" + os.Getenv("PATH")}
	for k, v := range vars {
		c.Env = append(c.Env, k+"="+expand(v))
	}
	c.Stdin, c.Stdout, c.Stderr = e.stdin, e.stdout, e.stderr
	err := c.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		return ee.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return 0
}
