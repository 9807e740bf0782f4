package vlmr1

import (
	"testing"

	"github.com/grpo-score/grpo-score/scoring"
)

// BenchmarkRewards measures every reward and accuracy method on its golden
// lines, one goroutine, and reports lines/s: the per-method rates of
// `make bench`. The Python reference, one process on the same kind of
// machine, scored od_ap 373, od_ap50 326, odLength 364, map 283,
// weighted_sum 4,041, math 142 and default 890 lines/s.
func BenchmarkRewards(b *testing.B) {
	lines := loadGolden(b)
	type bench struct {
		name   string
		reward string
		task   string
		keep   func(l *goldenLine) bool
	}
	all := func(*goldenLine) bool { return true }
	var benches []bench
	for _, m := range []string{"default", "math", "mcq", "yes_no", "all_match", "weighted_sum", "od_ap", "od_ap50", "map", "odLength"} {
		method := m
		benches = append(benches, bench{"accuracy/" + m, "accuracy", "", func(l *goldenLine) bool { return l.Method == method }})
	}
	isREC := func(l *goldenLine) bool { return l.Task == "rec" }
	benches = append(benches,
		bench{"format", "format", "", all},
		bench{"length", "length", "", all},
		bench{"repetition", "repetition", "", all},
		bench{"rec_iou", "accuracy", "rec", isREC},
		bench{"rec_format", "format", "rec", isREC},
	)
	for _, bc := range benches {
		o := scoring.DefaultOptions()
		o.TaskType = bc.task
		r, err := scoring.NewRegistry(o, Suite).Build(bc.reward)
		if err != nil {
			b.Fatal(err)
		}
		var samples []scoring.Sample
		for i := range lines {
			if l := &lines[i]; bc.keep(l) {
				samples = append(samples, scoring.Sample{Completion: l.Completion, Solution: l.Solution, Method: l.Method, REC: l.REC})
			}
		}
		b.Run(bc.name, func(b *testing.B) {
			n := 0
			for b.Loop() {
				for i := range samples {
					// A fresh copy each time: a Sample keeps what its first
					// scoring computed (the memo), which would turn every
					// later iteration into a lookup.
					s := samples[i]
					_, _ = r.Score(&s, nil)
				}
				n += len(samples)
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "lines/s")
		})
	}
}
