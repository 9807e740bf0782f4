package mathverify

import (
	"testing"

	"github.com/dlclark/regexp2"
)

var fracBraceDigitRe = regexp2.MustCompile(`\\frac\s?{(.*?)}\s?(\d)`, 0)

func fracBraceDigitSlow(s string) string {
	out, err := fracBraceDigitRe.Replace(s, `\frac{$1}{$2}`, -1, -1)
	if err != nil {
		panic(err)
	}
	return out
}

// FuzzFracBraceDigit compares the linear rewrite with regexp2's re.sub.
func FuzzFracBraceDigit(f *testing.F) {
	for _, s := range []string{`\frac{1}2`, `\frac {a}} 3`, `\frac{1}{2}`, "\\frac{a\n}2", `\frac{x}\u00a05`, `\frac\frac{1}2}3`,
		`\frac{1}{\frac{2}3`, `a\frac{b}٣c`, `\frac{}1\frac{}2`, `\frac {{}}} 7`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := fixFracBraceDigit(s), fracBraceDigitSlow(s); got != want {
			t.Fatalf("%q: linear %q, regexp2 %q", s, got, want)
		}
	})
}
