package vlmr1

import (
	"strings"

	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/py"
)

// yesNoReward is yes_no_reward: the first "yes" or "no" substring (so "not" and
// "eyes" count) of the lower-cased answer and ground truth must agree; two
// answers without either agree on "".
func yesNoReward(content, sol string, tr *scoring.Trace) (float64, error) {
	content, sol = py.Lower(content), py.Lower(sol)
	gt := groundTruth(sol)
	student := firstStudentAnswer(content)
	g, st := firstYesNo(gt), firstYesNo(student)
	if tr.On() {
		tr.Add("ground truth", gt)
		tr.Add("ground truth yes/no", g)
		tr.Add("student answer (first <answer> block)", student)
		tr.Add("student yes/no", st)
	}
	return boolReward(g == st), nil
}

func firstYesNo(s string) string {
	for i := 0; i < len(s); i++ {
		switch {
		case strings.HasPrefix(s[i:], "yes"):
			return "yes"
		case strings.HasPrefix(s[i:], "no"):
			return "no"
		}
	}
	return ""
}
