package verl

import (
	"regexp"
	"strings"

	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/mathruler"
)

// geo3kFormat is format_reward's pattern, matched with re.fullmatch and DOTALL.
var geo3kFormat = regexp.MustCompile(`^(?s:<think>.*</think>.*\\boxed\{.*\}.*)$`)

// geo3kGrader holds the corrections --mathruler-round-int and
// --mathruler-frac-parens ask for; its zero value is the reference.
type geo3kGrader struct{ mathruler.Options }

// geo3kParts computes geo3k.py's format_reward and acc_reward (use_boxed):
// mathruler's grade_answer on the last \boxed{} content. A ground truth of
// null grades False (normalize_answer(None) is None); any other non-str
// raises in answer.strip(). Answers whose sympy step the port does not
// reproduce are an input error naming the scorer.
func (g geo3kGrader) parts(s *scoring.Sample, tr *scoring.Trace) (format, acc float64, err error) {
	if s.SolutionErr != nil {
		return 0, 0, s.SolutionErr
	}
	format = boolScore(geo3kFormat.MatchString(s.Completion))
	answer := mathruler.ExtractBoxedContent(s.Completion)
	if tr.On() {
		tr.Add("format_reward", format)
		tr.Add("extract_boxed_content", answer)
		tr.Add("ground truth", s.Answer)
	}
	if s.AnswerNotStr {
		if strings.TrimSpace(string(s.AnswerJSON)) == "null" {
			return format, 0, nil
		}
		return 0, 0, &scoring.PyError{Type: "AttributeError", Msg: "the ground truth is not a str: it has no attribute 'strip'"}
	}
	ok, gerr := mathruler.GradeAnswerWith(answer, s.Answer, g.Options)
	if gerr != nil {
		return 0, 0, &scoring.InputError{Msg: "verl geo3k: " + gerr.Error()}
	}
	tr.Add("grade_answer", ok)
	return format, boolScore(ok), nil
}

// geo3k is geo3k.compute_score with its defaults (use_boxed, format_score
// 0.1): 0.9·acc + 0.1·format, computed in that order as in Python.
func (g geo3kGrader) score(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	format, acc, err := g.parts(s, tr)
	if err != nil {
		return 0, err
	}
	formatScore := 0.1
	return (1.0-formatScore)*acc + formatScore*format, nil
}

func (g geo3kGrader) acc(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	_, acc, err := g.parts(s, tr)
	return acc, err
}

// geo3k and geo3kAcc are the reference's functions.
func geo3k(s *scoring.Sample, tr *scoring.Trace) (float64, error)    { return geo3kGrader{}.score(s, tr) }
func geo3kAcc(s *scoring.Sample, tr *scoring.Trace) (float64, error) { return geo3kGrader{}.acc(s, tr) }

// geo3kFormatReward is format_reward, which reads no ground truth: a line
// without one is still scored.
func geo3kFormatReward(s *scoring.Sample, _ *scoring.Trace) (float64, error) {
	return boolScore(geo3kFormat.MatchString(s.Completion)), nil
}
