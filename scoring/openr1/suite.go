// Package openr1 holds the rule-based reward functions of open-r1
// (src/open_r1/rewards.py, REWARD_FUNCS_REGISTRY), ported so that each
// returns the value the Python reference computes, quirks included.
package openr1

import (
	"fmt"

	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/tokenizer"
)

// Name is the suite's prefix in SUITE:NAME.
const Name = "open-r1"

// Suite is open-r1's reward set, named as in REWARD_FUNCS_REGISTRY.
func Suite(o *scoring.Options) scoring.Suite {
	return scoring.Suite{
		Name: Name,
		Doc:  "open-r1 src/open_r1/rewards.py REWARD_FUNCS_REGISTRY",
		Rewards: []scoring.RewardInfo{
			{Name: "format", Doc: "format_reward: ^<think>\\n.*?\\n</think>\\n<answer>\\n.*?\\n</answer>$ (DOTALL, MULTILINE)", New: scoring.Stateless(format)},
			{Name: "tag_count", Doc: "tag_count_reward: 0.25 for each of <think>\\n, \\n</think>\\n, \\n<answer>\\n, \\n</answer> occurring exactly once", New: scoring.Stateless(tagCount)},
			{Name: "reasoning_steps", Doc: "reasoning_steps_reward: min(1, matches of Step N:, N., \\n-, \\n*, First, ... / 3)", New: scoring.Stateless(reasoningSteps)},
			{Name: "repetition_penalty", Doc: "get_repetition_penalty_reward (language en): repeated lower-cased word n-grams times the penalty", New: func() (scoring.Reward, error) { return newRepetitionPenalty(o.Repetition) }},
			{Name: "soft_overlong_punishment", Doc: "get_soft_overlong_punishment: DAPO's linear penalty over the completion's token count (embedded tokenizer)", New: func() (scoring.Reward, error) { return newSoftOverlong(o) }},
			{Name: "accuracy", Doc: "accuracy_reward: math_verify of the completion against the gold; None (null) when the gold does not parse", New: scoring.Stateless(accuracy)},
			{Name: "cosine", Doc: "get_cosine_scaled_reward: cosine schedule over the character length, by math_verify correctness", New: func() (scoring.Reward, error) { return newCosine(o.OpenR1Cosine) }},
			{Name: "length", Doc: "len_reward (Kimi 1.5): length relative to the shortest and longest of the line's group (--group-field), the batch it stands for", New: func() (scoring.Reward, error) { return length{}, nil }},
			{Name: "code", Doc: "code_reward", Unavailable: "runs the generated code in a sandbox: code execution is out of scope"},
			{Name: "binary_code", Doc: "binary_code_reward", Unavailable: "runs the generated code in a sandbox: code execution is out of scope"},
			{Name: "ioi_code", Doc: "ioi_code_reward", Unavailable: "runs the generated code on Piston or Morph: code execution is out of scope"},
			{Name: "cf_code", Doc: "cf_code_reward", Unavailable: "runs the generated code on Piston: code execution is out of scope"},
			{Name: "code_format", Doc: "get_code_format_reward", New: func() (scoring.Reward, error) { return codeFormat("python"), nil }},
		},
	}
}

func boolScore(ok bool) float64 {
	if ok {
		return 1.0
	}
	return 0.0
}

func newCosine(p scoring.CosineScaledParams) (scoring.Reward, error) {
	if p.MaxLen <= 0 {
		return nil, fmt.Errorf("cosine: max_len %d: want a positive length", p.MaxLen)
	}
	return cosine(p), nil
}

// SoftOverlong is the DAPO overlong penalty of open-r1's and TRL's
// get_soft_overlong_punishment for a completion of n tokens.
func SoftOverlong(n int, p scoring.OverlongParams) float64 {
	free := p.MaxCompletionLen - p.SoftPunishCache
	switch {
	case n <= free:
		return 0.0
	case n <= p.MaxCompletionLen:
		return float64(free-n) / float64(p.SoftPunishCache)
	}
	return -1.0
}

type softOverlong struct {
	tok *tokenizer.Tokenizer
	p   scoring.OverlongParams
}

func newSoftOverlong(o *scoring.Options) (scoring.Reward, error) {
	tok, err := o.LoadTokenizer()
	if err != nil {
		return nil, fmt.Errorf("soft_overlong_punishment: %w", err)
	}
	return &softOverlong{tok: tok, p: o.Overlong}, nil
}

func (r *softOverlong) Score(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	n := s.TokenCount
	if !s.HasTokenCount {
		n = r.tok.Count(s.Completion)
	}
	tr.Add("token count", n)
	return SoftOverlong(n, r.p), nil
}
