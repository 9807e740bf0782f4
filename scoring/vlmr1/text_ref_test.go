package vlmr1

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/grpo-score/grpo-score/scoring/py"
)

// refCleanText is the former clean_text, kept as the reference of the
// one-copy version: each step a new string.
func refCleanText(s string) string {
	if a, ok := lastAnswer(s); ok {
		s = a
	}
	s = refDropBreaks(s, '\n')
	s = refDropBreaks(s, '\r')
	s = py.Strip(s)
	s = strings.TrimRight(s, ".")
	return py.Lower(s) // itself checked against the former Lower in package py
}

// refDropBreaks is the former dropBreaks: rune by rune.
func refDropBreaks(s string, c byte) string {
	if strings.IndexByte(s, c) < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	prevSpace := false
	for i := 0; i < len(s); {
		if ch := s[i]; ch < utf8.RuneSelf {
			i++
			if ch == c {
				if !prevSpace {
					b = append(b, ' ')
				}
				prevSpace = true
				continue
			}
			b = append(b, ch)
			prevSpace = ch == ' ' || ch >= '\t' && ch <= '\r' || ch >= 0x1c && ch <= 0x1f
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		b = append(b, s[i:i+n]...)
		prevSpace = py.IsSpace(r)
		i += n
	}
	return string(b)
}

var cleanSeeds = []string{
	"", "a \nb\nc\n\nd", "<answer>Abc .</answer>", "<answer>x</answer><answer>Y.</answer>", "İstanbul\n",
	"\nx\r\ny\r", "ΟΔΟΣ\n", "  <answer>\n Hello\n</answer> ", "\u3000\nA\u0085\nB\xe2\x80\n", "\xe2\xe2\x80\x80\nX",
	"\xf0\x9f\xe2\x80\x80\n", "A. . .\n", ". \n.", "\r\r\n\n\r", "ABC\u00a0\n\u00a0.", "<ANSWER>X</ANSWER>\n",
	"Straße\nİ\xff\n", "\xed\xa0\x80\n", "a\u2028\nb", "TAB\t\n\r\tEND.",
}

func TestCleanTextMatchesReference(t *testing.T) {
	for _, s := range cleanSeeds {
		if got, want := cleanText(s), refCleanText(s); got != want {
			t.Errorf("cleanText(%+q) = %+q; reference %+q", s, got, want)
		}
	}
	for _, l := range loadGolden(t) {
		for _, s := range []string{l.Completion, l.Solution} {
			if got, want := cleanText(s), refCleanText(s); got != want {
				t.Errorf("cleanText(%+q) = %+q; reference %+q", s, got, want)
			}
		}
	}
}

// FuzzCleanTextMatchesReference: the one-copy clean_text equals the
// step-by-step one on any bytes, invalid UTF-8 included.
func FuzzCleanTextMatchesReference(f *testing.F) {
	for _, s := range cleanSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := cleanText(s), refCleanText(s); got != want {
			t.Fatalf("cleanText(%+q) = %+q; reference %+q", s, got, want)
		}
		for _, c := range []byte{'\n', '\r'} {
			if got, want := dropBreaks(s, c), refDropBreaks(s, c); got != want {
				t.Fatalf("dropBreaks(%+q, %q) = %+q; reference %+q", s, c, got, want)
			}
		}
	})
}
