package stats

import (
	"math"
	"math/big"
)

// GroupSeries summarises the GRPO groups (the completions of one prompt)
// for one reward or for the weighted total. A group is invalid when one of
// its values is null or not finite (the trainer's advantage would be NaN);
// a group of one value is a singleton (torch's std of one element is NaN,
// so it has no advantage either). The other groups are scored: they give
// the tie fraction (all values equal, so every advantage is 0) and the mean
// within-group std, the sample std (Bessel's correction, torch.std's
// default) of each group correctly rounded from its exact sums.
type GroupSeries struct {
	groups, lines       uint64
	invalid, singletons uint64
	scored, ties        uint64
	stdSum              accumulator
}

// GroupStats are the figures of a GroupSeries; the ratios are NaN when
// their denominator is 0.
type GroupStats struct {
	Groups, Invalid, Singletons, Scored, Ties uint64
	MeanSize                                  float64 // values per group
	TieFraction                               float64 // Ties / Scored
	MeanStd                                   float64 // mean sample std of the scored groups
}

// Stats computes the figures of g.
func (g *GroupSeries) Stats() GroupStats {
	st := GroupStats{Groups: g.groups, Invalid: g.invalid, Singletons: g.singletons,
		Scored: g.scored, Ties: g.ties, MeanSize: math.NaN(), TieFraction: math.NaN(), MeanStd: math.NaN()}
	if g.groups > 0 {
		st.MeanSize = float64(g.lines) / float64(g.groups)
	}
	if g.scored > 0 {
		st.TieFraction = float64(g.ties) / float64(g.scored)
		st.MeanStd = g.stdSum.dyadic().ratio(int64(g.scored))
	}
	return st
}

// Merge adds the groups of o.
func (g *GroupSeries) Merge(o *GroupSeries) {
	g.groups += o.groups
	g.lines += o.lines
	g.invalid += o.invalid
	g.singletons += o.singletons
	g.scored += o.scored
	g.ties += o.ties
	g.stdSum.merge(&o.stdSum)
}

// groupScratch holds the buffers of AddGroup, reused from group to group.
type groupScratch struct {
	sum, sumSq, term big.Int
	values, sorted   []float64
	ok               []bool
}

// exactSums returns the exact sum and sum of squares of values (finite) at
// the scale of the smallest exponent among them; the mantissas need not be
// odd, which stdDev does not require.
func (sc *groupScratch) exactSums(values []float64) (sum, sumSq dyadic) {
	e0 := math.MaxInt
	for _, v := range values {
		if m, e, _ := mantExp(v); m != 0 {
			e0 = min(e0, e)
		}
	}
	sc.sum.SetInt64(0)
	sc.sumSq.SetInt64(0)
	if e0 == math.MaxInt {
		return dyadic{&sc.sum, 0}, dyadic{&sc.sumSq, 0}
	}
	t := &sc.term
	for _, v := range values {
		m, e, neg := mantExp(v)
		if m == 0 {
			continue
		}
		t.SetUint64(m)
		t.Lsh(t, uint(e-e0))
		if neg {
			sc.sum.Sub(&sc.sum, t)
		} else {
			sc.sum.Add(&sc.sum, t)
		}
		t.Mul(t, t)
		sc.sumSq.Add(&sc.sumSq, t)
	}
	return dyadic{&sc.sum, e0}, dyadic{&sc.sumSq, 2 * e0}
}

// add adds one group given as its values, with ok[i] false for a null.
func (g *GroupSeries) add(values []float64, ok []bool, sc *groupScratch) {
	g.groups++
	g.lines += uint64(len(values))
	for i, v := range values {
		if !ok[i] || math.IsNaN(v) || math.IsInf(v, 0) {
			g.invalid++
			return
		}
	}
	if len(values) == 1 {
		g.singletons++
		return
	}
	g.scored++
	tie := true
	for _, v := range values[1:] {
		if v != values[0] {
			tie = false
			break
		}
	}
	if tie {
		g.ties++
		return
	}
	n := int64(len(values))
	sum, sumSq := sc.exactSums(values)
	sd := stdDev(sum, sumSq, n, n-1)
	if math.IsInf(sd, 0) { // values near ±MaxFloat64: the std overflows
		g.scored--
		g.invalid++
		return
	}
	g.stdSum.addValue(sd)
}
