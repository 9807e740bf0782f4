package stats

import (
	"math"
	"sort"
)

// A Series summarises the values of one reward (or of the weighted total,
// or of the accuracy reward under one method). Its state is exact — counts,
// the exact sum and sum of squares, the multiset of values or its sketch —
// so merging the series of shards gives exactly the series of the whole
// input, in any order.
//
// NaN values count in Count and make Mean and Std NaN, as numpy's mean and
// std do, but min, max, quantiles and the histogram ignore them, as numpy's
// nanmin and nanquantile do. ±Inf make Std NaN and Mean ±Inf (NaN if both
// signs occur). −0.0 sorts just below +0.0 for min, max and quantiles, and
// adds 0 to the sum, so an exact sum of zero gives a Mean of +0.0.
type Series struct {
	count  uint64 // values, NaN included, errors excluded
	errors uint64
	nan    uint64
	sum    accumulator // finite values only
	sumSq  accumulator
	dist   distribution
}

// NewSeries returns an empty series.
func NewSeries() *Series {
	return &Series{dist: newDistribution()}
}

// Add adds one value.
func (s *Series) Add(v float64) {
	s.count++
	switch {
	case v != v:
		s.nan++
		return
	case math.IsInf(v, 0):
	default:
		s.sum.addValue(v)
		s.sumSq.addSquare(v)
	}
	s.dist.add(v)
}

// AddError counts a line on which the reward failed (null).
func (s *Series) AddError() { s.errors++ }

// Merge adds the values of o to s.
func (s *Series) Merge(o *Series) {
	s.count += o.count
	s.errors += o.errors
	s.nan += o.nan
	s.sum.merge(&o.sum)
	s.sumSq.merge(&o.sumSq)
	s.dist.merge(&o.dist)
}

// SeriesStats are the figures of a series. When Count is 0 the float fields
// are NaN and Histogram is nil.
type SeriesStats struct {
	Count, Errors, NaN uint64
	Mean, Std          float64 // population std (ddof 0), as numpy's std
	Min, Max           float64
	P50, P90, P99      float64 // nearest-rank quantiles, see quantile
	// QuantileError is 0 when quantiles and histogram are exact, else the
	// bound on their relative error (SketchError).
	QuantileError float64
	Histogram     *Histogram
}

// Histogram counts the finite values in HistogramBins equal-width bins from
// Min to Max: bin i holds Edges[i] ≤ v < Edges[i+1], the last bin also
// v = Max. With a single distinct value there is one bin. Bins are derived
// from the exact multiset or, beyond ExactDistinct values, from the sketch,
// where a bucket counts in the bin of its representative value.
type Histogram struct {
	Edges  []float64
	Counts []uint64
}

// HistogramBins is the number of histogram bins.
const HistogramBins = 20

// Stats computes the figures of s.
func (s *Series) Stats() SeriesStats {
	nan := math.NaN()
	st := SeriesStats{Count: s.count, Errors: s.errors, NaN: s.nan,
		Mean: nan, Std: nan, Min: nan, Max: nan, P50: nan, P90: nan, P99: nan}
	if s.dist.exact == nil {
		st.QuantileError = SketchError
	}
	if s.count == 0 {
		return st
	}
	steps := s.dist.steps()
	n := total(steps)
	var posInf, negInf bool
	if n > 0 {
		st.Min, st.Max = steps[0].lo, steps[len(steps)-1].hi
		negInf, posInf = math.IsInf(st.Min, -1), math.IsInf(st.Max, 1)
		st.P50 = quantile(steps, n, 50)
		st.P90 = quantile(steps, n, 90)
		st.P99 = quantile(steps, n, 99)
		st.Histogram = histogram(steps, st.Min, st.Max)
	}
	switch {
	case s.nan > 0 || posInf && negInf:
	case posInf:
		st.Mean = math.Inf(1)
	case negInf:
		st.Mean = math.Inf(-1)
	default:
		sum := s.sum.dyadic()
		st.Mean = sum.ratio(int64(s.count))
		st.Std = stdDev(sum, s.sumSq.dyadic(), int64(s.count), int64(s.count))
	}
	return st
}

// HistogramOver bins the finite values of s into HistogramBins equal bins
// over [lo, hi] (values outside are left out), so that series of other
// configurations can be drawn over the same bins; nil when s has no
// values or the range is not finite.
func (s *Series) HistogramOver(lo, hi float64) *Histogram {
	steps := s.dist.steps()
	if len(steps) == 0 || !(lo <= hi) {
		return nil
	}
	var in []step
	for _, st := range steps {
		if st.value >= lo && st.value <= hi {
			in = append(in, st)
		}
	}
	return histogram(in, lo, hi)
}

// histogram bins the steps over [lo, hi]; nil when the range is not finite.
func histogram(steps []step, lo, hi float64) *Histogram {
	if math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return nil
	}
	bins := HistogramBins
	if lo == hi {
		bins = 1
	}
	h := &Histogram{Edges: make([]float64, bins+1), Counts: make([]uint64, bins)}
	width := hi - lo
	for i := range bins {
		if math.IsInf(width, 0) {
			h.Edges[i] = lo + float64(i)*(hi/float64(bins)-lo/float64(bins))
		} else {
			h.Edges[i] = lo + width*float64(i)/float64(bins)
		}
	}
	h.Edges[bins] = hi
	for _, s := range steps {
		v := s.value
		j := sort.Search(bins, func(i int) bool { return h.Edges[i+1] > v })
		h.Counts[min(j, bins-1)] += s.count
	}
	return h
}
