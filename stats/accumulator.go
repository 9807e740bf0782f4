package stats

import (
	"math"
	"math/big"
	"math/bits"
)

// The accumulator holds an exact sum of float64 values or of their exact
// squares as a fixed-point number: value = Σ limb[i]·2^(32·i − accBias).
// Each limb is a signed 64-bit integer that receives 32-bit chunks, so adds
// never propagate carries; carries are resolved lazily every
// accFlushEvery additions and before the value is read. The range covers
// every square of a float64 (2^-2148 up to below 2^2048) with 64 bits of
// headroom for the number of terms.
const (
	accLimbs      = 136
	accBias       = 2176 // 2^0 is bit accBias of the fixed-point number
	accFlushEvery = 1 << 30
	limbMask      = 1<<32 - 1
)

type accumulator struct {
	limb    [accLimbs]int64
	pending int32 // additions since the last normalize
}

// mantExp splits a finite float64 into m·2^e with m < 2^53.
func mantExp(v float64) (m uint64, e int, neg bool) {
	b := math.Float64bits(v)
	neg = b>>63 != 0
	exp := int(b>>52) & 0x7ff
	m = b & (1<<52 - 1)
	if exp == 0 {
		return m, -1074, neg
	}
	return m | 1<<52, exp - 1075, neg
}

// addValue adds a finite v.
func (a *accumulator) addValue(v float64) {
	m, e, neg := mantExp(v)
	if m != 0 {
		a.add(0, m, e, neg)
	}
}

// addSquare adds v·v exactly (the 106-bit product of the mantissas), which
// neither overflows nor underflows as the float64 product could.
func (a *accumulator) addSquare(v float64) {
	m, e, _ := mantExp(v)
	if m != 0 {
		hi, lo := bits.Mul64(m, m)
		a.add(hi, lo, 2*e, false)
	}
}

// add adds ±(hi·2^64 + lo)·2^e, hi < 2^42 and e ≥ −accBias.
func (a *accumulator) add(hi, lo uint64, e int, neg bool) {
	pos := uint(e + accBias)
	i, s := pos>>5, pos&31
	w0 := lo << s
	w1 := hi<<s | lo>>(64-s) // a shift by 64 gives 0
	w2 := hi >> (64 - s)
	c := [5]int64{
		int64(w0 & limbMask), int64(w0 >> 32),
		int64(w1 & limbMask), int64(w1 >> 32),
		int64(w2 & limbMask),
	}
	l := a.limb[i : i+5 : i+5]
	if neg {
		l[0] -= c[0]
		l[1] -= c[1]
		l[2] -= c[2]
		l[3] -= c[3]
		l[4] -= c[4]
	} else {
		l[0] += c[0]
		l[1] += c[1]
		l[2] += c[2]
		l[3] += c[3]
		l[4] += c[4]
	}
	a.pending++
	if a.pending >= accFlushEvery {
		a.normalize()
	}
}

// normalize propagates carries so that every limb but the top one is in
// [0, 2^32); the representation of a value is then unique.
func (a *accumulator) normalize() {
	for i := 0; i < accLimbs-1; i++ {
		c := a.limb[i] >> 32
		a.limb[i] -= c << 32
		a.limb[i+1] += c
	}
	a.pending = 0
}

// merge adds the value of b.
func (a *accumulator) merge(b *accumulator) {
	bb := *b
	bb.normalize()
	a.normalize()
	for i := range a.limb {
		a.limb[i] += bb.limb[i]
	}
	a.normalize()
}

// dyadic returns the exact value as m·2^e with m odd (or m = 0, e = 0).
func (a *accumulator) dyadic() dyadic {
	c := *a
	c.normalize()
	neg := c.limb[accLimbs-1] < 0
	if neg {
		for i := range c.limb {
			c.limb[i] = -c.limb[i]
		}
		c.normalize()
	}
	var buf [accLimbs * 4]byte
	for i, l := range c.limb {
		j := len(buf) - 4*(i+1)
		buf[j] = byte(l >> 24)
		buf[j+1] = byte(l >> 16)
		buf[j+2] = byte(l >> 8)
		buf[j+3] = byte(l)
	}
	m := new(big.Int).SetBytes(buf[:])
	if neg {
		m.Neg(m)
	}
	return newDyadic(m, -accBias)
}

// addDyadic adds d, which must satisfy d.fits().
func (a *accumulator) addDyadic(d dyadic) {
	if d.m.Sign() == 0 {
		return
	}
	pos := d.e + accBias
	t := new(big.Int).Abs(d.m)
	t.Lsh(t, uint(pos&31))
	neg := d.m.Sign() < 0
	mask := big.NewInt(limbMask)
	var chunk big.Int
	for i := pos >> 5; t.Sign() != 0; i++ {
		c := int64(chunk.And(t, mask).Uint64())
		if neg {
			c = -c
		}
		a.limb[i] += c
		t.Rsh(t, 32)
	}
	a.normalize()
}
