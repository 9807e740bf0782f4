package scoring

import (
	"strings"

	"github.com/grpo-score/grpo-score/scoring/py"
)

// The answer tags the trainer wraps a solution in.
const (
	openTag  = "<answer>"
	closeTag = "</answer>"
)

// WrapSolution is the trainer's preprocessing of a string answer: every
// "<answer>" and then every "</answer>" removed, stripped, and wrapped as
// "<answer> s </answer>". It is idempotent on its own output.
func WrapSolution(s string) string {
	// A dump of a wrapped dataset holds the trainer's form already, which
	// comes back as it is: no tag but the two ends (no other can span
	// them), nothing to strip inside.
	if m, ok := strings.CutPrefix(s, openTag+" "); ok {
		if m, ok := strings.CutSuffix(m, " "+closeTag); ok && len(py.Strip(m)) == len(m) && !strings.Contains(m, openTag) && !strings.Contains(m, closeTag) {
			return s
		}
	}
	s = strings.ReplaceAll(s, openTag, "")
	s = strings.ReplaceAll(s, closeTag, "")
	return openTag + " " + py.Strip(s) + " " + closeTag
}

// WrapNonString wraps the str() of a non-string answer, which the trainer
// does not strip or untag.
func WrapNonString(pyStr string) string {
	return openTag + " " + pyStr + " " + closeTag
}
