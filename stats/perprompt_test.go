package stats

import (
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/grpo-score/grpo-score/internal/jsonltest"
)

func promptMetricsOf(groups ...[]float64) *PromptMetrics {
	p := newPromptMetrics()
	var sc groupScratch
	for _, g := range groups {
		ok := make([]bool, len(g))
		for i := range ok {
			ok[i] = true
		}
		p.add(g, ok, &sc)
	}
	return p
}

func TestPromptMetricsValues(t *testing.T) {
	tests := []struct {
		group []float64
		want  map[string]float64
	}{
		{[]float64{0, 1}, map[string]float64{
			"mean@2": 0.5, "std@2": 0.5, "best@2/mean": 0.75, "worst@2/mean": 0.25,
			"maj@2/mean": 0.5, "pass@2": 1,
		}},
		{[]float64{1, 0, 0, 0}, map[string]float64{
			"mean@4": 0.25, "pass@2": 0.5, "pass@4": 1,
			// P(max = 1) = 1 − (3/4)^k
			"best@2/mean": 1 - 9.0/16, "best@4/mean": 1 - 81.0/256,
			"worst@2/mean": 1.0 / 16, "worst@4/mean": 1.0 / 256,
			// k = 2: both correct 1/16 → 1, one of each 6/16 → tie 1/2
			"maj@2/mean": 1.0/16 + 6.0/16/2,
		}},
		{[]float64{0.5, 0.5, 0.5}, map[string]float64{
			"mean@3": 0.5, "std@3": 0, "best@2/mean": 0.5, "best@3/mean": 0.5, "worst@3/mean": 0.5,
			"maj@2/mean": 0.5, "pass@2": 1, "pass@3": 1,
		}},
		{[]float64{0.25}, map[string]float64{"mean@1": 0.25}},
	}
	for _, tt := range tests {
		p := promptMetricsOf(tt.group)
		got := map[string]float64{}
		for _, m := range p.Metrics() {
			got[m.Name] = m.Value
			if m.Groups != 1 {
				t.Errorf("%v %s: %d groups", tt.group, m.Name, m.Groups)
			}
		}
		for name, want := range tt.want {
			if g, ok := got[name]; !ok || math.Abs(g-want) > 1e-15 {
				t.Errorf("%v %s = %v (present %v), want %v", tt.group, name, g, ok, want)
			}
		}
	}
}

// bruteForce computes the metrics of one group by enumeration: every
// ordered k-tuple of draws with replacement (verl's bootstrap, whose mean
// this is in the limit, majority vote with verl's calc_maj_val on the
// correct/incorrect vote), and every k-subset for pass@k.
func bruteForce(g []float64, k int) (best, worst, maj, pass float64) {
	n := len(g)
	idx := make([]int, k)
	tuples := 0
	for {
		tuples++
		hi, lo := math.Inf(-1), math.Inf(1)
		var order []bool // votes in first-seen order
		counts := map[bool]int{}
		firstVal := map[bool]float64{}
		for _, i := range idx {
			v := g[i]
			hi, lo = max(hi, v), min(lo, v)
			vote := v >= PassThreshold
			if _, seen := counts[vote]; !seen {
				order = append(order, vote)
				firstVal[vote] = v
			}
			counts[vote]++
		}
		winner := order[0]
		for _, vote := range order[1:] {
			if counts[vote] > counts[winner] {
				winner = vote
			}
		}
		best += hi
		worst += lo
		maj += firstVal[winner]
		j := k - 1
		for j >= 0 && idx[j] == n-1 {
			idx[j] = 0
			j--
		}
		if j < 0 {
			break
		}
		idx[j]++
	}
	best, worst, maj = best/float64(tuples), worst/float64(tuples), maj/float64(tuples)
	subsets, passed := 0, 0
	for mask := 0; mask < 1<<n; mask++ {
		if popcount(mask) != k {
			continue
		}
		subsets++
		for i := range n {
			if mask>>i&1 == 1 && g[i] >= PassThreshold {
				passed++
				break
			}
		}
	}
	return best, worst, maj, float64(passed) / float64(subsets)
}

func popcount(x int) int {
	c := 0
	for ; x != 0; x &= x - 1 {
		c++
	}
	return c
}

func TestPromptMetricsAgainstEnumeration(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	pool := []float64{0, 1, 0.25, 0.5, 0.75, 0.9999999999999998, -1}
	for range 60 {
		n := 1 + r.IntN(6)
		g := make([]float64, n)
		for i := range g {
			g[i] = pool[r.IntN(len(pool))]
		}
		p := promptMetricsOf(g)
		if n == 1 {
			continue
		}
		for _, k := range sampleSizes(n) {
			best, worst, maj, pass := bruteForce(g, k)
			kk := strconv.Itoa(k)
			for _, c := range []struct {
				name string
				want float64
			}{{"best@" + kk + "/mean", best}, {"worst@" + kk + "/mean", worst}, {"maj@" + kk + "/mean", maj}, {"pass@" + kk, pass}} {
				m, ok := p.Metric(c.name)
				if !ok || math.Abs(m.Value-c.want) > 1e-12 {
					t.Errorf("group %v: %s = %v (present %v), enumeration gives %v", g, c.name, m.Value, ok, c.want)
				}
			}
		}
	}
}

func TestPromptMetricsSkipInvalidGroups(t *testing.T) {
	p := newPromptMetrics()
	var sc groupScratch
	p.add([]float64{1, 0}, []bool{true, false}, &sc)
	p.add([]float64{1, math.NaN()}, []bool{true, true}, &sc)
	p.add([]float64{1, 0}, []bool{true, true}, &sc)
	if m, _ := p.Metric("mean@2"); m.Groups != 1 || m.Value != 0.5 {
		t.Fatalf("mean@2 = %+v; want one group of mean 0.5", m)
	}
}

func TestSplitMetricName(t *testing.T) {
	for _, tt := range []struct {
		name string
		kind string
		k    int
		ok   bool
	}{
		{"mean@8", "mean", 8, true}, {"best@4/mean", "best", 4, true}, {"pass@16", "pass", 16, true},
		{"best@4", "", 0, false}, {"mean@8/mean", "", 0, false}, {"pass@04", "", 0, false},
		{"foo@2", "", 0, false}, {"mean@0", "", 0, false}, {"mean", "", 0, false},
	} {
		kind, k, ok := splitMetricName(tt.name)
		if kind != tt.kind || k != tt.k || ok != tt.ok {
			t.Errorf("splitMetricName(%q) = %q, %d, %v", tt.name, kind, k, ok)
		}
	}
}

func TestPromptMetricsMergeEqualsSingleRun(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for round := range 10 {
		groups := genGroups(r, 100+r.IntN(300), round%2 == 1, false)
		merged, single := shardAndMerge(t, r, groups)
		for _, name := range []string{"accuracy", "total"} {
			got, want := merged.PerPrompt(name).Metrics(), single.PerPrompt(name).Metrics()
			if len(want) == 0 || len(got) != len(want) {
				t.Fatalf("round %d %s: %d metrics merged, %d in one run", round, name, len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("round %d %s: merged %+v, one run %+v", round, name, got[i], want[i])
				}
			}
		}
		// Another route: the mean over groups of each group's own metrics.
		sums := map[string]*big.Rat{}
		counts := map[string]uint64{}
		for _, g := range groups {
			ok := true
			vs := make([]float64, len(g))
			for i, l := range g {
				vs[i] = l.Rewards[0]
				ok = ok && l.ok(0) && !math.IsNaN(vs[i]) && !math.IsInf(vs[i], 0)
			}
			if !ok {
				continue
			}
			for _, m := range promptMetricsOf(vs).Metrics() {
				if sums[m.Name] == nil {
					sums[m.Name] = new(big.Rat)
				}
				sums[m.Name].Add(sums[m.Name], new(big.Rat).SetFloat64(m.Value))
				counts[m.Name]++
			}
		}
		for _, m := range single.PerPrompt("accuracy").Metrics() {
			want, _ := new(big.Rat).Quo(sums[m.Name], new(big.Rat).SetInt64(int64(counts[m.Name]))).Float64()
			if m.Groups != counts[m.Name] || m.Value != want {
				t.Errorf("round %d accuracy %s = %v over %d groups, want %v over %d", round, m.Name, m.Value, m.Groups, want, counts[m.Name])
			}
		}
	}
}

// TestPromptMetricsAgainstVerl compares with verl's own
// process_validation_metrics (testdata/verl_prompt_metrics.py): mean@n and
// std@n agree to rounding; best, worst and maj are verl's 1000-draw
// bootstrap estimates of the expectations computed here, so they agree
// within the bootstrap's sampling error (5 standard errors, from verl's own
// "/std").
func TestPromptMetricsAgainstVerl(t *testing.T) {
	type vector struct {
		Values  []float64          `json:"values"`
		Metrics map[string]float64 `json:"metrics"`
	}
	vectors := jsonltest.Read[vector](t, "testdata/verl_prompt_metrics.jsonl")
	if len(vectors) == 0 {
		t.Fatal("no vectors")
	}
	for i, v := range vectors {
		p := promptMetricsOf(v.Values)
		ours := map[string]float64{}
		for _, m := range p.Metrics() {
			ours[m.Name] = m.Value
		}
		for name, want := range v.Metrics {
			kind, _, _ := splitMetricName(name)
			if strings.HasSuffix(name, "/std") {
				continue // the bootstrap's spread: not computed here
			}
			got, ok := ours[name]
			if !ok {
				t.Errorf("vector %d: verl has %s, we do not", i+1, name)
				continue
			}
			tol := 1e-12
			if kind == "best" || kind == "worst" || kind == "maj" {
				// plus, for events the 1000 draws may all miss, the range
				// times 5/1000 (a rule of three with margin)
				spread := slices.Max(v.Values) - slices.Min(v.Values)
				tol += 5*v.Metrics[strings.TrimSuffix(name, "/mean")+"/std"]/math.Sqrt(1000) + spread*5/1000
			}
			if math.Abs(got-want) > tol {
				t.Errorf("vector %d %v: %s = %v, verl %v (tolerance %.3g)", i+1, v.Values, name, got, want, tol)
			}
		}
		for name := range ours {
			if _, ok := v.Metrics[name]; !ok && !strings.HasPrefix(name, "pass@") {
				t.Errorf("vector %d: we have %s, verl does not", i+1, name)
			}
		}
	}
}
