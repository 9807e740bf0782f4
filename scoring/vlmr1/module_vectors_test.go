package vlmr1

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/grpo-score/grpo-score/internal/jsonltest"
	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/py"
)

// testdata/module_vectors.jsonl holds random adversarial inputs scored by the
// REC rewards of VLM-R1's GLM and InternVL modules, run unchanged (see
// gen_module_vectors.py). Values must agree bit for bit, exceptions by type
// and message. The rewards are built through the registry with
// --task-type rec and --model-family, as the CLI builds them.
func TestModuleVectors(t *testing.T) {
	type vector struct {
		Module     string          `json:"module"`
		Reward     string          `json:"reward"`
		Completion string          `json:"completion"`
		Solution   string          `json:"solution"`
		Value      json.RawMessage `json:"value"`
		Error      string          `json:"error"`
	}
	rewards := map[[2]string]scoring.Reward{}
	for _, family := range []string{"glm", "internvl"} {
		o := scoring.DefaultOptions()
		o.TaskType, o.ModelFamily = "rec", family
		reg := scoring.NewRegistry(o, Suite)
		for reward, name := range map[string]string{"iou": "accuracy", "format": "format"} {
			r, err := reg.Build(name)
			if err != nil {
				t.Fatalf("%s %s: %v", family, name, err)
			}
			rewards[[2]string{family, reward}] = r
		}
	}
	counts := map[string][2]int{}
	for _, v := range jsonltest.Read[vector](t, "testdata/module_vectors.jsonl") {
		key := v.Module + ":" + v.Reward
		c := counts[key]
		c[1]++
		got, err := rewards[[2]string{v.Module, v.Reward}].Score(&scoring.Sample{Completion: v.Completion, Solution: v.Solution}, nil)
		switch {
		case v.Error != "":
			if err == nil || err.Error() != v.Error {
				t.Errorf("%s %q / %q: got %v, %v; want error %s", key, v.Completion, v.Solution, got, err, v.Error)
			} else {
				c[0]++
			}
		case err != nil:
			t.Errorf("%s %q / %q: error %v, want %s", key, v.Completion, v.Solution, err, v.Value)
		default:
			want := math.NaN() // the generator writes NaN as "nan"
			if string(v.Value) != `"nan"` {
				if jerr := json.Unmarshal(v.Value, &want); jerr != nil {
					t.Fatalf("%s: value %s: %v", key, v.Value, jerr)
				}
			}
			if !sameFloat(got, want) {
				t.Errorf("%s %q / %q: got %s, want %s", key, v.Completion, v.Solution, py.FormatFloat(got), py.FormatFloat(want))
			} else {
				c[0]++
			}
		}
		counts[key] = c
	}
	for _, k := range []string{"glm:format", "glm:iou", "internvl:format", "internvl:iou"} {
		c := counts[k]
		if c[1] == 0 {
			t.Errorf("%s: no vectors", k)
		}
		t.Logf("%-16s %4d/%4d match", k, c[0], c[1])
	}
}
