package jsonlio

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// readAll reads every record of text (written to a file named name).
func readAll(t *testing.T, name, text string, opt ReadOptions) (recs []string, lines []int, format string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := OpenRecords(path, nil, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for {
		rec, n, err := r.Next()
		if err == io.EOF {
			return recs, lines, r.Format
		}
		if err != nil {
			t.Fatalf("%d: %v", n, err)
		}
		recs = append(recs, string(rec))
		lines = append(lines, n)
	}
}

func TestRecordsOfJSONDocuments(t *testing.T) {
	doc := "{\n  \"accuracy\": 50.0,\n  \"results\": [\n    {\n      \"a\": 1,\n      \"b\": [\n        2,\n        3\n      ]\n    },\n    {\n      \"a\": \"x y\"\n    }\n  ]\n}"
	for _, tc := range []struct {
		name, text string
		opt        ReadOptions
		want       []string
		lines      []int
		format     string
	}{
		{"records", doc, ReadOptions{Records: Path{"results"}}, []string{`{"a": 1, "b": [2, 3]}`, `{"a": "x y"}`}, []int{4, 11}, FormatJSON},
		{"whole document", doc, ReadOptions{}, []string{`{"accuracy": 50.0, "results": [{"a": 1, "b": [2, 3]}, {"a": "x y"}]}`}, []int{1}, FormatJSON},
		{"array", "[{\"a\":1},\n {\"a\":2}]\n", ReadOptions{}, []string{`{"a": 1}`, `{"a": 2}`}, []int{1, 2}, FormatJSON},
		{"json lines", "{\"a\":1}\n{\"a\":2}\n", ReadOptions{}, []string{`{"a":1}`, `{"a":2}`}, []int{1, 2}, FormatJSONL},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, lines, format := readAll(t, "x.json", tc.text, tc.opt)
			if !slices.Equal(got, tc.want) || !slices.Equal(lines, tc.lines) || format != tc.format {
				t.Errorf("got %q at %v (%s), want %q at %v (%s)", got, lines, format, tc.want, tc.lines, tc.format)
			}
		})
	}
}

func TestRecordsOfJSONDocumentErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(path, []byte("{\n  \"results\": [\n    {\"a\": 1,}\n  ]\n}\n"), 0o644)
	_, err := OpenRecords(path, nil, ReadOptions{Records: Path{"results"}})
	if err == nil || !strings.HasPrefix(err.Error(), path+":3: ") {
		t.Errorf("error %v, want %s:3: ...", err, path)
	}
	os.WriteFile(path, []byte("{\n  \"res\": []\n}\n"), 0o644)
	if _, err := OpenRecords(path, nil, ReadOptions{Records: Path{"results"}}); err == nil || !strings.Contains(err.Error(), `no "results" in the document`) {
		t.Errorf("error %v", err)
	}
}

func TestNaturalOrder(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"10.jsonl", "9.jsonl", "100.jsonl.gz", "2.jsonl", "notes.txt"} {
		os.WriteFile(filepath.Join(dir, n), nil, 0o644)
	}
	os.Mkdir(filepath.Join(dir, "11.jsonl.d"), 0o755)
	got, err := ExpandDirs([]string{"-", dir})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"-", filepath.Join(dir, "2.jsonl"), filepath.Join(dir, "9.jsonl"), filepath.Join(dir, "10.jsonl"), filepath.Join(dir, "100.jsonl.gz")}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := ExpandDirs([]string{filepath.Join(dir, "11.jsonl.d")}); err == nil {
		t.Error("an empty directory was accepted")
	}
}
