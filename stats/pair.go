package stats

import (
	"cmp"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"strconv"

	json "github.com/goccy/go-json"
)

// A Pair summarises the values two reward configurations give the same
// lines, (x, y) per line, for their Pearson and Spearman correlations. Its
// state is exact and a function of the multiset of pairs only, so shards
// merge into exactly the pair of the whole input:
//   - Pearson's r comes from the exact sums Σx, Σy, Σx², Σy², Σxy and is
//     correctly rounded;
//   - Spearman's ρ (Pearson's r of the ranks, ties given their average
//     rank) comes from the joint distribution of the pairs, kept exactly
//     while it has at most PairExactCells distinct pairs. Beyond, pairs are
//     counted per cell of two sketch buckets (see SketchBits), values of
//     one bucket tie, and ρ is approximate (SpearmanExact false).
//
// Non-finite values are left out (counted in Skipped); −0.0 counts as 0.
type Pair struct {
	n, skipped            uint64
	sx, sy, sxx, syy, sxy accumulator
	exact                 map[[2]uint64]uint64 // value bits → count; nil once sketched
	cells                 map[[2]int32]uint64  // bucket keys → count; nil while exact
}

// PairExactCells bounds the distinct pairs kept exactly.
const PairExactCells = 1 << 14

// NewPair returns an empty pair.
func NewPair() *Pair { return &Pair{exact: make(map[[2]uint64]uint64)} }

// Add adds the values of one line.
func (p *Pair) Add(x, y float64) {
	if math.IsNaN(x) || math.IsInf(x, 0) || math.IsNaN(y) || math.IsInf(y, 0) {
		p.skipped++
		return
	}
	x, y = x+0, y+0 // −0.0 → +0.0
	p.n++
	p.sx.addValue(x)
	p.sy.addValue(y)
	p.sxx.addSquare(x)
	p.syy.addSquare(y)
	p.sxy.addProduct(x, y)
	if p.exact != nil {
		k := [2]uint64{math.Float64bits(x), math.Float64bits(y)}
		p.exact[k]++
		if len(p.exact) > PairExactCells {
			p.sketch()
		}
		return
	}
	p.cells[[2]int32{bucketKey(x), bucketKey(y)}]++
}

func (p *Pair) sketch() {
	p.cells = make(map[[2]int32]uint64)
	for k, n := range p.exact {
		p.cells[[2]int32{bucketKey(math.Float64frombits(k[0])), bucketKey(math.Float64frombits(k[1]))}] += n
	}
	p.exact = nil
}

// Merge adds the pairs of o.
func (p *Pair) Merge(o *Pair) {
	p.n += o.n
	p.skipped += o.skipped
	for _, a := range []struct{ dst, src *accumulator }{{&p.sx, &o.sx}, {&p.sy, &o.sy}, {&p.sxx, &o.sxx}, {&p.syy, &o.syy}, {&p.sxy, &o.sxy}} {
		a.dst.merge(a.src)
	}
	if p.exact != nil && o.exact != nil {
		for k, n := range o.exact {
			p.exact[k] += n
		}
		if len(p.exact) > PairExactCells {
			p.sketch()
		}
		return
	}
	if p.exact != nil {
		p.sketch()
	}
	if o.exact != nil {
		for k, n := range o.exact {
			p.cells[[2]int32{bucketKey(math.Float64frombits(k[0])), bucketKey(math.Float64frombits(k[1]))}] += n
		}
		return
	}
	for k, n := range o.cells {
		p.cells[k] += n
	}
}

// PairStats are the figures of a Pair; a correlation is NaN when it is
// undefined (fewer than two pairs, or one side constant).
type PairStats struct {
	Count, Skipped    uint64
	Pearson, Spearman float64
	SpearmanExact     bool
}

// Stats computes the figures of p.
func (p *Pair) Stats() PairStats {
	st := PairStats{Count: p.n, Skipped: p.skipped, SpearmanExact: p.exact != nil}
	n := int64(p.n)
	sx, sy := p.sx.dyadic(), p.sy.dyadic()
	st.Pearson = correlation(scaledDiff(n, p.sxy.dyadic(), sx, sy), scaledDiff(n, p.sxx.dyadic(), sx, sx), scaledDiff(n, p.syy.dyadic(), sy, sy))
	st.Spearman = p.spearman()
	return st
}

// scaledDiff is n·a − b·c, exactly.
func scaledDiff(n int64, a, b, c dyadic) dyadic {
	e := min(a.e, b.e+c.e)
	x := new(big.Int).Mul(big.NewInt(n), a.m)
	x.Lsh(x, uint(a.e-e))
	y := new(big.Int).Mul(b.m, c.m)
	y.Lsh(y, uint(b.e+c.e-e))
	return dyadic{m: x.Sub(x, y), e: e}
}

// correlation is cov / sqrt(vx·vy), correctly rounded, from the exact
// co-moment and variances (each scaled alike); NaN when a variance is 0.
func correlation(cov, vx, vy dyadic) float64 {
	if vx.m.Sign() <= 0 || vy.m.Sign() <= 0 {
		return math.NaN()
	}
	if cov.m.Sign() == 0 {
		return 0
	}
	// r² = cov.m² / (vx.m·vy.m) · 2^(2·cov.e − vx.e − vy.e)
	x := new(big.Int).Mul(cov.m, cov.m)
	den := new(big.Int).Mul(vx.m, vy.m)
	e := 2*cov.e - vx.e - vy.e
	if e&1 != 0 {
		x.Lsh(x, 1)
		e--
	}
	r := sqrtRatio(x, den, e/2)
	if cov.m.Sign() < 0 {
		r = -r
	}
	return min(max(r, -1), 1)
}

// spearman is Pearson's r of the ranks, from the joint distribution. Ranks
// are doubled so that average ranks of ties are integers.
func (p *Pair) spearman() float64 {
	type cell struct {
		x, y uint64 // sort keys
		n    uint64
	}
	var cs []cell
	if p.exact != nil {
		for k, n := range p.exact {
			cs = append(cs, cell{orderKey(k[0]), orderKey(k[1]), n})
		}
	} else {
		for k, n := range p.cells {
			cs = append(cs, cell{uint64(int64(k[0]) - math.MinInt32), uint64(int64(k[1]) - math.MinInt32), n})
		}
	}
	ranks := func(key func(cell) uint64) map[uint64]*big.Int {
		counts := map[uint64]uint64{}
		for _, c := range cs {
			counts[key(c)] += c.n
		}
		keys := make([]uint64, 0, len(counts))
		for k := range counts {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		out := make(map[uint64]*big.Int, len(keys))
		var below uint64
		for _, k := range keys {
			// doubled average rank of positions below+1 … below+count
			r := new(big.Int).SetUint64(2*below + counts[k] + 1)
			out[k] = r
			below += counts[k]
		}
		return out
	}
	rx, ry := ranks(func(c cell) uint64 { return c.x }), ranks(func(c cell) uint64 { return c.y })
	slices.SortFunc(cs, func(a, b cell) int { return cmp.Or(cmp.Compare(a.x, b.x), cmp.Compare(a.y, b.y)) })
	var sx, sy, sxx, syy, sxy, t big.Int
	var n int64
	for _, c := range cs {
		cn := new(big.Int).SetUint64(c.n)
		x, y := rx[c.x], ry[c.y]
		n += int64(c.n)
		sx.Add(&sx, t.Mul(cn, x))
		sy.Add(&sy, t.Mul(cn, y))
		sxx.Add(&sxx, t.Mul(t.Mul(cn, x), x))
		syy.Add(&syy, t.Mul(t.Mul(cn, y), y))
		sxy.Add(&sxy, t.Mul(t.Mul(cn, x), y))
	}
	d := func(v *big.Int) dyadic { return dyadic{m: new(big.Int).Set(v)} }
	return correlation(scaledDiff(n, d(&sxy), d(&sx), d(&sy)), scaledDiff(n, d(&sxx), d(&sx), d(&sx)), scaledDiff(n, d(&syy), d(&sy), d(&sy)))
}

// addProduct adds x·y exactly (the 106-bit product of the mantissas).
func (a *accumulator) addProduct(x, y float64) {
	mx, ex, nx := mantExp(x)
	my, ey, ny := mantExp(y)
	if mx == 0 || my == 0 {
		return
	}
	hi, lo := bits.Mul64(mx, my)
	a.add(hi, lo, ex+ey, nx != ny)
}

// MarshalJSON writes the figures of p and, under "sketch", its merge state.
func (p *Pair) MarshalJSON() ([]byte, error) {
	st := p.Stats()
	e := &encoder{}
	e.open(false)
	e.key("count")
	e.uint(st.Count)
	e.key("skipped")
	e.uint(st.Skipped)
	e.key("pearson")
	e.float(st.Pearson, !math.IsNaN(st.Pearson))
	e.key("spearman")
	e.float(st.Spearman, !math.IsNaN(st.Spearman))
	e.key("spearman_exact")
	e.buf = strconv.AppendBool(e.buf, st.SpearmanExact)
	e.key("sketch")
	e.open(false)
	e.key("sums")
	e.buf = append(e.buf, '[')
	for i, a := range []*accumulator{&p.sx, &p.sy, &p.sxx, &p.syy, &p.sxy} {
		e.sep(i)
		e.str(a.dyadic().String())
	}
	e.buf = append(e.buf, ']')
	if p.exact != nil {
		keys := make([][2]uint64, 0, len(p.exact))
		for k := range p.exact {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b [2]uint64) int {
			return cmp.Or(cmp.Compare(orderKey(a[0]), orderKey(b[0])), cmp.Compare(orderKey(a[1]), orderKey(b[1])))
		})
		e.key("pairs")
		e.buf = append(e.buf, '[')
		for i, k := range keys {
			e.sep(i)
			e.buf = append(e.buf, '[')
			e.float(math.Float64frombits(k[0]), true)
			e.sep(1)
			e.float(math.Float64frombits(k[1]), true)
			e.sep(1)
			e.uint(p.exact[k])
			e.buf = append(e.buf, ']')
		}
	} else {
		keys := make([][2]int32, 0, len(p.cells))
		for k := range p.cells {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b [2]int32) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
		e.key("mantissa_bits")
		e.int(SketchBits)
		e.key("cells")
		e.buf = append(e.buf, '[')
		for i, k := range keys {
			e.sep(i)
			e.buf = append(e.buf, '[')
			e.int(int64(k[0]))
			e.sep(1)
			e.int(int64(k[1]))
			e.sep(1)
			e.uint(p.cells[k])
			e.buf = append(e.buf, ']')
		}
	}
	e.buf = append(e.buf, ']')
	e.close()
	e.close()
	return e.buf, nil
}

// UnmarshalJSON reads the merge state written by MarshalJSON and checks it.
func (p *Pair) UnmarshalJSON(data []byte) error {
	var in struct {
		Count   *uint64 `json:"count"`
		Skipped uint64  `json:"skipped"`
		Sketch  *struct {
			Sums         []string             `json:"sums"`
			Pairs        [][3]json.RawMessage `json:"pairs"`
			MantissaBits *int                 `json:"mantissa_bits"`
			Cells        [][3]int64           `json:"cells"`
		} `json:"sketch"`
	}
	if err := json.Unmarshal(data, &in); err != nil {
		return fmt.Errorf("stats: pair: %w", err)
	}
	bad := func(what string) error { return fmt.Errorf("stats: pair: %s", what) }
	if in.Count == nil || in.Sketch == nil || len(in.Sketch.Sums) != 5 || *in.Count > maxCount || in.Skipped > maxCount {
		return bad(`missing "count", or "sketch" without its five sums`)
	}
	out := NewPair()
	out.n, out.skipped = *in.Count, in.Skipped
	for i, a := range []*accumulator{&out.sx, &out.sy, &out.sxx, &out.syy, &out.sxy} {
		d, err := parseDyadic(in.Sketch.Sums[i])
		if err != nil {
			return bad(err.Error())
		}
		a.addDyadic(d)
	}
	var total uint64
	if in.Sketch.MantissaBits == nil {
		for _, t := range in.Sketch.Pairs {
			var x, y jsonFloat
			var n uint64
			if json.Unmarshal(t[0], &x) != nil || json.Unmarshal(t[1], &y) != nil || json.Unmarshal(t[2], &n) != nil ||
				n == 0 || math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) || math.IsNaN(float64(y)) || math.IsInf(float64(y), 0) {
				return bad("invalid [x, y, count] pair")
			}
			k := [2]uint64{math.Float64bits(float64(x) + 0), math.Float64bits(float64(y) + 0)}
			if _, dup := out.exact[k]; dup {
				return bad("a pair listed twice")
			}
			out.exact[k] = n
			total += min(n, maxCount)
		}
		if len(out.exact) > PairExactCells {
			out.sketch()
		}
	} else {
		if *in.Sketch.MantissaBits != SketchBits {
			return bad(fmt.Sprintf("sketch of %d mantissa bits, this build uses %d", *in.Sketch.MantissaBits, SketchBits))
		}
		out.exact, out.cells = nil, make(map[[2]int32]uint64, len(in.Sketch.Cells))
		for _, c := range in.Sketch.Cells {
			k := [2]int32{int32(c[0]), int32(c[1])}
			if c[2] <= 0 || int64(k[0]) != c[0] || int64(k[1]) != c[1] || out.cells[k] != 0 {
				return bad("invalid cell")
			}
			out.cells[k] = uint64(c[2])
			total += min(uint64(c[2]), maxCount)
		}
	}
	if total != out.n {
		return bad(fmt.Sprintf("count %d, but the pairs add up to %d", out.n, total))
	}
	*p = *out
	return nil
}

// PairPoint is one distinct pair of values and how many lines have it; for
// a sketched Pair, one cell, at the lower edges of its two buckets.
type PairPoint struct {
	X, Y float64
	N    uint64
}

// Points lists the pairs (or cells), ordered by x then y.
func (p *Pair) Points() []PairPoint {
	var out []PairPoint
	if p.exact != nil {
		for k, n := range p.exact {
			out = append(out, PairPoint{math.Float64frombits(k[0]), math.Float64frombits(k[1]), n})
		}
	} else {
		for k, n := range p.cells {
			out = append(out, PairPoint{bucketLow(k[0]), bucketLow(k[1]), n})
		}
	}
	slices.SortFunc(out, func(a, b PairPoint) int { return cmp.Or(cmp.Compare(a.X, b.X), cmp.Compare(a.Y, b.Y)) })
	return out
}

// bucketLow is the value of smallest magnitude in the bucket of key k.
func bucketLow(k int32) float64 {
	if k < 0 {
		return -math.Float64frombits(uint64(^k) << (52 - SketchBits))
	}
	return math.Float64frombits(uint64(k) << (52 - SketchBits))
}
