package vlmr1

import (
	"github.com/grpo-score/grpo-score/scoring/py"

	"github.com/grpo-score/grpo-score/scoring"
)

// mcqReward is mcq_reward: the choice letters of the first answer block and of the
// ground truth must agree. A ground truth with no letter is compared as the
// whole stripped solution, which a letter never equals.
func mcqReward(content, sol string, tr *scoring.Trace) (float64, error) {
	gt := groundTruth(sol)
	correct := extractChoice(gt)
	if correct == "" {
		correct = py.Strip(sol)
	} else {
		correct = py.Upper(correct)
	}
	student := firstStudentAnswer(content)
	choice := extractChoice(student)
	if tr.On() {
		tr.Add("ground truth", gt)
		tr.Add("correct choice", correct)
		tr.Add("student answer (first <answer> block)", student)
		tr.Add("student choice", choice)
	}
	return boolReward(choice != "" && choice == correct), nil
}
