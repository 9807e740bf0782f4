package verl

import (
	"regexp"
	"strings"

	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/py"
)

// pySpace is Python's \s in a str pattern, spelled out for RE2.
const pySpace = `[\t-\r\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]`

// dapoAnswer is is_correct_minerva's answer_pattern (?i)Answer\s*:\s*([^\n]+).
var dapoAnswer = regexp.MustCompile(`(?i)Answer` + pySpace + `*:` + pySpace + `*([^\n]+)`)

// dapoSubstitutions and dapoRemoved are math_dapo.py's SUBSTITUTIONS and
// REMOVED_EXPRESSIONS, applied in this order with str.replace.
var (
	dapoSubstitutions = [][2]string{
		{"an ", ""}, {"a ", ""}, {".$", "$"}, {`\$`, ""}, {`\ `, ""}, {" ", ""},
		{"mbox", "text"}, {`,\text{and}`, ","}, {`\text{and}`, ","}, {`\text{m}`, `\text{}`},
	}
	dapoRemoved = []string{
		"square", "ways", "integers", "dollars", "mph", "inches", "hours", "km", "units", `\ldots`,
		"sue", "points", "feet", "minutes", "digits", "cents", "degrees", "cm", "gm", "pounds",
		"meters", "meals", "edges", "students", "childrentickets", "multiples", `\text{s}`, `\text{.}`,
		"\\text{\ns}", `\text{}^2`, `\text{}^3`, "\\text{\n}", `\text{}`, `\mathrm{th}`, `^\circ`,
		`^{\circ}`, `\;`, `,\!`, "{,}", `"`, `\dots`,
	}
	// The re.sub patterns of normalize_final_answer with their replacements;
	// RE2's leftmost-first matching picks what Python's backtracking does.
	dapoRewrites = []struct {
		re   *regexp.Regexp
		repl string
	}{
		{regexp.MustCompile(`(.*?)(\$)(.*?)(\$)(.*)`), "$$${3}$$"},
		{regexp.MustCompile(`(\\text\{)(.*?)(\})`), "${2}"},
		{regexp.MustCompile(`(\\textbf\{)(.*?)(\})`), "${2}"},
		{regexp.MustCompile(`(\\overline\{)(.*?)(\})`), "${2}"},
		{regexp.MustCompile(`(\\boxed\{)(.*)(\})`), "${2}"},
		{regexp.MustCompile(`(frac)([^{])(.)`), "frac{${2}}{${3}}"},
		{regexp.MustCompile(`(sqrt)([^{])`), "sqrt{${2}}"},
	}
)

// normalizeFinalAnswer is math_dapo.normalize_final_answer.
func normalizeFinalAnswer(a string) string {
	if i := strings.LastIndex(a, "="); i >= 0 {
		a = a[i+1:]
	}
	for _, s := range dapoSubstitutions {
		a = strings.ReplaceAll(a, s[0], s[1])
	}
	for _, e := range dapoRemoved {
		a = strings.ReplaceAll(a, e, "")
	}
	for _, r := range dapoRewrites {
		a = r.re.ReplaceAllString(a, r.repl)
	}
	a = strings.ReplaceAll(a, "$", "")
	if t := strings.ReplaceAll(a, ",", ""); py.IsDigitString(t) {
		a = t
	}
	return py.Strip(a)
}

// dapo is math_dapo.compute_score with its defaults (no strict box): the
// last "Answer: ..." line of the last 300 code points, normalised, against
// the normalised ground truth. It returns the score (1.0 or -1.0), acc and
// pred; a ground truth that is not a str raises in normalize_final_answer.
func dapo(s *scoring.Sample, tr *scoring.Trace) (score float64, acc bool, err error) {
	if s.SolutionErr != nil {
		return 0, false, s.SolutionErr
	}
	if s.AnswerNotStr {
		return 0, false, &scoring.PyError{Type: "AttributeError", Msg: "the ground truth is not a str: it has no attribute 'split'"}
	}
	tail := lastRunes(s.Completion, 300)
	extracted := "[INVALID]"
	if m := dapoAnswer.FindAllStringSubmatch(tail, -1); len(m) > 0 {
		extracted = m[len(m)-1][1]
	}
	pred := normalizeFinalAnswer(extracted)
	gt := normalizeFinalAnswer(s.Answer)
	acc = pred == gt
	if tr.On() {
		tr.Add("extracted answer", extracted)
		tr.Add("pred", pred)
		tr.Add("normalised ground truth", gt)
		tr.Add("acc", acc)
	}
	if acc {
		return 1.0, true, nil
	}
	return -1.0, false, nil
}

func mathDAPO(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	v, _, err := dapo(s, tr)
	return v, err
}

func mathDAPOAcc(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	_, acc, err := dapo(s, tr)
	return boolScore(acc), err
}
