package coco

import (
	"math"
	"testing"
)

func TestThresholds(t *testing.T) {
	want := [numIoU]float64{0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.8999999999999999, 0.95}
	if got := IoUThresholds(); got != want {
		t.Errorf("IoU thresholds %v, want %v", got, want)
	}
	if len(recallThresholds) != numRecall || recallThresholds[100] != 1 {
		t.Fatalf("recall thresholds: %d values, last %v", len(recallThresholds), recallThresholds[numRecall-1])
	}
	for i, got := range recallThresholds[:100] {
		if want := float64(i) * 0.01; got != want {
			t.Errorf("recThrs[%d] = %v, want %v", i, got, want)
		}
	}
	for _, c := range []struct {
		i    int
		want float64
	}{{29, 0.29}, {57, 0.5700000000000001}, {50, 0.5}} {
		if got := recallThresholds[c.i]; got != c.want {
			t.Errorf("recThrs[%d] = %v, want %v", c.i, got, c.want)
		}
	}
}

// sumInput is 0.1 + (i%7)*0.013, the array the expected values below were
// summed from with numpy 1.24.2 (np.add.reduce and np.mean).
func sumInput(n int) []float64 {
	a := make([]float64, n)
	for i := range a {
		a[i] = 0.1 + float64(float64(i%7)*0.013)
	}
	return a
}

func TestNumpySums(t *testing.T) {
	for _, c := range []struct {
		n         int
		sum, mean float64
	}{
		{1, 0.1, 0.1},
		{7, 0.9730000000000001, 0.139},
		{8, 1.073, 0.134125},
		{9, 1.186, 0.13177777777777777},
		{15, 2.046, 0.1364},
		{16, 2.159, 0.1349375},
		{17, 2.2849999999999997, 0.13441176470588234},
		{100, 13.834999999999999, 0.13835},
		{128, 17.727000000000004, 0.13849218750000003},
		{129, 17.853, 0.1383953488372093},
		{130, 17.992, 0.1384},
		{300, 41.661, 0.13887},
		{1010, 140.325, 0.13893564356435642},
		{8192, 1138.623, 0.1389920654296875},
		{8193, 1138.749, 0.1389904796777737},
		{9000, 1250.935, 0.13899277777777777},
		{20000, 2779.9610000000002, 0.13899805},
	} {
		a := sumInput(c.n)
		if got := npSum(a); got != c.sum {
			t.Errorf("npSum(n=%d) = %v, want %v", c.n, got, c.sum)
		}
		if c.n <= bufSize {
			if got := pairwiseSum(a); got != c.sum {
				t.Errorf("pairwiseSum(n=%d) = %v, want %v", c.n, got, c.sum)
			}
		}
		if got := npMean(a); got != c.mean {
			t.Errorf("npMean(n=%d) = %v, want %v", c.n, got, c.mean)
		}
	}
	if got := npMean(nil); !math.IsNaN(got) {
		t.Errorf("npMean(empty) = %v, want NaN", got)
	}
}

func TestScoreOrder(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, c := range []struct {
		a, b float64
		want bool
	}{
		{1, 0.5, true},
		{0.5, 1, false},
		{1, 1, false},
		{0, math.Copysign(0, -1), false},
		{math.Copysign(0, -1), 0, false},
		{-inf, nan, true}, // NaN sorts after everything
		{nan, -inf, false},
		{nan, nan, false},
		{inf, 1, true},
	} {
		if got := scoreBefore(c.a, c.b); got != c.want {
			t.Errorf("scoreBefore(%v, %v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
