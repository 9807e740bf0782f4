package pipeline

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/grpo-score/grpo-score/jsonlio"
	"github.com/grpo-score/grpo-score/scoring"
)

// TestReusedObjectsLeaveHeldLinesAlone: a worker parses the next line into
// the Object of a line already rendered, while lines of a group reward keep
// theirs until their group closes. Interleaved groups of lines of every
// shape (more members than an Object holds inline, replaced members,
// escaped keys) mixed with lines that fail after parsing must come out as
// each group scored on its own does.
func TestReusedObjectsLeaveHeldLinesAlone(t *testing.T) {
	var in []string
	for i := range 600 {
		var b strings.Builder
		fmt.Fprintf(&b, `{"id": %d, "g": "g%d"`, i, i%23)
		for k := range i % 19 {
			fmt.Fprintf(&b, `, "k%d\u0041%d": [%d, {"x": "%s"}]`, k, i, k, strings.Repeat("v", (i*k)%11))
		}
		if i%5 == 0 {
			b.WriteString(`, "reward": 7, "rewards": {"old": 1}`)
		}
		completion := strings.Repeat("c", i%31)
		if i%13 == 0 {
			completion = "input error"
		}
		fmt.Fprintf(&b, `, "completion": %q}`, completion)
		in = append(in, b.String())
	}
	failing := scoring.RewardFunc(func(s *scoring.Sample, _ *scoring.Trace) (float64, error) {
		if s.Completion == "input error" {
			return 0, &scoring.InputError{Msg: "no"}
		}
		return 1, nil
	})
	run := func(lines []string, jobs int) map[string]string {
		t.Helper()
		fields := DefaultFields()
		fields.Group = GroupKey{{jsonlio.Path{"g"}}}
		cfg := &Config{Rewards: []NamedReward{{Name: "len", Reward: groupLen{}, Weight: 2}, {Name: "f", Reward: failing, Weight: 1}},
			Fields: fields, Jobs: jobs, OnError: Keep}
		out, _, _ := runCfg(t, cfg, strings.Join(lines, "\n")+"\n")
		byID := map[string]string{}
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			id, _, _ := strings.Cut(strings.TrimPrefix(line, `{"id": `), ",")
			byID[id] = line
		}
		if len(byID) != len(lines) {
			t.Fatalf("%d lines out of %d", len(byID), len(lines))
		}
		return byID
	}
	// Each group on its own, one line after another: the reference.
	want := map[string]string{}
	for g := range 23 {
		var group []string
		for i := g; i < len(in); i += 23 {
			group = append(group, in[i])
		}
		for id, line := range run(group, 1) {
			want[id] = line
		}
	}
	for _, jobs := range []int{1, 2} {
		got := run(in, jobs)
		ids := make([]string, 0, len(got))
		for id := range got {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			if got[id] != want[id] {
				t.Fatalf("-j %d, line id %s:\n got %s\nwant %s", jobs, id, got[id], want[id])
			}
		}
	}
}
