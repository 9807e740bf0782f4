package tokenizer

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/grpo-score/grpo-score/internal/jsonltest"
	"golang.org/x/text/unicode/norm"
)

// TestNFCMatchesReference checks nfc against Hugging Face's NFC normalizer on
// strings around every code point where Go's and its Unicode data disagree,
// and a sample of the others (see testdata/hf/README.md).
func TestNFCMatchesReference(t *testing.T) {
	type nfcCase struct {
		Text string `json:"text"`
		NFC  string `json:"nfc"`
	}
	cases := jsonltest.Read[nfcCase](t, filepath.Join("testdata", "hf", "nfc.jsonl"))
	bad := 0
	for _, c := range cases {
		if got := nfc(c.Text); got != c.NFC {
			bad++
			t.Errorf("nfc(%+q) = %+q, want %+q", c.Text, got, c.NFC)
		}
	}
	t.Logf("%d/%d NFC cases agree", len(cases)-bad, len(cases))
}

func TestNFC(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain ascii", "plain ascii"},
		{"e\u0301", "\u00e9"},
		{"\u1100\u1161\u11a8", "\uac01"},
		{"a\u0316\u0301\u07fd\u0334", "\u00e1\u0316\u07fd\u0334"}, // U+07FD is a starter for the reference
		{"a\u0301\u0316\u07fde\u0301", "\u00e1\u0316\u07fd\u00e9"},
		{"\U00011935\U00011930", "\U00011935\U00011930"}, // not composed to U+11938
		{"\U00011938", "\U00011938"},
	}
	for _, tc := range tests {
		if got := nfc(tc.in); got != tc.want {
			t.Errorf("nfc(%+q) = %+q, want %+q", tc.in, got, tc.want)
		}
	}
}

// TestNormTablesVersion guards newerNormalizationRunes: it lists where Go's
// Unicode 15.0 normalization data and the reference's differ, and must be
// re-derived (testdata/hf/nfc_probe.js) when golang.org/x/text moves on.
func TestNormTablesVersion(t *testing.T) {
	if norm.Version != "15.0.0" {
		t.Errorf("golang.org/x/text/unicode/norm has Unicode %s; re-derive newerNormalizationRunes", norm.Version)
	}
}

// FuzzNFCShortcut: text that nfc passes through unexamined is what the full
// normalization gives back unchanged, valid UTF-8 or not.
func FuzzNFCShortcut(f *testing.F) {
	for _, s := range []string{"plain ascii", "caf\u00e9 \u00c5\u0130\u02ff", "\xc3\x80\x80\xc0\xaf\xcb", "e\u0301", "\u1100\u1161"} {
		f.Add(s)
	}
	f.Add("中文。，가カ") // inert
	f.Add("ガ각")
	f.Fuzz(func(t *testing.T, s string) {
		if isNFCInert(s) && nfcSlow(s) != s {
			t.Fatalf("nfc(%+q) = %+q, but the shortcut keeps it", s, nfcSlow(s))
		}
		if got, want := nfc(s), nfcSlow(s); got != want {
			t.Fatalf("nfc(%+q) = %+q, nfcSlow %+q", s, got, want)
		}
	})
}

// TestNFCShortcutRange: every rune below U+0300, alone and after each other
// rune below it, is its own NFC.
func TestNFCShortcutRange(t *testing.T) {
	for r := rune(0); r < 0x300; r++ {
		for _, s := range []string{string(r), "e" + string(r), string(r) + string(r), "\u02ff" + string(r)} {
			if !isNFCInert(s) {
				t.Fatalf("%+q not taken for inert", s)
			}
			if got := nfcSlow(s); got != s {
				t.Fatalf("nfc(%+q) = %+q", s, got)
			}
		}
	}
	if isNFCInert("e\u0301") {
		t.Error("U+0301 taken for a non-combining rune")
	}
}

// TestNFCInert: each inert rune is its own NFC, alone and next to other
// inert runes, and the runes where Go's data and the reference's differ are
// not inert.
func TestNFCInert(t *testing.T) {
	prev := "a"
	inert := 0
	for r := rune(0x80); r < 1<<16; r++ {
		s := string(r)
		if !utf8.ValidRune(r) || !isNFCInert(s) {
			continue
		}
		inert++
		for _, c := range []string{s, s + s, "a" + s, s + "a", prev + s, s + prev, "\u4e00" + s + "\uac00",
			"\x80" + s + "\xc3", "\u00e9" + s + "\u02ff", strings.Repeat("x", 15) + s + strings.Repeat("y", 16)} {
			if !isNFCInert(c) {
				t.Fatalf("%+q not taken for inert", c)
			}
			if got := nfcSlow(c); got != c {
				t.Fatalf("%U is taken for inert, but nfc(%+q) = %+q", r, c, got)
			}
		}
		prev = s
	}
	for _, s := range []string{"\u07fd", "\u0898", "\u1abf", "\ua82c", "e\u0301", "\u1100\u1161", "\uac00\u11a8",
		"\u30ab\u3099", "\u0f73", "\u2000", "\xff", "\xe4\xb8", "\U00020000"} {
		if isNFCInert(s) || isNFCInert(strings.Repeat("a", 20)+s) {
			t.Errorf("%+q taken for inert", s)
		}
	}
	if !isNFCInert("中文。，ａ") {
		t.Error("CJK text not taken for inert")
	}
	t.Logf("%d inert BMP runes above U+007F", inert)
}
