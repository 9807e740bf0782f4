package scoring

import (
	"strings"

	"github.com/grpo-score/grpo-score/scoring/py"
)

// groundTruth is how mcq, yes_no, llm and default read the solution: the first
// answer block on one line (the pattern has no DOTALL), else the whole text.
func groundTruth(sol string) string {
	if a, ok := FirstAnswerLine(sol); ok {
		return py.Strip(a)
	}
	return py.Strip(sol)
}

// MCQ is mcq_reward: the choice letters of the first answer block and of the
// ground truth must agree. A ground truth with no letter is compared as the
// whole stripped solution, which a letter never equals.
func MCQ(content, sol string, tr *Trace) (float64, error) {
	gt := groundTruth(sol)
	correct := ExtractChoice(gt)
	if correct == "" {
		correct = py.Strip(sol)
	} else {
		correct = py.Upper(correct)
	}
	student := firstStudentAnswer(content)
	choice := ExtractChoice(student)
	if tr.On() {
		tr.Add("ground truth", gt)
		tr.Add("correct choice", correct)
		tr.Add("student answer (first <answer> block)", student)
		tr.Add("student choice", choice)
	}
	return boolReward(choice != "" && choice == correct), nil
}

// YesNo is yes_no_reward: the first "yes" or "no" substring (so "not" and
// "eyes" count) of the lower-cased answer and ground truth must agree; two
// answers without either agree on "".
func YesNo(content, sol string, tr *Trace) (float64, error) {
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

// firstStudentAnswer is the student answer of mcq and yes_no: the first
// answer block (DOTALL), stripped, else the whole stripped completion.
func firstStudentAnswer(content string) string {
	if a, ok := FirstAnswer(content); ok {
		return py.Strip(a)
	}
	return py.Strip(content)
}

// lastStudentAnswer is the student answer of default and llm: the last
// answer block, stripped, else the whole stripped completion.
func lastStudentAnswer(content string) string {
	if a, ok := LastAnswer(content); ok {
		return py.Strip(a)
	}
	return py.Strip(content)
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

// AllMatch is all_match_reward: clean_text of both sides must be equal.
func AllMatch(content, sol string, tr *Trace) (float64, error) {
	c, s := CleanText(content), CleanText(sol)
	if tr.On() {
		tr.Add("clean_text(completion)", c)
		tr.Add("clean_text(solution)", s)
	}
	return boolReward(c == s), nil
}
