package pyjson

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRawDecode(t *testing.T) {
	tests := []struct {
		in       string
		maxDepth int
		repr     string
		end      int
		errType  string
	}{
		{`[1, 2] tail`, MaxDepth, "[1, 2]", 6, ""},
		{`{"a": "é"}{"b": 2}`, MaxDepth, "{'a': 'é'}", 11, ""},
		{`NaN,`, MaxDepth, "nan", 3, ""},
		{`12x`, MaxDepth, "12", 2, ""},
		{` [1]`, MaxDepth, "", 0, "JSONDecodeError"}, // no leading whitespace
		{``, MaxDepth, "", 0, "JSONDecodeError"},
		{`[[1]]`, 2, "[[1]]", 5, ""},
		{`[[1]]`, 1, "", 0, "RecursionError"},
		{`{"a": [1]}`, 1, "", 0, "RecursionError"},
		{`1`, 0, "1", 1, ""},
		{`[]`, -1, "", 0, "RecursionError"},
	}
	for _, tc := range tests {
		v, end, err := RawDecode(tc.in, tc.maxDepth)
		if tc.errType != "" {
			if e, ok := err.(*Error); !ok || e.Type != tc.errType {
				t.Errorf("RawDecode(%q, %d) error = %v, want %s", tc.in, tc.maxDepth, err, tc.errType)
			}
			continue
		}
		if err != nil || Repr(v) != tc.repr || end != tc.end {
			t.Errorf("RawDecode(%q, %d) = %s, %d, %v; want %s, %d", tc.in, tc.maxDepth, Repr(v), end, err, tc.repr, tc.end)
		}
	}
}

func TestDictSet(t *testing.T) {
	var d Dict // the zero Dict is usable
	for i := 0; i < 40; i++ {
		d.Set(strings.Repeat("k", i%20+1), IntOf(int64(i)))
	}
	if d.Len() != 20 || d.Keys()[0] != "k" {
		t.Fatalf("len %d, first key %q; want 20, k", d.Len(), d.Keys()[0])
	}
	if v, ok := d.Get("k"); !ok || !Equal(v, IntOf(20)) {
		t.Errorf(`d["k"] = %v, want 20 (last assignment wins, first position kept)`, v)
	}
	d.Set("new", None)
	if got := Repr(&d); !strings.HasPrefix(got, "{'k': 20, 'kk': 21") || !strings.HasSuffix(got, "'new': None}") {
		t.Errorf("repr %s", got)
	}
}

func TestWTF8(t *testing.T) {
	rs := []rune{'a', 'é', 0xd800, 0x1f600, 0xdfff}
	s := StrFromRunes(rs)
	if len(s) != 1+2+3+4+3 {
		t.Fatalf("StrFromRunes: %d bytes, want 13", len(s))
	}
	if got := s.Runes(); string(StrFromRunes(got)) != string(s) || len(got) != len(rs) || got[2] != 0xd800 {
		t.Errorf("Runes = %U, want %U", got, rs)
	}
	if Repr(s) != `'aé\ud800😀\udfff'` {
		t.Errorf("repr %s", Repr(s))
	}
	for _, tc := range []struct {
		in   string
		r    rune
		size int
	}{
		{"", utf8.RuneError, 0},
		{"x", 'x', 1},
		{"\xed\xa0\x80z", 0xd800, 3},
		{"\xff", utf8.RuneError, 1},
		{"\xed\xa0", utf8.RuneError, 1},
		{"😀", 0x1f600, 4},
	} {
		if r, n := DecodeRune(tc.in); r != tc.r || n != tc.size {
			t.Errorf("DecodeRune(%q) = %U, %d; want %U, %d", tc.in, r, n, tc.r, tc.size)
		}
	}
}
