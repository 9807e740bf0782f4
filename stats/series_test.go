package stats

import (
	"math"
	"testing"
)

var (
	nan  = math.NaN()
	inf  = math.Inf(1)
	negz = math.Copysign(0, -1)
)

// same compares floats bit for bit, any NaN equal to any NaN.
func same(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Float64bits(a) == math.Float64bits(b)
}

func TestSeriesStats(t *testing.T) {
	seq := func(n int) []float64 {
		v := make([]float64, n)
		for i := range v {
			v[i] = float64(n - i) // reversed: order must not matter
		}
		return v
	}
	tests := []struct {
		name   string
		values []float64
		errors int
		// count, nan, mean, std, min, max, p50, p90, p99
		count, nan          uint64
		mean, std, min, max float64
		p50, p90, p99       float64
	}{
		{"empty", nil, 2, 0, 0, nan, nan, nan, nan, nan, nan, nan},
		{"one", []float64{0.8125}, 0, 1, 0, 0.8125, 0, 0.8125, 0.8125, 0.8125, 0.8125, 0.8125},
		// the exact sum 0.6000000000000000055… / 3 rounds to 0.2, where
		// fsum(...)/3 gives 0.19999999999999998
		{"tenths", []float64{0.3, 0.1, 0.2}, 1, 3, 0, 0.2, 0.0816496580927726, 0.1, 0.3, 0.2, 0.3, 0.3},
		{"ints", []float64{4, 2, 3, 1}, 0, 4, 0, 2.5, 1.118033988749895, 1, 4, 2, 4, 4},
		{"repeats", []float64{0.3, 0.1, 0.7, 0.7}, 0, 4, 0, 0.44999999999999996, 0.25980762113533157, 0.1, 0.7, 0.3, 0.7, 0.7},
		{"ten 0.1", []float64{0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}, 0, 10, 0, 0.1, 0, 0.1, 0.1, 0.1, 0.1, 0.1},
		{"huge", []float64{1e308, 1e308, -1e308}, 0, 3, 0, 3.333333333333333e+307, 9.428090415820633e+307, -1e308, 1e308, 1e308, 1e308, 1e308},
		{"huge and tiny", []float64{1e-300, 1e300}, 0, 2, 0, 5e299, 5e299, 1e-300, 1e300, 1e-300, 1e300, 1e300},
		{"subnormal", []float64{5e-324, 0, -5e-324}, 0, 3, 0, 0, 5e-324, -5e-324, 5e-324, 0, 5e-324, 5e-324},
		{"signed zeros", []float64{0, negz}, 0, 2, 0, 0, 0, negz, 0, negz, 0, 0},
		{"nan", []float64{2, nan, 1}, 0, 3, 1, nan, nan, 1, 2, 1, 2, 2},
		{"all nan", []float64{nan}, 0, 1, 1, nan, nan, nan, nan, nan, nan, nan},
		{"inf", []float64{inf, 1}, 0, 2, 0, inf, nan, 1, inf, 1, inf, inf},
		{"-inf", []float64{-inf, 1}, 0, 2, 0, -inf, nan, -inf, 1, -inf, 1, 1},
		{"both inf", []float64{-inf, inf}, 0, 2, 0, nan, nan, -inf, inf, -inf, inf, inf},
		// nearest rank: rank ⌈q·n⌉
		{"1..100", seq(100), 0, 100, 0, 50.5, 28.86607004772212, 1, 100, 50, 90, 99},
		{"1..101", seq(101), 0, 101, 0, 51, 29.154759474226502, 1, 101, 51, 91, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSeries()
			for range tt.errors {
				s.AddError()
			}
			for _, v := range tt.values {
				s.Add(v)
			}
			st := s.Stats()
			if st.Count != tt.count || st.Errors != uint64(tt.errors) || st.NaN != tt.nan {
				t.Errorf("count, errors, nan = %d, %d, %d; want %d, %d, %d", st.Count, st.Errors, st.NaN, tt.count, tt.errors, tt.nan)
			}
			for _, f := range []struct {
				name      string
				got, want float64
			}{{"mean", st.Mean, tt.mean}, {"std", st.Std, tt.std}, {"min", st.Min, tt.min}, {"max", st.Max, tt.max},
				{"p50", st.P50, tt.p50}, {"p90", st.P90, tt.p90}, {"p99", st.P99, tt.p99}} {
				if !same(f.got, f.want) {
					t.Errorf("%s = %v, want %v", f.name, f.got, f.want)
				}
			}
			if st.QuantileError != 0 {
				t.Errorf("QuantileError = %v for an exact series", st.QuantileError)
			}
		})
	}
}

func TestQuantileNearestRank(t *testing.T) {
	// numpy.quantile(x, q, method="inverted_cdf") for x = [10, 20, 30]
	steps := []step{{value: 10, count: 1}, {value: 20, count: 1}, {value: 30, count: 1}}
	for _, tt := range []struct {
		pct  uint64
		want float64
	}{{0, 10}, {1, 10}, {33, 10}, {34, 20}, {50, 20}, {66, 20}, {67, 30}, {90, 30}, {99, 30}, {100, 30}} {
		if got := quantile(steps, 3, tt.pct); got != tt.want {
			t.Errorf("quantile(%d%%) = %v, want %v", tt.pct, got, tt.want)
		}
	}
	// ranks must not overflow for huge counts
	big := []step{{value: 1, count: 1 << 62}, {value: 2, count: 1 << 62}}
	if got := quantile(big, 1<<63, 50); got != 1 {
		t.Errorf("p50 of 2^62 ones and 2^62 twos = %v, want 1", got)
	}
	if got := quantile(big, 1<<63, 51); got != 2 {
		t.Errorf("p51 = %v, want 2", got)
	}
}

func TestHistogram(t *testing.T) {
	tests := []struct {
		name   string
		values []float64
		edges  []float64 // nil: first, last and count only
		counts []uint64
		nilH   bool
	}{
		{"0/0.5/1", []float64{0, 0.5, 1, 1, 0.049, 0.05}, nil,
			[]uint64{2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2}, false},
		{"one value", []float64{0.25, 0.25}, []float64{0.25, 0.25}, []uint64{2}, false},
		{"inf", []float64{0, inf}, nil, nil, true},
		{"nan only", []float64{nan}, nil, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSeries()
			for _, v := range tt.values {
				s.Add(v)
			}
			h := s.Stats().Histogram
			if tt.nilH {
				if h != nil {
					t.Fatalf("histogram = %+v, want nil", h)
				}
				return
			}
			if len(h.Counts) != len(tt.counts) || len(h.Edges) != len(tt.counts)+1 {
				t.Fatalf("histogram = %+v, want %d bins", h, len(tt.counts))
			}
			for i, c := range tt.counts {
				if h.Counts[i] != c {
					t.Errorf("counts = %v, want %v", h.Counts, tt.counts)
					break
				}
			}
			for i, e := range tt.edges {
				if h.Edges[i] != e {
					t.Errorf("edges = %v, want %v", h.Edges, tt.edges)
				}
			}
		})
	}
	s := NewSeries()
	s.Add(0)
	s.Add(1)
	h := s.Stats().Histogram
	for i, want := range []float64{0, 0.05, 0.1, 0.15, 0.2} {
		if h.Edges[i] != want {
			t.Errorf("edge %d = %v, want %v", i, h.Edges[i], want)
		}
	}
}

func TestGroups(t *testing.T) {
	s := New("accuracy")
	line := func(v float64) Line { return Line{Rewards: []float64{v}, Total: 2 * v} }
	failed := Line{Rewards: []float64{0}, Failed: []bool{true}, TotalFailed: true}
	groups := [][]Line{
		{line(1), line(1), line(1)}, // tie
		{line(0), line(1)},          // sample std √½
		{line(1)},                   // singleton
		{line(0), failed},           // invalid
		{line(0), line(negz)},       // tie: -0.0 == 0.0
		{line(nan), line(nan)},      // invalid
	}
	for _, g := range groups {
		s.AddGroup(g)
	}
	want := GroupStats{Groups: 6, Scored: 3, Ties: 2, Singletons: 1, Invalid: 2,
		MeanSize: 2, TieFraction: 0.6666666666666666, MeanStd: 0.23570226039551587}
	if got := s.Group(0).Stats(); got != want {
		t.Errorf("accuracy groups = %+v\nwant %+v", got, want)
	}
	want.MeanStd = 0.47140452079103173 // √2/3: the totals are 2·v
	if got := s.Group(1).Stats(); got != want {
		t.Errorf("total groups = %+v\nwant %+v", got, want)
	}
	empty := new(GroupSeries).Stats()
	if !math.IsNaN(empty.MeanSize) || !math.IsNaN(empty.TieFraction) || !math.IsNaN(empty.MeanStd) {
		t.Errorf("empty group stats = %+v, want NaN ratios", empty)
	}
}

func TestHistogramOver(t *testing.T) {
	s := NewSeries()
	for _, v := range []float64{0, 0.5, 0.5, 1, 3} {
		s.Add(v)
	}
	h := s.HistogramOver(0, 2)
	if h == nil || len(h.Counts) != HistogramBins || h.Edges[0] != 0 || h.Edges[HistogramBins] != 2 {
		t.Fatalf("histogram %+v", h)
	}
	var n uint64
	for _, c := range h.Counts {
		n += c
	}
	if n != 4 || h.Counts[0] != 1 || h.Counts[5] != 2 || h.Counts[10] != 1 {
		t.Errorf("counts %v: want 0 in bin 0, 0.5 twice in bin 5, 1 in bin 10, 3 left out", h.Counts)
	}
	if NewSeries().HistogramOver(0, 1) != nil {
		t.Error("an empty series has a histogram")
	}
}
