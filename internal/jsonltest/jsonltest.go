// Package jsonltest reads the JSON Lines test vectors that the packages'
// parity tests compare against, failing the test on any unreadable line.
package jsonltest

import (
	"bufio"
	"os"
	"testing"

	json "github.com/goccy/go-json"
)

// Read decodes every line of the file at path into a T. Lines may be up to
// 64 MiB long.
func Read[T any](t testing.TB, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s:%d: %v", path, len(out)+1, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return out
}
