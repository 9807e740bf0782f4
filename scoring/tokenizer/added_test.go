package tokenizer

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// naiveStarts is the former matcher's search, kept as the reference: at
// each position it tries every token and keeps the longest that matches.
// split takes, from these, the leftmost-longest matches that do not overlap.
func naiveStarts(tokens []addedToken, s string) []addedMatch {
	var found []addedMatch
	for i := range len(s) {
		best := -1
		for ti, t := range tokens {
			if strings.HasPrefix(s[i:], t.content) && (best < 0 || len(t.content) > len(tokens[best].content)) {
				best = ti
			}
		}
		if best >= 0 {
			found = append(found, addedMatch{int32(i), int32(best)})
		}
	}
	return found
}

type segment struct {
	text string
	id   int32
}

func splitWith(split func(string, func(string, int32)), s string) []segment {
	var out []segment
	split(s, func(seg string, id int32) { out = append(out, segment{seg, id}) })
	return out
}

// randomAddedTokens makes n tokens over a small alphabet, so that they
// overlap, nest and share prefixes and suffixes, with random flags.
func randomAddedTokens(rng *rand.Rand, n int, alphabet string) []addedToken {
	alpha := []rune(alphabet)
	tokens := make([]addedToken, n)
	for i := range tokens {
		var b strings.Builder
		for range 1 + rng.IntN(5) {
			b.WriteRune(alpha[rng.IntN(len(alpha))])
		}
		tokens[i] = addedToken{content: b.String(), id: int32(1000 + i),
			singleWord: rng.IntN(4) == 0, lstrip: rng.IntN(4) == 0, rstrip: rng.IntN(4) == 0}
	}
	return tokens
}

func randomText(rng *rand.Rand, n int, alphabet string) string {
	alpha := []rune(alphabet)
	var b strings.Builder
	for range n {
		b.WriteRune(alpha[rng.IntN(len(alpha))])
	}
	return b.String()
}

// TestAddedMatcherMatchesNaive compares the automaton with the reference
// scan on random token sets and texts, and on the embedded tokenizer's own
// added tokens.
func TestAddedMatcherMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range 400 {
		alphabet := []string{"ab", "abc ", "a<>|", "é e\u0301 x"}[i%4]
		tokens := randomAddedTokens(rng, 1+rng.IntN(30), alphabet)
		m := newAddedMatcher(tokens)
		for range 10 {
			s := randomText(rng, rng.IntN(60), alphabet)
			if got, want := m.starts(s), naiveStarts(tokens, s); !slices.Equal(got, want) {
				t.Fatalf("tokens %+v, text %q:\n got %v\nwant %v", tokens, s, got, want)
			}
		}
	}
	// Tokens that all end with one byte, in texts with up to 40 of it:
	// the listed positions, and the search back when there are too many.
	for i := range 400 {
		tokens := randomAddedTokens(rng, 1+rng.IntN(10), "a<|")
		for k := range tokens {
			tokens[k].content += ">"
		}
		m := newAddedMatcher(tokens)
		s := randomText(rng, i/4, "a<|>")
		if got, want := m.starts(s), naiveStarts(tokens, s); !slices.Equal(got, want) {
			t.Fatalf("tokens %+v, text %q:\n got %v\nwant %v", tokens, s, got, want)
		}
	}
	tok := mustDefault(t)
	tests := []struct {
		text string
		want []segment
	}{
		{"<|im_start|>user\n<|im_end|>", []segment{{"<|im_start|>", 151644}, {"user\n", -1}, {"<|im_end|>", 151645}}},
		{"<|<|im_end|>|>", []segment{{"<|", -1}, {"<|im_end|>", 151645}, {"|>", -1}}},
		{"x <|endoftext|><|im_end", []segment{{"x ", -1}, {"<|endoftext|>", 151643}, {"<|im_end", -1}}},
	}
	for _, tc := range tests {
		if got := splitWith(tok.rawAdded.split, tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("split(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// FuzzAddedMatcher: the automaton finds what the reference scan finds for any
// token set (given as newline-separated contents) and text.
func FuzzAddedMatcher(f *testing.F) {
	f.Add("ab\nb\nabc\nbc", "xabcbcab", uint8(3))
	f.Add("<|a|>\n<|\n|>", "<|<|a|>|>", uint8(0))
	f.Fuzz(func(t *testing.T, contents, text string, flags uint8) {
		var tokens []addedToken
		for i, c := range strings.Split(contents, "\n") {
			if c == "" || len(tokens) == 64 {
				continue
			}
			bits := flags >> (i % 6)
			tokens = append(tokens, addedToken{content: c, id: int32(i), singleWord: bits&1 != 0, lstrip: bits&2 != 0, rstrip: bits&4 != 0})
		}
		if len(tokens) == 0 {
			return
		}
		if got, want := newAddedMatcher(tokens).starts(text), naiveStarts(tokens, text); !slices.Equal(got, want) {
			t.Fatalf("tokens %+v, text %+q:\n got %v\nwant %v", tokens, text, got, want)
		}
	})
}

// manyAddedTokens is a tokenizer.json with n added tokens "<tok_i>" and
// n plain words, as a fine-tuned vocabulary might have.
func manyAddedTokens(t testing.TB, n int) *Tokenizer {
	var added []string
	for i := range n {
		content := fmt.Sprintf("<tok_%d>", i)
		if i%2 == 1 {
			content = fmt.Sprintf("word%dx", i)
		}
		added = append(added, fmt.Sprintf(`{"id": %d, "content": %q, "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}`, 400+i, content))
	}
	vocab, merges := tinyVocabAndMerges(false)
	file := strings.NewReplacer("ADDED", "["+strings.Join(added, ",")+"]", "NORMALIZER", `{"type": "NFC"}`,
		"PRETOKENIZER", qwenPreTokenizer, "VOCAB", vocab, "MERGES", merges).Replace(tinyJSON)
	tok, err := loadJSON(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// TestManyAddedTokens checks a tokenizer with 100k added tokens against
// the reference scan (on a short text, which the reference scans slowly).
func TestManyAddedTokens(t *testing.T) {
	tok := manyAddedTokens(t, 100_000)
	s := "hello <tok_99998> word12345x <tok_7><tok_70> word3xx <tok_ wor"
	if got, want := tok.rawAdded.starts(s), naiveStarts(tok.rawAdded.tokens, s); !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	if ids := tok.Encode(s); !utf8.ValidString(tok.Decode(ids)) || tok.Decode(ids) != s {
		t.Errorf("Decode(Encode(%q)) = %q", s, tok.Decode(ids))
	}
}

// TestLastIndexByte checks the word-at-a-time search against the standard
// library's for every length up to 40 and every position of the byte.
func TestLastIndexByte(t *testing.T) {
	for n := range 41 {
		base := strings.Repeat("x<\xbe?", 11)[:n] // '>' is 0x3e; 0xbe and '?' differ from it in one bit
		for _, s := range []string{base, base + ">", ">" + base} {
			for i := -1; i < len(s); i++ {
				b := []byte(s)
				if i >= 0 {
					b[i] = '>'
				}
				if got, want := lastIndexByte(string(b), '>'), strings.LastIndexByte(string(b), '>'); got != want {
					t.Fatalf("lastIndexByte(%q) = %d, want %d", b, got, want)
				}
			}
		}
	}
}
