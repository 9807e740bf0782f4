package tokenizer

import (
	"testing"

	"github.com/grpo-score/grpo-score/scoring/tokenizer/internal/spec"
)

func totalLen(texts []string) int64 {
	n := 0
	for _, s := range texts {
		n += len(s)
	}
	return int64(n)
}

// BenchmarkCount counts the tokens of all golden completions per iteration;
// MB/s is the throughput on one goroutine with a warm cache.
func BenchmarkCount(b *testing.B) {
	texts := loadCompletions(b)
	tok := mustDefault(b)
	b.SetBytes(totalLen(texts))
	b.ResetTimer()
	tokens := 0
	for b.Loop() {
		for _, s := range texts {
			tokens += tok.Count(s)
		}
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkCountColdCache measures the same with an empty piece cache, as
// the first pass over a new dump sees it.
func BenchmarkCountColdCache(b *testing.B) {
	texts := loadCompletions(b)
	tok := mustDefault(b)
	b.SetBytes(totalLen(texts))
	b.ResetTimer()
	tokens := 0
	for b.Loop() {
		b.StopTimer()
		tok.cache = newPieceCache()
		b.StartTimer()
		for _, s := range texts {
			tokens += tok.Count(s)
		}
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkCountParallel shares one tokenizer among GOMAXPROCS goroutines.
func BenchmarkCountParallel(b *testing.B) {
	texts := loadCompletions(b)
	tok := mustDefault(b)
	b.SetBytes(totalLen(texts) / int64(len(texts)))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			tok.Count(texts[i%len(texts)])
			i++
		}
	})
}

func BenchmarkEncode(b *testing.B) {
	texts := loadCompletions(b)
	tok := mustDefault(b)
	b.SetBytes(totalLen(texts))
	b.ResetTimer()
	for b.Loop() {
		for _, s := range texts {
			tok.Encode(s)
		}
	}
}

// BenchmarkLoadDefault measures decoding the embedded blob into a tokenizer,
// the one-time cost of Default.
func BenchmarkLoadDefault(b *testing.B) {
	b.SetBytes(int64(len(qwen25Blob)))
	for b.Loop() {
		s, err := spec.ReadBlob(qwen25Blob)
		if err != nil {
			b.Fatal(err)
		}
		newTokenizer(s)
	}
}
