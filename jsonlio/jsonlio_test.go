package jsonlio

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
)

func TestLineReader(t *testing.T) {
	lr := NewLineReader(strings.NewReader("a\r\n\nb\r\nc"))
	var got []string
	for {
		line, n, err := lr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, string(line)+"@"+string(rune('0'+n)))
	}
	want := []string{"a@1", "@2", "b@3", "c@4"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("got %v, want %v", got, want)
	}
	if !lr.NoFinalNewline {
		t.Error("NoFinalNewline not set")
	}
}

func TestHugeLine(t *testing.T) {
	if testing.Short() {
		t.Skip("100 MB line")
	}
	body := strings.Repeat("x", 100<<20)
	in := `{"completion":"` + body + `"}` + "\n" + `{"a":1}` + "\n"
	lr := NewLineReader(strings.NewReader(in))
	line, n, err := lr.Next()
	if err != nil || n != 1 || len(line) != len(body)+17 {
		t.Fatalf("line 1: %d bytes, n=%d, err=%v", len(line), n, err)
	}
	obj, err := ParseObject(line)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := obj.Get(Path{"completion"})
	if s, _ := v.String(); len(s) != len(body) {
		t.Errorf("completion has %d bytes", len(s))
	}
	line, n, err = lr.Next()
	if err != nil || n != 2 || string(line) != `{"a":1}` {
		t.Fatalf("line 2: %q %d %v", line, n, err)
	}
}

func TestOpenDetectsCompression(t *testing.T) {
	dir := t.TempDir()
	payload := []byte("{\"a\":1}\n{\"a\":2}\n")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(payload)
	zw.Close()
	var zs bytes.Buffer
	zsw, _ := zstd.NewWriter(&zs)
	zsw.Write(payload)
	zsw.Close()
	for name, data := range map[string][]byte{"plain.txt": payload, "g.jsonl": gz.Bytes(), "z.bin": zs.Bytes()} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		in, err := Open(p, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(in)
		in.Close()
		if err != nil || !bytes.Equal(got, payload) {
			t.Errorf("%s: %q, %v", name, got, err)
		}
	}
	in, err := Open("-", bytes.NewReader(gz.Bytes()))
	if err != nil || in.Compression != "gzip" || in.Name != "<stdin>" {
		t.Fatalf("stdin: %v %+v", err, in)
	}
}

func TestParseObject(t *testing.T) {
	good := []string{
		`{}`, ` {"a": 1} `, `{"a": NaN, "b": -Infinity, "c": Infinity}`, `{"a": [1, {"b": null}], "c": "\u00e9\ud83d\ude00"}`,
		`{"a": -0.5e+10, "b": true, "c": false}`, `{"a":{"a":{"a":[]}}}`,
	}
	for _, s := range good {
		if _, err := ParseObject([]byte(s)); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
	bad := map[string]string{
		`[]`:                "not a JSON object",
		`{"a": 1} x`:        "extra data",
		`{"a": 1,}`:         "expected a string key",
		`{"a": 01}`:         "expected ',' or '}'",
		`{"a": "b`:          "truncated",
		`{"a": tru}`:        "invalid value",
		`{'a': 1}`:          "expected a string key",
		"{\"a\": \"\x01\"}": "control character",
		"{\"a\": \"\xc3\"}": "invalid UTF-8",
		``:                  "empty line",
		`{"a": 1.}`:         "invalid number",
		`{"a": "\x"}`:       "invalid escape",
	}
	for s, want := range bad {
		_, err := ParseObject([]byte(s))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", s, err, want)
		}
	}
}

func TestGet(t *testing.T) {
	obj, err := ParseObject([]byte(`{"a": {"b": [10, {"c": "x\ny"}]}, "conversations": [{"value": "q"}, {"value": 3.5}], "d": 1, "d": 2}`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		want string
	}{
		{"a.b.1.c", `"x\ny"`}, {"a.b[0]", `10`}, {"conversations.1.value", `3.5`}, {"conversations[1].value", `3.5`},
		{"d", `2`}, {"a.b.2", ""}, {"a.x", ""}, {"zz", ""}, {"a.b.c", ""},
	}
	for _, tt := range tests {
		p, err := ParsePath(tt.path)
		if err != nil {
			t.Fatal(err)
		}
		v, ok := obj.Get(p)
		if string(v) != tt.want || ok != (tt.want != "") {
			t.Errorf("Get(%s) = %s, %v; want %s", tt.path, v, ok, tt.want)
		}
	}
	v, _ := obj.Get(Path{"a", "b", "1", "c"})
	if s, err := v.String(); err != nil || s != "x\ny" {
		t.Errorf("String = %q, %v", s, err)
	}
}

func TestAppendFields(t *testing.T) {
	drop := func(k string) bool { return k == "rewards" || k == "reward" }
	tests := []struct{ in, want string }{
		{`{"a":1}`, `{"a":1, "x": 1}`},
		{`{}`, `{"x": 1}`},
		{` { } `, ` { "x": 1} `},
		{`{"rewards": 5}`, `{"x": 1}`},
		{`{"rewards": 5, "a": 1}`, `{"a": 1, "x": 1}`},
		{`{"a": 1, "rewards": 5}`, `{"a": 1, "x": 1}`},
		{`{"a": 1, "reward": 0, "b": 2, "rewards": {}, "c": 3}`, `{"a": 1, "b": 2, "c": 3, "x": 1}`},
	}
	for _, tt := range tests {
		obj, err := ParseObject([]byte(tt.in))
		if err != nil {
			t.Fatal(err)
		}
		got := obj.AppendFields(nil, []byte(`"x": 1`), drop)
		if string(got) != tt.want {
			t.Errorf("%s → %s; want %s", tt.in, got, tt.want)
		}
		if !json.Valid(got) {
			t.Errorf("%s → invalid JSON %s", tt.in, got)
		}
	}
}

// FuzzParseObject checks the validator against encoding/json on standard
// JSON, and that field access and appending never panic.
func FuzzParseObject(f *testing.F) {
	for _, s := range []string{`{"a":1}`, `{"a":[1,{"b":"c"}]}`, `{"a":NaN}`, `{"rewards":1,"b":"\u00e9"}`, `{`, `{"a":"\ud800"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		obj, err := ParseObject(b)
		std := json.Valid(b) && bytes.HasPrefix(bytes.TrimLeft(b, " \t\r\n"), []byte("{"))
		if std && err != nil && !bytes.Contains(b, []byte(`\u`)) && !strings.Contains(err.Error(), "UTF-8") && !strings.Contains(err.Error(), "nesting") {
			t.Fatalf("valid JSON rejected: %q: %v", b, err)
		}
		if err != nil {
			return
		}
		if !bytes.Contains(b, []byte("NaN")) && !bytes.Contains(b, []byte("Infinity")) && !json.Valid(b) {
			t.Fatalf("invalid JSON accepted: %q", b)
		}
		for _, m := range obj.members {
			v, _ := obj.Get(Path{m.key, "0"})
			_, _ = v.String()
			_, _ = v.Elements()
		}
		out := obj.AppendFields(nil, []byte(`"x": 1`), func(k string) bool { return len(k)%2 == 0 })
		if !bytes.Contains(b, []byte("NaN")) && !bytes.Contains(b, []byte("Infinity")) && !json.Valid(out) {
			t.Fatalf("appended output invalid: %q → %q", b, out)
		}
	})
}

func FuzzLineReader(f *testing.F) {
	f.Add([]byte("a\nb\r\n\nc"))
	f.Fuzz(func(t *testing.T, b []byte) {
		lr := NewLineReader(bytes.NewReader(b))
		var total int
		lines := 0
		for {
			line, n, err := lr.Next()
			if err == io.EOF {
				break
			}
			lines++
			if n != lines {
				t.Fatalf("line number %d, want %d", n, lines)
			}
			total += len(line)
		}
		if total > len(b) {
			t.Fatalf("more bytes out than in")
		}
		if want := bytes.Count(b, []byte("\n")); lines != want && lines != want+1 {
			t.Fatalf("%d lines for %d newlines", lines, want)
		}
	})
}

func TestForEachLine(t *testing.T) {
	var got []string
	err := ForEachLine(context.Background(), "-", strings.NewReader("a\nb\nc\n"), 0, func(file string, n int, line []byte) error {
		got = append(got, file+":"+string(rune('0'+n))+":"+string(line))
		if n == 2 {
			return ErrStop
		}
		return nil
	})
	if err != nil || strings.Join(got, " ") != "<stdin>:1:a <stdin>:2:b" {
		t.Errorf("got %v, %v", got, err)
	}
	var re *ReadError
	if err := ForEachLine(context.Background(), "/no/such/file", nil, 0, nil); !errors.As(err, &re) {
		t.Errorf("missing file: %v", err)
	}
}

func TestLineLongerThanTheCap(t *testing.T) {
	// Long lines, one of exactly the cap, around the 1 MB read buffer too.
	long := strings.Repeat("x", 3<<20)
	in := "short\n" + long + "\n" + long[:100] + "\r\n" + long[:101] + "\nlast"
	for _, max := range []int{100, 3 << 20} {
		lr := NewLineReader(strings.NewReader(in))
		lr.Max = max
		type got struct {
			n    int
			len  int
			long bool
			crlf bool
		}
		var all []got
		for {
			line, n, err := lr.Next()
			if err == io.EOF {
				break
			}
			var tl *LineTooLongError
			if err != nil && !errors.As(err, &tl) {
				t.Fatal(err)
			}
			if tl != nil && (tl.Max != max || tl.Error() != fmt.Sprintf("line longer than %d bytes", max)) {
				t.Errorf("error %v", tl)
			}
			all = append(all, got{n, len(line), tl != nil, lr.CRLF})
		}
		want := []got{{1, 5, false, false}, {2, 3 << 20, false, false}, {3, 100, false, true}, {4, 101, false, false}, {5, 4, false, false}}
		if max == 100 {
			want[1], want[3] = got{2, 0, true, false}, got{4, 0, true, false}
		}
		if fmt.Sprint(all) != fmt.Sprint(want) {
			t.Errorf("max %d: got %v, want %v", max, all, want)
		}
	}
}

func TestByteOrderMarkIsSkipped(t *testing.T) {
	lr := NewLineReader(strings.NewReader("\ufeff{\"a\": 1}\n\ufeff{\"b\": 2}\n"))
	first, _, _ := lr.Next()
	if string(first) != `{"a": 1}` {
		t.Errorf("first line %q: the BOM was not skipped", first)
	}
	second, _, _ := lr.Next()
	if string(second) != "\ufeff{\"b\": 2}" {
		t.Errorf("second line %q: only a BOM at the start of the stream is skipped", second)
	}
}
