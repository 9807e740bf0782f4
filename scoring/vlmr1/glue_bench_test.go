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
	var words, jsonish []scoring.Sample
	for _, s := range samples {
		if _, ok := repetitionJSONText(s.Completion); ok {
			jsonish = append(jsonish, s)
		} else {
			words = append(words, s)
		}
	}
	for _, bc := range []struct {
		name    string
		rewards []scoring.Reward
		samples []scoring.Sample
	}{
		{"repetition-words", []scoring.Reward{rep}, words},
		{"repetition-json", []scoring.Reward{rep}, jsonish},
		{"length-notok", []scoring.Reward{length}, nil},
		{"repetition", []scoring.Reward{rep}, nil},
		{"format", []scoring.Reward{format}, nil},
		{"accuracy", []scoring.Reward{acc}, nil},
		{"all4-notok", []scoring.Reward{acc, format, length, rep}, nil},
	} {
		if bc.samples == nil {
			bc.samples = samples
		}
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				for i := range bc.samples {
					s := bc.samples[i]
					for _, r := range bc.rewards {
						_, _ = r.Score(&s, nil)
					}
				}
				n += len(bc.samples)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/line")
		})
	}
}
