package mathverify

import (
	"strings"
	"testing"
	"time"
)

var fuzzSeeds = []string{
	`$\frac{1}{2}$`, `\boxed{x=11; y=13}`, `$[1, 2) \cup (3, \infty)$`, `$\begin{pmatrix}1 & 2 \\ 3 & 4\end{pmatrix}$`,
	`The answer is 16, no wait, it is 18.`, `$2 \le x \le 9$`, `\boxed{\frac{4}{25}`, `$\sum_{k=1}^{70} k$`,
	`$\int_0^{4} x \, dx$`, `$\lim_{n\to\infty} \frac{4n+1}{n}$`, `1,234,567`, `$38\%$`, `$x = 3, y = -2$`,
	`$\sin^{-1} x$`, `$f(2)$`, `$\sqrt[3]{64}$`, `$2\frac{1}{3}$`, `Final Answer: The final answer is $5$. I hope it is correct.`,
	`$\mathbb{R} \setminus \{0\}$`, `$(-\infty, 0) \cup (0, \infty)$`, `$x \geq 8$`, `$\binom{n+1}{2}$`, `2^{2^{2^{20}}}`,
	`$|x| > 2$`, `\boxed{1}\boxed{2}`, `$\frac{n(n+1)}{2}$`,
}

// fuzzBudget is the line budget of the fuzz targets; fuzzSlack is the
// generous bound on what a line may cost beyond it (machines are shared
// and slow under -race; this catches unbounded work, not speed).
const (
	fuzzBudget = 200 * time.Millisecond
	fuzzSlack  = 5 * time.Second
)

// FuzzParse checks properties of extraction and comparison on arbitrary
// text: parsing is deterministic, an answer verifies against itself, the
// Hendrycks string comparison is reflexive, and the whole work stays within
// the line budget plus a constant. Runs that hit the budget are not checked
// for the first two (their result depends on the clock).
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		start := time.Now()
		line := NewLine(fuzzBudget)
		a := ParseLine(s, line)
		b := ParseLine(s, line)
		self := VerifyLine(a, b, line)
		VerifyLine(a, ParseLine(`$1$`, line), line)
		if d := time.Since(start); d > fuzzBudget+fuzzSlack {
			t.Fatalf("%q took %v with a %v budget", s, d, fuzzBudget)
		}
		if line.TimedOut() {
			return
		}
		if as, bs := a.Strings(), b.Strings(); strings.Join(as, "\x00") != strings.Join(bs, "\x00") || len(as) != len(bs) {
			t.Fatalf("parse(%q) not deterministic: %q then %q", s, as, bs)
		}
		if a.Len() > 0 && !self {
			t.Fatalf("verify(parse(%q), parse(%q)) is false; parse gave %q", s, s, a.Strings())
		}
		if !isEquiv(s, s) {
			t.Fatalf("is_equiv(%q, %q) is false", s, s)
		}
	})
}

// FuzzComputeScore checks compute_score: identical strings score 1.0,
// values are 0.0 or 1.0, the result is deterministic when the budget is not
// hit, and a line costs at most the budget plus a constant.
func FuzzComputeScore(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, "1")
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, sol, gt string) {
		start := time.Now()
		l1 := NewLine(fuzzBudget)
		v1 := ComputeScoreLine(sol, gt, l1)
		if d := time.Since(start); d > fuzzBudget+fuzzSlack {
			t.Fatalf("compute_score(%q, %q) took %v with a %v budget", sol, gt, d, fuzzBudget)
		}
		if v1 != 0 && v1 != 1 {
			t.Fatalf("compute_score(%q, %q) = %v", sol, gt, v1)
		}
		if sol == gt && v1 != 1 {
			t.Fatalf("compute_score(%q, itself) = %v", sol, v1)
		}
		l2 := NewLine(fuzzBudget)
		v2 := ComputeScoreLine(sol, gt, l2)
		if !l1.TimedOut() && !l2.TimedOut() && v1 != v2 {
			t.Fatalf("compute_score(%q, %q) gave %v then %v", sol, gt, v1, v2)
		}
	})
}

// FuzzHendrycks checks the Hendrycks normalisation: is_equiv is reflexive
// (strip_string is a function, and on an exception the raw strings are
// compared), strip_string is deterministic, and it is linear enough to stay
// far below the slack on any input the fuzzer builds.
func FuzzHendrycks(f *testing.F) {
	for _, s := range append(fuzzSeeds, `\frac12`, `0.5`, `\dfrac{1}{2}`, `3/4`, `x = 5`, `\sqrt3`, `10\%`, `5 \text{ cm}`) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		start := time.Now()
		if !isEquiv(s, s) {
			t.Fatalf("is_equiv(%q, itself) is false", s)
		}
		a, errA := stripString(s)
		b, errB := stripString(s)
		if a != b || (errA == nil) != (errB == nil) {
			t.Fatalf("strip_string(%q) not deterministic: %q/%v then %q/%v", s, a, errA, b, errB)
		}
		if d := time.Since(start); d > fuzzSlack {
			t.Fatalf("strip_string(%q) took %v", s, d)
		}
	})
}

// FuzzPyExpr checks parsePyExpr against a second reading of the same
// expression in parentheses: when both parse they are the same tree, and a
// string that parses keeps parsing when wrapped (unless the wrapper crosses
// the nesting limit).
func FuzzPyExpr(f *testing.F) {
	for _, s := range []string{"1+2", "2**3**2", "-(3-4)*5", "1/2/3", "((7))", "2 ** -1", "1.5e3", "3*(4+5)**2", "--1", "1 2", "(", "2^3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := parsePyExpr(s, newBudget(fuzzBudget, nil))
		n2, err2 := parsePyExpr(s, newBudget(fuzzBudget, nil))
		if (err == nil) != (err2 == nil) || (err == nil && canonicalString(n) != canonicalString(n2)) {
			t.Fatalf("parsePyExpr(%q) not deterministic", s)
		}
		if err != nil {
			return
		}
		w, werr := parsePyExpr("("+s+")", newBudget(fuzzBudget, nil))
		if werr == nil && canonicalString(w) != canonicalString(n) {
			t.Fatalf("parsePyExpr(%q) = %s but (%s) = %s", s, canonicalString(n), s, canonicalString(w))
		}
		if werr != nil && werr != errTimeout && strings.Count(s, "(") < maxParseDepth-2 && len(s) < 1000 {
			t.Fatalf("parsePyExpr(%q) parses but (%s) fails: %v", s, s, werr)
		}
	})
}

// FuzzLatex drives the LaTeX parser directly with arbitrary input: a
// successful parse gives a tree, and parsing is deterministic.
func FuzzLatex(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		bud := newBudget(fuzzBudget, nil)
		norm, err := normalizeLatex(s, "all", bud)
		if err != nil {
			return
		}
		n, err := latexToNode(norm, bud)
		if err == nil && n == nil {
			t.Fatalf("nil node without error for %q", s)
		}
		if n != nil {
			again, err2 := latexToNode(norm, newBudget(fuzzBudget, nil))
			if err2 == nil && again.String() != n.String() {
				t.Fatalf("latex parse of %q not deterministic: %s then %s", norm, n, again)
			}
			canonicalize(n)
		}
	})
}
