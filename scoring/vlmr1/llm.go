package vlmr1

import (
	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/judge"
	"github.com/grpo-score/grpo-score/scoring/py"
)

// llmMethod is llm_reward: the ground truth from the first one-line answer
// block, the student's answer from the last answer block, judged by j. When
// the judge gives no usable answer the reference falls back to exact string
// equality; so does this, saying so with a *scoring.Fallback (or failing
// with *scoring.Unavailable under --llm-strict).
func llmMethod(j *judge.Judge) accuracyMethod {
	return func(content, sol string, tr *scoring.Trace) (float64, error) {
		gt := groundTruth(sol)
		student := lastStudentAnswer(content)
		if tr.On() {
			tr.Add("ground truth", gt)
			tr.Add("student answer (last <answer> block)", student)
		}
		v, err := j.Judge(student, gt)
		if err != nil {
			if j.Strict() {
				tr.Add("judge failed (--llm-strict)", err.Error())
				return 0, &scoring.Unavailable{Err: err}
			}
			exact := boolReward(student == gt)
			tr.Addf("judge failed, exact match instead", "%v → %s", err, py.FormatFloat(exact))
			return exact, &scoring.Fallback{Reason: err.Error() + "; exact match instead"}
		}
		tr.Add("judge answer", v)
		return v, nil
	}
}
