// Package statsref holds textbook reference versions of the correlation
// statistics, slow and obvious on purpose, that tests compare the exact,
// mergeable versions in stats (and what compare reports) against.
package statsref

import (
	"math"
	"slices"
)

// Pearson is the two-pass Pearson correlation of xs and ys; NaN when either
// side is constant.
func Pearson(xs, ys []float64) float64 {
	n := float64(len(xs))
	var mx, my float64
	for i := range xs {
		mx += xs[i]
		my += ys[i]
	}
	mx, my = mx/n, my/n
	var c, vx, vy float64
	for i := range xs {
		c += (xs[i] - mx) * (ys[i] - my)
		vx += (xs[i] - mx) * (xs[i] - mx)
		vy += (ys[i] - my) * (ys[i] - my)
	}
	if vx == 0 || vy == 0 {
		return math.NaN()
	}
	return c / math.Sqrt(vx*vy)
}

// Ranks gives each value its 1-based rank, ties the average of their ranks,
// so Pearson(Ranks(xs), Ranks(ys)) is Spearman's correlation.
func Ranks(vs []float64) []float64 {
	idx := make([]int, len(vs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case vs[a] < vs[b]:
			return -1
		case vs[a] > vs[b]:
			return 1
		}
		return 0
	})
	r := make([]float64, len(vs))
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && vs[idx[j]] == vs[idx[i]] {
			j++
		}
		avg := float64(i+1+j) / 2
		for _, k := range idx[i:j] {
			r[k] = avg
		}
		i = j
	}
	return r
}
