package openr1

import (
	"testing"

	"github.com/grpo-score/grpo-score/internal/jsonltest"
	"github.com/grpo-score/grpo-score/scoring"
)

// testdata/openr1_length_vectors.jsonl holds groups scored by open-r1's
// len_reward with the real math_verify, one call per group (see
// gen_openr1_length_vectors.py). Every group's values must agree bit for
// bit (the rate may not fall below 99.5 % of groups; disagreements are
// listed).
func TestLengthVectors(t *testing.T) {
	type vector struct {
		Solution    string    `json:"solution"`
		Completions []string  `json:"completions"`
		Values      []float64 `json:"values"`
	}
	var r scoring.GroupReward = length{}
	n, ok := 0, 0
	for _, v := range jsonltest.Read[vector](t, "testdata/openr1_length_vectors.jsonl") {
		n++
		parts := make([]any, len(v.Completions))
		for i, c := range v.Completions {
			p, err := r.Part(&scoring.Sample{Completion: c, Answer: v.Solution}, nil)
			if err != nil {
				t.Fatal(err)
			}
			parts[i] = p
		}
		got := r.Finish(parts)
		same := len(got) == len(v.Values)
		for i := range got {
			same = same && got[i] == v.Values[i]
		}
		if same {
			ok++
		} else {
			t.Logf("group %q / %q: got %v, want %v", v.Completions, v.Solution, got, v.Values)
		}
	}
	t.Logf("length: %d/%d groups match", ok, n)
	if n == 0 || float64(ok) < 0.995*float64(n) {
		t.Errorf("length: %d/%d groups match, below 99.5 %%", ok, n)
	}
}
