package suites

import (
	"strings"
	"testing"

	"github.com/grpo-score/grpo-score/scoring"
)

func TestNames(t *testing.T) {
	reg := NewRegistry(scoring.DefaultOptions())
	s := &scoring.Sample{Completion: "<think>a</think><answer>2</answer>", Solution: "<answer> 2 </answer>"}
	tests := []struct {
		name    string
		want    float64
		wantErr string
	}{
		{"accuracy", 1, ""},
		{"vlm-r1:accuracy", 1, ""},
		{"format", 1, ""},
		{"vlm-r1:format", 1, ""},
		{"nope", 0, `unknown reward "nope" (known: accuracy, format,`},
		{"vlm-r1:nope", 0, `unknown reward "vlm-r1:nope" (known: accuracy,`},
		{"nosuite:accuracy", 0, `unknown reward suite "nosuite" in "nosuite:accuracy" (known: vlm-r1`},
	}
	for _, tt := range tests {
		r, err := reg.Build(tt.name)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: error %v, want %q", tt.name, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got, err := r.Score(s, nil); err != nil || got != tt.want {
			t.Errorf("%s: %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
}

func TestMethodOf(t *testing.T) {
	reg := NewRegistry(scoring.DefaultOptions())
	s := &scoring.Sample{Method: "unknown_method"}
	for _, name := range []string{"accuracy", "vlm-r1:accuracy"} {
		f := reg.MethodOf(name)
		if f == nil || f(s) != "default" {
			t.Errorf("%s: MethodOf does not fall back to default", name)
		}
	}
	if reg.MethodOf("format") != nil || reg.MethodOf("x:accuracy") != nil {
		t.Error("MethodOf classifies a reward without methods")
	}
}

func TestEverySuiteListsBuildableRewards(t *testing.T) {
	o := scoring.DefaultOptions()
	o.TRLCosine.MaxLen = 100 // TRL has no default
	reg := NewRegistry(o)
	seen := map[string]bool{}
	for _, s := range reg.Suites() {
		if seen[s.Name] || strings.Contains(s.Name, ":") {
			t.Errorf("suite name %q repeated or has a colon", s.Name)
		}
		seen[s.Name] = true
		for _, ri := range s.Rewards {
			_, err := reg.Build(s.Name + ":" + ri.Name)
			if ri.New == nil {
				if err == nil || ri.Unavailable == "" {
					t.Errorf("%s:%s: listed as unavailable without a reason, or builds", s.Name, ri.Name)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s:%s: %v", s.Name, ri.Name, err)
			}
		}
	}
}
