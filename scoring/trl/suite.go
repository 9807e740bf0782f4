// Package trl holds the reward functions of TRL (trl/rewards/), ported so
// that each returns the value the Python reference computes. Rewards are
// named after their functions, as TRL names its logged reward columns.
package trl

import (
	"fmt"
	"strings"

	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/openr1"
	"github.com/grpo-score/grpo-score/scoring/py"
	"github.com/grpo-score/grpo-score/scoring/tokenizer"
)

// Name is the suite's prefix in SUITE:NAME.
const Name = "trl"

// Suite is TRL's reward set.
func Suite(o *scoring.Options) scoring.Suite {
	return scoring.Suite{
		Name: Name,
		Doc:  "TRL trl/rewards: format, accuracy and other rewards (token-level ones over the embedded tokenizer's ids)",
		Rewards: []scoring.RewardInfo{
			{Name: "think_format_reward", Doc: "^<think>(?!.*<think>)(.*?)</think>.*$: one leading <think> block, closed", New: scoring.Stateless(thinkFormat)},
			{Name: "repetition_penalty_reward", Doc: "get_repetition_penalty_reward: repeated token-id n-grams times the penalty", New: func() (scoring.Reward, error) { return newTokenReward(o, "repetition_penalty_reward") }},
			{Name: "soft_overlong_punishment_reward", Doc: "get_soft_overlong_punishment: DAPO's linear penalty over the token count", New: func() (scoring.Reward, error) { return newTokenReward(o, "soft_overlong_punishment_reward") }},
			{Name: "accuracy_reward", Doc: "accuracy_reward: math_verify of the completion against the gold; None (null) when the gold does not parse", New: scoring.Stateless(accuracyReward)},
			{Name: "reasoning_accuracy_reward", Doc: "reasoning_accuracy_reward: accuracy_reward on what follows the last </think>; 0.0 without it", New: scoring.Stateless(reasoningAccuracy)},
			{Name: "cosine_scaled_reward", Doc: "get_cosine_scaled_reward: cosine schedule over the token count (clamped at --trl-cosine-max-len), by accuracy_reward", New: func() (scoring.Reward, error) { return newCosineScaled(o) }},
		},
	}
}

// thinkFormat is think_format_reward: re.match of
// ^<think>(?!.*<think>)(.*?)</think>.*$ with DOTALL and MULTILINE: the
// completion starts with "<think>", has no other "<think>" and has a
// "</think>" after it.
func thinkFormat(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	c := s.Completion
	rest, ok := strings.CutPrefix(c, "<think>")
	ok = ok && !strings.Contains(rest, "<think>") && strings.Contains(rest, "</think>")
	tr.Add("match ^<think>(?!.*<think>)(.*?)</think>.*$", ok)
	if ok {
		return 1.0, nil
	}
	return 0.0, nil
}

// tokenReward is a TRL reward over completion_ids, here the embedded (or
// --tokenizer) tokenizer's ids of the completion text.
type tokenReward struct {
	tok   *tokenizer.Tokenizer
	score func(ids []int) float64
	// count, for the rewards of the length alone, scores a token count the
	// line gives (--token-count-field).
	count func(n int) float64
}

func newTokenReward(o *scoring.Options, name string) (scoring.Reward, error) {
	tok, err := o.LoadTokenizer()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	r := &tokenReward{tok: tok}
	switch name {
	case "repetition_penalty_reward":
		p := o.Repetition
		if p.MaxPenalty > 0 {
			return nil, fmt.Errorf("%s: max_penalty %s should not be positive", name, py.FormatFloat(p.MaxPenalty))
		}
		if p.NGrams < 1 {
			return nil, fmt.Errorf("%s: n-gram size %d: want at least 1", name, p.NGrams)
		}
		r.score = func(ids []int) float64 { return RepetitionPenalty(ids, p) }
	default:
		p := o.Overlong
		r.count = func(n int) float64 { return openr1.SoftOverlong(n, p) }
		r.score = func(ids []int) float64 { return r.count(len(ids)) }
	}
	return r, nil
}

func newCosineScaled(o *scoring.Options) (scoring.Reward, error) {
	if o.TRLCosine.MaxLen <= 0 {
		return nil, fmt.Errorf("cosine_scaled_reward: TRL has no default max_len: give --trl-cosine-max-len")
	}
	r, err := newTokenReward(o, "cosine_scaled_reward")
	if err != nil {
		return nil, err
	}
	return &cosineScaled{tokens: r.(*tokenReward), p: o.TRLCosine}, nil
}

func (r *tokenReward) Score(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	if r.count != nil && s.HasTokenCount {
		tr.Add("token count (field)", s.TokenCount)
		return r.count(s.TokenCount), nil
	}
	ids := r.tok.Encode(s.Completion)
	tr.Add("token count", len(ids))
	return r.score(ids), nil
}

// RepetitionPenalty is _RepetitionPenalty on one completion's ids: fewer
// ids than n, or no repeated n-gram, score 0.0 (a positive zero, unlike
// open-r1's word version); otherwise (1 - distinct / total) * max_penalty.
func RepetitionPenalty(ids []int, p scoring.RepetitionParams) float64 {
	if len(ids) < p.NGrams {
		return 0.0
	}
	total := len(ids) - p.NGrams + 1
	distinct := map[string]struct{}{}
	key := make([]byte, 0, 8*p.NGrams)
	for i := 0; i < total; i++ {
		key = key[:0]
		for _, id := range ids[i : i+p.NGrams] {
			key = fmt.Appendf(key, "%d,", id)
		}
		distinct[string(key)] = struct{}{}
	}
	scaling := 1 - float64(len(distinct))/float64(total)
	if scaling == 0 {
		return 0.0
	}
	return scaling * p.MaxPenalty
}
