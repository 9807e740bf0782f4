package vlmr1

import (
	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/py"
)

// llmMethod is llm_reward: the ground truth from the first one-line answer
// block, the student's answer from the last answer block, judged by j; any
// failure of the judge falls back to exact string equality.
func llmMethod(j *scoring.LLMJudge) accuracyMethod {
	return func(content, sol string, tr *scoring.Trace) (float64, error) {
		gt := groundTruth(sol)
		student := lastStudentAnswer(content)
		if tr.On() {
			tr.Add("ground truth", gt)
			tr.Add("student answer (last <answer> block)", student)
		}
		v, err := j.Judge(student, gt)
		if err != nil {
			exact := boolReward(student == gt)
			tr.Addf("judge failed, exact match instead", "%v → %s", err, py.FormatFloat(exact))
			return exact, nil
		}
		tr.Add("judge answer", v)
		return v, nil
	}
}
