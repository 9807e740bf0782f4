package openr1

import (
	"strings"
	"unicode/utf8"

	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/py"
)

// reasoningSteps is reasoning_steps_reward: the matches of
// (Step \d+:|^\d+\.|\n-|\n\*|First,|Second,|Next,|Finally,) found by
// re.findall (no MULTILINE: ^ is the start of the text only; \d is any
// Unicode decimal digit), divided by 3, at most 1.0.
func reasoningSteps(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	n := countSteps(s.Completion)
	tr.Add("matches", n)
	return min(1.0, float64(n)/3), nil
}

var stepWords = []string{"\n-", "\n*", "First,", "Second,", "Next,", "Finally,"}

func countSteps(c string) int {
	n := 0
	for i := 0; i < len(c); {
		if end, ok := stepAt(c, i); ok {
			n++
			i = end
			continue
		}
		_, size := utf8.DecodeRuneInString(c[i:])
		i += size
	}
	return n
}

// stepAt tries the alternatives in order at offset i, as the regex does.
func stepAt(c string, i int) (int, bool) {
	if strings.HasPrefix(c[i:], "Step ") {
		if d := skipDecimals(c, i+len("Step ")); d > i+len("Step ") && d < len(c) && c[d] == ':' {
			return d + 1, true
		}
	}
	if i == 0 {
		if d := skipDecimals(c, 0); d > 0 && d < len(c) && c[d] == '.' {
			return d + 1, true
		}
	}
	for _, w := range stepWords {
		if strings.HasPrefix(c[i:], w) {
			return i + len(w), true
		}
	}
	return 0, false
}

func skipDecimals(c string, p int) int {
	for p < len(c) {
		r, size := utf8.DecodeRuneInString(c[p:])
		if !py.IsDecimal(r) {
			break
		}
		p += size
	}
	return p
}
