package mathverify

import (
	"slices"
	"testing"
	"time"
)

var fuzzSeeds = []string{
	`$\frac{1}{2}$`, `\boxed{x=11; y=13}`, `$[1, 2) \cup (3, \infty)$`, `$\begin{pmatrix}1 & 2 \\ 3 & 4\end{pmatrix}$`,
	`The answer is 16, no wait, it is 18.`, `$2 \le x \le 9$`, `\boxed{\frac{4}{25}`, `$\sum_{k=1}^{70} k$`,
	`$\int_0^{4} x \, dx$`, `$\lim_{n\to\infty} \frac{4n+1}{n}$`, `1,234,567`, `$38\%$`, `$x = 3, y = -2$`,
	`$\sin^{-1} x$`, `$f(2)$`, `$\sqrt[3]{64}$`, `$2\frac{1}{3}$`, `Final Answer: The final answer is $5$. I hope it is correct.`,
}

// FuzzParse checks, on arbitrary text, that extraction, parsing and
// comparison never panic and stay within their budgets, and three
// properties: parsing is deterministic (the work caps, not the clock, bound
// it), an answer verifies against itself, and the Hendrycks string
// comparison is reflexive.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a := ParseWithTimeout(s, time.Hour)
		if b := ParseWithTimeout(s, time.Hour); !slices.Equal(a.Strings(), b.Strings()) {
			t.Fatalf("parse(%q) gave %q, then %q", s, a.Strings(), b.Strings())
		}
		if a.Len() > 0 && !VerifyWithTimeout(a, a, time.Hour) {
			t.Fatalf("verify(parse(%q), parse(%q)) is false; parse gave %q", s, s, a.Strings())
		}
		VerifyWithTimeout(a, Parse(`$1$`), 200*time.Millisecond)
		if !isEquiv(s, s) {
			t.Fatalf("is_equiv(%q, %q) is false", s, s)
		}
	})
}

// FuzzLatex drives the LaTeX parser directly with arbitrary input.
func FuzzLatex(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		bud := newBudget(200 * time.Millisecond)
		n, err := latexToNode(normalizeLatex(s, "all"), bud)
		if err == nil && n == nil {
			t.Fatalf("nil node without error for %q", s)
		}
		if n != nil {
			_ = n.String()
			canonicalize(n)
		}
	})
}
