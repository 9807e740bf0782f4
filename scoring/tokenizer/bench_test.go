package tokenizer

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/grpo-score/grpo-score/scoring/tokenizer/internal/layout"
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
		tok.scratch = sync.Pool{New: func() any { return new(bpeScratch) }}
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

// BenchmarkLoadDefault measures opening the embedded layout and building
// what it does not hold, the one-time cost of Default.
func BenchmarkLoadDefault(b *testing.B) {
	for b.Loop() {
		tab, err := layout.Open(qwen25Layout)
		if err != nil {
			b.Fatal(err)
		}
		newTokenizer(tab)
	}
}

// BenchmarkLongRun merges one 1 MB run of "a" (one pre-token) with each
// long-piece loop: the heap, the reference's algorithm, and the linear one
// used for monotone merge tables.
func BenchmarkLongRun(b *testing.B) {
	tok := mustDefault(b)
	piece := strings.Repeat("a", 1<<20)
	for _, loop := range []struct {
		name string
		run  func(*Tokenizer, *bpeScratch, []int32) []int32
	}{{"heap", (*Tokenizer).bpeHeap}, {"byRank", (*Tokenizer).bpeByRank}} {
		b.Run(loop.name, func(b *testing.B) {
			b.SetBytes(int64(len(piece)))
			for b.Loop() {
				longBPE(tok, piece, loop.run)
			}
		})
	}
}

// BenchmarkCountLongRun is Count on runs of "a" of 1 and 8 MB.
func BenchmarkCountLongRun(b *testing.B) {
	tok := mustDefault(b)
	for _, mb := range []int{1, 8} {
		text := strings.Repeat("a", mb<<20)
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				tok.Count(text)
			}
		})
	}
}

// BenchmarkManyAddedTokens splits the golden completions with a tokenizer
// of 100k added tokens: the automaton, and the former scan as reference.
func BenchmarkManyAddedTokens(b *testing.B) {
	texts := loadCompletions(b)[:200]
	m := manyAddedTokens(b, 100_000).rawAdded
	discard := func(string, int32) {}
	b.Run("automaton", func(b *testing.B) {
		b.SetBytes(totalLen(texts) / int64(len(texts)))
		for i := 0; b.Loop(); i++ {
			m.split(texts[i%len(texts)], discard)
		}
	})
	b.Run("naive", func(b *testing.B) {
		b.SetBytes(totalLen(texts) / int64(len(texts)))
		for i := 0; b.Loop(); i++ {
			naiveStarts(m.tokens, texts[i%len(texts)])
		}
	})
}
