package py

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// refLower is the former Lower, kept as the reference of the one-pass
// version: ASCII shortcuts, strings.Map with unicode.ToLower, and x/text's
// full case mapping for any text with U+0130 or a capital sigma.
func refLower(s string) string {
	if refIsASCIIWithoutUpper(s) {
		return s
	}
	if IsASCII(s) {
		b := []byte(s)
		for i, c := range b {
			if c >= 'A' && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
		}
		return string(b)
	}
	if !strings.ContainsRune(s, 'İ') && !strings.ContainsRune(s, 'Σ') {
		return strings.Map(unicode.ToLower, s)
	}
	return cases.Lower(language.Und).String(s)
}

func refIsASCIIWithoutUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || (c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// refUpper is the former Upper.
func refUpper(s string) string { return cases.Upper(language.Und).String(s) }

var caseSeeds = []string{
	"", "abc", "ABC", "Hello, World", "İstanbul", "ΟΔΟΣ ΟΣ", "ΣΑΣ.", "Ǆǅ", "ẞ", "ß", "ÀÉÎ", "Ⅻ", "Ａ", "𐐀",
	"straße", "ǰ", "ŉ", "ﬀ", "K", "Å", "i̇", "İ\xff", "Σ\xff", "\xff\xfeA", "\xed\xa0\x80", "a\ufffdB",
	"AİB", "ΑΣ̈ Β", "日本語テキスト ABC", "\u0345", "ᾈ", "ΐ", "abcdefghijklmnop", "straße ok", "ǅǆ", "ﬃ", "ᾳ\u0345", "\u00b5µ", "ı", "ſ", "ǆ",
}

func TestLowerMatchesReference(t *testing.T) {
	for _, s := range caseSeeds {
		if got, want := Lower(s), refLower(s); got != want {
			t.Errorf("Lower(%+q) = %+q; reference %+q", s, got, want)
		}
		if got, want := Upper(s), refUpper(s); got != want {
			t.Errorf("Upper(%+q) = %+q; reference %+q", s, got, want)
		}
	}
}

// FuzzLowerMatchesReference: the one-pass Lower and the ASCII Upper agree
// with the former versions on any bytes, invalid UTF-8 included.
func FuzzLowerMatchesReference(f *testing.F) {
	for _, s := range caseSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Lower(s), refLower(s); got != want {
			t.Fatalf("Lower(%+q) = %+q; reference %+q", s, got, want)
		}
		if got, want := Upper(s), refUpper(s); got != want {
			t.Fatalf("Upper(%+q) = %+q; reference %+q", s, got, want)
		}
	})
}

func BenchmarkLower(b *testing.B) {
	for _, bc := range []struct{ name, s string }{
		{"ascii-lower", strings.Repeat("the quick brown fox jumps over the lazy dog ", 20)},
		{"ascii-upper", strings.Repeat("The Quick Brown Fox Jumps Over The Lazy Dog ", 20)},
		{"cjk", strings.Repeat("让我逐步分析这张图片中的位置。The Dog ", 20)},
		{"dotted-i", strings.Repeat("İstanbul Ankara ", 20)},
	} {
		for _, impl := range []struct {
			name string
			f    func(string) string
		}{{"new", Lower}, {"ref", refLower}} {
			b.Run(bc.name+"/"+impl.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					_ = impl.f(bc.s)
				}
			})
		}
	}
}

func TestCaselessBlocks(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if caseless(r) && (unicode.ToLower(r) != r || unicode.ToUpper(r) != r || unicode.IsUpper(r)) {
			t.Errorf("%U is in a caseless block but has case", r)
		}
	}
}

// TestUpperAllRunes: code point by code point, Upper is x/text's full
// case mapping, the simple mapping everywhere but specialUpper.
func TestUpperAllRunes(t *testing.T) {
	up := cases.Upper(language.Und)
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		want := up.String(s)
		if got := Upper(s); got != want {
			t.Fatalf("Upper(%U) = %q; full case mapping gives %q", r, got, want)
		}
		if !specialUpper(r) && want != string(unicode.ToUpper(r)) {
			t.Errorf("%U has a full upper-case mapping %q that specialUpper misses", r, want)
		}
	}
}
