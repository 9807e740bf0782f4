package pipeline

import (
	"encoding/json"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/grpo-score/grpo-score/jsonlio"
)

// FuzzSample: the completion comes out as the JSON string held it, the
// same from a plain string and from a chat list; wrapping the solution is
// idempotent (a line whose solution is the wrapped one gives it back); any
// line gives the same sample twice.
func FuzzSample(f *testing.F) {
	f.Add("<think>a</think><answer>b</answer>", " <answer> 3 </answer> ", []byte(`{"completion": "x", "solution": 3.0}`))
	f.Add("", "", []byte(`{"completion": [{"content": "y"}], "conversations": [{}, {"value": true}]}`))
	f.Add("\u2028", "<answer><answer>", []byte(`{"completion": 5}`))
	fields := DefaultFields()
	f.Fuzz(func(t *testing.T, completion, solution string, line []byte) {
		if obj, err := jsonlio.ParseObject(line); err == nil {
			a, aerr := fields.Sample(obj, nil)
			b, berr := fields.Sample(obj, nil)
			if (aerr == nil) != (berr == nil) || !reflect.DeepEqual(a, b) && a.SolutionErr == nil {
				t.Fatalf("%q: two different samples", line)
			}
		}
		if !utf8.ValidString(completion) || !utf8.ValidString(solution) {
			return
		}
		sample := func(v map[string]any) (string, string) {
			raw, _ := json.Marshal(v)
			obj, err := jsonlio.ParseObject(raw)
			if err != nil {
				t.Fatalf("%s: %v", raw, err)
			}
			s, err := fields.Sample(obj, nil)
			if err != nil || s.SolutionErr != nil {
				t.Fatalf("%s: %v, %v", raw, err, s.SolutionErr)
			}
			return s.Completion, s.Solution
		}
		c1, sol1 := sample(map[string]any{"completion": completion, "solution": solution})
		c2, sol2 := sample(map[string]any{"completion": []any{map[string]any{"role": "assistant", "content": completion}}, "solution": solution})
		if c1 != completion || c2 != completion || sol1 != sol2 {
			t.Fatalf("completion %q: %q from a string, %q from a chat list", completion, c1, c2)
		}
		if _, again := sample(map[string]any{"completion": completion, "solution": sol1}); again != sol1 {
			t.Fatalf("solution %q wraps to %q, which wraps again to %q", solution, sol1, again)
		}
	})
}
