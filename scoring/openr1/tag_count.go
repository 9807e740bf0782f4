package openr1

import (
	"strings"

	"github.com/grpo-score/grpo-score/scoring"
)

// tagCount is tag_count_reward: 0.25 for each of "<think>\n",
// "\n</think>\n", "\n<answer>\n" and "\n</answer>" that occurs exactly once
// (str.count: non-overlapping).
func tagCount(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	count := 0.0
	for _, tag := range []string{"<think>\n", "\n</think>\n", "\n<answer>\n", "\n</answer>"} {
		n := strings.Count(s.Completion, tag)
		if tr.On() {
			tr.Addf("count "+tag, "%d", n)
		}
		if n == 1 {
			count += 0.25
		}
	}
	return count, nil
}
