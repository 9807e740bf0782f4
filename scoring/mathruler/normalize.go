package mathruler

import (
	"math"
	"math/big"
	"regexp"
	"strings"

	"github.com/grpo-score/grpo-score/scoring/mathverify"
	"github.com/grpo-score/grpo-score/scoring/py"
)

// normalizeAnswer is math_normalize.normalize_answer (PRM800K's copy of
// Hendrycks' MATH normalisation). Any exception inside _strip_string makes
// it return the answer as it was after the \text{} unwrapping.
func normalizeAnswer(answer string) string {
	answer = py.Strip(answer)
	if m := textWrapped.FindStringSubmatch(answer); m != nil {
		answer = py.Strip(m[1])
	}
	s, ok := mathverify.StripStringPRM800K(answer)
	if !ok {
		return answer
	}
	return s
}

// textWrapped is ^\\text\{(?P<text>.+?)\}$ with Python's $ (the end, or
// before a final newline).
var textWrapped = regexp.MustCompile(`^\\text\{(.+?)\}\n?$`)

var (
	unitPatterns = func() []*regexp.Regexp {
		var out []*regexp.Regexp
		for _, u := range []string{"degree", "cm", "centimeter", "meter", "mile", "second", "minute", "hour", "day", "week", "month", "year", "foot", "feet", "inch", "yard"} {
			out = append(out, regexp.MustCompile(u+`(es)?(s)? *(\^[0-9]+)?`))
		}
		return out
	}()
	circPattern   = regexp.MustCompile(`\^ *\\circ`)
	thinComma     = regexp.MustCompile(`,\\! *`)
	minusSpaces   = regexp.MustCompile(`- *`)
	mixedNumber   = regexp.MustCompile(`([0-9]) +([0-9])`)
	properCommas  = regexp.MustCompile(`(\p{Nd})(,)(\p{Nd}\p{Nd}\p{Nd})($|\P{Nd})`)
	fracPattern   = regexp.MustCompile(`^-?[0-9]+.?/0*[1-9][0-9]*.?\n?$`)
	badExponents  = []*regexp.Regexp{regexp.MustCompile(`\^[0-9]+\^`), regexp.MustCompile(`\^[0-9][0-9]+`)}
	tupleBrackets = "()[]"
)

// normalize is grader._normalize. An error means _parse_latex met LaTeX this
// port does not render.
func normalize(expr string, o Options) (string, error) {
	if m := textWrapped.FindStringSubmatch(expr); m != nil {
		expr = m[1]
	}
	expr = strings.ReplaceAll(expr, `\%`, "%")
	expr = strings.ReplaceAll(expr, `\$`, "$")
	expr = strings.ReplaceAll(expr, "$", "")
	expr = strings.ReplaceAll(expr, "%", "")
	expr = strings.ReplaceAll(expr, " or ", " , ")
	expr = strings.ReplaceAll(expr, " and ", " , ")
	expr = strings.ReplaceAll(expr, "million", "*10^6")
	expr = strings.ReplaceAll(expr, "billion", "*10^9")
	expr = strings.ReplaceAll(expr, "trillion", "*10^12")
	for _, re := range unitPatterns {
		expr = re.ReplaceAllString(expr, "")
	}
	expr = circPattern.ReplaceAllString(expr, "")
	if len(expr) > 0 && expr[0] == '{' && expr[len(expr)-1] == '}' {
		expr = expr[1 : len(expr)-1]
	}
	expr = thinComma.ReplaceAllString(expr, "")
	if f, err := py.ParseFloat(expr); err == nil && isIntFloat(f) {
		expr = intString(math.RoundToEven(f))
	}
	if strings.Contains(expr, `\`) {
		t, err := parseLatex(expr, renderer{fracParens: o.FracParens})
		switch err {
		case nil:
			expr = t
		case errLatexRaised:
		default:
			return "", err
		}
	}
	expr = minusSpaces.ReplaceAllString(expr, "-")
	expr = mixedNumber.ReplaceAllString(expr, "$1+$2")
	expr = strings.ReplaceAll(expr, " ", "")
	expr = strings.ReplaceAll(expr, "{", "")
	expr = strings.ReplaceAll(expr, "}", "")
	expr = py.Lower(expr)
	if strIsInt(expr) {
		if f, err := py.ParseFloat(strings.ReplaceAll(expr, ",", "")); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			// _str_to_int: int(float(x)) truncates.
			if o.RoundInts {
				expr = intString(math.RoundToEven(f))
			} else {
				expr = intString(math.Trunc(f))
			}
		}
	}
	return expr, nil
}

// parseLatex is _parse_latex.
func parseLatex(expr string, rd renderer) (string, error) {
	expr = strings.ReplaceAll(expr, `\tfrac`, `\frac`)
	expr = strings.ReplaceAll(expr, `\dfrac`, `\frac`)
	expr = strings.ReplaceAll(expr, `\frac`, ` \frac`)
	t, err := rd.text(expr)
	if err != nil {
		return "", err
	}
	t = strings.NewReplacer("√", "sqrt", "π", "pi", "∞", "inf", "∪", "U", "·", "*", "×", "*").Replace(t)
	return py.Strip(t), nil
}

// isIntFloat is _is_int: abs(x - int(round(x))) <= 1e-7; round() of an
// infinity or NaN raises, which counts as False.
func isIntFloat(f float64) bool {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return false
	}
	return math.Abs(f-math.RoundToEven(f)) <= 1e-7
}

// intString is str(int(f)) for an integral float.
func intString(f float64) string {
	if f == 0 {
		return "0"
	}
	i, _ := big.NewFloat(f).Int(nil)
	return i.String()
}

// stripProperCommas is _strip_properly_formatted_commas.
func stripProperCommas(expr string) string {
	for {
		next := properCommas.ReplaceAllString(expr, "$1$3$4")
		if next == expr {
			return next
		}
		expr = next
	}
}

// strIsInt is _str_is_int.
func strIsInt(x string) bool {
	f, err := py.ParseFloat(stripProperCommas(x))
	return err == nil && isIntFloat(f)
}

// isFrac is _is_frac.
func isFrac(expr string) bool { return fracPattern.MatchString(expr) }

// countUnknownLetters is count_unknown_letters_in_expr.
func countUnknownLetters(expr string) int {
	expr = strings.ReplaceAll(expr, "sqrt", "")
	expr = strings.ReplaceAll(expr, "frac", "")
	seen := map[rune]bool{}
	for _, r := range expr {
		if isAlpha(r) {
			seen[r] = true
		}
	}
	return len(seen)
}

// shouldAllowEval is should_allow_eval.
func shouldAllowEval(expr string) bool {
	if countUnknownLetters(expr) > 2 {
		return false
	}
	if strings.Contains(expr, "^{") || strings.Contains(expr, "^(") {
		return false
	}
	for _, re := range badExponents {
		if re.MatchString(expr) {
			return false
		}
	}
	return true
}

// splitTuple is split_tuple.
func splitTuple(expr string) []string {
	expr = stripProperCommas(expr)
	if expr == "" {
		return nil
	}
	rs := []rune(expr)
	if len(rs) > 2 && strings.ContainsRune(tupleBrackets, rs[0]) && strings.ContainsRune(tupleBrackets, rs[len(rs)-1]) &&
		!strings.ContainsAny(string(rs[1:len(rs)-1]), tupleBrackets) {
		var out []string
		for _, e := range strings.Split(string(rs[1:len(rs)-1]), ",") {
			out = append(out, py.Strip(e))
		}
		return out
	}
	return []string{expr}
}
