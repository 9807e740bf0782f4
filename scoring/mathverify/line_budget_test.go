package mathverify

import (
	"strings"
	"testing"
	"time"
)

// TestLineBudget runs answers whose work is super-linear (boxed extraction,
// the malformed-\frac regex, deep nesting, long lists) with a 200 ms line
// budget: each must finish within the budget plus a constant (5 s here,
// generous for shared machines; unbounded work takes minutes), and one that
// ran out reports it and scores as after math_verify's timeout.
func TestLineBudget(t *testing.T) {
	const budget, bound = 200 * time.Millisecond, 5 * time.Second
	for _, tc := range []struct {
		name, in string
	}{
		{"boxed x100000", strings.Repeat(`\boxed{1}`, 100000)},
		{"frac nested 10000", "$" + strings.Repeat(`\frac{1}{`, 10000) + "2" + strings.Repeat("}", 10000) + "$"},
		{"text x50000", "$" + strings.Repeat(`\text{a}`, 50000) + "$"},
		{"caret paren x50000", "$" + strings.Repeat(`^(`, 50000) + "$"},
		{"sqrt nested 3000", "$" + strings.Repeat(`\sqrt{`, 3000) + "2" + strings.Repeat("}", 3000) + "$"},
		{"list x30000", strings.Repeat("$1$ and ", 30000)},
		{"digits 1e6", strings.Repeat("9", 1000000)},
	} {
		start := time.Now()
		line := NewLine(budget)
		v := ComputeScoreLine(tc.in, "1", line)
		if d := time.Since(start); d > budget+bound {
			t.Errorf("%s: %v with a %v budget", tc.name, d, budget)
		}
		if line.TimedOut() && v != 0 {
			t.Errorf("%s: timed out but scored %v", tc.name, v)
		}
		t.Logf("%s: %v, timed out %v", tc.name, time.Since(start).Round(time.Millisecond), line.TimedOut())
	}
}

// TestLineBudgetSpent checks that a spent line budget gives math_verify's
// timeout outcome at once: no parse, false comparisons, score 0.
func TestLineBudgetSpent(t *testing.T) {
	line := NewLine(0)
	if a := ParseLine(`$\frac{1}{2}$`, line); a.Len() != 0 {
		t.Errorf("parse on a spent budget = %q", a.Strings())
	}
	if VerifyLine(Parse("$1$"), Parse("$1$"), line) {
		t.Error("verify on a spent budget is true")
	}
	if v := ComputeScoreLine(`\boxed{1}`, "1", line); v != 0 {
		t.Errorf("compute_score on a spent budget = %v", v)
	}
	if !line.TimedOut() {
		t.Error("spent line not marked")
	}
	if ok := NewLine(time.Minute); ok.TimedOut() || ComputeScoreLine(`\boxed{1}`, "1", ok) != 1 || ok.TimedOut() {
		t.Error("a roomy budget changed the result or was marked")
	}
}
