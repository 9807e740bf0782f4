package statsref

import (
	"math"
	"slices"
	"testing"
)

func TestRanks(t *testing.T) {
	for _, c := range []struct{ in, want []float64 }{
		{[]float64{3, 1, 3}, []float64{2.5, 1, 2.5}},
		{[]float64{0.5, 0.25, 1, 0.25}, []float64{3, 1.5, 4, 1.5}},
		{[]float64{7}, []float64{1}},
	} {
		if got := Ranks(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Ranks(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestPearson(t *testing.T) {
	if got := Pearson([]float64{1, 2, 3}, []float64{2, 4, 6}); got != 1 {
		t.Errorf("linear: %v, want 1", got)
	}
	if got := Pearson([]float64{1, 2, 3}, []float64{3, 2, 1}); got != -1 {
		t.Errorf("reversed: %v, want -1", got)
	}
	if got := Pearson([]float64{1, 2, 3}, []float64{5, 5, 5}); !math.IsNaN(got) {
		t.Errorf("constant side: %v, want NaN", got)
	}
}
