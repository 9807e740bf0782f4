package jsonlio

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sameAsReference fails t unless ParseObject reads b as parseSlow (the
// byte-by-byte reading) does: the same error (message and offset) or the same members, and the
// same answers of Get, child, Elements and String on what it finds.
func sameAsReference(t *testing.T, b []byte) {
	t.Helper()
	obj, err := ParseObject(b)
	ref, rerr := parseSlowOf(b)
	if (err == nil) != (rerr == nil) || err != nil && err.Error() != rerr.Error() {
		t.Fatalf("%q: error %v, reference %v", b, err, rerr)
	}
	if _, fast := parseFastOf(b); fast && rerr != nil {
		t.Fatalf("%q: the fast reading accepts what the reference rejects (%v)", b, rerr)
	}
	if err != nil {
		return
	}
	if !bytes.Equal(obj.Raw, ref.Raw) || obj.close != ref.close || len(obj.members) != len(ref.members) {
		t.Fatalf("%q: close %d, %d members; reference %d, %d", b, obj.close, len(obj.members), ref.close, len(ref.members))
	}
	for i, m := range obj.members {
		r := ref.members[i]
		if m.key != r.key || m.start != r.start || m.end != r.end || m.kstart != r.kstart {
			t.Fatalf("%q: member %d is %+v, reference %+v", b, i, m, r)
		}
	}
	for _, m := range ref.members {
		v, ok := obj.Get(Path{m.key})
		if !ok || !bytes.Equal(v, ref.Raw[lastDuplicate(ref, m.key).start:lastDuplicate(ref, m.key).end]) {
			t.Fatalf("%q: Get(%q) = %q, %v, not the last duplicate's value", b, m.key, v, ok)
		}
		sameValue(t, v)
	}
}

// lastDuplicate is the member of key that Python's dict keeps: the last.
func lastDuplicate(o *Object, key string) member {
	var last member
	for _, m := range o.members {
		if m.key == key {
			last = m
		}
	}
	return last
}

// sameValue compares the fast and the reference reading of one value,
// recursively into its members and elements.
func sameValue(t *testing.T, v Value) {
	t.Helper()
	if v.Kind() == "string" {
		s, _ := v.String()
		if want, _ := refUnquote(v); s != want {
			t.Fatalf("String(%s) = %q, reference %q", v, s, want)
		}
		return
	}
	els, err := v.Elements()
	rels, rerr := Value(v).elementsSlow()
	if (err == nil) != (rerr == nil) || !slices.EqualFunc(els, rels, sameBytes) {
		t.Fatalf("Elements(%s) = %q, %v; reference %q, %v", v, els, err, rels, rerr)
	}
	for _, seg := range childSegments(v) {
		c, ok := v.child(seg)
		rc, rok := Value(v).childSlow(seg)
		if ok != rok || !bytes.Equal(c, rc) {
			t.Fatalf("child(%s, %q) = %q, %v; reference %q, %v", v, seg, c, ok, rc, rok)
		}
		if ok {
			sameValue(t, c)
		}
	}
}

// childSegments are the keys of an object value (decoded, escapes
// included) and some that are not there, or a few array indexes.
func childSegments(v Value) []string {
	segs := []string{"0", "1", "2", "x", "", "-1", "+1", "01"}
	if v.Kind() != "object" {
		return segs
	}
	s := scanner{b: v, i: 1}
	for {
		s.skipSpace()
		if s.peek() != '"' {
			return segs
		}
		ks := s.i
		if s.str() != nil {
			return segs
		}
		key, _ := refUnquote(v[ks:s.i])
		segs = append(segs, key)
		s.skipSpace()
		s.i++
		s.skipSpace()
		if s.value(1) != nil {
			return segs
		}
		s.skipSpace()
		if s.peek() == ',' {
			s.i++
		}
	}
}

var referenceCases = []string{
	`{}`, ` { } `, `{"a": 1}`, ` {"a": 1} `, "\t{\"a\":\t1}\r", `{"a": NaN, "b": -Infinity, "c": Infinity}`,
	`{"a": [1, {"b": null}], "c": "\u00e9\ud83d\ude00"}`, `{"a": -0.5e+10, "b": true, "c": false}`,
	`{"a":{"a":{"a":[]}}}`, `{"d": 1, "d": 2, "d": {"x": 1, "x": [3]}}`, `{"k\u0041y": 1, "kAy": 2}`,
	`{"a": "\ud800"}`, `{"a": "\udc00\ud800"}`, `{"a": "\ud800\u0041"}`, `{"a": "\ud83d\ude0"}`, `{"a": "x\\"}`,
	`{"a": "\"\\\/\b\f\n\r\t"}`, `{"a": "\u0000"}`, `{"a": "\uD83D\uDE00"}`, `{"": "", "\"": "\\"}`,
	`{"completion": [{"role": "assistant", "content": "<think>a\nb</think>"}], "solution": "<answer> 3 </answer>"}`,
	`{"conversations": [{"from": "human", "value": "q"}, {"from": "gpt", "value": "[1, 2]"}]}`,
	`[]`, `{"a": 1} x`, `{"a": 1,}`, `{"a": 01}`, `{"a": "b`, `{"a": tru}`, `{'a': 1}`, "{\"a\": \"\x01\"}",
	"{\"a\": \"\xc3\"}", ``, `  `, `{"a": 1.}`, `{"a": "\x"}`, `{"a": "\u12"}`, `{"a": "\u12g4"}`, `{"a" 1}`,
	`{"a": 1 "b": 2}`, `{"a": [1 2]}`, `{"a": [1,]}`, `{"a": {"b": 1,}}`, `{"a": -}`, `{"a": -x}`, `{"a": 1e}`,
	`{"a": 1e+}`, `{"a": .5}`, `{"a": +1}`, `{"a": -Inf}`, `{"a": nul}`, `{"a": [}`, `{"a": {]}`, `{"a": [1}`,
	"\xef\xbb\xbf{\"a\": 1}", "{\"a\": \"\xed\xa0\x80\"}", "{\"a\t\": 1}", "{\"a\": \"b\"}\x00", `{"a":1}}`,
	`{"a": "` + strings.Repeat(`\"`, 40) + `"}`, `{"a": ` + strings.Repeat("[", 70) + strings.Repeat("]", 70) + `}`,
	`{"a": ` + strings.Repeat(`{"b":`, 80) + "1" + strings.Repeat("}", 80) + `}`,
	`{"a": ` + strings.Repeat("[", 10001) + strings.Repeat("]", 10001) + `}`,
	`{"a": "` + strings.Repeat("é", 300) + `\n` + strings.Repeat("x", 300) + `"}`,
}

func TestFastReadingMatchesReference(t *testing.T) {
	for _, c := range referenceCases {
		sameAsReference(t, []byte(c))
	}
}

// TestGoldenLinesTakeTheFastPath: the fast reading decides every line of
// the golden corpora by itself (a regression to the reference would pass
// every other test and only be slower).
func TestGoldenLinesTakeTheFastPath(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "golden", "*.jsonl"))
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	n := 0
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 64<<20)
		for sc.Scan() {
			line := sc.Bytes()
			if IsBlank(line) {
				continue
			}
			if _, ok := parseFastOf(line); !ok {
				t.Fatalf("%s: line not read by the fast path: %.200s", name, line)
			}
			sameAsReference(t, line)
			n++
		}
		f.Close()
	}
	if n < 1000 {
		t.Fatalf("only %d golden lines", n)
	}
}

// FuzzFastReading: on any bytes (invalid UTF-8, control characters,
// escapes, lone surrogates, duplicate keys, deep nesting) ParseObject, Get,
// child, Elements and String give what the reference gives.
func FuzzFastReading(f *testing.F) {
	for _, c := range referenceCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		sameAsReference(t, b)
		if IsBlank(b) != (len(bytes.Trim(b, " \t\r\n")) == 0) {
			t.Fatalf("IsBlank(%q) = %v", b, IsBlank(b))
		}
	})
}

// FuzzFastValue: child and Elements on values that did not come from a
// validated line (any bytes) answer as the reference does.
func FuzzFastValue(f *testing.F) {
	for _, c := range []string{`{"a": 1}`, `[1, 2]`, `{"a": 1 "b": 2}`, `[1 2]`, `[1,]`, `{"a":1,}`, "[\"\x01\"]", `{"a"}`, `[`, `{`, `"x"`} {
		f.Add([]byte(c), "a")
	}
	f.Fuzz(func(t *testing.T, v []byte, seg string) {
		for _, seg := range append(childSegments(v), seg) {
			c, ok := Value(v).child(seg)
			rc, rok := Value(v).childSlow(seg)
			if ok != rok || !bytes.Equal(c, rc) {
				t.Fatalf("child(%q, %q) = %q, %v; reference %q, %v", v, seg, c, ok, rc, rok)
			}
		}
		els, err := Value(v).Elements()
		rels, rerr := Value(v).elementsSlow()
		if (err == nil) != (rerr == nil) || err != nil && err.Error() != rerr.Error() || !slices.EqualFunc(els, rels, sameBytes) {
			t.Fatalf("Elements(%q) = %q, %v; reference %q, %v", v, els, err, rels, rerr)
		}
	})
}

// FuzzUnquote: every string literal the scanner accepts decodes as the
// reference decodes it (escapes, surrogate pairs, lone and reversed
// surrogates, invalid UTF-8 between escapes).
func FuzzUnquote(f *testing.F) {
	for _, s := range []string{``, `x`, `\n`, `a\"b`, `\ud83d\ude00`, `\ud800`, `\udc00\ud800`, `\ud800\u0041`, `\ud800\ud800\udc00`, `\u00e9é`, "\xff", `\\\/`, `\ud83d\ude0`, `\ud83dx\ude00`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		lit := append(append([]byte{'"'}, body...), '"')
		s := scanner{b: lit}
		if s.str() != nil || s.i != len(lit) {
			return
		}
		got, _ := unquote(lit)
		want, _ := refUnquote(lit)
		if got != want {
			t.Fatalf("unquote(%s) = %q, reference %q", lit, got, want)
		}
	})
}

func sameBytes(a, b Value) bool { return bytes.Equal(a, b) }

// parseFastOf and parseSlowOf read a line into a new Object by one reading.
func parseFastOf(line []byte) (*Object, bool) {
	o := new(Object)
	o.reset(line)
	return o, o.parseFast()
}

func parseSlowOf(line []byte) (*Object, error) {
	o := new(Object)
	o.reset(line)
	if err := o.parseSlow(); err != nil {
		return nil, err
	}
	return o, nil
}

// BenchmarkReadLine reads the golden rollouts as a scoring worker does
// (validate and index a line, decode its completion and solution), by the
// fast reading and by the reference.
func BenchmarkReadLine(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "golden", "rollouts.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSpace(data), []byte("\n"))
	completion, solution := Path{"completion"}, Path{"solution"}
	b.Run("fast", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			for _, line := range lines {
				obj, err := ParseObject(line)
				if err != nil {
					b.Fatal(err)
				}
				for _, p := range []Path{completion, solution} {
					v, _ := obj.Get(p)
					if _, err := v.String(); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
	})
	b.Run("reference", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			for _, line := range lines {
				obj, err := parseSlowOf(line)
				if err != nil {
					b.Fatal(err)
				}
				for _, key := range []string{"completion", "solution"} {
					m := lastDuplicate(obj, key)
					if _, err := refUnquote(line[m.start:m.end]); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
	})
}

// BenchmarkParseObject validates and indexes the golden rollouts.
func BenchmarkParseObject(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "golden", "rollouts.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSpace(data), []byte("\n"))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		for _, line := range lines {
			if _, err := ParseObject(line); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkUnquote decodes the completions and solutions of the golden
// rollouts.
func BenchmarkUnquote(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "golden", "rollouts.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	var lits []Value
	size := 0
	for _, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
		obj, err := ParseObject(line)
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range []Path{{"completion"}, {"solution"}} {
			v, _ := obj.Get(p)
			lits = append(lits, v)
			size += len(v)
		}
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, v := range lits {
			if _, err := v.String(); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestParseReusesObject: an Object parsed again holds the new line only,
// whatever the previous one was (more members than fit inline, an error,
// escaped keys).
func TestParseReusesObject(t *testing.T) {
	var many strings.Builder
	many.WriteString("{")
	for i := range 20 {
		fmt.Fprintf(&many, `"k%d": %d, `, i, i)
	}
	many.WriteString(`"last": "x"}`)
	var o Object
	for _, line := range []string{many.String(), `{"a": 1}`, `{"a": `, `{"k\u0031": [1], "b": {}}`, many.String(), `{}`, `{"a": 2, "a": 3}`} {
		err := o.Parse([]byte(line))
		want, werr := ParseObject([]byte(line))
		if (err == nil) != (werr == nil) {
			t.Fatalf("%s: Parse %v, ParseObject %v", line, err, werr)
		}
		if err != nil {
			continue
		}
		if o.close != want.close || !slices.Equal(o.members, want.members) {
			t.Fatalf("%s: reused %+v, new %+v", line, o.members, want.members)
		}
	}
}
