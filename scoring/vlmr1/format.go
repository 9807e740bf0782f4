package vlmr1

import (
	"strings"

	"github.com/grpo-score/grpo-score/scoring"
)

// formatReward is format_reward: 1.0 when the whole completion matches
// <think>.*?</think>\s*<answer>.*?</answer> with DOTALL, else 0.0.
func formatReward(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	ok := formatMatch(s.Completion)
	tr.Add("fullmatch <think>.*?</think>\\s*<answer>.*?</answer>", ok)
	return boolReward(ok), nil
}

func formatMatch(c string) bool {
	if !strings.HasPrefix(c, "<think>") || !strings.HasSuffix(c, closeTag) {
		return false
	}
	end := len(c) - len(closeTag) // the final </answer> starts here
	for p := len("<think>"); p < len(c); {
		k := strings.Index(c[p:], "</think>")
		if k < 0 {
			return false
		}
		q := skipSpace(c, p+k+len("</think>"))
		if strings.HasPrefix(c[q:], openTag) && q+len(openTag) <= end {
			return true
		}
		p += k + 1
	}
	return false
}
