package cmd

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/grpo-score/grpo-score/pipeline"
)

// summary collects statistics from the pipeline's outcomes.
type summary struct {
	names  []string
	shard  string
	counts pipeline.Counts
	n      []int64
	errs   []int64
	sum    []float64
	secs   float64
}

func newSummary(rewards []pipeline.NamedReward, shard string) *summary {
	s := &summary{shard: shard}
	for _, r := range rewards {
		s.names = append(s.names, r.Name)
	}
	s.n = make([]int64, len(s.names))
	s.errs = make([]int64, len(s.names))
	s.sum = make([]float64, len(s.names))
	return s
}

func (s *summary) Line(o *pipeline.Outcome) {
	for i := range s.names {
		if o.Errs[i] != nil {
			s.errs[i]++
			continue
		}
		s.n[i]++
		s.sum[i] += o.Values[i]
	}
}

func (s *summary) Group(string, []*pipeline.Outcome) {}

func (s *summary) finish(res *pipeline.Result) {
	if res != nil {
		s.counts = res.Counts
		s.secs = res.Elapsed.Seconds()
	}
}

func (s *summary) writeTable(w io.Writer) {
	for i, n := range s.names {
		mean := 0.0
		if s.n[i] > 0 {
			mean = s.sum[i] / float64(s.n[i])
		}
		fmt.Fprintf(w, "%-12s count %d errors %d mean %.6g\n", n, s.n[i], s.errs[i], mean)
	}
	fmt.Fprintf(w, "lines: read %d, written %d, skipped %d (blank %d), invalid %d, failed %d; %.2fs\n",
		s.counts.Read, s.counts.Written, s.counts.Skipped, s.counts.Blank, s.counts.Invalid, s.counts.Failed, s.secs)
}

func (s *summary) writeJSON(path string) error {
	b, err := json.MarshalIndent(map[string]any{"lines": s.counts}, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}
