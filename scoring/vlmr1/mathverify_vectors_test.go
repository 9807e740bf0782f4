package vlmr1

import (
	"encoding/json"
	"testing"

	"github.com/grpo-score/grpo-score/internal/jsonltest"

	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/py"
)

// TestMathVerifyVectors scores the (gold, pred) pairs of
// testdata/mathverify/vectors.jsonl and of testdata/mathverify-sets (sets,
// relations, binomials, bare powers) with the math and default methods, as
// accuracy_reward is called on them, and compares with the reference.
func TestMathVerifyVectors(t *testing.T) {
	for _, file := range []string{"mathverify", "mathverify-sets"} {
		t.Run(file, func(t *testing.T) { testMathVerifyVectors(t, file) })
	}
}

func testMathVerifyVectors(t *testing.T, file string) {
	type vector struct {
		Gold    string          `json:"gold"`
		Pred    string          `json:"pred"`
		Math    json.RawMessage `json:"math"`
		Default json.RawMessage `json:"default"`
		Source  string          `json:"source"`
		Form    string          `json:"form"`
	}
	vs := jsonltest.Read[vector](t, "../../testdata/"+file+"/vectors.jsonl")
	o := scoring.DefaultOptions()
	methods := map[string]accuracyMethod{"math": mathReward(&o), "default": defaultAccuracy(mathVerifyIn(&o))}
	for _, name := range []string{"math", "default"} {
		m := methods[name]
		match := 0
		var misses []string
		for _, v := range vs {
			raw := v.Math
			if name == "default" {
				raw = v.Default
			}
			want, _, ok := goldenValue(raw)
			if !ok {
				t.Fatalf("vector %q: no %s value", v.Gold, name)
			}
			completion := "<think>..</think><answer>" + v.Pred + "</answer>"
			solution := "<answer> " + v.Gold + " </answer>"
			got, err := m(completion, solution, nil)
			if err == nil && sameFloat(got, want) {
				match++
				continue
			}
			misses = append(misses, v.Source+" "+v.Form+": gold "+v.Gold+" pred "+v.Pred+" got "+py.FormatFloat(got)+" want "+py.FormatFloat(want))
		}
		t.Logf("%s: %d/%d vectors agree (%.2f %%)", name, match, len(vs), 100*float64(match)/float64(len(vs)))
		for i, m := range misses {
			if i == 15 {
				break
			}
			t.Logf("  %s", m)
		}
		if floor := mathVectorFloor[file+"/"+name]; match < floor {
			t.Errorf("%s: %d agree, below the floor of %d", name, match, floor)
		}
	}
}

// mathVectorFloor is the agreement reached so far; a regression fails. The
// differences left on the set vectors are listed in
// testdata/mathverify-sets/README.md.
var mathVectorFloor = map[string]int{"mathverify/math": 3994, "mathverify/default": 3994,
	"mathverify-sets/math": 5516, "mathverify-sets/default": 5516}
