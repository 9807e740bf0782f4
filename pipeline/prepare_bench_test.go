package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/grpo-score/grpo-score/scoring"
)

// BenchmarkPrepare is a scoring worker's per-line preparation of the golden
// rollouts (parse, group key, sample) when a reward reads the sample.
func BenchmarkPrepare(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "golden", "rollouts.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSpace(data), []byte("\n"))
	reads := scoring.RewardFunc(func(*scoring.Sample, *scoring.Trace) (float64, error) { return 0, nil })
	cfg := &Config{Rewards: []NamedReward{{Name: "r", Reward: reads, Weight: 1}}, Fields: DefaultFields()}
	sc := newScorer(cfg)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		for _, line := range lines {
			var o Outcome
			var p prepared
			if !sc.prepare(line, &o, &p) {
				b.Fatal(o.Err)
			}
			sc.spare = p.obj // as scoreBatch does once the line is written
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(lines)), "ns/line")
}
