package verl

import (
	"errors"
	"testing"

	"github.com/grpo-score/grpo-score/internal/jsonltest"
	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/mathruler"
)

// TestGeo3kVectors checks geo3k's compute_score, acc_reward and
// format_reward against verl's own functions on the responses of
// ../mathruler/testdata/vectors.jsonl (gen_vectors.py runs geo3k.py at the
// verl commit of this package's vectors, with mathruler at its own commit).
func TestGeo3kVectors(t *testing.T) {
	type vector struct {
		Kind     string  `json:"kind"`
		Solution string  `json:"solution"`
		GT       string  `json:"gt"`
		Format   float64 `json:"format"`
		Acc      float64 `json:"acc"`
		Score    float64 `json:"score"`
	}
	n, match, undecided := 0, 0, 0
	for _, v := range jsonltest.Read[vector](t, "../mathruler/testdata/vectors.jsonl") {
		if v.Kind != "score" {
			continue
		}
		n++
		if _, err := mathruler.GradeAnswer(mathruler.ExtractBoxedContent(v.Solution), v.GT); errors.Is(err, mathruler.ErrUndecided) {
			// The grader's own vectors list these (testdata/README.md there);
			// the reward reports them as an input error.
			s := &scoring.Sample{Completion: v.Solution, Answer: v.GT}
			var ie *scoring.InputError
			if _, err := geo3k(s, &scoring.Trace{}); !errors.As(err, &ie) {
				t.Errorf("geo3k(%q, %q): %v, want an input error", v.Solution, v.GT, err)
			}
			undecided++
			continue
		}
		for _, c := range []struct {
			name string
			fn   scoring.RewardFunc
			want float64
		}{{"score", geo3k, v.Score}, {"acc", geo3kAcc, v.Acc}, {"format", geo3kFormatReward, v.Format}} {
			s := &scoring.Sample{Completion: v.Solution, Answer: v.GT, DataSource: "hiyouga/geometry3k"}
			got, err := c.fn(s, &scoring.Trace{})
			if err != nil || got != c.want {
				t.Errorf("geo3k %s(%q, %q) = %v, %v; verl %v", c.name, v.Solution, v.GT, got, err, c.want)
			}
		}
		s := &scoring.Sample{Completion: v.Solution, Answer: v.GT, DataSource: "hiyouga/geometry3k"}
		if got, err := score(s, &scoring.Trace{}); err == nil && got == v.Score {
			match++
		} else {
			t.Errorf("default_compute_score(hiyouga/geometry3k, %q, %q) = %v, %v; verl %v", v.Solution, v.GT, got, err, v.Score)
		}
	}
	t.Logf("geo3k compute_score/acc_reward/format_reward: %d/%d match (default_compute_score dispatch too), %d undecided (input errors)", match, n, undecided)
	if n < 500 || undecided > 1 {
		t.Errorf("only %d geo3k vectors", n)
	}
}

// TestGeo3kGroundTruthNotStr: normalize_answer(None) is None, so a null
// ground truth grades False; other JSON values raise in answer.strip().
// geo3k.compute_score(r"<think>x</think> \boxed{7}", gt) in Python: None →
// 0.1; 7, 7.5, True, [1, 2] → AttributeError.
func TestGeo3kGroundTruthNotStr(t *testing.T) {
	sol := `<think>x</think> \boxed{7}`
	s := &scoring.Sample{Completion: sol, AnswerNotStr: true, AnswerJSON: []byte("null")}
	if got, err := geo3k(s, &scoring.Trace{}); err != nil || got != 0.1 {
		t.Errorf("null ground truth: %v, %v; want 0.1 (format only)", got, err)
	}
	for _, gt := range []string{"7", "7.5", "true", "[1, 2]"} {
		s = &scoring.Sample{Completion: sol, AnswerNotStr: true, AnswerJSON: []byte(gt)}
		if _, err := geo3k(s, &scoring.Trace{}); err == nil {
			t.Errorf("ground truth %s: no error, want AttributeError", gt)
		} else if pe, ok := err.(*scoring.PyError); !ok || pe.Type != "AttributeError" {
			t.Errorf("ground truth %s: %v, want AttributeError", gt, err)
		}
	}
}

// TestGeo3kFormatNeedsNoSolution: format_reward(predict_str) reads no
// ground truth, so a line without one is still scored (as vlm-r1:format).
func TestGeo3kFormatNeedsNoSolution(t *testing.T) {
	s := &scoring.Sample{Completion: `<think>x</think> \boxed{7}`, SolutionErr: &scoring.InputError{Msg: `missing field "gts"`}}
	if got, err := geo3kFormatReward(s, &scoring.Trace{}); err != nil || got != 1 {
		t.Errorf("geo3k_format without a ground truth: %v, %v; want 1", got, err)
	}
	if _, err := geo3k(s, &scoring.Trace{}); err == nil {
		t.Errorf("geo3k without a ground truth: no error, want the missing field")
	}
}
