package openr1

import (
	"testing"

	"github.com/grpo-score/grpo-score/internal/jsonltest"
	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/py"
)

// testdata/openr1_math_vectors.jsonl holds completions scored by open-r1's
// accuracy_reward and cosine_scaled_reward with the real math_verify 0.8.0
// (see gen_openr1_math_vectors.py). A null accuracy is None: the gold does
// not parse. Math_verify-based rewards must agree on at least 99.5 %; the
// test lists every disagreement.
func TestMathVectors(t *testing.T) {
	type vector struct {
		Completion string   `json:"completion"`
		Solution   string   `json:"solution"`
		Accuracy   *float64 `json:"accuracy"`
		Cosine     float64  `json:"cosine"`
	}
	o := scoring.DefaultOptions()
	cos := cosine(o.OpenR1Cosine)
	var n, accOK, cosOK int
	for _, v := range jsonltest.Read[vector](t, "testdata/openr1_math_vectors.jsonl") {
		n++
		s := &scoring.Sample{Completion: v.Completion, Answer: v.Solution}
		got, err := accuracy(s, nil)
		_, isNone := err.(*scoring.NoneError)
		switch {
		case v.Accuracy == nil && isNone, v.Accuracy != nil && err == nil && got == *v.Accuracy:
			accOK++
		default:
			t.Logf("accuracy %q / %q: got %s, %v; want %v", v.Completion, v.Solution, py.FormatFloat(got), err, deref(v.Accuracy))
		}
		if got, err := cos(s, nil); err == nil && got == v.Cosine {
			cosOK++
		} else {
			t.Logf("cosine %q / %q: got %s, %v; want %s", v.Completion, v.Solution, py.FormatFloat(got), err, py.FormatFloat(v.Cosine))
		}
	}
	t.Logf("accuracy %d/%d match, cosine %d/%d match", accOK, n, cosOK, n)
	for name, ok := range map[string]int{"accuracy": accOK, "cosine": cosOK} {
		if n == 0 || float64(ok) < 0.995*float64(n) {
			t.Errorf("%s: %d/%d match, below 99.5 %%", name, ok, n)
		}
	}
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}
