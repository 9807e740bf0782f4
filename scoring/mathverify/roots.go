package mathverify

import (
	"math"
	"math/cmplx"
	"sort"
)

// univariateCoeffs returns the coefficients (constant first) of expr as a
// polynomial in the single symbol key, or ok=false.
func univariateCoeffs(expr *node, key string) ([]float64, bool) {
	p, ok := toPoly(expr, 0)
	if !ok {
		return nil, false
	}
	var coeffs []float64
	for _, t := range p.terms {
		deg := 0
		switch len(t.mono.atoms) {
		case 0:
		case 1:
			at := p.atoms[t.mono.atoms[0]]
			if at.k != kSym || symKey(at) != key || t.mono.exps[0] < 0 {
				return nil, false
			}
			deg = t.mono.exps[0]
		default:
			return nil, false
		}
		if deg > 12 {
			return nil, false
		}
		for len(coeffs) <= deg {
			coeffs = append(coeffs, 0)
		}
		f, _ := t.coef.Float64()
		coeffs[deg] += f
	}
	for len(coeffs) > 0 && coeffs[len(coeffs)-1] == 0 {
		coeffs = coeffs[:len(coeffs)-1]
	}
	return coeffs, len(coeffs) >= 2
}

// realRoots finds the distinct real roots of a polynomial (Durand-Kerner),
// sorted ascending: what solve() returns for a real symbol.
func realRoots(coeffs []float64) []float64 {
	n := len(coeffs) - 1
	lead := coeffs[n]
	eval := func(z complex128) complex128 {
		var acc complex128
		for i := n; i >= 0; i-- {
			acc = acc*z + complex(coeffs[i]/lead, 0)
		}
		return acc
	}
	roots := make([]complex128, n)
	for i := range roots {
		roots[i] = cmplx.Pow(complex(0.4, 0.9), complex(float64(i), 0))
	}
	for it := 0; it < 500; it++ {
		maxStep := 0.0
		for i := range roots {
			den := complex(1, 0)
			for j := range roots {
				if i != j {
					den *= roots[i] - roots[j]
				}
			}
			if den == 0 {
				den = complex(1e-12, 0)
			}
			step := eval(roots[i]) / den
			roots[i] -= step
			maxStep = math.Max(maxStep, cmplx.Abs(step))
		}
		if maxStep < 1e-15 {
			break
		}
	}
	var out []float64
	for _, r := range roots {
		if math.Abs(imag(r)) > 1e-7*math.Max(1, cmplx.Abs(r)) {
			continue
		}
		x := real(r)
		dup := false
		for _, y := range out {
			if math.Abs(x-y) <= 1e-6*math.Max(1, math.Abs(x)) {
				dup = true
			}
		}
		if !dup {
			out = append(out, x)
		}
	}
	sort.Float64s(out)
	return out
}

// noRealRoots reports that expr = 0 has no real solution (or is an
// identity, for which solve() also returns []). Non-polynomial input is
// assumed to have solutions.
func noRealRoots(expr *node, key string) bool {
	p, ok := toPoly(expr, 0)
	if !ok {
		return false
	}
	if len(p.terms) == 0 {
		return true
	}
	onlyConst := true
	for _, t := range p.terms {
		if len(t.mono.atoms) > 0 {
			onlyConst = false
		}
	}
	if onlyConst {
		return true
	}
	coeffs, ok := univariateCoeffs(expr, key)
	if !ok {
		return false
	}
	return len(realRoots(coeffs)) == 0
}
