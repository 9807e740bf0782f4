package pipeline

import (
	"strings"
	"testing"

	"github.com/grpo-score/grpo-score/jsonlio"
	"github.com/grpo-score/grpo-score/scoring"
)

// groupLen is a group reward: a line's completion length minus the
// shortest of its group's.
type groupLen struct{}

func (groupLen) Score(s *scoring.Sample, tr *scoring.Trace) (float64, error) { return 0, nil }

func (groupLen) Part(s *scoring.Sample, _ *scoring.Trace) (any, error) {
	if s.Completion == "boom" {
		return nil, &scoring.PyError{Type: "ValueError"}
	}
	return len(s.Completion), nil
}

func (groupLen) Finish(parts []any) []float64 {
	lo := parts[0].(int)
	for _, p := range parts {
		lo = min(lo, p.(int))
	}
	out := make([]float64, len(parts))
	for i, p := range parts {
		out[i] = float64(p.(int) - lo)
	}
	return out
}

// TestGroupRewardFinishesPerGroup checks that a group reward's values come
// from its whole group, interleaved groups included, that the total and the
// advantage use them, and that a line whose part failed is null and left
// out of its group.
func TestGroupRewardFinishesPerGroup(t *testing.T) {
	in := `{"g": "a", "completion": "xxx"}
{"g": "b", "completion": "y"}
{"g": "a", "completion": "x"}
{"g": "b", "completion": "boom"}
{"g": "b", "completion": "yyyy"}
`
	fields := DefaultFields()
	fields.Group = GroupKey{{jsonlio.Path{"g"}}}
	cfg := &Config{Rewards: []NamedReward{{Name: "len", Reward: groupLen{}, Weight: 2}}, Fields: fields, Jobs: 2}
	out, msgs, _ := runCfg(t, cfg, in)
	want := []string{
		`{"g": "a", "completion": "xxx", "rewards": {"len": 2.0}, "reward": 4.0, "advantage": 0.7070`,
		`{"g": "b", "completion": "y", "rewards": {"len": 0.0}, "reward": 0.0, "advantage": -0.7070`,
		`{"g": "a", "completion": "x", "rewards": {"len": 0.0}, "reward": 0.0, "advantage": -0.7070`,
		`{"g": "b", "completion": "boom", "rewards": {"len": null}, "reward": null, "reward_errors": {"len": "ValueError"}}`,
		`{"g": "b", "completion": "yyyy", "rewards": {"len": 3.0}, "reward": 6.0, "advantage": 0.7070`,
	}
	got := strings.Split(strings.TrimSpace(out), "\n")
	if len(got) != len(want) || msgs != "" {
		t.Fatalf("output %q, messages %q", out, msgs)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("line %d: %s\nwant prefix %s", i+1, got[i], want[i])
		}
	}
}
