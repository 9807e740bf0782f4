package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grpo-score/grpo-score/scoring"
)

// jitter is a reward that takes a random time, to shake the ordering.
var jitter = scoring.RewardFunc(func(s *scoring.Sample, _ *scoring.Trace) (float64, error) {
	time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond)
	return float64(len(s.Completion)), nil
})

func lines(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "{\"id\": %d, \"completion\": %q, \"solution\": \"x\"}\n", i, strings.Repeat("x", i%37))
	}
	return b.String()
}

func runCfg(t *testing.T, cfg *Config, in string) (string, string, *Result) {
	t.Helper()
	var out, msgs bytes.Buffer
	res, err := Run(context.Background(), cfg, []string{"-"}, strings.NewReader(in), &out, &msgs)
	if err != nil {
		t.Fatal(err)
	}
	return out.String(), msgs.String(), res
}

func TestOrderUnderJitter(t *testing.T) {
	in := lines(3000)
	cfg := &Config{Rewards: []NamedReward{{Name: "len", Reward: jitter, Weight: 1}}, Fields: DefaultFields(), Jobs: 8}
	out, msgs, res := runCfg(t, cfg, in)
	if msgs != "" || res.Counts.Written != 3000 {
		t.Fatalf("messages %q, counts %+v", msgs, res.Counts)
	}
	for i, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.HasPrefix(line, fmt.Sprintf("{\"id\": %d,", i)) {
			t.Fatalf("line %d out of order: %s", i, line)
		}
		want := fmt.Sprintf(`"rewards": {"len": %d.0}, "reward": %d.0}`, i%37, i%37)
		if !strings.HasSuffix(line, want) {
			t.Fatalf("line %d: %s", i, line)
		}
	}
}

func TestShardsCoverEachLineOnce(t *testing.T) {
	in := lines(1001)
	seen := map[string]int{}
	for k := 0; k < 4; k++ {
		cfg := &Config{Rewards: []NamedReward{{Name: "len", Reward: jitter, Weight: 1}}, Fields: DefaultFields(), Jobs: 2, ShardIndex: k, ShardCount: 4}
		out, _, _ := runCfg(t, cfg, in)
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			seen[l]++
		}
	}
	if len(seen) != 1001 {
		t.Fatalf("%d distinct lines over 4 shards, want 1001", len(seen))
	}
	for l, n := range seen {
		if n != 1 {
			t.Fatalf("line in %d shards: %s", n, l)
		}
	}
}

func TestShardsKeepGroupsWhole(t *testing.T) {
	var b strings.Builder
	for g := 0; g < 50; g++ {
		for i := 0; i < 1+g%5; i++ {
			fmt.Fprintf(&b, "{\"g\": \"p%d\", \"completion\": \"c%d\"}\n", g, i)
		}
	}
	fields := DefaultFields()
	fields.Group = GroupKey{{{"g"}}}
	owner := map[string]int{}
	total := 0
	for k := 0; k < 3; k++ {
		cfg := &Config{Rewards: []NamedReward{{Name: "len", Reward: jitter, Weight: 1}}, Fields: fields, Jobs: 2, ShardIndex: k, ShardCount: 3}
		out, msgs, _ := runCfg(t, cfg, b.String())
		if msgs != "" {
			t.Fatal(msgs)
		}
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			total++
			g := l[strings.Index(l, `"p`)+1 : strings.Index(l, `", "completion"`)]
			if o, ok := owner[g]; ok && o != k {
				t.Fatalf("group %s split across shards %d and %d", g, o, k)
			}
			owner[g] = k
		}
	}
	if len(owner) != 50 || total != strings.Count(b.String(), "\n") {
		t.Fatalf("%d groups, %d lines", len(owner), total)
	}
}

func TestParseOnError(t *testing.T) {
	for s, want := range map[string]OnError{"keep": Keep, "skip": Skip, "fail": Fail} {
		if got, err := ParseOnError(s); err != nil || got != want {
			t.Errorf("%s: %v %v", s, got, err)
		}
	}
	if _, err := ParseOnError("ignore"); err == nil {
		t.Error("accepted ignore")
	}
}

func BenchmarkPipelineNoReward(b *testing.B) {
	in := lines(20000)
	cfg := &Config{Fields: DefaultFields(), Jobs: 2}
	b.SetBytes(int64(len(in)))
	for i := 0; i < b.N; i++ {
		var out, msgs bytes.Buffer
		if _, err := Run(context.Background(), cfg, []string{"-"}, strings.NewReader(in), &out, &msgs); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLinesLargerThanTheByteBudget: a batch larger than the in-flight
// budget takes all of it and still flows, in order, between small ones.
func TestLinesLargerThanTheByteBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("two 70 MB lines")
	}
	big := `{"completion": "` + strings.Repeat("x", inflightBytes+6<<20) + `"}` + "\n"
	in := lines(300) + big + lines(5) + big + lines(3)
	cfg := &Config{Rewards: []NamedReward{{Name: "len", Reward: jitter, Weight: 1}}, Fields: DefaultFields(), Jobs: 2}
	out, msgs, res := runCfg(t, cfg, in)
	if msgs != "" || res.Counts.Written != 310 || strings.Count(out, "\n") != 310 {
		t.Fatalf("messages %q, counts %+v", msgs, res.Counts)
	}
	if want := float64(inflightBytes + 6<<20); !strings.Contains(out, fmt.Sprintf(`"len": %.1f}`, want)) {
		t.Error("the big line was not scored")
	}
}

// TestSetsShareKeyedRewards: Sets score every line under each
// configuration with its own totals and advantages, a reward with a Key
// shared by several sets runs once per line, and Discard writes nothing
// but counts the lines as written.
func TestSetsShareKeyedRewards(t *testing.T) {
	var calls atomic.Int64
	counting := scoring.RewardFunc(func(s *scoring.Sample, _ *scoring.Trace) (float64, error) {
		calls.Add(1)
		return float64(len(s.Completion) % 3), nil
	})
	var got []*Outcome
	sink := sinkFunc(func(o *Outcome) { c := *o; got = append(got, &c) })
	fields := DefaultFields()
	fields.Group = GroupKey{{{"g"}}}
	cfg := &Config{Fields: fields, Discard: true, Sink: sink, Jobs: 2, Sets: []RewardSet{
		{Rewards: []NamedReward{{Name: "r", Reward: counting, Weight: 1, Key: "r"}}},
		{Rewards: []NamedReward{{Name: "r", Reward: counting, Weight: 2, Key: "r"}, {Name: "len", Reward: jitter, Weight: 1}}},
	}}
	var in strings.Builder
	for i := range 40 {
		fmt.Fprintf(&in, "{\"g\": %d, \"completion\": %q, \"solution\": \"x\"}\n", i/4, strings.Repeat("x", i))
	}
	out, _, res := runCfg(t, cfg, in.String())
	if out != "" || res.Counts.Written != 40 || len(got) != 40 {
		t.Fatalf("output %q, counts %+v, %d outcomes", out, res.Counts, len(got))
	}
	if n := calls.Load(); n != 40 {
		t.Errorf("the shared reward ran %d times for 40 lines", n)
	}
	for i, o := range got {
		a, b := o.Sets[0], o.Sets[1]
		v := float64(i % 3)
		if a.Values[0] != v || b.Values[0] != v || a.Total != v || b.Total != 2*v+float64(i) {
			t.Fatalf("line %d: sets %+v %+v", i, a, b)
		}
		if !a.AdvantageOK || !b.AdvantageOK {
			t.Fatalf("line %d: no advantages", i)
		}
	}
}

type sinkFunc func(o *Outcome)

func (f sinkFunc) Line(o *Outcome)          { f(o) }
func (f sinkFunc) Group(string, []*Outcome) {}
