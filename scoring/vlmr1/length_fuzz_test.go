package vlmr1

import (
	"math"
	"testing"
	"unicode/utf8"

	"github.com/grpo-score/grpo-score/scoring"
)

// FuzzLength: the length reward is the cosine of the token count, on the
// reference's "correct" curve, so always within [0.5, 1.0]; it agrees with
// the same schedule computed with Go's own cos to within an ulp or two
// (CPython takes cos from libm); a non-empty completion has at least one
// token and at most one per byte of its NFC form; two runs agree, and so does the
// trace of explain.
func FuzzLength(f *testing.F) {
	for _, s := range []string{"", "a", "<think>x</think><answer>none</answer>", "   \n\t", "日本語のテキスト", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"} {
		f.Add(s, false)
	}
	o := scoring.DefaultOptions()
	r, err := newCosineLength(&o)
	if err != nil {
		f.Fatal(err)
	}
	c := r.(*cosineLength)
	f.Fuzz(func(t *testing.T, completion string, asNone bool) {
		if !utf8.ValidString(completion) {
			return // a JSON string cannot hold it
		}
		sol := scoring.WrapSolution("none")
		if !asNone {
			sol = scoring.WrapSolution(`[{"bbox_2d": [1, 2, 30, 40], "label": "cat"}]`)
		}
		score := func(tr *scoring.Trace) (float64, error) {
			return c.Score(&scoring.Sample{Completion: completion, Solution: sol}, tr)
		}
		v, err := score(nil)
		tr := &scoring.Trace{}
		v2, err2 := score(tr)
		if (err == nil) != (err2 == nil) || math.Float64bits(v) != math.Float64bits(v2) {
			t.Fatalf("%q: %v, %v then %v, %v", completion, v, err, v2, err2)
		}
		if err != nil {
			return
		}
		n := c.tok.Count(completion)
		// NFC (which Qwen2's tokenizer applies) grows a text at most
		// threefold: U+0344 becomes U+0308 U+0301, 2 bytes then 4.
		if (len(completion) == 0) != (n == 0) || n > 3*len(completion) {
			t.Fatalf("%q: %d tokens for %d bytes", completion, n, len(completion))
		}
		if v < 0.5 || v > 1.0 {
			t.Fatalf("%q: %v outside [0.5, 1.0]", completion, v)
		}
		p := o.Cosine
		slow := p.MinLenValueCorrect - (p.MinLenValueCorrect-p.MaxLenValueCorrect)*(1-math.Cos(float64(n)*math.Pi/p.MaxLen))/2
		if math.Abs(slow-v) > 4e-16 {
			t.Fatalf("%q: %d tokens: %v, the schedule with Go's cos gives %v", completion, n, v, slow)
		}
		found := false
		for _, st := range tr.Steps {
			if st.Name == "token count" {
				found = st.Value == n
			}
		}
		if !found {
			t.Fatalf("%q: the trace does not show the token count %d: %v", completion, n, tr.Steps)
		}
	})
}
