package vlmr1

import (
	"math"
	"testing"

	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/coco"
)

// TestCOCOEvaluationShared scores every golden line with odLength, od_ap,
// od_ap50 and map on one Sample, in two orders, and expects each value and
// error to equal the method's alone (bits, signs and messages), with one
// COCO evaluation for the three od methods together: as many as od_ap
// alone needs.
func TestCOCOEvaluationShared(t *testing.T) {
	calls := 0
	counting := func() *mapScorer {
		m := newMapScorer()
		ev := new(coco.Evaluator)
		m.evaluate = func(gts []coco.GroundTruth, dts []coco.Detection) coco.Result {
			calls++
			return ev.Evaluate(gts, dts)
		}
		return m
	}
	type method struct {
		name  string
		alone accuracyMethod
		on    sampleMethod
	}
	od := []method{
		{"odLength", odLengthMethod(), counting().odSample(true, coco.StatAP)},
		{"od_ap", odMethod(0), counting().odSample(false, coco.StatAP)},
		{"od_ap50", odMethod(1), counting().odSample(false, coco.StatAP50)},
	}
	whole := method{"map", mapMethod(), counting().mapSample()}
	same := func(a, b error) bool { return (a == nil) == (b == nil) && (a == nil || a.Error() == b.Error()) }
	evaluated, lines := 0, 0
	for _, l := range loadGolden(t) {
		// Evaluations each needs on a fresh Sample.
		calls = 0
		od[1].on(&scoring.Sample{Completion: l.Completion, Solution: l.Solution}, nil)
		odAlone := calls
		calls = 0
		whole.on(&scoring.Sample{Completion: l.Completion, Solution: l.Solution}, nil)
		mapAlone := calls
		evaluated += odAlone
		lines++
		for _, order := range [][]int{{0, 1, 2}, {2, 1, 0}} {
			s := &scoring.Sample{Completion: l.Completion, Solution: l.Solution}
			calls = 0
			for _, i := range order {
				m := od[i]
				want, wantErr := m.alone(l.Completion, l.Solution, nil)
				got, err := m.on(s, nil)
				if !same(err, wantErr) || !sameFloat(got, want) || math.Signbit(got) != math.Signbit(want) {
					t.Errorf("%s %s on a shared Sample: %v, %v; alone %v, %v", l.ID, m.name, got, err, want, wantErr)
				}
			}
			if calls != odAlone {
				t.Errorf("%s: %d COCO evaluations for the three od methods, want %d (od_ap alone)", l.ID, calls, odAlone)
			}
			calls = 0
			want, wantErr := whole.alone(l.Completion, l.Solution, nil)
			if got, err := whole.on(s, nil); !same(err, wantErr) || !sameFloat(got, want) || math.Signbit(got) != math.Signbit(want) {
				t.Errorf("%s map on a shared Sample: %v, %v; alone %v, %v", l.ID, got, err, want, wantErr)
			}
			if calls != mapAlone {
				t.Errorf("%s: map ran %d COCO evaluations, want %d", l.ID, calls, mapAlone)
			}
		}
	}
	if evaluated == 0 {
		t.Fatalf("no golden line among %d reaches COCOeval", lines)
	}
	t.Logf("%d lines, %d reach COCOeval through od_ap", lines, evaluated)
}
