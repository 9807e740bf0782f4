package vlmr1

import (
	"github.com/grpo-score/grpo-score/scoring/levenshtein"
	"github.com/grpo-score/grpo-score/scoring/py"

	"github.com/grpo-score/grpo-score/scoring"
)

// mathVerifier is math_verify's verify(parse(pred), parse(gold)) on raw
// strings, in VLM-R1's argument order (the model's answer first).
type mathVerifier func(pred, gold string) bool

// defaultAccuracy returns default_accuracy_reward: math_verify first; when
// that fails and the ground truth has a digit, Python float() equality of the
// cleaned strings, or their Levenshtein ratio when either is not a number; a
// letter-choice ground truth compares choice letters; anything else scores
// the ratio.
func defaultAccuracy(verify mathVerifier) accuracyMethod {
	return func(content, sol string, tr *scoring.Trace) (float64, error) {
		gt := groundTruth(sol)
		student := lastStudentAnswer(content)
		if tr.On() {
			tr.Add("ground truth (first one-line <answer> block)", gt)
			tr.Add("student answer (last <answer> block)", student)
		}
		if verify(student, gt) {
			tr.Add("math_verify", true)
			return 1.0, nil
		}
		tr.Add("math_verify", false)
		if hasDigit(gt) {
			// numeric_reward and the ratio clean the same two strings.
			a, b := cleanText(student), cleanText(gt)
			if v, ok := numericRewardOf(a, b); ok {
				tr.Add("float() equality", v)
				return v, nil
			}
			return traceRatioOf(a, b, tr), nil
		}
		if want := extractChoice(gt); want != "" {
			got := extractChoice(student)
			if tr.On() {
				tr.Add("ground truth choice", want)
				tr.Add("student choice", got)
			}
			// A student answer without a letter leaves the reward at 0.0.
			return boolReward(got != "" && got == py.Upper(want)), nil
		}
		return traceRatio(student, gt, tr), nil
	}
}

func traceRatio(student, gt string, tr *scoring.Trace) float64 {
	return traceRatioOf(cleanText(student), cleanText(gt), tr)
}

// traceRatioOf is the ratio of the clean texts a and b.
func traceRatioOf(a, b string, tr *scoring.Trace) float64 {
	r := levenshtein.RatioString(a, b)
	if tr.On() {
		tr.Add("clean_text(student)", a)
		tr.Add("clean_text(ground truth)", b)
		tr.Add("Levenshtein ratio", r)
	}
	return r
}

// numericReward is numeric_reward: float() of both cleaned strings; ok is
// false when either does not parse (the reference returns None).
func numericReward(content, sol string) (float64, bool) {
	return numericRewardOf(cleanText(content), cleanText(sol))
}

// numericRewardOf is numericReward of the clean texts c and s.
func numericRewardOf(cleanContent, cleanSol string) (float64, bool) {
	c, err1 := py.ParseFloat(cleanContent)
	s, err2 := py.ParseFloat(cleanSol)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return boolReward(c == s), true
}

// hasDigit is bool(re.search(r'\d', s)) for a str pattern: any Unicode
// decimal digit.
func hasDigit(s string) bool {
	for _, r := range s {
		if py.IsDecimal(r) {
			return true
		}
	}
	return false
}
