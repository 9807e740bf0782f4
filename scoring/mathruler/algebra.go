package mathruler

import (
	"errors"
	"fmt"
	"math/big"
	"sort"
	"strings"
)

// The values sympy computes for the expressions are held exactly: a
// polynomial (Laurent in its generators) over Q(√n, ...) whose generators are
// π and the symbols, over a denominator polynomial when one is needed.
// Coefficients are Rationals or sympy Floats: a Float keeps its binary
// precision and every operation on it rounds to nearest as mpmath does, in
// the order Python evaluates the operators. A zero polynomial is what
// sympy.simplify reduces to 0 on this class. Where that correspondence is
// not known (a radical in a sum's denominator, Floats in positions where
// sympy's association of roundings differs), the decision is errUndecided.

var (
	errUndecided = errors.New("sympy.simplify's outcome is not reproduced for this expression")
	// errRaised is an exception in parse_expr or simplify, which
	// are_equal_under_sympy turns into False.
	errRaised = errors.New("sympy raised")
)

const (
	maxTerms    = 4000
	maxExponent = 64
	maxBits     = 1 << 16
	maxRadicand = 1 << 30
)

type coef struct {
	r    *big.Rat   // exact, when f is nil
	f    *big.Float // a sympy Float
	prec uint
}

func ratCoef(r *big.Rat) coef { return coef{r: r} }

func (c coef) isZero() bool {
	if c.f != nil {
		return c.f.Sign() == 0
	}
	return c.r.Sign() == 0
}

func (c coef) isFloat() bool { return c.f != nil }

func roundRat(r *big.Rat, prec uint) *big.Float {
	return new(big.Float).SetPrec(prec).SetMode(big.ToNearestEven).SetRat(r)
}

func exactFloat(f *big.Float) *big.Rat {
	r, _ := f.Rat(nil)
	return r
}

// coefOp is Number arithmetic: Rationals exactly; a Rational meeting a Float
// is first rounded to the Float's precision, two Floats meet at the larger
// one, and the exact result is rounded to nearest (mpmath's mpf_add,
// mpf_mul, mpf_div). Float.__truediv__ rounds the divisor first likewise.
func coefOp(a, b coef, op func(z, x, y *big.Rat) *big.Rat) coef {
	if a.f == nil && b.f == nil {
		return ratCoef(op(new(big.Rat), a.r, b.r))
	}
	fa, fb, prec := floatPair(a, b)
	return floatResult(op(new(big.Rat), exactFloat(fa), exactFloat(fb)), prec)
}

func coefAdd(a, b coef) coef { return coefOp(a, b, (*big.Rat).Add) }
func coefMul(a, b coef) coef { return coefOp(a, b, (*big.Rat).Mul) }
func coefDiv(a, b coef) coef { return coefOp(a, b, (*big.Rat).Quo) }

// coefInv is Float**-1 (mpf_pow_int with -1: one rounded division).
func coefInv(a coef) coef {
	if a.f == nil {
		return ratCoef(new(big.Rat).Inv(a.r))
	}
	return floatResult(new(big.Rat).Inv(exactFloat(a.f)), a.prec)
}

// floatResult is Float._new: a zero result is S.Zero, not a Float.
func floatResult(r *big.Rat, prec uint) coef {
	if r.Sign() == 0 {
		return ratCoef(r)
	}
	return coef{f: roundRat(r, prec), prec: prec}
}

func floatPair(a, b coef) (*big.Float, *big.Float, uint) {
	prec := a.prec
	if b.prec > prec {
		prec = b.prec
	}
	conv := func(c coef) *big.Float {
		if c.f != nil {
			return c.f
		}
		return roundRat(c.r, prec)
	}
	return conv(a), conv(b), prec
}

func coefNeg(a coef) coef {
	if a.f != nil {
		return coef{f: new(big.Float).Neg(a.f), prec: a.prec}
	}
	return ratCoef(new(big.Rat).Neg(a.r))
}

// mono is a monomial: √rad times generators to integer powers.
type mono struct {
	rad  int64 // square-free, 1 for none
	gens []genPow
}

type genPow struct {
	name string // "pi" or a symbol's name (symbols are "s:NAME")
	exp  int
}

func (m mono) key() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d", m.rad)
	for _, g := range m.gens {
		fmt.Fprintf(&b, "|%s^%d", g.name, g.exp)
	}
	return b.String()
}

func (m mono) isOne() bool { return m.rad == 1 && len(m.gens) == 0 }

type term struct {
	m mono
	c coef
}

// poly is a sum of terms with distinct monomials.
type poly map[string]term

func constPoly(c coef) poly {
	p := poly{}
	if !c.isZero() {
		p[mono{rad: 1}.key()] = term{m: mono{rad: 1}, c: c}
	}
	return p
}

func genPoly(name string) poly {
	m := mono{rad: 1, gens: []genPow{{name, 1}}}
	return poly{m.key(): {m: m, c: ratCoef(big.NewRat(1, 1))}}
}

func (p poly) hasFloat() bool {
	for _, t := range p {
		if t.c.isFloat() {
			return true
		}
	}
	return false
}

// hasRadical: a term with a square root or I, which sympy's cancel treats
// as an independent generator.
func (p poly) hasRadical() bool {
	for _, t := range p {
		if t.m.rad != 1 || t.m.hasGen("I") {
			return true
		}
	}
	return false
}

func (m mono) hasGen(name string) bool {
	for _, g := range m.gens {
		if g.name == name {
			return true
		}
	}
	return false
}

func (p poly) hasSymbol() bool {
	for _, t := range p {
		for _, g := range t.m.gens {
			if strings.HasPrefix(g.name, "s:") {
				return true
			}
		}
	}
	return false
}

// hasExactVariable: a term with a radical or a generator and a Rational
// coefficient. No Float ever met its monomial, so sympy holds the same
// non-zero term (simplify does not evaluate radicals to Floats).
func (p poly) hasExactVariable() bool {
	for _, t := range p {
		if !t.m.isOne() && !t.c.isFloat() {
			return true
		}
	}
	return false
}

// constant returns the value of a polynomial that is a plain number.
func (p poly) constant() (coef, bool) {
	switch len(p) {
	case 0:
		return ratCoef(new(big.Rat)), true
	case 1:
		for _, t := range p {
			if t.m.isOne() {
				return t.c, true
			}
		}
	}
	return coef{}, false
}

func polyAdd(a, b poly) (poly, error) {
	out := make(poly, len(a)+len(b))
	for k, t := range a {
		out[k] = t
	}
	for k, t := range b {
		if u, ok := out[k]; ok {
			c := coefAdd(u.c, t.c)
			if c.isZero() {
				delete(out, k)
			} else {
				out[k] = term{m: t.m, c: c}
			}
		} else {
			out[k] = t
		}
	}
	if len(out) > maxTerms {
		return nil, errUndecided
	}
	return out, nil
}

func polyNeg(a poly) poly {
	out := make(poly, len(a))
	for k, t := range a {
		out[k] = term{m: t.m, c: coefNeg(t.c)}
	}
	return out
}

// monoMul multiplies monomials; the integer that √a·√b releases is returned.
func monoMul(a, b mono) (mono, int64, error) {
	g := gcd(a.rad, b.rad)
	rad := (a.rad / g) * (b.rad / g)
	if rad > maxRadicand {
		return mono{}, 0, errUndecided
	}
	exps := map[string]int{}
	for _, x := range a.gens {
		exps[x.name] += x.exp
	}
	for _, x := range b.gens {
		exps[x.name] += x.exp
	}
	sign := int64(1)
	if e, ok := exps["I"]; ok {
		// I**2 = -1: keep I**0 or I**1 and move the sign out.
		q := e / 2
		if e%2 < 0 {
			q--
		}
		exps["I"] = e - 2*q
		if q%2 != 0 {
			sign = -1
		}
	}
	var gens []genPow
	for n, e := range exps {
		if e > maxExponent*4 || e < -maxExponent*4 {
			return mono{}, 0, errUndecided
		}
		if e != 0 {
			gens = append(gens, genPow{n, e})
		}
	}
	sort.Slice(gens, func(i, j int) bool { return gens[i].name < gens[j].name })
	return mono{rad: rad, gens: gens}, g * sign, nil
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// polyMul expands the product. fragile reports a Float coefficient scaled by
// a radical's released factor, where sympy's Mul may round in another order.
func polyMul(a, b poly) (poly, bool, error) {
	out := poly{}
	fragile := false
	if len(a)*len(b) > maxTerms {
		return nil, false, errUndecided
	}
	for _, x := range a {
		for _, y := range b {
			m, g, err := monoMul(x.m, y.m)
			if err != nil {
				return nil, false, err
			}
			c := coefMul(x.c, y.c)
			if g != 1 {
				if ag := abs64(g); c.isFloat() && ag&(ag-1) != 0 {
					fragile = true
				}
				c = coefMul(c, ratCoef(big.NewRat(g, 1)))
			}
			var err2 error
			out, err2 = polyAdd(out, poly{m.key(): {m: m, c: c}})
			if err2 != nil {
				return nil, false, err2
			}
		}
	}
	return out, fragile, nil
}

// invertMono is 1/(c·m) for a single term: √r ↦ √r/r, generators negated.
func invertTerm(t term) (term, error) {
	if t.c.isFloat() {
		return term{}, errUndecided
	}
	c := new(big.Rat).Inv(t.c.r)
	if t.m.rad != 1 {
		c.Mul(c, big.NewRat(1, t.m.rad))
	}
	gens := make([]genPow, len(t.m.gens))
	for i, g := range t.m.gens {
		gens[i] = genPow{g.name, -g.exp}
	}
	return term{m: mono{rad: t.m.rad, gens: gens}, c: ratCoef(c)}, nil
}

// squareFree splits n > 0 into out² · rad with rad square-free, as sympy's
// Integer power does: it trial-divides by primes below 2**15 only, so a
// cofactor of 2**30 or more (whose square factors it may miss) is undecided.
func squareFree(n *big.Int) (out *big.Int, rad int64, err error) {
	if n.BitLen() > 62 {
		return nil, 0, errUndecided
	}
	v := n.Int64()
	o := int64(1)
	r := int64(1)
	for p := int64(2); p < 1<<15 && p*p <= v; p++ {
		for v%(p*p) == 0 {
			v /= p * p
			o *= p
		}
		if v%p == 0 {
			v /= p
			r *= p
		}
	}
	if v >= 1<<30 {
		return nil, 0, errUndecided
	}
	r *= v
	if r > maxRadicand {
		return nil, 0, errUndecided
	}
	return big.NewInt(o), r, nil
}
