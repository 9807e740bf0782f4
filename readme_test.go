package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestREADMEExamples runs every ```sh block of README.md as written, with
// the built binary first on PATH, in a scratch directory whose testdata is
// the repository's: the README's examples must run on files in the
// repository. Blocks that cannot run here (the set-up's make commands,
// cluster jobs) are fenced as console, yaml or python instead. Each block
// runs under bash -e, so a failing command fails the test.
func TestREADMEExamples(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := shBlocks(string(readme))
	if len(blocks) < 5 {
		t.Fatalf("README.md has %d sh blocks; the worked examples are missing", len(blocks))
	}
	for _, tool := range []string{"bash", "jq", "gzip", "zcat", "xargs", "seq"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("the README's examples need %s (.ci/run installs it): %v", tool, err)
		}
	}
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(root, "testdata"), filepath.Join(dir, "testdata")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Dir(binary) + string(os.PathListSeparator) + os.Getenv("PATH")
	for _, b := range blocks {
		c := exec.Command("bash", "-e", "-c", b.text)
		c.Dir = dir
		c.Env = append(os.Environ(), "PATH="+path)
		var out, errb bytes.Buffer
		c.Stdout, c.Stderr = &out, &errb
		if err := c.Run(); err != nil {
			t.Errorf("README.md:%d: the block fails (%v):\n%s\n--- stdout:\n%s\n--- stderr:\n%s", b.line, err, b.text, out.String(), errb.String())
		}
	}
}

type shBlock struct {
	line int // of the opening fence
	text string
}

// shBlocks returns the ```sh fenced blocks of a Markdown text.
func shBlocks(md string) []shBlock {
	var blocks []shBlock
	lines := strings.Split(md, "\n")
	for i := 0; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) != "```sh" {
			continue
		}
		start := i + 1
		j := start
		for j < len(lines) && strings.TrimSpace(lines[j]) != "```" {
			j++
		}
		blocks = append(blocks, shBlock{line: i + 1, text: strings.Join(lines[start:j], "\n")})
		i = j
	}
	return blocks
}
