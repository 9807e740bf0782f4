package vlmr1

import (
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"testing"

	"github.com/grpo-score/grpo-score/internal/jsonltest"

	"github.com/grpo-score/grpo-score/scoring/py"

	"github.com/grpo-score/grpo-score/scoring"
)

// goldenLine joins a rollout with the rewards the Python reference computed.
type goldenLine struct {
	ID         string
	Method     string
	Task       string
	Answer     json.RawMessage
	Solution   string
	Completion string
	REC        *scoring.RECInfo
	Rewards    map[string]json.RawMessage
	TokenCount int
}

func loadGolden(t testing.TB) []goldenLine {
	t.Helper()
	type rollout struct {
		ID          string          `json:"id"`
		Method      string          `json:"accu_reward_method"`
		Task        string          `json:"task"`
		Answer      json.RawMessage `json:"answer"`
		Solution    string          `json:"solution"`
		Completion  string          `json:"completion"`
		ImageWidth  *float64        `json:"image_width"`
		ImageHeight *float64        `json:"image_height"`
		Grid        []float64       `json:"image_grid_thw"`
	}
	type golden struct {
		ID         string                     `json:"id"`
		Rewards    map[string]json.RawMessage `json:"rewards"`
		TokenCount int                        `json:"token_count"`
	}
	rs := jsonltest.Read[rollout](t, "../../testdata/golden/rollouts.jsonl")
	gs := jsonltest.Read[golden](t, "../../testdata/golden/golden.jsonl")
	if len(rs) != len(gs) || len(rs) == 0 {
		t.Fatalf("golden files disagree: %d rollouts, %d golden lines", len(rs), len(gs))
	}
	out := make([]goldenLine, len(rs))
	for i, r := range rs {
		if gs[i].ID != r.ID {
			t.Fatalf("line %d: rollout %s vs golden %s", i+1, r.ID, gs[i].ID)
		}
		gl := goldenLine{ID: r.ID, Method: r.Method, Task: r.Task, Answer: r.Answer, Solution: r.Solution,
			Completion: r.Completion, Rewards: gs[i].Rewards, TokenCount: gs[i].TokenCount}
		if r.ImageWidth != nil && r.ImageHeight != nil && len(r.Grid) == 3 {
			gl.REC = &scoring.RECInfo{ImageWidth: *r.ImageWidth, ImageHeight: *r.ImageHeight, GridTHW: [3]float64{r.Grid[0], r.Grid[1], r.Grid[2]}}
		}
		out[i] = gl
	}
	return out
}

// goldenValue decodes a golden reward: a number, or {"error": ...}.
func goldenValue(raw json.RawMessage) (v float64, isErr bool, ok bool) {
	if len(raw) == 0 {
		return 0, false, false
	}
	if raw[0] == '{' {
		return 0, true, true
	}
	f, err := strconv.ParseFloat(string(raw), 64)
	return f, false, err == nil
}

// sameFloat compares as float64, with -0.0 equal to 0.0 (as the issue asks).
func sameFloat(a, b float64) bool {
	return a == b || (math.IsNaN(a) && math.IsNaN(b))
}

// TestGoldenSolutionTransform checks the trainer's preprocessing of the
// dataset answer against the solution recorded beside it.
func TestGoldenSolutionTransform(t *testing.T) {
	for _, g := range loadGolden(t) {
		var got string
		var s string
		if err := json.Unmarshal(g.Answer, &s); err == nil {
			got = scoring.WrapSolution(s)
		} else {
			var f float64
			switch string(g.Answer) {
			case "true":
				got = scoring.WrapNonString("True")
			case "false":
				got = scoring.WrapNonString("False")
			default:
				if err := json.Unmarshal(g.Answer, &f); err != nil {
					t.Fatalf("%s: answer %s", g.ID, g.Answer)
				}
				text := string(g.Answer)
				if _, err := strconv.Atoi(text); err == nil {
					got = scoring.WrapNonString(text)
				} else {
					got = scoring.WrapNonString(py.FormatFloat(f))
				}
			}
		}
		if got != g.Solution {
			t.Errorf("%s: solution %q, want %q", g.ID, got, g.Solution)
		}
	}
}

// TestGoldenParity scores every golden line with every implemented reward
// and accuracy method and demands bit-equal values and errors where the
// reference raised. It reports per reward/method how many lines matched.
func TestGoldenParity(t *testing.T) {
	lines := loadGolden(t)
	plain := scoring.NewRegistry(scoring.DefaultOptions(), Suite)
	recOpts := scoring.DefaultOptions()
	recOpts.TaskType = "rec"
	rec := scoring.NewRegistry(recOpts, Suite)

	// A golden line whose reward or method cannot be built is a failure:
	// parity that checks nothing must not pass.
	type tally struct {
		match, total, unbuilt int
		why                   string
	}
	tallies := map[string]*tally{}
	count := func(key string) *tally {
		if tallies[key] == nil {
			tallies[key] = &tally{}
		}
		return tallies[key]
	}
	implemented := map[string]bool{}
	for _, m := range plain.Suites()[0].Methods {
		implemented[m.Name] = m.Implemented
	}
	check := func(key string, reg *scoring.Registry, name string, s *scoring.Sample, raw json.RawMessage, id string) {
		want, wantErr, ok := goldenValue(raw)
		if !ok {
			return
		}
		tl := count(key)
		r, err := reg.Build(name)
		if err != nil {
			tl.unbuilt++
			tl.why = err.Error()
			return
		}
		tl.total++
		got, gotErr := r.Score(s, nil)
		switch {
		case wantErr && gotErr != nil:
			tl.match++
		case wantErr:
			t.Errorf("%s %s: got %v, want the reference's error %s", id, key, got, raw)
		case gotErr != nil:
			t.Errorf("%s %s: error %v, want %v", id, key, gotErr, want)
		case !sameFloat(got, want) && key == "length" && !py.LibmCos && math.Nextafter(got, want) == want:
			// Without cgo, cos is correctly rounded rather than glibc's.
			t.Logf("%s %s: got %s, want %s (cos without the C library)", id, key, py.FormatFloat(got), py.FormatFloat(want))
			tl.match++
		case !sameFloat(got, want):
			t.Errorf("%s %s: got %s, want %s", id, key, py.FormatFloat(got), py.FormatFloat(want))
		default:
			tl.match++
		}
	}
	byMethod := map[string]*scoring.Registry{}
	for _, g := range lines {
		s := &scoring.Sample{Completion: g.Completion, Solution: g.Solution, Method: g.Method, REC: g.REC}
		if implemented[g.Method] {
			reg := byMethod[g.Method]
			if reg == nil {
				o := scoring.DefaultOptions()
				o.Method = g.Method
				reg = scoring.NewRegistry(o, Suite)
				byMethod[g.Method] = reg
			}
			check("accuracy/"+g.Method, reg, "accuracy", s, g.Rewards["accuracy"], g.ID)
		} else {
			tl := count("accuracy/" + g.Method)
			tl.unbuilt++
			tl.why = "the method is not implemented"
		}
		for _, name := range []string{"format", "length", "repetition"} {
			check(name, plain, name, s, g.Rewards[name], g.ID)
		}
		if g.Task == "rec" {
			check("rec_iou", rec, "accuracy", s, g.Rewards["rec_iou"], g.ID)
			check("rec_format", rec, "format", s, g.Rewards["rec_format"], g.ID)
		}
	}
	keys := make([]string, 0, len(tallies))
	for k := range tallies {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		tl := tallies[k]
		if tl.unbuilt > 0 {
			t.Errorf("%s: %d golden lines not checked: %s", k, tl.unbuilt, tl.why)
		}
		t.Logf("%-22s %4d/%4d match", k, tl.match, tl.total)
	}
}
