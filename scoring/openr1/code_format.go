package openr1

import (
	"strings"

	"github.com/grpo-score/grpo-score/scoring"
)

// codeFormat is get_code_format_reward(language): format_reward's pattern
// with a ```language ... ``` block inside the answer,
// ^<think>\n.*?\n</think>\n<answer>\n.*?```language.*?```.*?\n</answer>$.
// The trainer takes the language from a dataset column when there is one;
// here it is the script's code_language default, python.
func codeFormat(language string) scoring.RewardFunc {
	fence := "```" + language
	return func(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
		c := s.Completion
		q, ok := afterThinkAnswer(c)
		if ok {
			ok = false
			if i := strings.Index(c[q:], fence); i >= 0 {
				open := q + i + len(fence)
				if j := strings.Index(c[open:], "```"); j >= 0 {
					ok = closesAnswerAtLineEnd(c, open+j+3)
				}
			}
		}
		tr.Add("match with a "+fence+" block in the answer", ok)
		return boolScore(ok), nil
	}
}
