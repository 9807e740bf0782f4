package verl

import (
	"regexp"
	"strings"

	"github.com/grpo-score/grpo-score/scoring"
)

// gsm8kStrict is extract_solution's "strict" pattern: #### (\-?[0-9\.\,]+).
var gsm8kStrict = regexp.MustCompile(`#### (-?[0-9.,]+)`)

// gsm8k is gsm8k.compute_score with its defaults (method "strict",
// format_score 0.0, score 1.0): the last "#### number" in the last 300 code
// points of the response, commas removed, compared as a string with the
// ground truth; a ground truth that is not a str never matches.
func gsm8k(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	if s.SolutionErr != nil {
		return 0, s.SolutionErr
	}
	tail := lastRunes(s.Completion, 300)
	m := gsm8kStrict.FindAllStringSubmatch(tail, -1)
	if len(m) == 0 {
		tr.Add("no '#### number' in the last 300 characters", nil)
		return 0, nil
	}
	answer := strings.ReplaceAll(m[len(m)-1][1], ",", "")
	if tr.On() {
		tr.Add("extracted answer", answer)
		tr.Add("ground truth", s.Answer)
	}
	return boolScore(!s.AnswerNotStr && answer == s.Answer), nil
}
