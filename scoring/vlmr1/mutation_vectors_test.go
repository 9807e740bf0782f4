package vlmr1

import (
	"strconv"
	"testing"

	"github.com/grpo-score/grpo-score/internal/jsonltest"
	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/py"
	"github.com/grpo-score/grpo-score/scoring/pyjson"
)

// testdata/mutation_vectors.jsonl holds the edges that mutation testing
// found unguarded, scored by the reference (gen_mutation_vectors.py, which
// also checks that each mutant scores them differently): touching boxes in
// iou ("<" → "<="), the solution strip on U+001C..U+001F (py.Strip →
// strings.TrimSpace), cosine_reward at an accuracy of exactly 0.7 (">=" →
// ">"), and extract_choice's keyword window ending at pos+20.
func TestMutationVectors(t *testing.T) {
	type vector struct {
		Kind       string `json:"kind"`
		Box1       []int  `json:"box1"`
		Box2       []int  `json:"box2"`
		Completion string `json:"completion"`
		Solution   string `json:"solution"`
		Tokens     int    `json:"tokens"`
		Accuracy   string `json:"accuracy"`
		Text       string `json:"text"`
		Value      string `json:"value"`
	}
	cosine := scoring.DefaultOptions().Cosine
	weighted := weightedSum(scoring.DefaultOptions().Detection)
	box := func(b []int) pyjson.Value {
		v, err := pyjson.Loads(intsJSON(b))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	kinds := map[string]int{}
	for i, v := range jsonltest.Read[vector](t, "testdata/mutation_vectors.jsonl") {
		kinds[v.Kind]++
		var got string
		switch v.Kind {
		case "iou":
			f, err := boxIoU(box(v.Box1), box(v.Box2))
			if err != nil {
				t.Fatalf("vector %d: iou(%v, %v): %v", i+1, v.Box1, v.Box2, err)
			}
			got = py.FormatFloat(f)
		case "weighted_sum":
			f, err := weighted(v.Completion, v.Solution, nil)
			if err != nil {
				t.Fatalf("vector %d: weighted_sum: %v", i+1, err)
			}
			got = py.FormatFloat(f)
		case "solution":
			got = scoring.WrapSolution(v.Solution)
		case "cosine":
			acc, err := strconv.ParseFloat(v.Accuracy, 64)
			if err != nil {
				t.Fatal(err)
			}
			got = py.FormatFloat(cosineReward(v.Tokens, acc, cosine))
		case "extract_choice":
			got = extractChoice(v.Text)
		default:
			t.Fatalf("vector %d: unknown kind %q", i+1, v.Kind)
		}
		if got != v.Value {
			t.Errorf("vector %d (%s): got %q, the reference %q\n%+v", i+1, v.Kind, got, v.Value, v)
		}
	}
	for _, k := range []string{"iou", "weighted_sum", "solution", "cosine", "extract_choice"} {
		if kinds[k] == 0 {
			t.Errorf("no %s vectors", k)
		}
	}
}

func intsJSON(b []int) string {
	s := "["
	for i, n := range b {
		if i > 0 {
			s += ", "
		}
		s += strconv.Itoa(n)
	}
	return s + "]"
}
