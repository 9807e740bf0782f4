package vlmr1

import (
	"testing"

	"github.com/grpo-score/grpo-score/scoring"
)

// zeroTokens is a tokenCounter that costs nothing, to measure the length
// reward without its tokenizer.
type zeroTokens struct{}

func (zeroTokens) Count(string) int { return 0 }

// BenchmarkGlue measures the VLM-R1 glue on the golden lines with a fresh
// Sample per line and op (no memo carried over from the previous op, as in
// a run): length without its tokenizer, repetition, format, accuracy, and
// the four on one Sample as the pipeline calls them.
func BenchmarkGlue(b *testing.B) {
	lines := loadGolden(b)
	o := scoring.DefaultOptions()
	reg := scoring.NewRegistry(o, Suite)
	build := func(name string) scoring.Reward {
		r, err := reg.Build(name)
		if err != nil {
			b.Fatal(err)
		}
		return r
	}
	length := &cosineLength{tok: zeroTokens{}, p: o.Cosine, det: o.Detection}
	acc, format, rep := build("accuracy"), build("format"), build("repetition")
	var samples []scoring.Sample
	for i := range lines {
		l := &lines[i]
		if l.Task == "" {
			samples = append(samples, scoring.Sample{Completion: l.Completion, Solution: l.Solution, Method: l.Method})
		}
	}
	for _, bc := range []struct {
		name    string
		rewards []scoring.Reward
	}{
		{"length-notok", []scoring.Reward{length}},
		{"repetition", []scoring.Reward{rep}},
		{"format", []scoring.Reward{format}},
		{"accuracy", []scoring.Reward{acc}},
		{"all4-notok", []scoring.Reward{acc, format, length, rep}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				for i := range samples {
					s := samples[i]
					for _, r := range bc.rewards {
						_, _ = r.Score(&s, nil)
					}
				}
				n += len(samples)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/line")
		})
	}
}
