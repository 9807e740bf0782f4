package trl

import (
	"strings"

	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/mathverify"
	"github.com/grpo-score/grpo-score/scoring/openr1"
)

// answerConfig is accuracy_reward's parse of the completion: LaTeX only,
// boxed first, no unanchored match, first_match, and
// NormalizationConfig(units=True) (basic_latex and boxed "all" by default;
// nits and malformed_operators off).
var answerConfig = mathverify.Config{
	Latex: &mathverify.LatexConfig{
		BoxedMatchPriority: 0,
		Normalization:      mathverify.Normalization{BasicLatex: true, Units: true, Boxed: "all"},
	},
	FirstMatch: true,
}

// accuracy is accuracy_reward on one completion: the gold parsed with
// parse's defaults, None (null) when nothing parses, else verify(gold,
// answer) as 1.0 or 0.0.
func accuracy(content, sol string, tr *scoring.Trace) (float64, error) {
	gold := mathverify.Parse(sol)
	if tr.On() {
		tr.Add("parse(gold)", gold.Strings())
	}
	if gold.Len() == 0 {
		return 0, &scoring.NoneError{Reason: "the gold solution does not parse"}
	}
	answer := mathverify.ParseConfig(content, answerConfig)
	ok := mathverify.Verify(gold, answer)
	if tr.On() {
		tr.Add("parse(completion)", answer.Strings())
		tr.Add("verify(gold, answer)", ok)
	}
	if ok {
		return 1.0, nil
	}
	return 0.0, nil
}

func accuracyReward(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	if s.SolutionErr != nil {
		return 0, s.SolutionErr
	}
	return accuracy(s.Completion, s.Answer, tr)
}

// reasoningAccuracy is reasoning_accuracy_reward with its default
// delimiters ["</think>"]: accuracy_reward on what follows the last
// "</think>"; 0.0 (not None) when there is none.
func reasoningAccuracy(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	if s.SolutionErr != nil {
		return 0, s.SolutionErr
	}
	i := strings.LastIndex(s.Completion, "</think>")
	if i < 0 {
		tr.Add("no </think>: incomplete reasoning", 0.0)
		return 0.0, nil
	}
	return accuracy(s.Completion[i+len("</think>"):], s.Answer, tr)
}

// cosineScaled is _CosineScaledReward: accuracy_reward's correctness (None
// stays None), then the cosine schedule over the token count, clamped at
// max_len.
type cosineScaled struct {
	tokens *tokenReward
	p      scoring.CosineScaledParams
}

func (c *cosineScaled) Score(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	acc, err := accuracyReward(s, tr)
	if err != nil {
		return 0, err
	}
	n := len(c.tokens.tok.Encode(s.Completion))
	tr.Add("token count", n)
	return cosineOf(n, acc == 1.0, c.p), nil
}

// cosineOf is the schedule at n tokens: progress min(n / max_len, 1).
func cosineOf(n int, correct bool, p scoring.CosineScaledParams) float64 {
	return openr1.CosineScaled(min(float64(n)/float64(p.MaxLen), 1.0), correct, p)
}
