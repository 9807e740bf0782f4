package stats

import (
	"math"
	"math/rand/v2"
	"testing"
)

func benchLines(n int, wide bool) []Line {
	r := rand.New(rand.NewPCG(13, 14))
	lines := make([]Line, n)
	for i := range lines {
		l := Line{Rewards: make([]float64, len(testRewards)), Method: "default"}
		for j := range l.Rewards {
			if wide {
				l.Rewards[j] = r.Float64()
			} else {
				l.Rewards[j] = float64(r.IntN(2))
			}
			l.Total += l.Rewards[j]
		}
		lines[i] = l
	}
	return lines
}

// BenchmarkAddLine measures the per-line cost in the steady state (rewards
// that take few values): one line = 3 rewards + total + method series.
func BenchmarkAddLine(b *testing.B) {
	lines := benchLines(1024, false)
	s := New(testRewards...)
	for _, l := range lines {
		s.AddLine(l)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		s.AddLine(lines[i&1023])
	}
}

// BenchmarkAddLineSketched is AddLine with values spread over the sketch.
func BenchmarkAddLineSketched(b *testing.B) {
	lines := benchLines(1<<16, true)
	s := New(testRewards...)
	for _, l := range lines {
		s.AddLine(l)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		s.AddLine(lines[i&(1<<16-1)])
	}
}

// BenchmarkAddGroup measures the group statistics of a group of 8 lines
// whose values differ (no tie shortcut).
func BenchmarkAddGroup(b *testing.B) {
	lines := benchLines(8, true)
	s := New(testRewards...)
	b.ReportAllocs()
	for b.Loop() {
		s.AddGroup(lines)
	}
}

func BenchmarkMarshalJSON(b *testing.B) {
	s := New(testRewards...)
	for _, l := range benchLines(1<<14, true) {
		s.AddLine(l)
	}
	b.ReportAllocs()
	for b.Loop() {
		s.MarshalJSON()
	}
}

var sink float64

func BenchmarkSeriesAdd(b *testing.B) {
	s := NewSeries()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		s.Add(float64(i&1) * 0.5)
	}
	sink = math.Float64frombits(s.count)
}
