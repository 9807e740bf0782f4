package stats

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

var testRewards = []string{"accuracy", "format", "length"}

// exactPool has few distinct values, so that series stay exact, chosen to
// stress exactness: signed zeros, tenths that sum inexactly, magnitudes far
// apart, a subnormal, NaN and ±Inf.
var exactPool = []float64{0, negz, 1, 0.5, 0.1, 0.2, 0.3, 1.0 / 3, 0.8125, -1, 2.5,
	1e-300, 1e300, -1e300, 5e-324, 1e16, 123456789.125}

// genGroups draws GRPO groups of lines. With wide, the values are spread
// so that series go beyond ExactDistinct and are sketched.
func genGroups(r *rand.Rand, lines int, wide, special bool) [][]Line {
	value := func() float64 {
		if wide {
			return math.Ldexp(r.NormFloat64(), r.IntN(40)-20)
		}
		if special && r.IntN(200) == 0 {
			return []float64{nan, inf, -inf}[r.IntN(3)]
		}
		return exactPool[r.IntN(len(exactPool))]
	}
	var groups [][]Line
	for n := 0; n < lines; {
		size := 1 + r.IntN(8)
		var g []Line
		for range size {
			l := Line{Rewards: make([]float64, len(testRewards)), Method: []string{"default", "math", "mcq"}[r.IntN(3)]}
			for i := range l.Rewards {
				if r.IntN(20) == 0 {
					if l.Failed == nil {
						l.Failed = make([]bool, len(testRewards))
					}
					l.Failed[i] = true
					l.TotalFailed = true
					continue
				}
				l.Rewards[i] = value()
				l.Total += l.Rewards[i]
			}
			if r.IntN(10) == 0 { // a whole group tied
				if len(g) > 0 {
					l = g[0]
				}
			}
			g = append(g, l)
		}
		groups = append(groups, g)
		n += size
	}
	return groups
}

func summarise(groups [][]Line, elapsed float64) *Summary {
	s := New(testRewards...)
	for _, g := range groups {
		for _, l := range g {
			s.AddLine(l)
			s.Lines.Read++
			s.Lines.Written++
		}
		s.AddGroup(g)
	}
	s.ElapsedSeconds = elapsed
	return s
}

func marshal(t *testing.T, s *Summary) []byte {
	t.Helper()
	b, err := s.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(b) {
		t.Fatalf("invalid JSON: %s", b)
	}
	return b
}

// shardAndMerge splits groups into random shards, summarises each, sends
// some through JSON, and merges them in a random order.
func shardAndMerge(t *testing.T, r *rand.Rand, groups [][]Line) (merged, single *Summary) {
	t.Helper()
	k := 1 + r.IntN(6)
	cuts := []int{0, len(groups)}
	for range k - 1 {
		cuts = append(cuts, r.IntN(len(groups)+1))
	}
	slices.Sort(cuts)
	var shards []*Summary
	maxElapsed := 0.0
	for i := range len(cuts) - 1 {
		el := float64(r.IntN(1000)) / 8
		maxElapsed = max(maxElapsed, el)
		s := summarise(groups[cuts[i]:cuts[i+1]], el)
		if r.IntN(2) == 0 {
			var back Summary
			if err := json.Unmarshal(marshal(t, s), &back); err != nil {
				t.Fatal(err)
			}
			s = &back
		}
		shards = append(shards, s)
	}
	if r.IntN(3) == 0 {
		shards = append(shards, New(testRewards...)) // an empty shard
	}
	for len(shards) > 1 {
		i, j := r.IntN(len(shards)), r.IntN(len(shards)-1)
		if j >= i {
			j++
		}
		if err := shards[i].Merge(shards[j]); err != nil {
			t.Fatal(err)
		}
		shards = slices.Delete(shards, j, j+1)
	}
	return shards[0], summarise(groups, maxElapsed)
}

func TestMergeEqualsSingleRun(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for round := range 40 {
		groups := genGroups(r, 50+r.IntN(400), false, round%2 == 0)
		merged, single := shardAndMerge(t, r, groups)
		got, want := marshal(t, merged), marshal(t, single)
		if !bytes.Equal(got, want) {
			t.Fatalf("round %d: merged statistics differ from one run:\n got %s\nwant %s", round, got, want)
		}
		checkExactQuantiles(t, single, groups)
	}
}

func TestMergeSketchedEqualsSingleRun(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	n := 4000
	if testing.Short() {
		n = 1500
	}
	for round := range 3 {
		groups := genGroups(r, n, true, false)
		merged, single := shardAndMerge(t, r, groups)
		got, want := marshal(t, merged), marshal(t, single)
		if !bytes.Equal(got, want) {
			t.Fatalf("round %d: merged sketched statistics differ from one run", round)
		}
		if !strings.Contains(string(want), `"mantissa_bits"`) {
			t.Fatalf("round %d: no series was sketched", round)
		}
		checkSketchQuantiles(t, single, groups)
	}
}

// rewardValues lists the non-NaN values of reward i, sorted with −0 < +0.
func rewardValues(groups [][]Line, i int) []float64 {
	var vs []float64
	for _, g := range groups {
		for _, l := range g {
			if l.ok(i) && !math.IsNaN(l.Rewards[i]) {
				vs = append(vs, l.Rewards[i])
			}
		}
	}
	slices.SortFunc(vs, func(a, b float64) int {
		switch {
		case less(a, b):
			return -1
		case less(b, a):
			return 1
		}
		return 0
	})
	return vs
}

func nearestRank(sorted []float64, pct int) float64 {
	rank := (pct*len(sorted) + 99) / 100
	return sorted[max(rank, 1)-1]
}

func checkExactQuantiles(t *testing.T, s *Summary, groups [][]Line) {
	t.Helper()
	for i := range testRewards {
		vs := rewardValues(groups, i)
		st := s.Reward(i).Stats()
		if len(vs) == 0 || st.QuantileError != 0 {
			continue
		}
		for _, q := range []struct {
			pct int
			got float64
		}{{50, st.P50}, {90, st.P90}, {99, st.P99}, {0, st.Min}, {100, st.Max}} {
			if want := nearestRank(vs, q.pct); !same(q.got, want) {
				t.Errorf("reward %d p%d = %v, want %v", i, q.pct, q.got, want)
			}
		}
	}
}

func checkSketchQuantiles(t *testing.T, s *Summary, groups [][]Line) {
	t.Helper()
	for i := range testRewards {
		vs := rewardValues(groups, i)
		st := s.Reward(i).Stats()
		if st.QuantileError != SketchError {
			t.Fatalf("reward %d: quantile error %v, want %v", i, st.QuantileError, SketchError)
		}
		if st.Min != vs[0] || st.Max != vs[len(vs)-1] {
			t.Errorf("reward %d: min, max = %v, %v; want %v, %v", i, st.Min, st.Max, vs[0], vs[len(vs)-1])
		}
		for _, q := range []struct {
			pct int
			got float64
		}{{50, st.P50}, {90, st.P90}, {99, st.P99}} {
			want := nearestRank(vs, q.pct)
			if math.Abs(q.got-want) > SketchError*math.Abs(want) {
				t.Errorf("reward %d p%d = %v, want %v within %v", i, q.pct, q.got, want, SketchError)
			}
		}
	}
}

func TestMergeRejectsOtherRewards(t *testing.T) {
	a, b := New("accuracy", "format"), New("format", "accuracy")
	if err := a.Merge(b); err == nil {
		t.Fatal("merging statistics of other rewards succeeded")
	}
}

func TestJSONRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for _, wide := range []bool{false, true} {
		s := summarise(genGroups(r, 1500, wide, true), 12.5)
		s.Lines.Skipped, s.Lines.Failed, s.Lines.Blank = 3, 2, 1
		b := marshal(t, s)
		var back Summary
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if b2 := marshal(t, &back); !bytes.Equal(b, b2) {
			t.Fatalf("round trip changed the statistics:\n%s\n%s", b, b2)
		}
		var pretty bytes.Buffer
		if err := s.WriteJSON(&pretty); err != nil {
			t.Fatal(err)
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, pretty.Bytes()); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(compact.Bytes(), b) {
			t.Fatal("WriteJSON is not MarshalJSON indented")
		}
		if err := json.Unmarshal(pretty.Bytes(), &back); err != nil {
			t.Fatal(err)
		}
	}
}
