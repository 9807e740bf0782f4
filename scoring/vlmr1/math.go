package vlmr1

import (
	"github.com/grpo-score/grpo-score/scoring/mathverify"

	"github.com/grpo-score/grpo-score/scoring"
)

// mathLine starts the budget of one answer's math_verify work; done counts
// the answer when that work ran out of time.
func mathLine(o *scoring.Options) (line *mathverify.Line, done func()) {
	d := o.MathBudget
	if d <= 0 {
		d = mathverify.DefaultTimeout
	}
	line = mathverify.NewLine(d)
	return line, func() {
		if line.TimedOut() && o.Counts != nil {
			o.Counts.MathTimeouts.Add(1)
		}
	}
}

// mathVerifyIn is math_verify's verify(parse(pred), parse(gold)) in
// VLM-R1's argument order (the model's answer is verify's "gold"), within
// the options' per-answer budget.
func mathVerifyIn(o *scoring.Options) mathVerifier {
	return func(pred, gold string) bool {
		line, done := mathLine(o)
		defer done()
		return mathverify.VerifyLine(mathverify.ParseLine(pred, line), mathverify.ParseLine(gold, line), line)
	}
}

// mathReward is math_reward: clean_text on both sides (last answer block,
// line breaks, strip, trailing dots, lower case), then utils/math.py's
// compute_score, within the options' per-answer budget.
func mathReward(o *scoring.Options) accuracyMethod {
	return func(content, sol string, tr *scoring.Trace) (float64, error) {
		return mathRewardIn(o, content, sol, tr)
	}
}

func mathRewardIn(o *scoring.Options, content, sol string, tr *scoring.Trace) (float64, error) {
	c, s := cleanText(content), cleanText(sol)
	line, done := mathLine(o)
	v := mathverify.ComputeScoreLine(c, s, line)
	done()
	if tr.On() {
		tr.Add("clean_text(completion)", c)
		tr.Add("clean_text(solution)", s)
		tr.Add("parse(completion)", mathverify.Parse(c).Strings())
		tr.Add("parse(solution)", mathverify.Parse(s).Strings())
	}
	return v, nil
}
