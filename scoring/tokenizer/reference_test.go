package tokenizer

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// referenceEncode is Encode without any of its shortcuts, the reference the
// fast paths are checked against: added tokens found by the naive scan, full
// NFC normalization, the rune-by-rune pre-tokenizer, no piece caches, and
// every piece merged by the heap, the reference's own algorithm.
func referenceEncode(t *Tokenizer, text string) []int {
	var ids []int
	sc := new(bpeScratch)
	pieces := func(s string) {
		for p := 0; p < len(s); {
			end := pieceEndRunes(s, p)
			piece := s[p:end]
			p = end
			if id, ok := t.wordIDs[piece]; ok {
				ids = append(ids, int(id))
				continue
			}
			sc.syms = sc.syms[:0]
			for j := range len(piece) {
				if id := t.byteIDs[piece[j]]; id >= 0 {
					sc.syms = append(sc.syms, id)
				}
			}
			if len(sc.syms) == 0 {
				continue
			}
			sc.out = t.bpeHeap(sc, sc.out[:0])
			for _, id := range sc.out {
				ids = append(ids, int(id))
			}
		}
	}
	split := func(m *addedMatcher, s string, plain func(string)) {
		if m == nil {
			plain(s)
			return
		}
		m.splitAt(s, naiveStarts(m.tokens, s), func(seg string, id int32) {
			if id < 0 {
				plain(seg)
			} else {
				ids = append(ids, int(id))
			}
		})
	}
	split(t.rawAdded, text, func(seg string) {
		if t.useNFC {
			seg = nfcSlow(seg)
		}
		split(t.normAdded, seg, pieces)
	})
	return ids
}

// checkAgainstReference asserts that Count and Encode agree with
// referenceEncode on text.
func checkAgainstReference(t *testing.T, tok *Tokenizer, text string) {
	t.Helper()
	want := referenceEncode(tok, text)
	if got := tok.Count(text); got != len(want) {
		t.Fatalf("Count(%+.80q) = %d, reference %d", text, got, len(want))
	}
	if got := tok.Encode(text); !slices.Equal(got, want) {
		t.Fatalf("Encode(%+.80q) = %v, reference %v", text, got, want)
	}
}

// TestReferenceEncode: the reference itself gives the vectors' ids.
func TestReferenceEncode(t *testing.T) {
	tok := mustDefault(t)
	for i, v := range loadVectors(t) {
		if got := referenceEncode(tok, v.Text); !slices.Equal(got, v.IDs) {
			t.Fatalf("vector %d %+q: reference %v, want %v", i+1, v.Text, got, v.IDs)
		}
	}
}

// TestFastMatchesReference: Count and Encode agree with the reference on
// the golden completions, and on texts made from them by cutting them at
// random offsets (pieces at the very end of a text take another key path),
// mixing in non-ASCII and invalid bytes.
func TestFastMatchesReference(t *testing.T) {
	tok := mustDefault(t)
	texts := loadCompletions(t)
	for _, s := range texts {
		checkAgainstReference(t, tok, s)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	inserts := []string{"\xff", "é", "e\u0301", "中文", "\u3000", "\u00a0", "'ſ", "😀", "\r\n", "  ", "<|im_end|>", "\x00", "ǅ", "٣"}
	for i := range 1500 {
		s := texts[rng.IntN(len(texts))]
		cut := rng.IntN(len(s) + 1)
		s = s[:cut]
		if i%2 == 0 && len(s) > 0 {
			at := rng.IntN(len(s))
			s = s[:at] + inserts[rng.IntN(len(inserts))] + s[at:]
		}
		checkAgainstReference(t, tok, s)
	}
	for _, s := range []string{"", "a", "ab", strings.Repeat("x", 15), strings.Repeat("x", 16), strings.Repeat("x", 17),
		strings.Repeat("abcdefgh", 7) + "é", "hello\xc3", "word\x00word\x00", strings.Repeat("ab1 ", 100),
		strings.Repeat("<|im_end|>x>", 20), strings.Repeat("a>", 17) + "<|im_start|>b"} {
		checkAgainstReference(t, tok, s)
	}
}

// FuzzCountMatchesReference: for any text, valid UTF-8 or not, Count and
// Encode give what the reference path gives.
func FuzzCountMatchesReference(f *testing.F) {
	tok := mustDefault(f)
	for _, s := range loadCompletions(f)[:40] {
		f.Add(s)
	}
	for _, v := range loadVectors(f)[:200] {
		f.Add(v.Text)
	}
	for _, s := range []string{"", "\xff\xfe\xc3", "it's 'S 'ſ", "a   \n\n   b", "<|im_end|>\u0338x", "中文。，abc",
		"e\u0301\u0316\u07fd", "\u3000\ufeff\u2028\u0085", "ab\x00cd\x00\x00", "Zürich ǅ Ελληνικά"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkAgainstReference(t, tok, text)
	})
}
