package scoring

import (
	"strings"
	"testing"

	"github.com/grpo-score/grpo-score/scoring/py"
)

// wrapSolutionSlow is the trainer's preprocessing step by step, the
// reference of WrapSolution's shortcut for solutions already wrapped.
func wrapSolutionSlow(s string) string {
	s = strings.ReplaceAll(s, openTag, "")
	s = strings.ReplaceAll(s, closeTag, "")
	return openTag + " " + py.Strip(s) + " " + closeTag
}

// FuzzWrapSolution: WrapSolution equals the step-by-step reference on any
// string, tags inside, split across the ends or nested included.
func FuzzWrapSolution(f *testing.F) {
	for _, s := range []string{
		"<answer> Yes </answer>", "<answer>  </answer>", "<answer> </answer>", "<answer> a <answer> b </answer>",
		"<answer> a </answer> </answer>", "<answer> </ans<answer>wer> </answer>", "<answer>  x </answer>",
		"<answer> x\u00a0</answer>", "<answer> x\u3000 </answer>", "yes", "", "<answer>x</answer>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := WrapSolution(s), wrapSolutionSlow(s); got != want {
			t.Fatalf("WrapSolution(%q) = %q, reference %q", s, got, want)
		}
	})
}
