package verl

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/grpo-score/grpo-score/internal/jsonltest"
	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/py"
)

// testdata/verl_vectors.jsonl holds inputs scored by verl's own functions
// (see gen_verl_vectors.py): gsm8k, math_reward, math_dapo and
// search_r1_like_qa_em's compute_score and default_compute_score. Values must agree bit for bit,
// math_dapo's acc and pred too; exceptions by type, and by message where the
// message is verl's own (NotImplementedError).
func TestVectors(t *testing.T) {
	type vector struct {
		Kind        string          `json:"kind"`
		DataSource  string          `json:"data_source"`
		Solution    string          `json:"solution_str"`
		GroundTruth json.RawMessage `json:"ground_truth"`
		Value       *float64        `json:"value"`
		Acc         *bool           `json:"acc"`
		Pred        *string         `json:"pred"`
		Error       string          `json:"error"`
	}
	rewards := map[string]scoring.RewardFunc{"gsm8k": gsm8k, "math": mathReward, "math_dapo": mathDAPO, "search_r1": searchR1, "score": score}
	counts := map[string][2]int{}
	for _, v := range jsonltest.Read[vector](t, "testdata/verl_vectors.jsonl") {
		s := &scoring.Sample{Completion: v.Solution, DataSource: v.DataSource}
		if err := json.Unmarshal(v.GroundTruth, &s.Answer); err != nil || v.GroundTruth[0] != '"' {
			s.Answer, s.AnswerNotStr, s.AnswerJSON = string(v.GroundTruth), true, v.GroundTruth
		}
		tr := &scoring.Trace{}
		got, err := rewards[v.Kind](s, tr)
		c := counts[v.Kind]
		c[1]++
		ok := false
		switch {
		case v.Error != "":
			wantType, _, _ := strings.Cut(v.Error, ":")
			var pe *scoring.PyError
			if pe, ok = err.(*scoring.PyError); ok {
				ok = pe.Type == wantType && (wantType != "NotImplementedError" || pe.Error() == v.Error)
			}
		case err == nil:
			ok = got == *v.Value
			if v.Kind == "math_dapo" {
				ok = ok && traced(tr, "acc") == *v.Acc && traced(tr, "pred") == *v.Pred
			}
		}
		if ok {
			c[0]++
		} else {
			t.Errorf("%s %q / %s (data_source %q): got %s, %v; want %v %s (acc %v, pred %v)", v.Kind, v.Solution, v.GroundTruth,
				v.DataSource, py.FormatFloat(got), err, deref(v.Value), v.Error, deref(v.Acc), deref(v.Pred))
		}
		counts[v.Kind] = c
	}
	for _, k := range []string{"gsm8k", "math", "math_dapo", "search_r1", "score"} {
		c := counts[k]
		if c[1] == 0 {
			t.Errorf("%s: no vectors", k)
		}
		t.Logf("%-10s %4d/%4d match", k, c[0], c[1])
	}
}

// traced is the value of the trace step called name.
func traced(tr *scoring.Trace, name string) any {
	for _, s := range tr.Steps {
		if s.Name == name {
			return s.Value
		}
	}
	return nil
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}
