package openr1

import (
	"math"
	"unicode/utf8"

	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/mathverify"
	"github.com/grpo-score/grpo-score/scoring/py"
)

// cosine is get_cosine_scaled_reward's cosine_scaled_reward: correctness by
// verify(answer, gold) (this order, unlike accuracy_reward's), then a cosine
// schedule over the completion's length in characters; a gold that does not
// parse scores 1.0. The length is not clamped, so the schedule is periodic.
func cosine(p scoring.CosineScaledParams) scoring.RewardFunc {
	return func(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
		if s.SolutionErr != nil {
			return 0, s.SolutionErr
		}
		gold := mathverify.ParseConfig(s.Answer, goldLatexFirstMatch)
		if gold.Len() == 0 {
			tr.Add("the gold solution does not parse", 1.0)
			return 1.0, nil
		}
		answer := mathverify.ParseConfig(s.Completion, lengthAnswer)
		correct := mathverify.Verify(answer, gold)
		n := utf8.RuneCountInString(s.Completion)
		if tr.On() {
			tr.Add("parse(gold)", gold.Strings())
			tr.Add("parse(completion)", answer.Strings())
			tr.Add("verify(answer, gold)", correct)
			tr.Add("length (characters)", n)
		}
		return cosineScaled(float64(n)/float64(p.MaxLen), correct, p), nil
	}
}

// cosineScaled is the schedule min + 0.5 * (max - min) * (1 + cos(progress
// * pi)), with the operations in Python's order; a wrong answer swaps the
// bounds.
func cosineScaled(progress float64, correct bool, p scoring.CosineScaledParams) float64 {
	c := py.Cos(float64(progress * math.Pi))
	lo, hi := p.MinValueCorrect, p.MaxValueCorrect
	if !correct {
		lo, hi = p.MaxValueWrong, p.MinValueWrong
	}
	half := float64(0.5 * (hi - lo))
	return lo + float64(half*(1.0+c))
}

// CosineScaled is the schedule for TRL's copy, which clamps progress at 1.
func CosineScaled(progress float64, correct bool, p scoring.CosineScaledParams) float64 {
	return cosineScaled(progress, correct, p)
}
