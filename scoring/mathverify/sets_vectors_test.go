package mathverify

import (
	"testing"
)

// setVectors holds the set-algebra, relation-against-interval, binomial and
// bare-power pairs generated with math_verify 0.8.0 by
// testdata/mathverify-sets/gen_vectors.py.
const setVectors = "../../testdata/mathverify-sets/vectors.jsonl"

// TestSetVectors counts agreement on the verify and math columns of the
// set/relation/binomial vectors. Every line must agree (the floor is
// 99.5 %; no difference is left), so a disagreement fails.
func TestSetVectors(t *testing.T) {
	vs := loadVectorFile(t, setVectors)
	if len(vs) == 0 {
		t.Fatal("no vectors")
	}
	for _, col := range []string{"verify", "math"} {
		agree := 0
		for _, v := range vs {
			var want, got bool
			switch col {
			case "verify":
				want = string(v.Verify) == "true"
				got = Verify(Parse(v.Pred), Parse(v.Gold))
			case "math":
				want = string(v.Math) == "1.0"
				got = ComputeScore(cleanText("<think>..</think><answer>"+v.Pred+"</answer>"),
					cleanText("<answer> "+v.Gold+" </answer>")) == 1.0
			}
			if got == want {
				agree++
				continue
			}
			t.Errorf("line %d [%s %s]: %s = %v, want %v (gold %q, pred %q; parses %q / %q; python %s)",
				v.line, v.Source, v.Form, col, got, want, v.Gold, v.Pred, Parse(v.Gold).Strings(), Parse(v.Pred).Strings(), v.Parsed)
		}
		pct := 100 * float64(agree) / float64(len(vs))
		t.Logf("%s: %d/%d agree (%.2f %%)", col, agree, len(vs), pct)
		if pct < 99.5 {
			t.Errorf("%s parity %.2f %% is below 99.5 %%", col, pct)
		}
	}
}
