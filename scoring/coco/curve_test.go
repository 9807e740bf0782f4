package coco

import (
	"math"
	"math/rand/v2"
	"testing"
)

// precisionCurveReference is the threshold-by-threshold searchsorted loop
// precisionCurve replaced with a run fill.
func precisionCurveReference(recs []dtRecord, t int, npig float64, q []float64, stride int) {
	nd := len(recs)
	rc, pr := make([]float64, nd), make([]float64, nd)
	tp, fp := 0.0, 0.0
	for i, r := range recs {
		tp += float64(r.tp >> t & 1)
		fp += float64(r.fp >> t & 1)
		rc[i] = tp / npig
		pr[i] = tp / (fp + tp + eps)
	}
	for i := nd - 1; i > 0; i-- {
		if pr[i] > pr[i-1] {
			pr[i-1] = pr[i]
		}
	}
	i := 0
	for ri, thr := range recallThresholds {
		for i < nd && rc[i] < thr {
			i++
		}
		if i >= nd {
			for ; ri < numRecall; ri++ {
				q[ri*stride] = 0
			}
			return
		}
		q[ri*stride] = pr[i]
	}
}

func TestThresholdsUpTo(t *testing.T) {
	xs := []float64{math.NaN(), math.Inf(-1), -1, math.Copysign(0, -1), 0, 1, 1.5, math.Inf(1), 1.0 / 3, 2.0 / 3, 0.07, 0.29, 0.57, 0.58}
	for _, thr := range recallThresholds {
		xs = append(xs, thr, math.Nextafter(thr, -1), math.Nextafter(thr, 2), float64(int(thr*100))/100)
	}
	for n := 1; n <= 300; n++ {
		for k := 0; k <= n; k++ {
			xs = append(xs, float64(k)/float64(n))
		}
	}
	for _, x := range xs {
		want := 0
		for _, thr := range recallThresholds {
			if thr <= x {
				want++
			}
		}
		if got := thresholdsUpTo(x); got != want {
			t.Errorf("thresholdsUpTo(%v) = %d, want %d", x, got, want)
		}
	}
}

func TestPrecisionCurveMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var e Evaluator
	for trial := 0; trial < 20000; trial++ {
		recs := make([]dtRecord, rng.IntN(12))
		ntp := 0
		for i := range recs {
			recs[i].tp = uint16(rng.IntN(1 << numIoU))
			recs[i].fp = uint16(rng.IntN(1<<numIoU)) &^ recs[i].tp
			if recs[i].tp&1 != 0 {
				ntp++
			}
		}
		npig := float64(max(1, ntp+rng.IntN(4)))
		if trial%7 == 0 {
			npig = float64(1 + rng.IntN(300)) // any count, recall above 1 included
		}
		stride := 1 + rng.IntN(3)
		for th := range numIoU {
			got, want := make([]float64, numRecall*stride), make([]float64, numRecall*stride)
			e.precisionCurve(recs, th, npig, got, stride)
			precisionCurveReference(recs, th, npig, want, stride)
			for i := range got {
				if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
					t.Fatalf("recs %v, t %d, npig %v: q[%d] = %v, reference %v", recs, th, npig, i, got[i], want[i])
				}
			}
		}
	}
}

// TestShortcutsMatchReference runs the hand-written and vector inputs with
// and without the evaluator's shortcuts.
func TestShortcutsMatchReference(t *testing.T) {
	check := func(gts []GroundTruth, dts []Detection) {
		t.Helper()
		got := new(Evaluator).Evaluate(gts, dts)
		want := (&Evaluator{reference: true}).Evaluate(gts, dts)
		for i := range got.Stats {
			if math.Float64bits(got.Stats[i]) != math.Float64bits(want.Stats[i]) {
				t.Errorf("%+v / %+v: stats %v, reference %v", gts, dts, got.Stats, want.Stats)
				return
			}
		}
	}
	check(typicalLine())
	for _, v := range loadVectors(t) {
		check(v.inputs(t))
	}
}
