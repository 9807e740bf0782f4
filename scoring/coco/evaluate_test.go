package coco

import (
	"math"
	"testing"
)

// xywh turns VLM-R1's [x1, y1, x2, y2] into a COCO box, as calculate_map does.
func xyxy(x1, y1, x2, y2 float64) Box { return Box{x1, y1, x2 - x1, y2 - y1} }

func gtBox(b Box) GroundTruth { return GroundTruth{Box: b, Area: b.W * b.H} }

func dtBox(b Box) Detection { return Detection{Box: b, Score: 1} }

const x = 0.9999999999999998 // 1/(1+np.spacing(1))

func TestEvaluateHandWorked(t *testing.T) {
	miss := dtBox(Box{200, 200, 5, 5})
	hit := dtBox(Box{0, 0, 10, 10})
	gts2 := []GroundTruth{gtBox(Box{0, 0, 10, 10}), gtBox(Box{50, 50, 10, 10})}
	misses := func(n int) []Detection {
		d := make([]Detection, n)
		for i := range d {
			d[i] = miss
		}
		return d
	}
	for _, c := range []struct {
		name string
		gts  []GroundTruth
		dts  []Detection
		want [NumStats]float64
	}{
		{
			// QUIRKS.txt: one perfect 40x40 box (medium). Precision
			// 1/(1+eps) everywhere; the pairwise means of 1010 and 101
			// copies differ in the last bit.
			name: "one perfect box",
			gts:  []GroundTruth{gtBox(xyxy(10, 10, 50, 50))},
			dts:  []Detection{dtBox(xyxy(10, 10, 50, 50))},
			want: [NumStats]float64{x, 0.9999999999999999, 0.9999999999999999, -1, x, -1, 1, 1, 1, -1, 1, -1},
		},
		{
			// QUIRKS.txt: with two, the envelope lifts 1/(1+eps) to
			// 2/(2+eps) == 1. Per area range (one medium 40x40, one small
			// 30x30) there is a single gt again, so x; the other
			// detection matches an ignored gt and is ignored.
			name: "two perfect boxes",
			gts:  []GroundTruth{gtBox(xyxy(10, 10, 50, 50)), gtBox(xyxy(60, 60, 90, 90))},
			dts:  []Detection{dtBox(xyxy(10, 10, 50, 50)), dtBox(xyxy(60, 60, 90, 90))},
			want: [NumStats]float64{1, 1, 1, x, x, -1, 0.5, 1, 1, 1, 1, -1},
		},
		{
			// QUIRKS.txt: x2 < x1 gives a negative area: the only gt is
			// ignored in every range, nothing is valid.
			name: "negative-area gt",
			gts:  []GroundTruth{gtBox(xyxy(50, 10, 10, 50))},
			dts:  []Detection{dtBox(xyxy(10, 10, 50, 50))},
			want: [NumStats]float64{-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1},
		},
		{
			// rc = [.5, .5], pr = [1/(1+eps), 1/(2+eps) = .5]: recall
			// thresholds 0..0.5 (51 of 101) read x, the rest 0.
			name: "hit then miss",
			gts:  gts2,
			dts:  []Detection{hit, miss},
			want: [NumStats]float64{0.5049504950495048, 0.5049504950495048, 0.5049504950495048, 0.5049504950495048, -1, -1, 0.5, 0.5, 0.5, 0.5, -1, -1},
		},
		{
			// rc = [0, .5], pr = [0, .5] lifted to [.5, .5]: 51 thresholds
			// read .5. With maxDets 1 only the miss counts: AR1 = 0.
			name: "miss then hit",
			gts:  gts2,
			dts:  []Detection{miss, hit},
			want: [NumStats]float64{0.2524752475247525, 0.2524752475247525, 0.2524752475247525, 0.2524752475247525, -1, -1, 0, 0.5, 0.5, 0.5, -1, -1},
		},
		{
			// The hit is the 100th detection: precision 1/(100+eps) at
			// recall 1; AR1 and AR10 see only misses.
			name: "hit at rank 100",
			gts:  []GroundTruth{gtBox(Box{0, 0, 10, 10})},
			dts:  append(misses(99), hit),
			want: [NumStats]float64{0.010000000000000002, 0.009999999999999998, 0.009999999999999998, 0.010000000000000002, -1, -1, 0, 0, 1, 1, -1, -1},
		},
		{
			// The hit is the 101st: truncated away before matching.
			name: "hit at rank 101",
			gts:  []GroundTruth{gtBox(Box{0, 0, 10, 10})},
			dts:  append(misses(100), hit),
			want: [NumStats]float64{0, 0, 0, 0, -1, -1, 0, 0, 0, 0, -1, -1},
		},
		{
			name: "ground truth only",
			gts:  []GroundTruth{gtBox(Box{0, 0, 10, 10})},
			want: [NumStats]float64{0, 0, 0, 0, -1, -1, 0, 0, 0, 0, -1, -1},
		},
		{
			name: "detections only",
			dts:  []Detection{hit},
			want: [NumStats]float64{-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1},
		},
		{
			name: "nothing",
			want: [NumStats]float64{-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1},
		},
		{
			// The detection has IoU 100/120 with the regular gt and 1 with
			// the crowd gt. Up to IoU .8 it keeps the regular match (the
			// ignored crowd gt comes after it: break); from .85 on it
			// matches the crowd gt and is ignored. AR = 7/10.
			name: "regular match before crowd",
			gts: []GroundTruth{
				gtBox(Box{0, 0, 10, 12}),
				{Box: Box{0, 0, 10, 10}, Area: 100, Crowd: true},
			},
			dts:  []Detection{hit},
			want: [NumStats]float64{0.6999999999999998, 0.9999999999999999, 0.9999999999999999, 0.6999999999999998, -1, -1, 0.7, 0.7, 0.7, 0.7, -1, -1},
		},
	} {
		got := Evaluate(c.gts, c.dts)
		for i := range got.Stats {
			if !sameFloat(got.Stats[i], c.want[i]) {
				t.Errorf("%s: stats[%d] = %v, want %v", c.name, i, got.Stats[i], c.want[i])
			}
		}
	}
}

// TestOdLengthQuirk pins QUIRKS.txt's odLength case: two copies of the one
// gt box; the second is a false positive that does not lower the
// interpolated precision, and the caller's length factor 1/2 gives
// 0.4999999999999999.
func TestOdLengthQuirk(t *testing.T) {
	b := xyxy(10, 10, 50, 50)
	res := Evaluate([]GroundTruth{gtBox(b)}, []Detection{dtBox(b), dtBox(b)})
	if got := res.Stats[StatAP] * (1.0 / 2.0); got != 0.4999999999999999 {
		t.Errorf("odLength = %v, want 0.4999999999999999", got)
	}
}

func TestMatching(t *testing.T) {
	sq := Box{0, 0, 10, 10}
	for _, c := range []struct {
		name     string
		gts      []GroundTruth
		dts      []Detection
		match    [numIoU][]int // nil: the same as match[0] at every threshold
		dtIgnore []bool        // at every threshold
		gtOrder  []int
	}{
		{
			// Equal IoU: `ious < iou` is false on a tie, so the later gt
			// wins; the second detection takes the one left.
			name:     "tie goes to the later gt",
			gts:      []GroundTruth{gtBox(sq), gtBox(sq)},
			dts:      []Detection{dtBox(sq), dtBox(sq)},
			match:    [numIoU][]int{{1, 0}},
			dtIgnore: []bool{false, false},
			gtOrder:  []int{0, 1},
		},
		{
			name:     "a regular gt is matched once",
			gts:      []GroundTruth{gtBox(sq)},
			dts:      []Detection{dtBox(sq), dtBox(sq)},
			match:    [numIoU][]int{{0, -1}},
			dtIgnore: []bool{false, false},
			gtOrder:  []int{0},
		},
		{
			name:     "a crowd gt is matched again",
			gts:      []GroundTruth{{Box: Box{0, 0, 100, 100}, Area: 1e4, Crowd: true}},
			dts:      []Detection{dtBox(Box{0, 0, 50, 50}), dtBox(Box{50, 50, 50, 50})},
			match:    [numIoU][]int{{0, 0}},
			dtIgnore: []bool{true, true},
			gtOrder:  []int{0},
		},
		{
			// Ignored gts (negative area) sort last, stably.
			name:     "ignored gts last",
			gts:      []GroundTruth{{Box: sq, Area: -1}, gtBox(Box{100, 100, 10, 10}), gtBox(sq)},
			dts:      []Detection{dtBox(sq)},
			match:    [numIoU][]int{{2}},
			dtIgnore: []bool{false},
			gtOrder:  []int{1, 2, 0},
		},
		{
			// Scores order the detections (stable on ties), not the input.
			name: "score order",
			gts:  []GroundTruth{gtBox(sq)},
			dts: []Detection{
				{Box: sq, Score: 0.5},
				{Box: sq, Score: 0.9},
				{Box: sq, Score: math.NaN()},
				{Box: sq, Score: 0.9},
			},
			match:    [numIoU][]int{{0, -1, -1, -1}},
			dtIgnore: []bool{false, false, false, false},
			gtOrder:  []int{0},
		},
	} {
		var e Evaluator
		_, d := e.Explain(c.gts, c.dts)
		if len(d.Categories) != 1 || len(d.Categories[0].Images) != 1 {
			t.Fatalf("%s: detail has %d categories", c.name, len(d.Categories))
		}
		img := d.Categories[0].Images[0]
		if !equalInts(img.GT, c.gtOrder) {
			t.Errorf("%s: gt order %v, want %v", c.name, img.GT, c.gtOrder)
		}
		for ti := range numIoU {
			want := c.match[ti]
			if want == nil {
				want = c.match[0]
			}
			if !equalInts(img.Match[ti], want) {
				t.Errorf("%s: matches at IoU %v = %v, want %v", c.name, iouThresholds[ti], img.Match[ti], want)
			}
			for di, ign := range img.DTIgnore[ti] {
				if ign != c.dtIgnore[di] {
					t.Errorf("%s: dt %d ignored = %v at IoU %v", c.name, di, ign, iouThresholds[ti])
				}
			}
		}
	}
}

func TestExplainScoreOrder(t *testing.T) {
	sq := Box{0, 0, 10, 10}
	var e Evaluator
	_, d := e.Explain([]GroundTruth{gtBox(sq)}, []Detection{
		{Box: sq, Score: 0.5}, {Box: sq, Score: 0.9}, {Box: sq, Score: math.NaN()}, {Box: sq, Score: 0.9},
	})
	if got, want := d.Categories[0].Images[0].DT, []int{1, 3, 0, 2}; !equalInts(got, want) {
		t.Errorf("detection order %v, want %v", got, want)
	}
}

func TestExplainCategories(t *testing.T) {
	gts := []GroundTruth{
		{ImageID: 1, CategoryID: 7, Box: Box{0, 0, 10, 10}, Area: 100},
		{ImageID: 0, CategoryID: 7, Box: Box{0, 0, 10, 10}, Area: 100},
		{ImageID: 0, CategoryID: 3, Box: Box{0, 0, 10, 10}, Area: 100},
	}
	dts := []Detection{
		{ImageID: 1, CategoryID: 7, Box: Box{0, 0, 10, 10}, Score: 1},
		{ImageID: 0, CategoryID: 9, Box: Box{0, 0, 10, 10}, Score: 1}, // no such gt category: dropped
	}
	var e Evaluator
	res, d := e.Explain(gts, dts)
	if res != Evaluate(gts, dts) {
		t.Error("Explain and Evaluate disagree")
	}
	if len(d.Categories) != 2 || d.Categories[0].CategoryID != 3 || d.Categories[1].CategoryID != 7 {
		t.Fatalf("categories %+v", d.Categories)
	}
	c3, c7 := d.Categories[0], d.Categories[1]
	if c3.NumGT != 1 || c3.Precision[0] != 0 || c3.Recall[0] != 0 {
		t.Errorf("category 3: %+v", c3)
	}
	// Category 7: one of two gts found with precision 1/(1+eps) up to
	// recall .5, i.e. 51 of 101 recall thresholds.
	if c7.NumGT != 2 || c7.Recall[0] != 0.5 || c7.Precision[0] != 0.5049504950495048 {
		t.Errorf("category 7: %d gts, recall %v, AP50 %v", c7.NumGT, c7.Recall[0], c7.Precision[0])
	}
	if len(c7.Images) != 2 || c7.Images[0].ImageID != 0 || c7.Images[1].ImageID != 1 {
		t.Fatalf("category 7 images %+v", c7.Images)
	}
	if got := c7.Images[1].IoU; len(got) != 1 || got[0][0] != 1 {
		t.Errorf("IoU matrix %v", got)
	}
	if c7.Images[0].IoU != nil || len(c7.Images[0].DT) != 0 {
		t.Errorf("image without detections: %+v", c7.Images[0])
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
