package vlmr1

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/grpo-score/grpo-score/scoring"
)

// goldenCase is one reward (or accuracy method) checked against the golden
// values. Every line agrees, so any disagreement fails the test unless it is
// listed in knownDiffs.
type goldenCase struct {
	name   string // reward name in golden.jsonl
	method string // accuracy method, for reward "accuracy"
	task   string // only lines of this task, when set
	score  func(s *scoring.Sample) (float64, error)
	// knownDiffs lists ids (with the reason) where the port is known to
	// differ; empty when every line agrees.
	knownDiffs map[string]string
}

func TestGoldenDetection(t *testing.T) {
	lines := loadGolden(t)
	reg := scoring.NewRegistry(scoring.DefaultOptions(), Suite)
	build := func(name string) scoring.Reward {
		r, err := reg.Build(name)
		if err != nil {
			t.Fatalf("build %s: %v", name, err)
		}
		return r
	}
	opts := scoring.DefaultOptions()
	methods := methodSet(builtinMethods(&opts))
	var cases []goldenCase
	for _, m := range []string{"weighted_sum", "od_ap", "od_ap50", "map", "odLength"} {
		if methods[m].Fn == nil {
			t.Fatalf("method %s is not wired in suite.go", m)
		}
		fn := methods[m].Fn
		cases = append(cases, goldenCase{name: "accuracy", method: m, score: func(s *scoring.Sample) (float64, error) { return fn(s.Completion, s.Solution, nil) }})
	}
	for _, name := range []string{"repetition", "rec_iou"} {
		r := build(name)
		c := goldenCase{name: name, score: func(s *scoring.Sample) (float64, error) { return r.Score(s, nil) }}
		if name == "rec_iou" {
			c.task = "rec"
		}
		cases = append(cases, c)
	}
	for _, c := range cases {
		label := c.name
		if c.method != "" {
			label += "/" + c.method
		}
		total, agree, errs := 0, 0, 0
		for _, l := range lines {
			if (c.method != "" && l.Method != c.method) || (c.task != "" && l.Task != c.task) {
				continue
			}
			raw, ok := l.Rewards[c.name]
			if !ok {
				continue
			}
			want, wantErr, ok := goldenValue(raw)
			if !ok {
				t.Fatalf("%s %s: bad golden value %s", label, l.ID, raw)
			}
			total++
			s := scoring.Sample{Completion: l.Completion, Solution: l.Solution, Method: l.Method, REC: l.REC}
			got, err := c.score(&s)
			if wantErr {
				errs++
			}
			switch {
			case wantErr && err != nil:
				var e struct{ Error string }
				_ = json.Unmarshal(raw, &e)
				wantType, _, _ := strings.Cut(e.Error, ":")
				if pe, ok := err.(*scoring.PyError); !ok || pe.Type != wantType {
					t.Errorf("%s %s: error %v, golden %s", label, l.ID, err, e.Error)
					continue
				}
				agree++
			case wantErr:
				t.Errorf("%s %s: got %v, want error %s", label, l.ID, got, raw)
			case err != nil:
				t.Errorf("%s %s: error %v, want %v", label, l.ID, err, want)
			case sameFloat(got, want):
				agree++
			default:
				if reason, known := c.knownDiffs[l.ID]; known {
					t.Logf("%s %s: known difference (%s): got %v, want %v", label, l.ID, reason, got, want)
					continue
				}
				t.Errorf("%s %s: got %v, want %v", label, l.ID, got, want)
			}
		}
		t.Logf("%-22s %4d/%4d agree (%d recorded exceptions)", label, agree, total, errs)
		if total == 0 {
			t.Errorf("%s: no golden lines", label)
		}
	}
}

// TestDetectionConcurrent scores the mAP lines from several goroutines with
// one shared method value, as the pipeline does, and expects the sequential
// values (run with -race to check the evaluator pool).
func TestDetectionConcurrent(t *testing.T) {
	lines := loadGolden(t)
	m := odMethod(0)
	var samples []scoring.Sample
	var want []float64
	for _, l := range lines {
		if l.Method == "od_ap" {
			v, _ := m(l.Completion, l.Solution, nil)
			samples = append(samples, scoring.Sample{Completion: l.Completion, Solution: l.Solution})
			want = append(want, v)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := range samples {
				j := (i + g*37) % len(samples)
				if v, _ := m(samples[j].Completion, samples[j].Solution, nil); !sameFloat(v, want[j]) {
					errs <- fmt.Sprintf("line %d: %v, sequential %v", j, v, want[j])
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
