package coco

import (
	"math"
	"testing"
)

func TestBoxIoU(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, c := range []struct {
		name  string
		d, g  Box
		crowd bool
		want  float64
	}{
		{"identical", Box{10, 10, 40, 40}, Box{10, 10, 40, 40}, false, 1},
		// 5x5 overlap of two 10x10 boxes: 25 / (100+100-25).
		{"quarter", Box{0, 0, 10, 10}, Box{5, 5, 10, 10}, false, 25.0 / 175},
		// A crowd gt divides by the detection's area: 25 / 100.
		{"crowd", Box{0, 0, 10, 10}, Box{5, 5, 10, 10}, true, 0.25},
		{"crowd contains dt", Box{20, 20, 10, 10}, Box{0, 0, 100, 100}, true, 1},
		{"touching", Box{0, 0, 10, 10}, Box{10, 0, 10, 10}, false, 0},
		{"disjoint", Box{0, 0, 10, 10}, Box{50, 50, 10, 10}, false, 0},
		{"negative width", Box{10, 10, -5, -5}, Box{0, 0, 20, 20}, false, 0},
		{"zero area", Box{3, 3, 0, 0}, Box{3, 3, 0, 0}, false, 0},
		// fmin/fmax ignore NaN: the NaN x drops out and the width is 10.
		{"NaN x", Box{nan, 0, 10, 10}, Box{0, 0, 10, 10}, false, 1},
		// The width survives but the detection area is NaN.
		{"NaN w", Box{0, 0, nan, 10}, Box{0, 0, 10, 10}, false, nan},
		{"infinite box", Box{0, 0, inf, inf}, Box{0, 0, 10, 10}, false, 0},
		{"infinite crowd", Box{0, 0, 10, 10}, Box{-inf, -inf, inf, inf}, true, 1},
	} {
		got := boxIoU(c.d, c.g, c.crowd)
		if !sameFloat(got, c.want) && !(math.IsNaN(got) && math.IsNaN(c.want)) {
			t.Errorf("%s: IoU = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestCFminFmax(t *testing.T) {
	nan := math.NaN()
	if cFmin(nan, 2) != 2 || cFmin(2, nan) != 2 || cFmin(1, 2) != 1 || cFmin(2, 1) != 1 {
		t.Error("cFmin does not follow C's fmin")
	}
	if cFmax(nan, 2) != 2 || cFmax(2, nan) != 2 || cFmax(1, 2) != 2 || cFmax(2, 1) != 2 {
		t.Error("cFmax does not follow C's fmax")
	}
	if !math.IsNaN(cFmin(nan, nan)) || !math.IsNaN(cFmax(nan, nan)) {
		t.Error("two NaNs must give NaN")
	}
}
