package verl

import (
	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/mathverify"
)

// mathReward is math_reward.compute_score: the content of the last \boxed
// (or \fbox) of the response, equal to the ground truth after Hendrycks'
// strip_string on both (verl's copy). No \boxed, a failed remove_boxed
// assert, or a ground truth that is not a str scores 0.0.
func mathReward(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	if s.SolutionErr != nil {
		return 0, s.SolutionErr
	}
	boxed, ok := mathverify.LastBoxedOnlyString(s.Completion)
	if !ok {
		tr.Add("no \\boxed in the response", nil)
		return 0.0, nil
	}
	answer, err := mathverify.RemoveBoxed(boxed)
	if err != nil {
		if tr.On() {
			tr.Add("remove_boxed assert failed (caught)", boxed)
		}
		return 0.0, nil
	}
	if tr.On() {
		tr.Add("boxed answer", answer)
		tr.Add("ground truth", s.Answer)
	}
	// is_equiv on a non-str ground truth: strip_string raises, and the raw
	// comparison of a str with it is False.
	return boolScore(!s.AnswerNotStr && mathverify.IsEquivVerl(answer, s.Answer)), nil
}
