package stats

import (
	"cmp"
	"math"
	"slices"
)

// A distribution holds the multiset of non-NaN values of a series, exactly
// while it has at most ExactDistinct distinct values (rewards usually take a
// handful), and as a sketch of relative-error buckets beyond. Which form it
// is in, and its content, depend only on the multiset, never on the order of
// additions and merges.
type distribution struct {
	exact   map[uint64]uint64 // float64 bits → count; nil once sketched
	buckets map[int32]bucket  // bucket key → content; nil while exact
}

// ExactDistinct is the number of distinct values up to which quantiles and
// histograms are exact.
const ExactDistinct = 1024

// SketchBits is the number of mantissa bits that select a sketch bucket:
// a bucket spans a relative width of at most 2^-SketchBits, so a quantile
// read from the sketch is within a relative error of 2^-(SketchBits+1)
// (0.390625%) of the exact one, for normal (not subnormal) floats.
const SketchBits = 7

// SketchError is the bound on the relative error of sketched quantiles.
const SketchError = 1.0 / (2 << SketchBits)

// A bucket counts the values of one sketch bucket and keeps their extremes,
// so that a bucket holding a single distinct value (0, 1, ...) is exact.
type bucket struct {
	count    uint64
	min, max float64
}

// bucketKey maps v to its bucket: the sign, the exponent and the top
// SketchBits bits of the mantissa of v. Keys are ordered as the values:
// −0.0 and +0.0 get the keys −1 and 0.
func bucketKey(v float64) int32 {
	b := math.Float64bits(v)
	k := int32(b &^ (1 << 63) >> (52 - SketchBits))
	if b>>63 != 0 {
		return ^k
	}
	return k
}

// orderKey maps float64 bits to an unsigned key ordered as the values, with
// −0.0 just below +0.0.
func orderKey(b uint64) uint64 {
	if b>>63 != 0 {
		return ^b
	}
	return b | 1<<63
}

// less is the total order of non-NaN values used for min and max: −0.0 < +0.0.
func less(a, b float64) bool {
	return a < b || a == b && math.Signbit(a) && !math.Signbit(b)
}

func newDistribution() distribution {
	return distribution{exact: make(map[uint64]uint64)}
}

// add adds one non-NaN value.
func (d *distribution) add(v float64) {
	if d.exact != nil {
		b := math.Float64bits(v)
		n, ok := d.exact[b]
		d.exact[b] = n + 1
		if !ok && len(d.exact) > ExactDistinct {
			d.sketch()
		}
		return
	}
	d.addBucket(bucketKey(v), bucket{count: 1, min: v, max: v})
}

func (d *distribution) addBucket(k int32, nb bucket) {
	b, ok := d.buckets[k]
	if !ok {
		d.buckets[k] = nb
		return
	}
	b.count += nb.count
	if less(nb.min, b.min) {
		b.min = nb.min
	}
	if less(b.max, nb.max) {
		b.max = nb.max
	}
	d.buckets[k] = b
}

// sketch turns the exact form into buckets.
func (d *distribution) sketch() {
	d.buckets = make(map[int32]bucket)
	for b, n := range d.exact {
		v := math.Float64frombits(b)
		d.addBucket(bucketKey(v), bucket{count: n, min: v, max: v})
	}
	d.exact = nil
}

// merge adds the multiset of o.
func (d *distribution) merge(o *distribution) {
	if d.exact != nil && o.exact != nil {
		for b, n := range o.exact {
			d.exact[b] += n
		}
		if len(d.exact) > ExactDistinct {
			d.sketch()
		}
		return
	}
	if d.exact != nil {
		d.sketch()
	}
	if o.exact != nil {
		for b, n := range o.exact {
			v := math.Float64frombits(b)
			d.addBucket(bucketKey(v), bucket{count: n, min: v, max: v})
		}
		return
	}
	for k, b := range o.buckets {
		d.addBucket(k, b)
	}
}

// A step is one run of the sorted multiset: count values equal to value
// (exact) or a bucket whose values are represented by value.
type step struct {
	value  float64
	lo, hi float64 // the extremes of the run
	count  uint64
}

// steps lists the multiset in increasing order.
func (d *distribution) steps() []step {
	var out []step
	if d.exact != nil {
		keys := make([]uint64, 0, len(d.exact))
		for b := range d.exact {
			keys = append(keys, b)
		}
		slices.SortFunc(keys, func(a, b uint64) int { return cmp.Compare(orderKey(a), orderKey(b)) })
		for _, b := range keys {
			v := math.Float64frombits(b)
			out = append(out, step{value: v, lo: v, hi: v, count: d.exact[b]})
		}
		return out
	}
	keys := make([]int32, 0, len(d.buckets))
	for k := range d.buckets {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		b := d.buckets[k]
		out = append(out, step{value: representative(b), lo: b.min, hi: b.max, count: b.count})
	}
	return out
}

// representative is the value reported for the values of a bucket: their
// midpoint, which is within half the bucket's width of each of them.
func representative(b bucket) float64 {
	if b.min == b.max {
		return b.min
	}
	return b.min + (b.max-b.min)/2
}

// total is the number of values.
func total(steps []step) uint64 {
	var n uint64
	for _, s := range steps {
		n += s.count
	}
	return n
}

// quantile returns the nearest-rank quantile pct/100 of the sorted multiset:
// the value of rank ⌈pct·n/100⌉ (at least 1), numpy's method="inverted_cdf".
func quantile(steps []step, n uint64, pct uint64) float64 {
	rank := max(pct*(n/100)+(pct*(n%100)+99)/100, 1)
	var seen uint64
	for _, s := range steps {
		seen += s.count
		if seen >= rank {
			return s.value
		}
	}
	return math.NaN()
}
