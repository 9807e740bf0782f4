package vlmr1

import (
	"math"
	"testing"

	"github.com/grpo-score/grpo-score/scoring"
)

type fixedCount int

func (f fixedCount) Count(string) int { return int(f) }

func TestCosineReward(t *testing.T) {
	p := scoring.DefaultOptions().Cosine
	tests := []struct {
		n    int
		acc  float64
		want float64
	}{
		{0, 1, 1.0}, {1024, 1, 0.5}, {2048, 1, 1.0}, // periodic, not clamped
		{0, 0, -0.5}, {1024, 0, 0.0}, {512, 0.69, -0.25}, // the "wrong" curve rises from -0.5 to 0
	}
	for _, tt := range tests {
		got := cosineReward(tt.n, tt.acc, p)
		if math.Abs(got-tt.want) > 1e-15 {
			t.Errorf("cosineReward(%d, %v) = %v; want %v", tt.n, tt.acc, got, tt.want)
		}
	}
}

func TestLengthIgnoresAccuracyUnlessAsked(t *testing.T) {
	o := scoring.DefaultOptions()
	r := &cosineLength{tok: fixedCount(0), p: o.Cosine, det: o.Detection}
	s := &scoring.Sample{Completion: "<think>x</think><answer>wrong</answer>", Solution: "<answer> right </answer>"}
	if got, err := r.Score(s, nil); err != nil || got != 1.0 {
		t.Errorf("reference behaviour: %v, %v; want 1.0 (the correct curve)", got, err)
	}
	o.Cosine.UseAccuracy = true
	r = &cosineLength{tok: fixedCount(0), p: o.Cosine, det: o.Detection}
	// detection_score of a ground truth without boxes and a prediction
	// without boxes is 1.0, so use a solution of "none" to get 0.
	s = &scoring.Sample{Completion: s.Completion, Solution: "<answer> None </answer>"}
	if got, err := r.Score(s, nil); err != nil || got != -0.5 {
		t.Errorf("--cosine-use-accuracy: %v, %v; want -0.5 (the wrong curve)", got, err)
	}
}

func TestLengthRaisesWhereDetectionRaises(t *testing.T) {
	o := scoring.DefaultOptions()
	r := &cosineLength{tok: fixedCount(3), p: o.Cosine, det: o.Detection}
	s := &scoring.Sample{Completion: "<answer>x</answer>", Solution: "<answer> ```json\n[{'bbox_2d': [1,2,3,4], 'label': 'a'}]\n``` </answer>"}
	if _, err := r.Score(s, nil); err == nil {
		t.Error("malformed ground-truth JSON should raise JSONDecodeError")
	}
}
