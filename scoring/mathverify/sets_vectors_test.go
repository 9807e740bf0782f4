package mathverify

import (
	"testing"
)

// setVectors holds the set-algebra, relation-against-interval, binomial and
// bare-power pairs generated with math_verify 0.8.0 by
// testdata/mathverify-sets/gen_vectors.py.
const setVectors = "../../testdata/mathverify-sets/vectors.jsonl"

// setVectorsKnown lists, by line, the pairs where the port is known to
// differ from math_verify, with the reason; everything else must agree.
// The README next to the vectors explains each.
var setVectorsKnown = map[int]string{}

// TestSetVectors counts agreement on the verify and math columns of the
// set/relation/binomial vectors. Parity must stay at or above 99.5 %, and a
// line that disagrees without being listed in setVectorsKnown fails.
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
			if why, ok := setVectorsKnown[v.line]; ok {
				t.Logf("line %d [%s %s]: %s = %v, want %v: known: %s", v.line, v.Source, v.Form, col, got, want, why)
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
