package cmd

import (
	"slices"
	"strings"
	"testing"

	"github.com/grpo-score/grpo-score/scoring"
)

// Configurations with --method-field ” score the line's own Sample, so a
// value one configuration's reward remembers is there for the next one's,
// and the line's method is back once each has scored.
func TestWithoutLineMethodSharesTheSample(t *testing.T) {
	key := scoring.NewMemoKey[float64]("test value")
	calls := 0
	var seen []string
	r := scoring.RewardFunc(func(s *scoring.Sample, _ *scoring.Trace) (float64, error) {
		seen = append(seen, s.Method)
		return scoring.Remember(s, key, nil, func() float64 { calls++; return 0.25 }), nil
	})
	s := &scoring.Sample{Completion: "c", Solution: "s", Method: "od_ap"}
	for _, cfg := range []scoring.Reward{withoutLineMethod{r}, withoutLineMethod{r}} {
		if v, err := cfg.Score(s, nil); v != 0.25 || err != nil {
			t.Fatalf("Score = %v, %v", v, err)
		}
	}
	if calls != 1 {
		t.Errorf("the shared value was computed %d times for two configurations, want 1", calls)
	}
	if want := []string{"", ""}; !slices.Equal(seen, want) {
		t.Errorf("rewards saw methods %q, want %q", seen, want)
	}
	if s.Method != "od_ap" {
		t.Errorf("line's method after scoring: %q, want od_ap", s.Method)
	}
}

// compare reads the dump as score does: --group-contiguous applies (and so
// a key that recurs later is the same input error).
func TestCompareGroupContiguous(t *testing.T) {
	in := `{"completion":"<answer>1</answer>","solution":"1","g":"a"}
{"completion":"<answer>2</answer>","solution":"1","g":"b"}
{"completion":"<answer>1</answer>","solution":"1","g":"a"}
`
	_, errs, code := run(t, in, "compare", "-q", "--group-field", "g", "--group-contiguous", "--as", "A=-m all_match", "--as", "B=-m default", "--json")
	if code != 0 || !strings.Contains(errs, `<stdin>:3: group "a" was already closed at <stdin>:1`) {
		t.Errorf("exit %d, stderr %q; want line 3 refused as with score --group-contiguous", code, errs)
	}
	_, scoreErrs, _ := run(t, in, "score", "-q", "--group-field", "g", "--group-contiguous", "-m", "all_match")
	if !strings.Contains(scoreErrs, `<stdin>:3: group "a" was already closed at <stdin>:1`) {
		t.Fatalf("score's message changed: %q", scoreErrs)
	}
}
