package cmd

import (
	"strings"
	"testing"

	json "github.com/goccy/go-json"
)

// TestMathBudget scores answers whose math_verify work is unbounded without
// a line budget (`\boxed{1}` repeated 100,000 times, \frac nested 10,000
// deep) with --math-budget 1ms: every line comes out with math_verify's
// timeout outcome and the summary counts them. The budget is tiny so that
// both lines run out on any machine: with the linear boxed extraction and
// \frac rewrite a fast machine finishes the second within 200 ms. How long
// the run takes is not asserted (speed belongs to benchmarks): the timeout
// outcome on both lines is what shows the budget stopped the work.
func TestMathBudget(t *testing.T) {
	answers := []string{
		strings.Repeat(`\boxed{1}`, 100000),
		"$" + strings.Repeat(`\frac{1}{`, 10000) + "2" + strings.Repeat("}", 10000) + "$",
	}
	var in strings.Builder
	for _, a := range answers {
		line, _ := json.Marshal(map[string]string{"completion": "<think>..</think><answer>" + a + "</answer>", "solution": "1"})
		in.Write(line)
		in.WriteByte('\n')
	}
	for _, method := range []string{"math", "default"} {
		out, errs, code := run(t, in.String(), "score", "-j", "1", "-r", "accuracy", "-m", method, "--math-budget", "1ms")
		if code != 0 || strings.Count(out, "\n") != len(answers) {
			t.Fatalf("%s: exit %d, %d lines out; %s", method, code, strings.Count(out, "\n"), errs)
		}
		if !strings.Contains(errs, "math timeouts: 2 lines") {
			t.Errorf("%s: summary does not count the two timeouts:\n%s", method, errs)
		}
	}
}
