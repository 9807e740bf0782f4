package vlmr1

import (
	"github.com/grpo-score/grpo-score/scoring"
)

// allMatchReward is all_match_reward: clean_text of both sides must be equal.
func allMatchReward(content, sol string, tr *scoring.Trace) (float64, error) {
	c, s := cleanText(content), cleanText(sol)
	if tr.On() {
		tr.Add("clean_text(completion)", c)
		tr.Add("clean_text(solution)", s)
	}
	return boolReward(c == s), nil
}
