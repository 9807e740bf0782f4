// Package mathruler is hiyouga/MathRuler's grader (mathruler/grader.py, the
// PRM800K grader): extract_boxed_content and grade_answer, which verl's
// geo3k reward calls. grade_answer compares answers by Hendrycks'
// normalisation, then by its own (units, LaTeX rendered to text with
// pylatexenc), element-wise on tuples and intervals, and last by
// sympy.simplify of the difference. This port reproduces each step; where
// the sympy step meets an expression whose outcome it does not reproduce,
// GradeAnswer returns an error instead of a guess.
package mathruler

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/grpo-score/grpo-score/scoring/py"
)

// ErrUndecided wraps the reasons GradeAnswer gives no value.
var ErrUndecided = errors.New("mathruler grade_answer: not reproduced")

type undecidedError struct{ what string }

func (e *undecidedError) Error() string { return "mathruler grade_answer: " + e.what }
func (e *undecidedError) Unwrap() error { return ErrUndecided }

// ExtractBoxedContent is extract_boxed_content: the stripped contents of the
// last \boxed{...}, or "None" when there is none or it is not closed.
func ExtractBoxedContent(text string) string {
	start := strings.LastIndex(text, `\boxed{`)
	if start < 0 {
		return "None"
	}
	content := text[start+len(`\boxed{`):]
	depth := 0
	for i := 0; i < len(content); i++ {
		switch content[i] {
		case '{':
			depth++
		case '}':
			depth--
		}
		if depth == -1 {
			return py.Strip(content[:i])
		}
	}
	return "None"
}

// Options are the corrections of the reference's bugs, all off by default.
type Options struct {
	// RoundInts makes _str_to_int round a value _str_is_int accepted (within
	// 1e-7 of an integer) instead of truncating it: the reference turns
	// \boxed{2.99999999\,} into 2.
	RoundInts bool
	// FracParens renders \frac{a}{b} with parentheses where a is a sum or b
	// more than one number or letter; the reference's "a/b" makes
	// \frac{1}{1+\sqrt{2}} equal to 1+\sqrt{2}.
	FracParens bool
}

// GradeAnswer is grade_answer(given_answer, ground_truth).
func GradeAnswer(given, truth string) (bool, error) { return GradeAnswerWith(given, truth, Options{}) }

// GradeAnswerWith is GradeAnswer with corrections.
func GradeAnswerWith(given, truth string, o Options) (bool, error) {
	if normalizeAnswer(truth) == normalizeAnswer(given) {
		return true, nil
	}
	gt, err := normalize(truth, o)
	if err != nil {
		return false, &undecidedError{"the ground truth's LaTeX (" + err.Error() + ")"}
	}
	gv, err := normalize(given, o)
	if err != nil {
		return false, &undecidedError{"the answer's LaTeX (" + err.Error() + ")"}
	}
	if gt == gv {
		return true, nil
	}
	if gv == "" {
		return false, nil
	}
	gtElems, gvElems := splitTuple(gt), splitTuple(gv)
	if len(gtElems) > 1 && (firstRuneOf(gt) != firstRuneOf(gv) || lastRuneOf(gt) != lastRuneOf(gv)) {
		return false, nil
	}
	if len(gtElems) != len(gvElems) {
		return false, nil
	}
	for i := range gtElems {
		a, b := gtElems[i], gvElems[i]
		var ok bool
		switch {
		case isFrac(a) && isFrac(b):
			ok = a == b
		case strIsInt(a) != strIsInt(b):
			ok = false
		default:
			ok, err = equalUnderSympy(a, b)
			if err != nil {
				return false, &undecidedError{"sympy.simplify of (" + a + ")-(" + b + ") (" + err.Error() + ")"}
			}
		}
		if !ok {
			return false, nil
		}
	}
	return true, nil
}

func firstRuneOf(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

func lastRuneOf(s string) rune { r, _ := utf8.DecodeLastRuneInString(s); return r }
