package stats

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// dyadic is an exact binary fraction m·2^e. In canonical form m is odd, or
// m = 0 and e = 0, so equal values have equal text.
type dyadic struct {
	m *big.Int
	e int
}

func newDyadic(m *big.Int, e int) dyadic {
	if m.Sign() == 0 {
		return dyadic{m: m, e: 0}
	}
	tz := m.TrailingZeroBits()
	m.Rsh(m, tz)
	return dyadic{m: m, e: e + int(tz)}
}

// maxDyadicBits bounds parsed sums so that they fit the accumulator with
// room for further merges.
const maxDyadicBits = 32*(accLimbs-1) - 64

// fits reports whether d can be added to an accumulator.
func (d dyadic) fits() bool {
	if d.m.Sign() == 0 {
		return true
	}
	return d.e >= -accBias && d.e+d.m.BitLen() <= maxDyadicBits-accBias
}

// String writes d as a hexadecimal float literal, "-0x3p-1" for −1.5, which
// strconv.ParseFloat and C's strtod also read (rounded).
func (d dyadic) String() string {
	var b strings.Builder
	m := d.m
	if m.Sign() < 0 {
		b.WriteByte('-')
		m = new(big.Int).Neg(m)
	}
	b.WriteString("0x")
	b.WriteString(m.Text(16))
	b.WriteByte('p')
	if d.e >= 0 {
		b.WriteByte('+')
	}
	b.WriteString(strconv.Itoa(d.e))
	return b.String()
}

// parseDyadic reads the form written by String; it accepts non-canonical
// mantissas (even, leading zeros) and canonicalises them.
func parseDyadic(s string) (dyadic, error) {
	bad := func() (dyadic, error) { return dyadic{}, fmt.Errorf("invalid exact sum %q", s) }
	t := s
	neg := strings.HasPrefix(t, "-")
	if neg {
		t = t[1:]
	}
	if !strings.HasPrefix(t, "0x") {
		return bad()
	}
	t = t[2:]
	p := strings.IndexByte(t, 'p')
	if p <= 0 || len(t)-p < 3 || p > maxDyadicBits/4+16 {
		return bad()
	}
	hex, exp := t[:p], t[p+1:]
	if exp[0] != '+' && exp[0] != '-' {
		return bad()
	}
	for _, c := range hex {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return bad()
		}
	}
	for _, c := range exp[1:] {
		if c < '0' || c > '9' {
			return bad()
		}
	}
	if len(exp) > 6 {
		return bad()
	}
	e, err := strconv.Atoi(exp)
	if err != nil {
		return bad()
	}
	m, ok := new(big.Int).SetString(hex, 16)
	if !ok {
		return bad()
	}
	if neg {
		m.Neg(m)
	}
	d := newDyadic(m, e)
	if !d.fits() {
		return dyadic{}, fmt.Errorf("exact sum %q out of range", s)
	}
	return d, nil
}

// ratio returns the float64 nearest to d / n (n > 0), ties to even.
func (d dyadic) ratio(n int64) float64 {
	num := new(big.Int).Set(d.m)
	den := big.NewInt(n)
	if d.e >= 0 {
		num.Lsh(num, uint(d.e))
	} else {
		den.Lsh(den, uint(-d.e))
	}
	f, _ := new(big.Rat).SetFrac(num, den).Float64()
	return f
}

// stdDev returns the standard deviation of n values whose exact sum is s and
// exact sum of squares is s2, correctly rounded:
// sqrt((n·s2 − s²) / (n·ddof)) with ddof = n for the population std and
// n − 1 for the sample std.
func stdDev(s, s2 dyadic, n, ddof int64) float64 {
	v := scaledDiff(n, s2, s, s) // n·s2 − s²
	x, e := v.m, v.e
	switch x.Sign() {
	case 0:
		return 0
	case -1: // impossible for real sums; only from a forged file
		return math.NaN()
	}
	if e&1 != 0 {
		x.Lsh(x, 1)
		e--
	}
	den := new(big.Int).Mul(big.NewInt(n), big.NewInt(ddof))
	return sqrtRatio(x, den, e/2)
}

// sqrtRatio returns sqrt(x/den)·2^k rounded to nearest even, using
// floor(sqrt(y)) = floor(sqrt(floor(y))) and a sticky bit for the rest.
func sqrtRatio(x, den *big.Int, k int) float64 {
	j := (110 + den.BitLen() - x.BitLen() + 1) / 2
	j = max(j, 0)
	y := new(big.Int).Lsh(x, uint(2*j))
	rem := new(big.Int)
	y.QuoRem(y, den, rem)
	q := new(big.Int).Sqrt(y)
	inexact := rem.Sign() != 0 || new(big.Int).Mul(q, q).Cmp(y) != 0
	q.Lsh(q, 1)
	if inexact {
		q.SetBit(q, 0, 1)
	}
	f := new(big.Float).SetInt(q)
	f.SetMantExp(f, k-j-1)
	r, _ := f.Float64()
	return r
}
