package trl

import (
	"math"
	"testing"

	"github.com/grpo-score/grpo-score/internal/jsonltest"
	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/openr1"
	"github.com/grpo-score/grpo-score/scoring/py"
)

// testdata/trl_vectors.jsonl holds inputs scored by TRL's own reward
// functions (see gen_trl_vectors.py): think_format_reward on completions,
// the token rewards on id lists. Values must agree bit for bit, the sign of
// zero included.
func TestVectors(t *testing.T) {
	type vector struct {
		Reward     string  `json:"reward"`
		Completion string  `json:"completion"`
		IDs        []int   `json:"ids"`
		IDsLen     int     `json:"ids_len"`
		Value      float64 `json:"value"`
		NegZero    bool    `json:"negzero"`
	}
	o := scoring.DefaultOptions()
	counts := map[string][2]int{}
	for _, v := range jsonltest.Read[vector](t, "testdata/trl_vectors.jsonl") {
		var got float64
		var err error
		switch v.Reward {
		case "think_format_reward":
			got, err = thinkFormat(&scoring.Sample{Completion: v.Completion}, nil)
		case "repetition_penalty_reward":
			got = RepetitionPenalty(v.IDs, o.Repetition)
		case "soft_overlong_punishment_reward":
			got = openr1.SoftOverlong(v.IDsLen, o.Overlong)
		}
		c := counts[v.Reward]
		c[1]++
		if err != nil || got != v.Value || (got == 0 && math.Signbit(got) != v.NegZero) {
			t.Errorf("%s %q %v %d: got %s, %v; want %s (negative zero %v)", v.Reward, v.Completion, v.IDs, v.IDsLen,
				py.FormatFloat(got), err, py.FormatFloat(v.Value), v.NegZero)
		} else {
			c[0]++
		}
		counts[v.Reward] = c
	}
	for _, k := range []string{"think_format_reward", "repetition_penalty_reward", "soft_overlong_punishment_reward"} {
		c := counts[k]
		if c[1] == 0 {
			t.Errorf("%s: no vectors", k)
		}
		t.Logf("%-32s %4d/%4d match", k, c[0], c[1])
	}
}

// TestTokenRewardsUseTheTokenizer builds the token rewards through the
// registry: the ids are the embedded tokenizer's.
func TestTokenRewardsUseTheTokenizer(t *testing.T) {
	reg := scoring.NewRegistry(scoring.DefaultOptions(), Suite)
	r, err := reg.Build("trl:repetition_penalty_reward")
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.Score(&scoring.Sample{Completion: "hello hello hello hello hello hello"}, nil)
	if err != nil || got >= 0 {
		t.Errorf("repeated words: %v, %v; want a negative penalty", got, err)
	}
	o := scoring.DefaultOptions()
	o.Overlong = scoring.OverlongParams{MaxCompletionLen: 4, SoftPunishCache: 2}
	r, err = scoring.NewRegistry(o, Suite).Build("trl:soft_overlong_punishment_reward")
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := r.Score(&scoring.Sample{Completion: "one two three"}, nil); got != -0.5 {
		t.Errorf("3 tokens of at most 4 with a cache of 2: %v; want -0.5", got)
	}
	// A count the line gives (--token-count-field) is used instead.
	if got, _ := r.Score(&scoring.Sample{Completion: "one two three", TokenCount: 2, HasTokenCount: true}, nil); got != 0.0 {
		t.Errorf("a given count of 2: %v; want 0.0", got)
	}
}
