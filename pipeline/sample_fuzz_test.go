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

// FuzzCheck: a run without rewards only checks its lines (Fields.check),
// and must find the same input errors as building the sample does, with
// any field layout (chat lists, token counts, conversations).
func FuzzCheck(f *testing.F) {
	for _, s := range []string{
		`{"completion": "x"}`, `{"completion": 5}`, `{"completion": []}`, `{"completion": [{}]}`,
		`{"completion": [{"content": 1}]}`, `{"completion": [{"content": "a\nb"}, 2]}`, `{"solution": "x"}`,
		`{"completion": "x", "n": -1}`, `{"completion": "x", "n": [1, 2]}`, `{"completion": "x", "n": 2.5}`,
		`{"completion": [{"content": null}], "n": "x"}`, `{"c": {"completion": "y"}}`,
	} {
		f.Add([]byte(s))
	}
	fields := DefaultFields()
	fields.TokenCount = jsonlio.Path{"n"}
	f.Fuzz(func(t *testing.T, line []byte) {
		obj, err := jsonlio.ParseObject(line)
		if err != nil {
			return
		}
		_, want := fields.Sample(obj, nil)
		if got := fields.check(obj); (got == nil) != (want == nil) || got != nil && got.Error() != want.Error() {
			t.Fatalf("%s: check says %v, Sample %v", line, got, want)
		}
	})
}
