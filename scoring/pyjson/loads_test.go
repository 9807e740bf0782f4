package pyjson

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/grpo-score/grpo-score/internal/jsonltest"
	"github.com/grpo-score/grpo-score/scoring/py"
)

// testdata/loads.jsonl was produced by CPython 3.11: for each input, repr()
// and str() of json.loads(input), or the exception it raised.
func TestLoadsVectors(t *testing.T) {
	type loadsCase struct {
		In, Repr, Str, Error string
	}
	cases := jsonltest.Read[loadsCase](t, "testdata/loads.jsonl")
	n := len(cases)
	for _, c := range cases {
		v, err := Loads(c.In)
		short := c.In
		if len(short) > 60 {
			short = short[:60] + "..."
		}
		if c.Error != "" {
			if err == nil {
				t.Errorf("Loads(%q) = %s, want error %s", short, Repr(v), c.Error)
			} else if err.Error() != c.Error {
				t.Errorf("Loads(%q) error = %q, want %q", short, err.Error(), c.Error)
			}
			continue
		}
		if err != nil {
			t.Errorf("Loads(%q) error %v, want %s", short, err, c.Repr)
			continue
		}
		if got := Repr(v); got != c.Repr {
			t.Errorf("repr(Loads(%q)) = %s, want %s", short, got, c.Repr)
		}
		if !strings.ContainsRune(c.Str, '\uFFFD') {
			if got := ToStr(v); got != c.Str {
				t.Errorf("str(Loads(%q)) = %s, want %s", short, got, c.Str)
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d vectors", n)
	}
}

func TestLoadsValues(t *testing.T) {
	v, err := Loads(`{"b": 1, "a": [1, 2.5, "x"], "b": true}`)
	if err != nil {
		t.Fatal(err)
	}
	d := v.(*Dict)
	if got := strings.Join(d.Keys(), ","); got != "b,a" {
		t.Errorf("keys = %s, want b,a", got)
	}
	if b, _ := d.Get("b"); b != Bool(true) {
		t.Errorf(`d["b"] = %v, want True`, b)
	}
	v, _ = Loads(`"\ud800"`)
	if s := v.(Str); len(s) != 3 || Repr(s) != `'\ud800'` {
		t.Errorf("lone surrogate = %q (%s)", string(s), Repr(s))
	}
	// A dict large enough to be indexed keeps the same semantics.
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < 40; i++ {
		b.WriteString(`"k` + strings.Repeat("x", i) + `": 1, `)
	}
	b.WriteString(`"k": 2}`)
	v, err = Loads(b.String())
	if err != nil {
		t.Fatal(err)
	}
	if x, _ := v.(*Dict).Get("k"); !Equal(x, IntOf(2)) || v.(*Dict).Len() != 40 || v.(*Dict).Keys()[0] != "k" {
		t.Errorf("big dict: k=%v len=%d", x, v.(*Dict).Len())
	}
}

func TestLoadsDepth(t *testing.T) {
	nest := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	if _, err := Loads(nest(MaxDepth)); err != nil {
		t.Errorf("nesting %d: %v", MaxDepth, err)
	}
	_, err := Loads(nest(MaxDepth + 1))
	if e, ok := err.(*Error); !ok || e.Type != "RecursionError" {
		t.Errorf("nesting %d: %v, want RecursionError", MaxDepth+1, err)
	}
}

func TestStrOfJSON(t *testing.T) {
	for in, want := range map[string]string{
		"3.0": "3.0", "1e16": "1e+16", "true": "True", "null": "None", "0.5": "0.5",
		"1e-05": "1e-05", `"x"`: "x", "[1, 2.0]": "[1, 2.0]", "12": "12", "-0.0": "-0.0",
	} {
		got, err := StrOfJSON([]byte(in))
		if err != nil || got != want {
			t.Errorf("StrOfJSON(%s) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := StrOfJSON([]byte("[")); err == nil {
		t.Error("StrOfJSON([) succeeded")
	}
}

func FuzzLoads(f *testing.F) {
	for _, s := range []string{`[{"bbox_2d": [1, 2, 3, 4], "label": "cat"}]`, `{"a": "\ud800"}`, `1e400`, `-Infinity`, `[1,]`, `"\u00e9"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := Loads(s)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error of type %T", err)
			}
			return
		}
		r := Repr(v)
		// raw_decode agrees with loads on a text without surrounding space.
		if strings.Trim(s, " \t\n\r") == s {
			rv, end, err := RawDecode(s, MaxDepth)
			if err != nil || end != len(s) || Repr(rv) != r {
				t.Fatalf("RawDecode(%q) = %s, %d, %v; Loads gives %s", s, Repr(rv), end, err, r)
			}
		}
		_ = ToStr(v)
		_, _ = Iter(v)
		// Values without floats (whose repr is not JSON) round-trip
		// through their repr when it is also JSON.
		if v2, err := Loads(r); err == nil && !strings.ContainsAny(r, ".eEnN") {
			if !Equal(v, v2) {
				t.Fatalf("repr %s reloads as %s", r, Repr(v2))
			}
		}
	})
}

// FuzzStrOfJSON: str(json.loads(x)) is str of the value Loads gives; for
// an int it is its decimal digits; for a finite float its repr; for a
// string the string itself.
func FuzzStrOfJSON(f *testing.F) {
	for _, s := range []string{`3.0`, `1e16`, `true`, `null`, `-0`, `[1, "a"]`, `{"a": 1.5}`, `"x"`, `1E2`, `12345678901234567890`} {
		f.Add(s, int64(7), 0.1, "é")
	}
	f.Fuzz(func(t *testing.T, raw string, n int64, x float64, text string) {
		got, err := StrOfJSON([]byte(raw))
		v, lerr := Loads(raw)
		if (err == nil) != (lerr == nil) || (err == nil && got != ToStr(v)) {
			t.Fatalf("StrOfJSON(%q) = %q, %v; Loads+ToStr gives %q, %v", raw, got, err, ToStr(v), lerr)
		}
		if s, err := StrOfJSON([]byte(strconv.FormatInt(n, 10))); err != nil || s != strconv.FormatInt(n, 10) {
			t.Fatalf("int %d: %q, %v", n, s, err)
		}
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			want := py.FormatFloat(x)
			if s, err := StrOfJSON([]byte(want)); err != nil || s != want {
				t.Fatalf("float %v: %q, %v; want %q", x, s, err, want)
			}
		}
		if utf8.ValidString(text) {
			quoted, _ := json.Marshal(text)
			if s, err := StrOfJSON(quoted); err != nil || s != text {
				t.Fatalf("string %q: %q, %v", text, s, err)
			}
		}
	})
}
