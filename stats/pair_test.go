package stats

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/grpo-score/grpo-score/internal/statsref"
)

func genPairs(r *rand.Rand, n int, wide bool) (xs, ys []float64) {
	pool := []float64{0, 1, 0.5, 0.25, negz, 0.9999999999999998, -1, 2}
	for range n {
		var x, y float64
		if wide {
			x = r.NormFloat64()
			y = 0.6*x + 0.4*r.NormFloat64()
		} else {
			x = pool[r.IntN(len(pool))]
			y = pool[r.IntN(len(pool))]
			if r.IntN(2) == 0 {
				y = x
			}
		}
		xs, ys = append(xs, x), append(ys, y)
	}
	return xs, ys
}

func TestPairAgainstReference(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	for round := range 20 {
		xs, ys := genPairs(r, 2+r.IntN(500), round%2 == 1)
		p := NewPair()
		for i := range xs {
			p.Add(xs[i], ys[i])
		}
		st := p.Stats()
		if st.Count != uint64(len(xs)) || !st.SpearmanExact {
			t.Fatalf("round %d: count %d exact %v", round, st.Count, st.SpearmanExact)
		}
		want := statsref.Pearson(xs, ys)
		if math.IsNaN(want) != math.IsNaN(st.Pearson) || math.Abs(st.Pearson-want) > 1e-12 {
			t.Errorf("round %d: pearson %v, reference %v", round, st.Pearson, want)
		}
		wantS := statsref.Pearson(statsref.Ranks(xs), statsref.Ranks(ys))
		if math.IsNaN(wantS) != math.IsNaN(st.Spearman) || math.Abs(st.Spearman-wantS) > 1e-12 {
			t.Errorf("round %d: spearman %v, reference %v", round, st.Spearman, wantS)
		}
	}
}

func TestPairExactCases(t *testing.T) {
	tests := []struct {
		xs, ys            []float64
		pearson, spearman float64
	}{
		{[]float64{1, 2, 3}, []float64{2, 4, 6}, 1, 1},
		{[]float64{1, 2, 3}, []float64{3, 2, 1}, -1, -1},
		{[]float64{0.1, 0.2, 0.3}, []float64{1, 8, 27}, 0.9662823901213162, 1}, // numpy.corrcoef
		{[]float64{1, 1, 1}, []float64{1, 2, 3}, math.NaN(), math.NaN()},
		{[]float64{1}, []float64{1}, math.NaN(), math.NaN()},
		{[]float64{0, 1, 0, 1}, []float64{0, 0, 1, 1}, 0, 0},
	}
	for _, tt := range tests {
		p := NewPair()
		for i := range tt.xs {
			p.Add(tt.xs[i], tt.ys[i])
		}
		st := p.Stats()
		if !same(st.Pearson, tt.pearson) || !same(st.Spearman, tt.spearman) {
			t.Errorf("%v %v: pearson %v spearman %v; want %v %v", tt.xs, tt.ys, st.Pearson, st.Spearman, tt.pearson, tt.spearman)
		}
	}
	p := NewPair()
	p.Add(math.NaN(), 1)
	p.Add(1, math.Inf(1))
	if st := p.Stats(); st.Count != 0 || st.Skipped != 2 {
		t.Errorf("non-finite pairs: %+v", st)
	}
}

func TestPairMergeEqualsSingle(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 24))
	for _, n := range []int{300, PairExactCells + 2000} {
		xs, ys := genPairs(r, n, n > 1000)
		single := NewPair()
		for i := range xs {
			single.Add(xs[i], ys[i])
		}
		var shards []*Pair
		for start := 0; start < n; {
			end := min(n, start+1+r.IntN(n/3))
			s := NewPair()
			for i := start; i < end; i++ {
				s.Add(xs[i], ys[i])
			}
			if r.IntN(2) == 0 { // through JSON
				b, _ := s.MarshalJSON()
				back := &Pair{}
				if err := json.Unmarshal(b, back); err != nil {
					t.Fatal(err)
				}
				s = back
			}
			shards = append(shards, s)
			start = end
		}
		r.Shuffle(len(shards), func(i, j int) { shards[i], shards[j] = shards[j], shards[i] })
		merged := NewPair()
		for _, s := range shards {
			merged.Merge(s)
		}
		got, _ := merged.MarshalJSON()
		want, _ := single.MarshalJSON()
		if !bytes.Equal(got, want) {
			t.Fatalf("n=%d: merged pair differs from one pass", n)
		}
		st := single.Stats()
		if n > PairExactCells {
			if st.SpearmanExact {
				t.Fatalf("n=%d: not sketched", n)
			}
			wantS := statsref.Pearson(statsref.Ranks(xs), statsref.Ranks(ys))
			if math.Abs(st.Spearman-wantS) > 0.01 {
				t.Errorf("sketched spearman %v, exact %v", st.Spearman, wantS)
			}
		}
	}
}

func TestPairRejectsBadJSON(t *testing.T) {
	for _, in := range []string{
		`{}`,
		`{"count": 1, "sketch": {"sums": ["0x0p+0"]}}`,
		`{"count": 2, "sketch": {"sums": ["0x0p+0","0x0p+0","0x0p+0","0x0p+0","0x0p+0"], "pairs": [[0, 0, 1]]}}`,
		`{"count": 1, "sketch": {"sums": ["0x0p+0","0x0p+0","0x0p+0","0x0p+0","0x0p+0"], "pairs": [["nan", 0, 1]]}}`,
		`{"count": 1, "sketch": {"sums": ["0x0p+0","0x0p+0","0x0p+0","0x0p+0","0x0p+0"], "mantissa_bits": 3, "cells": [[0, 0, 1]]}}`,
	} {
		if err := json.Unmarshal([]byte(in), &Pair{}); err == nil {
			t.Errorf("%s: accepted", in)
		}
	}
}

func TestPairPoints(t *testing.T) {
	p := NewPair()
	for _, xy := range [][2]float64{{1, 0}, {0, 1}, {1, 0}, {negz, 0.5}} {
		p.Add(xy[0], xy[1])
	}
	got := p.Points()
	want := []PairPoint{{0, 0.5, 1}, {0, 1, 1}, {1, 0, 2}}
	if !slices.Equal(got, want) {
		t.Fatalf("points %v, want %v", got, want)
	}
	for _, v := range []float64{1, 0.75, -3.5, 1e-300} {
		if lo := bucketLow(bucketKey(v)); bucketKey(lo) != bucketKey(v) || math.Abs(lo) > math.Abs(v) {
			t.Errorf("bucketLow(bucketKey(%v)) = %v", v, lo)
		}
	}
}
