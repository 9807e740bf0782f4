package cmd

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// BenchmarkScore runs score in-process on the golden rollouts (3000 lines)
// with each reward set of `make bench`, two goroutines, and reports lines/s
// and allocations per line (all of the run's allocations, start-up
// included, over its lines), the figure scripts/bench.sh prints.
func BenchmarkScore(b *testing.B) {
	path := filepath.Join("..", "testdata", "golden", "rollouts.jsonl")
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	lines := bytes.Count(data, []byte("\n"))
	for _, rewards := range []string{"none", "accuracy", "format", "length", "repetition", "accuracy,format,length,repetition"} {
		b.Run(rewards, func(b *testing.B) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			for b.Loop() {
				if code := Run([]string{"score", "-q", "-j", "2", "-r", rewards, path}, nil, io.Discard, io.Discard); code != 0 {
					b.Fatalf("score -r %s: exit %d", rewards, code)
				}
			}
			runtime.ReadMemStats(&after)
			n := float64(lines * b.N)
			b.ReportMetric(n/b.Elapsed().Seconds(), "lines/s")
			b.ReportMetric(float64(after.Mallocs-before.Mallocs)/n, "allocs/line")
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/n, "B/line")
		})
	}
}
