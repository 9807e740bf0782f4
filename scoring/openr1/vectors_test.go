package openr1

import (
	"math"
	"testing"

	"github.com/grpo-score/grpo-score/internal/jsonltest"
	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/py"
)

// testdata/openr1_vectors.jsonl holds completions scored by open-r1's own
// reward functions (see gen_openr1_vectors.py); values must agree bit for
// bit, the sign of zero included. soft_overlong_punishment is checked on
// token counts (the tokenizer is checked by package tokenizer).
func TestVectors(t *testing.T) {
	type vector struct {
		Reward     string  `json:"reward"`
		Completion string  `json:"completion"`
		Tokens     int     `json:"tokens"`
		Value      float64 `json:"value"`
		NegZero    bool    `json:"negzero"`
	}
	o := scoring.DefaultOptions()
	reg := scoring.NewRegistry(o, Suite)
	rewards := map[string]scoring.Reward{}
	for _, name := range []string{"format", "tag_count", "reasoning_steps", "repetition_penalty", "code_format"} {
		r, err := reg.Build(Name + ":" + name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		rewards[name] = r
	}
	counts := map[string][2]int{}
	for _, v := range jsonltest.Read[vector](t, "testdata/openr1_vectors.jsonl") {
		var got float64
		var err error
		if v.Reward == "soft_overlong_punishment" {
			got = SoftOverlong(v.Tokens, o.Overlong)
		} else {
			got, err = rewards[v.Reward].Score(&scoring.Sample{Completion: v.Completion}, nil)
		}
		c := counts[v.Reward]
		c[1]++
		if err != nil || got != v.Value || (got == 0 && math.Signbit(got) != v.NegZero) {
			t.Errorf("%s %q (%d tokens): got %s, %v; want %s (negative zero %v)", v.Reward, v.Completion, v.Tokens,
				py.FormatFloat(got), err, py.FormatFloat(v.Value), v.NegZero)
		} else {
			c[0]++
		}
		counts[v.Reward] = c
	}
	for _, k := range []string{"format", "tag_count", "reasoning_steps", "repetition_penalty", "code_format", "soft_overlong_punishment"} {
		c := counts[k]
		if c[1] == 0 {
			t.Errorf("%s: no vectors", k)
		}
		t.Logf("%-26s %4d/%4d match", k, c[0], c[1])
	}
}

func TestRepetitionPenaltyRejectsPositive(t *testing.T) {
	if _, err := newRepetitionPenalty(scoring.RepetitionParams{NGrams: 3, MaxPenalty: 0.5}); err == nil {
		t.Error("a positive max_penalty builds; the reference raises ValueError")
	}
}
