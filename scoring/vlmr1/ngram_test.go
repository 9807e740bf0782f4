package vlmr1

import (
	"math"
	"strings"
	"testing"

	"github.com/grpo-score/grpo-score/scoring/py"
)

// joinedRepetition is the former plain-text branch, kept as the reference:
// every word 6-gram joined into a string and put in a set.
func joinedRepetition(content string) float64 {
	const n = 6
	if len(py.Split(content)) < n {
		return 0.0
	}
	words := py.Split(py.Lower(content))
	total := len(words) - n + 1
	seen := make(map[string]struct{}, total)
	for i := 0; i < total; i++ {
		seen[strings.Join(words[i:i+n], " ")] = struct{}{}
	}
	return (1 - float64(len(seen))/float64(total)) * -1.0
}

func TestRepetitionOfWordsMatchesJoined(t *testing.T) {
	c := newNgramCounter()
	for _, s := range []string{
		"", "one two three four five", "one two three four five six",
		"a b c d e f a b c d e f a b c d e f",
		"The cat sat on the mat. the CAT sat on the mat.",
		"x\u3000y\u00a0z\u2028w\u0085v\u200au t s r q",
		"\xff \xfe \xff \xfe \xff \xfe \xff \xfe",
		"İstanbul İstanbul İstanbul İstanbul İstanbul İstanbul İstanbul",
		strings.Repeat("go go stop ", 200),
		"\t\n  lead and trail  \r\n words words words words  ",
	} {
		if got, want := repetitionOfWords(c, s, nil), joinedRepetition(s); math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("%.40q: %v, reference %v", s, got, want)
		}
		if got, want := hasWords(s, 6), len(py.Split(s)) >= 6; got != want {
			t.Errorf("hasWords(%.40q, 6) = %v, want %v", s, got, want)
		}
	}
}

// FuzzRepetitionOfWords: the hashed n-gram count gives the reference's
// value, bit for bit (-0.0 included), on any text; one counter serves all
// inputs, as in a run.
func FuzzRepetitionOfWords(f *testing.F) {
	f.Add("a b c d e f a b c d e f")
	f.Add("x\u3000y z w v u x\u3000y z w v u \xff")
	c := newNgramCounter()
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := repetitionOfWords(c, s, nil), joinedRepetition(s); math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("%+q: %v, reference %v", s, got, want)
		}
	})
}

// FuzzSplitHashes: the hash split computes while it finds a word's end is
// the word's hash, and the words are py.Split's.
func FuzzSplitHashes(f *testing.F) {
	f.Add("the quick brown fox jumps over the lazy dog 12345678 123456789 abcdefgh\tx")
	f.Add("a\u3000bb\x01cc dd\xff eeeeeeee ffffffff\n")
	c := newNgramCounter()
	f.Fuzz(func(t *testing.T, s string) {
		c.split(s)
		words := py.Split(s)
		if len(words) != len(c.words) {
			t.Fatalf("%+q: %d words, py.Split finds %d", s, len(c.words), len(words))
		}
		for i, w := range c.words {
			if got := s[w.start:w.end]; got != words[i] {
				t.Fatalf("%+q: word %d is %+q, py.Split's %+q", s, i, got, words[i])
			}
			if c.hashes[i] != c.hash(words[i]) {
				t.Fatalf("%+q: word %+q hashed %x in split, %x alone", s, words[i], c.hashes[i], c.hash(words[i]))
			}
		}
	})
}
