package openr1

import (
	"strings"

	"github.com/grpo-score/grpo-score/scoring"
)

const (
	thinkOpen   = "<think>\n"
	thinkAnswer = "\n</think>\n<answer>\n"
	answerClose = "\n</answer>"
)

// format is format_reward: re.match of
// ^<think>\n.*?\n</think>\n<answer>\n.*?\n</answer>$ with DOTALL and
// MULTILINE, so the completion may go on after "</answer>" when a newline
// follows it.
func format(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	q, ok := afterThinkAnswer(s.Completion)
	ok = ok && closesAnswerAtLineEnd(s.Completion, q)
	tr.Add("match ^<think>\\n…\\n</think>\\n<answer>\\n…\\n</answer>$", ok)
	return boolScore(ok), nil
}

// afterThinkAnswer matches ^<think>\n.*?\n</think>\n<answer>\n and returns
// the offset after it. The earliest separator is the one to take: every
// later stage only needs text after it.
func afterThinkAnswer(c string) (int, bool) {
	if !strings.HasPrefix(c, thinkOpen) {
		return 0, false
	}
	k := strings.Index(c[len(thinkOpen):], thinkAnswer)
	if k < 0 {
		return 0, false
	}
	return len(thinkOpen) + k + len(thinkAnswer), true
}

// closesAnswerAtLineEnd matches .*?\n</answer>$ (MULTILINE) from p: some
// "\n</answer>" followed by the end or a newline.
func closesAnswerAtLineEnd(c string, p int) bool {
	for p <= len(c) {
		k := strings.Index(c[p:], answerClose)
		if k < 0 {
			return false
		}
		end := p + k + len(answerClose)
		if end == len(c) || c[end] == '\n' {
			return true
		}
		p += k + 1
	}
	return false
}
