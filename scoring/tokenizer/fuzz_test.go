package tokenizer

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzEncode: Encode, Count and Decode never panic; Count agrees with
// Encode; and for valid UTF-8, decoding gives back the text as normalized
// (NFC between added tokens, which are matched before normalization).
func FuzzEncode(f *testing.F) {
	for _, s := range []string{
		"", "Hello world", "it's 'S 'ſ", "a   \n\n   b", "<|im_end|>\u0338x", "<think>中文</think>",
		"\xff\xfe\xc3", "e\u0301\u0316\u07fd", "\u3000\ufeff\u2028\u0085", strings.Repeat("ab ", 40),
	} {
		f.Add(s)
	}
	tok := mustDefault(f)
	f.Fuzz(func(t *testing.T, text string) {
		ids := tok.Encode(text)
		if n := tok.Count(text); n != len(ids) {
			t.Fatalf("Count = %d, len(Encode) = %d", n, len(ids))
		}
		got := tok.Decode(ids)
		if !utf8.ValidString(text) {
			return
		}
		var want strings.Builder
		tok.rawAdded.split(text, func(seg string, id int32) {
			if id >= 0 {
				want.WriteString(seg)
			} else {
				want.WriteString(nfc(seg))
			}
		})
		if got != want.String() {
			t.Fatalf("Decode(Encode(%+q)) = %+q, want %+q", text, got, want.String())
		}
		if !strings.Contains(text, "<") && got != nfc(text) {
			t.Fatalf("Decode(Encode(%+q)) = %+q, want NFC %+q", text, got, nfc(text))
		}
	})
}

// FuzzPieceEnd: pre-tokens are non-empty, in order, and cover the text, and
// the ASCII fast path ends them where the rune-by-rune reading does.
func FuzzPieceEnd(f *testing.F) {
	f.Add("a  b\r\n 'll x")
	f.Add("\xff\u3000\u0085!")
	f.Fuzz(func(t *testing.T, s string) {
		var b strings.Builder
		for p := 0; p < len(s); {
			e := pieceEnd(s, p)
			if e <= p || e > len(s) {
				t.Fatalf("pieceEnd(%+q, %d) = %d", s, p, e)
			}
			if ref := pieceEndRunes(s, p); e != ref {
				t.Fatalf("pieceEnd(%+q, %d) = %d, rune by rune %d", s, p, e, ref)
			}
			b.WriteString(s[p:e])
			p = e
		}
		if b.String() != s {
			t.Fatalf("pieces of %+q do not cover it", s)
		}
	})
}

// FuzzLoadJSON: any tokenizer.json is rejected with an error or gives a
// tokenizer that encodes as the reference path does and decodes without
// panicking.
func FuzzLoadJSON(f *testing.F) {
	vocab, merges := tinyVocabAndMerges(false)
	f.Add(strings.NewReplacer("ADDED", `[{"content": "<x>", "lstrip": true, "rstrip": true, "single_word": true}]`,
		"NORMALIZER", `{"type": "NFC"}`, "PRETOKENIZER", qwenPreTokenizer, "VOCAB", vocab, "MERGES", merges).Replace(tinyJSON), "hello <x> world")
	f.Add(`{"pre_tokenizer": `+qwenPreTokenizer+`, "model": {"vocab": {"a": 0, "aa": 1}, "merges": ["a a"]}}`, "aaa b")
	f.Fuzz(func(t *testing.T, file, text string) {
		tok, err := loadJSON(strings.NewReader(file))
		if err != nil {
			return
		}
		ids := tok.Encode(text)
		if tok.Count(text) != len(ids) {
			t.Fatalf("Count != len(Encode)")
		}
		checkAgainstReference(t, tok, text)
		tok.Decode(ids)
	})
}
