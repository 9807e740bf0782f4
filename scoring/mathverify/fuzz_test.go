package mathverify

import (
	"testing"
	"time"
)

var fuzzSeeds = []string{
	`$\frac{1}{2}$`, `\boxed{x=11; y=13}`, `$[1, 2) \cup (3, \infty)$`, `$\begin{pmatrix}1 & 2 \\ 3 & 4\end{pmatrix}$`,
	`The answer is 16, no wait, it is 18.`, `$2 \le x \le 9$`, `\boxed{\frac{4}{25}`, `$\sum_{k=1}^{70} k$`,
	`$\int_0^{4} x \, dx$`, `$\lim_{n\to\infty} \frac{4n+1}{n}$`, `1,234,567`, `$38\%$`, `$x = 3, y = -2$`,
	`$\sin^{-1} x$`, `$f(2)$`, `$\sqrt[3]{64}$`, `$2\frac{1}{3}$`, `Final Answer: The final answer is $5$. I hope it is correct.`,
}

// FuzzParse checks that extraction, parsing and comparison never panic and
// stay within their budgets on arbitrary text.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a := ParseWithTimeout(s, 200*time.Millisecond)
		VerifyWithTimeout(a, a, 200*time.Millisecond)
		VerifyWithTimeout(a, Parse(`$1$`), 200*time.Millisecond)
		isEquiv(s, s)
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
