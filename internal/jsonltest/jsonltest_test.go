package jsonltest

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRead(t *testing.T) {
	p := filepath.Join(t.TempDir(), "v.jsonl")
	if err := os.WriteFile(p, []byte("{\"a\": 1}\n{\"a\": 2}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got := Read[struct{ A int }](t, p)
	if len(got) != 2 || got[0].A != 1 || got[1].A != 2 {
		t.Errorf("Read = %+v", got)
	}
}
