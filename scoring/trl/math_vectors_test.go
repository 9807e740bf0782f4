package trl

import (
	"testing"

	"github.com/grpo-score/grpo-score/internal/jsonltest"
	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/py"
)

// testdata/trl_math_vectors.jsonl holds completions scored by TRL's
// accuracy_reward, reasoning_accuracy_reward and cosine_scaled_reward
// (max_len 100, on a given completion_ids length) with the real math_verify
// 0.8.0 (see gen_trl_math_vectors.py). null is None. Each must agree on at
// least 99.5 %; the test lists every disagreement.
func TestMathVectors(t *testing.T) {
	type vector struct {
		Completion string   `json:"completion"`
		Solution   string   `json:"solution"`
		IDsLen     int      `json:"ids_len"`
		Accuracy   *float64 `json:"accuracy_reward"`
		Reasoning  *float64 `json:"reasoning_accuracy_reward"`
		Cosine     *float64 `json:"cosine_scaled_reward"`
	}
	p := scoring.DefaultOptions().TRLCosine
	p.MaxLen = 100
	ok := map[string]int{}
	n := 0
	same := func(name string, want *float64, got float64, err error, v vector) {
		_, isNone := err.(*scoring.NoneError)
		if (want == nil && isNone) || (want != nil && err == nil && got == *want) {
			ok[name]++
			return
		}
		t.Logf("%s %q / %q (%d ids): got %s, %v; want %v", name, v.Completion, v.Solution, v.IDsLen, py.FormatFloat(got), err, want)
	}
	for _, v := range jsonltest.Read[vector](t, "testdata/trl_math_vectors.jsonl") {
		n++
		s := &scoring.Sample{Completion: v.Completion, Answer: v.Solution}
		acc, err := accuracyReward(s, nil)
		same("accuracy_reward", v.Accuracy, acc, err, v)
		got, rerr := reasoningAccuracy(s, nil)
		same("reasoning_accuracy_reward", v.Reasoning, got, rerr, v)
		cos := 0.0
		if err == nil {
			cos = cosineOf(v.IDsLen, acc == 1.0, p)
		}
		same("cosine_scaled_reward", v.Cosine, cos, err, v)
	}
	for _, name := range []string{"accuracy_reward", "reasoning_accuracy_reward", "cosine_scaled_reward"} {
		t.Logf("%-26s %d/%d match", name, ok[name], n)
		if n == 0 || float64(ok[name]) < 0.995*float64(n) {
			t.Errorf("%s: %d/%d match, below 99.5 %%", name, ok[name], n)
		}
	}
}
