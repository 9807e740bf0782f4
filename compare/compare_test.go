package compare

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/grpo-score/grpo-score/pipeline"
)

var testConfigs = []Config{
	{Name: "A", Args: "-r accuracy,format", Rewards: []string{"accuracy", "format"}},
	{Name: "B", Args: "-r accuracy", Rewards: []string{"accuracy"}},
}

// outcome is a scored line with scores under both configurations.
func outcome(file string, line int, a, f, b float64) *pipeline.Outcome {
	o := &pipeline.Outcome{File: file, Line: line, Status: pipeline.Scored}
	o.Sets = []pipeline.Scores{
		{Values: []float64{a, f}, Errs: make([]error, 2), Total: a + f, TotalOK: true},
		{Values: []float64{b}, Errs: make([]error, 1), Total: b, TotalOK: true},
	}
	return o
}

func genOutcomes(r *rand.Rand, n int) []*pipeline.Outcome {
	pool := []float64{0, 0.25, 0.5, 1}
	var out []*pipeline.Outcome
	for i := range n {
		out = append(out, outcome(fmt.Sprintf("f%d.jsonl", i%3), i+1, pool[r.IntN(4)], pool[r.IntN(2)*3], pool[r.IntN(4)]))
	}
	return out
}

func encode(t *testing.T, c *Comparison) []byte {
	t.Helper()
	for _, s := range c.sums {
		s.ElapsedSeconds = 0
	}
	var b bytes.Buffer
	if err := c.WriteJSON(&b, ""); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestMergeIsOrderIndependent: the lines split across comparisons in any
// way, each fed in any order, and merged in any order (some through JSON)
// give the comparison of one pass.
func TestMergeIsOrderIndependent(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	lines := genOutcomes(r, 300)
	one := New(testConfigs, false, 7, nil)
	for _, o := range lines {
		one.Line(o)
	}
	want := encode(t, one)
	for round := range 10 {
		shuffled := append([]*pipeline.Outcome(nil), lines...)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		k := 1 + r.IntN(4)
		parts := make([]*Comparison, k)
		for i := range parts {
			parts[i] = New(testConfigs, false, 7, nil)
		}
		for i, o := range shuffled {
			parts[i%k].Line(o)
		}
		merged := parts[0]
		for _, p := range parts[1:] {
			if r.IntN(2) == 0 {
				back, _, err := ReadJSON(encode(t, p))
				if err != nil {
					t.Fatal(err)
				}
				p = back
			}
			if err := merged.Merge(p); err != nil {
				t.Fatal(err)
			}
		}
		if got := encode(t, merged); !bytes.Equal(got, want) {
			t.Fatalf("round %d: merged comparison differs from one pass:\n got %s\nwant %s", round, got, want)
		}
	}
}

func TestTopTiesAndZeroDeltas(t *testing.T) {
	c := New(testConfigs, false, 3, nil)
	// equal |Δ| on three lines: the earlier file and line first; Δ 0 left out
	for _, o := range []*pipeline.Outcome{
		outcome("b.jsonl", 1, 1, 0, 0.5), outcome("a.jsonl", 9, 0, 0, 0.5), outcome("a.jsonl", 2, 1, 0, 0.5),
		outcome("a.jsonl", 1, 1, 0, 1), outcome("a.jsonl", 3, 0, 0, 1),
	} {
		c.Line(o)
	}
	var got []string
	for _, d := range c.Pairs()[0].TopTotal.Items() {
		got = append(got, fmt.Sprintf("%s:%d %v", d.File, d.Line, d.Delta()))
	}
	want := []string{"a.jsonl:3 1", "a.jsonl:2 -0.5", "a.jsonl:9 0.5"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("top %v, want %v", got, want)
	}
}

func TestMergeRejectsOtherConfigurations(t *testing.T) {
	other := []Config{testConfigs[0], {Name: "B", Args: "-r format", Rewards: []string{"format"}}}
	if err := New(testConfigs, false, 3, nil).Merge(New(other, false, 3, nil)); err == nil {
		t.Error("merged comparisons of other configurations")
	}
	if err := New(testConfigs, false, 3, nil).Merge(New(testConfigs, true, 3, nil)); err == nil {
		t.Error("merged a grouped comparison into an ungrouped one")
	}
}
