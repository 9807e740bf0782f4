package py

import (
	"math"
	"math/big"
)

// correctlyRoundedCos computes cos in 256-bit arithmetic and rounds once.
// Builds without cgo use it for math.cos: it differs from glibc's cos, which
// CPython calls, only where glibc is off by a hair over half an ulp (2 of
// the 3000 golden lengths), whereas Go's math.Cos misses the last bit on
// about 5 % of them.
func correctlyRoundedCos(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return math.NaN()
	}
	if x == 0 {
		return 1
	}
	const prec = 256
	bx := new(big.Float).SetPrec(prec).SetFloat64(x)
	// k = nearest integer to x / (pi/2); r = x - k*pi/2, |r| <= pi/4.
	q := new(big.Float).SetPrec(prec).Quo(bx, halfPi)
	kf, _ := q.Float64()
	k := math.Round(kf)
	if math.Abs(k) > 1<<40 {
		return math.Cos(x) // far outside what the rewards compute
	}
	r := new(big.Float).SetPrec(prec).Mul(new(big.Float).SetPrec(prec).SetFloat64(k), halfPi)
	r.Sub(bx, r)
	var v *big.Float
	switch int64(k) & 3 {
	case 0:
		v = taylor(r, false)
	case 1:
		v = taylor(r, true)
		v.Neg(v)
	case 2:
		v = taylor(r, false)
		v.Neg(v)
	default:
		v = taylor(r, true)
	}
	f, _ := v.Float64()
	return f
}

// halfPi is pi/2 to 300 bits.
var halfPi = func() *big.Float {
	pi, _, err := big.ParseFloat("3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798214808651", 10, 300, big.ToNearestEven)
	if err != nil {
		panic(err)
	}
	return pi.Quo(pi, big.NewFloat(2).SetPrec(300))
}()

// taylor sums the series of sin(r) (odd) or cos(r) for |r| <= pi/4.
func taylor(r *big.Float, odd bool) *big.Float {
	const prec = 256
	r2 := new(big.Float).SetPrec(prec).Mul(r, r)
	term := new(big.Float).SetPrec(prec).SetInt64(1)
	n := int64(0)
	if odd {
		term.Set(r)
		n = 1
	}
	sum := new(big.Float).SetPrec(prec).Set(term)
	eps := new(big.Float).SetPrec(prec).SetMantExp(big.NewFloat(1), -prec)
	for i := 0; i < 200; i++ {
		term.Mul(term, r2)
		term.Quo(term, new(big.Float).SetPrec(prec).SetInt64((n+1)*(n+2)))
		term.Neg(term)
		n += 2
		sum.Add(sum, term)
		if new(big.Float).Abs(term).Cmp(eps) < 0 {
			break
		}
	}
	return sum
}
