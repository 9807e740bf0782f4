package mathverify

import (
	"testing"
	"time"
)

// checkGuards fails when the LaTeX parser with its first-token guards
// gives another tree or error than without them.
func checkGuards(t *testing.T, latex string) {
	t.Helper()
	n, err := latexToNodeWith(latex, newBudget(time.Minute, nil), false)
	rn, rerr := latexToNodeWith(latex, newBudget(time.Minute, nil), true)
	if err != rerr || (n == nil) != (rn == nil) || (n != nil && n.String() != rn.String()) {
		t.Errorf("%q: guarded %v (%v), reference %v (%v)", latex, n, err, rn, rerr)
	}
}

func TestParserGuardsMatchReference(t *testing.T) {
	corpus := append(append([]string{}, mayProbes...), prefilterCorpus(t)...)
	for _, s := range corpus {
		if len(s) > 300 { // long completions are no LaTeX, and slow to parse twice
			continue
		}
		checkGuards(t, s)
		if norm, err := normalizeLatex(s, "all", newBudget(time.Minute, nil)); err == nil {
			checkGuards(t, norm)
		}
	}
}

func FuzzParserGuards(f *testing.F) {
	for _, s := range append(append([]string{}, mayProbes...), fuzzSeeds...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 300 {
			return
		}
		checkGuards(t, s)
	})
}
