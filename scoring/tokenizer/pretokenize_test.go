package tokenizer

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func splitPieces(s string) []string {
	var out []string
	for p := 0; p < len(s); {
		e := pieceEnd(s, p)
		out = append(out, s[p:e])
		p = e
	}
	return out
}

func TestPieceEnd(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Hello world", []string{"Hello", " world"}},
		{"I'm here, they'RE not", []string{"I", "'m", " here", ",", " they", "'RE", " not"}},
		{"'ll 'LL 've 'd 't 'x", []string{"'ll", " '", "LL", " '", "ve", " '", "d", " '", "t", " '", "x"}},
		{"it'ſ", []string{"it", "'ſ"}}, // ſ case-folds to s
		{"12345", []string{"1", "2", "3", "4", "5"}},
		{"a  b", []string{"a", " ", " b"}},
		{"a   \n\n   b", []string{"a", "   \n\n", "  ", " b"}},
		{"trailing   ", []string{"trailing", "   "}},
		{"\tcode", []string{"\tcode"}},
		{"x\r\ny", []string{"x", "\r\n", "y"}},
		{" \n ", []string{" \n", " "}},
		{"a == b;\n", []string{"a", " ==", " b", ";\n"}},
		{"((x))", []string{"((", "x", "))"}},
		{"\u00a0word", []string{"\u00a0word"}},                 // NBSP prefixes a word
		{"a\u3000\u3000b", []string{"a", "\u3000", "\u3000b"}}, // U+3000 is space
		{"a\ufeff\ufeffb", []string{"a", "\ufeff\ufeff", "b"}}, // U+FEFF is not
		{"a\ufeffb", []string{"a", "\ufeffb"}},
		{"x\u0085y", []string{"x", "\u0085y"}},                     // NEL is space
		{"x \u0085 \u2028y", []string{"x", " \u0085 ", "\u2028y"}}, // space run, last rune left
		{"a \x1c b", []string{"a", " \x1c", " b"}},                 // \x1c is not White_Space
		{"中文测试", []string{"中文测试"}},
		{"😀😀 ok", []string{"😀😀", " ok"}},
		{"\xff\xfeab", []string{"\xff\xfe", "ab"}}, // invalid bytes are "other"
		{"\xffab", []string{"\xffab"}},
		{"<think>x</think>", []string{"<think", ">x", "</", "think", ">"}},
		{"e\u0301", []string{"e", "\u0301"}}, // combining marks are not letters
	}
	for _, tc := range tests {
		if got := splitPieces(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("pieces(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestClassOf(t *testing.T) {
	tests := []struct {
		r    rune
		want uint8
	}{
		{'a', classLetter}, {'ſ', classLetter}, {'中', classLetter}, {'7', classNumber},
		{'½', classNumber}, {'Ⅻ', classNumber}, {' ', classSpace}, {'\t', classSpace},
		{'\v', classSpace}, {'\f', classSpace}, {'\r', classCRLF}, {'\n', classCRLF},
		{0x85, classSpace}, {0xa0, classSpace}, {0x1680, classSpace}, {0x2028, classSpace},
		{0x2029, classSpace}, {0x202f, classSpace}, {0x3000, classSpace}, {0xfeff, classOther},
		{0x1c, classOther}, {0x200b, classOther}, {'_', classOther}, {0x301, classOther},
		{0x1F600, classOther}, {0x20000, classLetter}, {0x1D7CE, classNumber},
		{0x2EBF0, classLetter}, {0x1C89, classLetter}, {0x10D40, classNumber}, // Unicode 15.1, 16.0
	}
	for _, tc := range tests {
		if got := classOf(tc.r); got != tc.want {
			t.Errorf("classOf(%U) = %d, want %d", tc.r, got, tc.want)
		}
	}
}

// TestPieceEndMatchesRunes: the ASCII fast path of pieceEnd ends every
// piece where pieceEndRunes does, for every pair and triple of bytes drawn
// from each class and the bytes that start multi-byte runes or are invalid.
func TestPieceEndMatchesRunes(t *testing.T) {
	alphabet := []string{"a", "Z", "7", " ", "\t", "\r", "\n", "'", "s", "l", "L", "e", "!", "<", "\x00", "\x1c",
		"é", "ſ", "\u00a0", "\u3000", "中", "\u0301", "٣", "\xff", "\xc3"}
	var texts []string
	for _, a := range alphabet {
		for _, b := range alphabet {
			for _, c := range alphabet {
				texts = append(texts, a+b+c, a+b+c+"word  ")
			}
		}
	}
	for _, s := range texts {
		for p := 0; p < len(s); p++ {
			if got, want := pieceEnd(s, p), pieceEndRunes(s, p); got != want {
				t.Fatalf("pieceEnd(%+q, %d) = %d, rune by rune %d", s, p, got, want)
			}
		}
	}
}

// TestASCIILetters checks the word-at-a-time letter count against a byte
// loop, with every byte value at every position.
func TestASCIILetters(t *testing.T) {
	isLetter := func(c byte) bool { return c < 0x80 && byteClasses[c] == classLetter }
	for pos := range 8 {
		for c := range 256 {
			for _, fill := range []byte{'a', 'Z', 'q'} {
				b := []byte(strings.Repeat(string(fill), 8))
				b[pos] = byte(c)
				want := 0
				for want < 8 && isLetter(b[want]) {
					want++
				}
				if got := asciiLetters(load64(string(b), 0)); got != want {
					t.Fatalf("asciiLetters(%q) = %d, want %d", b, got, want)
				}
			}
		}
	}
}

// TestRuneAt: runeAt decodes as utf8.DecodeRuneInString does, for every
// three-byte sequence with a lead byte 0xE0-0xEF (valid, overlong,
// surrogate, bad continuation, cut short) and a sample of others.
func TestRuneAt(t *testing.T) {
	check := func(s string) {
		t.Helper()
		r, n := runeAt(s, 0)
		wr, wn := utf8.DecodeRuneInString(s)
		if r != wr || n != wn {
			t.Fatalf("runeAt(%+q) = %U, %d; want %U, %d", s, r, n, wr, wn)
		}
	}
	conts := []byte{0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff}
	for c0 := 0xe0; c0 <= 0xef; c0++ {
		for c1 := range 256 {
			for _, c2 := range conts {
				s := string([]byte{byte(c0), byte(c1), c2})
				check(s)
				check(s[:2])
				check(s + "x")
			}
		}
	}
	for _, s := range []string{"a", "é", "\xff", "\xc3", "😀", "\xf0\x9f", "中文"} {
		check(s)
	}
}
