package vlmr1

import (
	"github.com/grpo-score/grpo-score/scoring/mathverify"

	"github.com/grpo-score/grpo-score/scoring"
)

// mathVerify is math_verify's verify(parse(pred), parse(gold)) in VLM-R1's
// argument order: the model's answer is verify's "gold".
func mathVerify(pred, gold string) bool {
	return mathverify.Verify(mathverify.Parse(pred), mathverify.Parse(gold))
}

// mathReward is math_reward: clean_text on both sides (last answer block,
// line breaks, strip, trailing dots, lower case), then utils/math.py's
// compute_score.
func mathReward(content, sol string, tr *scoring.Trace) (float64, error) {
	c, s := cleanText(content), cleanText(sol)
	v := mathverify.ComputeScore(c, s)
	if tr.On() {
		tr.Add("clean_text(completion)", c)
		tr.Add("clean_text(solution)", s)
		tr.Add("parse(completion)", mathverify.Parse(c).Strings())
		tr.Add("parse(solution)", mathverify.Parse(s).Strings())
	}
	return v, nil
}
