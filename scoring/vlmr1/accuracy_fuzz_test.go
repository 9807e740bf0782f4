package vlmr1

import (
	"math"
	"testing"
	"time"

	"github.com/grpo-score/grpo-score/scoring"
)

// FuzzMathAccuracy checks the math and default accuracy methods on
// arbitrary answers: values lie in [0, 1], the traced run (explain's slower
// path, which also records every step) gives the same bits as the plain
// one, results are deterministic when no answer ran out of time, and a line
// costs at most the math budget plus a generous constant.
func FuzzMathAccuracy(f *testing.F) {
	for _, p := range [][2]string{{`\boxed{2}`, "2"}, {"2^{5}", "2"}, {`$x \geq 8$`, `$(-\infty, 8]$`}, {"A", "A"},
		{"nan", "nan"}, {`$\binom{n+1}{2}$`, `$\frac{n(n+1)}{2}$`}, {"1e2", "100"}, {"Option C", "C"}, {"", "2"}} {
		f.Add(p[0], p[1])
	}
	const budget, slack = 200 * time.Millisecond, 5 * time.Second
	f.Fuzz(func(t *testing.T, pred, gold string) {
		o := scoring.DefaultOptions()
		o.MathBudget = budget
		o.Counts = &scoring.Counts{}
		content := "<think>..</think><answer>" + pred + "</answer>"
		sol := "<answer> " + gold + " </answer>"
		for name, m := range map[string]accuracyMethod{"default": defaultAccuracy(mathVerifyIn(&o)), "math": mathReward(&o)} {
			start := time.Now()
			v, err := m(content, sol, nil)
			if d := time.Since(start); d > 2*budget+slack {
				t.Fatalf("%s(%q, %q) took %v with a %v budget", name, pred, gold, d, budget)
			}
			if err != nil || !(v >= 0 && v <= 1) {
				t.Fatalf("%s(%q, %q) = %v, %v", name, pred, gold, v, err)
			}
			tv, terr := m(content, sol, &scoring.Trace{})
			again, _ := m(content, sol, nil)
			if o.Counts.MathTimeouts.Load() != 0 {
				continue
			}
			if terr != nil || math.Float64bits(tv) != math.Float64bits(v) || math.Float64bits(again) != math.Float64bits(v) {
				t.Fatalf("%s(%q, %q) = %v, traced %v, again %v", name, pred, gold, v, tv, again)
			}
		}
	})
}
