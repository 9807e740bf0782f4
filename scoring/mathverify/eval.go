package mathverify

import (
	"errors"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"math"
	"math/big"
	"strings"
)

// value is the numeric meaning of a constant expression: an exact rational
// when every step was exact, otherwise a complex float. approx marks values
// that went through float64 functions (about 15 significant digits).
type value struct {
	rat    *big.Rat // exact real value, or nil
	re, im float64  // always set
	approx bool
	inf    int // 0 finite, 1 +oo, -1 -oo, 2 zoo/nan
}

var errNotNumeric = errors.New("mathverify: not numeric")

const (
	maxExactBits  = 1 << 16 // largest exact rational kept, in bits
	maxFactorial  = 2000
	maxSumTerms   = 100000
	bigFloatPrec  = 256
	approxRelTol  = 1e-11
	chopThreshold = 8.881784197001252e-16 // 2^-50: evalf(chop=True) at 15 digits
)

func exactVal(r *big.Rat) value {
	f, _ := r.Float64()
	return value{rat: r, re: f}
}

// gammaVal is Gamma(x) as a float; poles and overflow are not numeric.
func gammaVal(x float64) (value, error) {
	if x <= 0 && x == math.Floor(x) {
		return value{}, errNotNumeric
	}
	g := math.Gamma(x)
	if math.IsInf(g, 0) || math.IsNaN(g) {
		return value{}, errNotNumeric
	}
	return floatVal(g, 0), nil
}

func floatVal(re, im float64) value {
	v := value{re: re, im: im, approx: true}
	if math.IsInf(re, 0) || math.IsInf(im, 0) || math.IsNaN(re) || math.IsNaN(im) {
		v.inf = 2
	}
	return v
}

func (v value) isZero() bool {
	if v.rat != nil {
		return v.rat.Sign() == 0
	}
	return v.inf == 0 && v.re == 0 && v.im == 0
}

type evaluator struct {
	env map[string]value
	bud *budget
}

// eval computes the numeric value of n; symbols are looked up in env.
func (e *evaluator) eval(n *node) (value, error) {
	if e.bud.spend(1) {
		return value{}, errTimeout
	}
	switch n.k {
	case kInt, kRat, kFloat:
		return exactVal(n.val), nil
	case kSym:
		if v, ok := e.env[symKey(n)]; ok {
			return v, nil
		}
		return value{}, errNotNumeric
	case kConst:
		switch n.name {
		case "pi":
			return value{re: math.Pi, approx: true}, nil
		case "E":
			return value{re: math.E, approx: true}, nil
		case "I":
			return value{re: 0, im: 1, rat: nil}, nil
		case "oo":
			return value{inf: 1, re: math.Inf(1)}, nil
		case "-oo":
			return value{inf: -1, re: math.Inf(-1)}, nil
		}
		return value{inf: 2, re: math.NaN()}, nil
	case kAdd:
		return e.fold(n.args, exactVal(new(big.Rat)), addVal)
	case kMul:
		return e.fold(n.args, exactVal(big.NewRat(1, 1)), mulVal)
	case kPow:
		b, err := e.eval(n.args[0])
		if err != nil {
			return value{}, err
		}
		x, err := e.eval(n.args[1])
		if err != nil {
			return value{}, err
		}
		return powVal(b, x), nil
	case kFunc:
		return e.evalFunc(n)
	case kSum, kProd:
		return e.evalSeries(n)
	case kIntegral:
		return e.evalIntegral(n)
	case kLimit:
		return e.evalLimit(n)
	}
	return value{}, errNotNumeric
}

// fold evaluates args left to right, combining each into acc with op: the
// sum or product of an Add or Mul node.
func (e *evaluator) fold(args []*node, acc value, op func(a, b value) value) (value, error) {
	for _, a := range args {
		v, err := e.eval(a)
		if err != nil {
			return value{}, err
		}
		acc = op(acc, v)
	}
	return acc, nil
}

func addVal(a, b value) value {
	if a.inf != 0 || b.inf != 0 {
		if a.inf == 2 || b.inf == 2 || (a.inf != 0 && b.inf != 0 && a.inf != b.inf) {
			return value{inf: 2, re: math.NaN()}
		}
		if a.inf != 0 {
			return a
		}
		return b
	}
	if a.rat != nil && b.rat != nil {
		return exactVal(new(big.Rat).Add(a.rat, b.rat))
	}
	if isExactComplex(a) && isExactComplex(b) {
		return value{re: a.re + b.re, im: a.im + b.im}
	}
	return floatVal(a.re+b.re, a.im+b.im)
}

// isExactComplex is true for Gaussian-integer-like values built from I
// without rounding (kept so that I*I stays exactly -1).
func isExactComplex(v value) bool {
	return !v.approx && v.inf == 0 && v.re == math.Trunc(v.re) && v.im == math.Trunc(v.im) && math.Abs(v.re) < 1<<50 && math.Abs(v.im) < 1<<50
}

func mulVal(a, b value) value {
	if a.inf != 0 || b.inf != 0 {
		if a.isZero() || b.isZero() || a.inf == 2 || b.inf == 2 {
			return value{inf: 2, re: math.NaN()}
		}
		s := sign(a) * sign(b)
		return value{inf: s, re: math.Inf(s)}
	}
	if a.rat != nil && b.rat != nil {
		return exactVal(new(big.Rat).Mul(a.rat, b.rat))
	}
	re := a.re*b.re - a.im*b.im
	im := a.re*b.im + a.im*b.re
	if isExactComplex(a) && isExactComplex(b) {
		v := value{re: re, im: im}
		if im == 0 {
			v.rat = new(big.Rat).SetFloat64(re)
		}
		return v
	}
	return floatVal(re, im)
}

func sign(v value) int {
	if v.inf == 1 || v.inf == -1 {
		return v.inf
	}
	if v.rat != nil {
		return v.rat.Sign()
	}
	switch {
	case v.re > 0:
		return 1
	case v.re < 0:
		return -1
	}
	return 0
}

func powVal(b, x value) value {
	if b.inf != 0 || x.inf != 0 {
		if x.inf == 0 && x.rat != nil && x.rat.Sign() < 0 && b.inf != 2 {
			return exactVal(new(big.Rat))
		}
		return value{inf: 2, re: math.NaN()}
	}
	if b.rat != nil && x.rat != nil {
		if v, ok := exactPow(b.rat, x.rat); ok {
			return v
		}
	}
	if x.rat != nil && x.rat.IsInt() && x.rat.Num().IsInt64() && !b.approx && b.rat == nil {
		// exact complex base (e.g. I) to a small integer power
		k := x.rat.Num().Int64()
		if k >= 0 && k <= 64 {
			acc := exactVal(big.NewRat(1, 1))
			for i := int64(0); i < k; i++ {
				acc = mulVal(acc, b)
			}
			return acc
		}
	}
	c := complexPow(complex(b.re, b.im), complex(x.re, x.im))
	return floatVal(real(c), imag(c))
}

func complexPow(b, x complex128) complex128 {
	if imag(b) == 0 && imag(x) == 0 && (real(b) >= 0 || real(x) == math.Trunc(real(x))) {
		return complex(math.Pow(real(b), real(x)), 0)
	}
	if b == 0 {
		if real(x) > 0 {
			return 0
		}
		return complex(math.Inf(1), 0)
	}
	// principal branch, as sympy uses for negative bases
	r := math.Hypot(real(b), imag(b))
	th := math.Atan2(imag(b), real(b))
	lr := math.Log(r)
	re := real(x)*lr - imag(x)*th
	im := imag(x)*lr + real(x)*th
	m := math.Exp(re)
	return complex(m*math.Cos(im), m*math.Sin(im))
}

// exactPow raises a rational to a rational power when the result is
// rational and not absurdly large.
func exactPow(b, x *big.Rat) (value, bool) {
	if x.IsInt() {
		if !x.Num().IsInt64() {
			return value{}, false
		}
		k := x.Num().Int64()
		if b.Sign() == 0 {
			if k < 0 {
				return value{inf: 2, re: math.NaN()}, true
			}
			if k == 0 {
				return exactVal(big.NewRat(1, 1)), true
			}
			return exactVal(new(big.Rat)), true
		}
		bits := int64(b.Num().BitLen() + b.Denom().BitLen())
		if abs64(k)*bits > maxExactBits {
			return value{}, false
		}
		r := ratPowInt(b, abs64(k))
		if k < 0 {
			r.Inv(r)
		}
		return exactVal(r), true
	}
	// rational exponent p/q: exact only for perfect q-th powers of b >= 0
	if b.Sign() < 0 || !x.Denom().IsInt64() || x.Denom().Int64() > 64 {
		return value{}, false
	}
	q := x.Denom().Int64()
	num, ok1 := intRoot(b.Num(), q)
	den, ok2 := intRoot(b.Denom(), q)
	if !ok1 || !ok2 {
		return value{}, false
	}
	root := new(big.Rat).SetFrac(num, den)
	return exactPow(root, new(big.Rat).SetInt(x.Num()))
}

func abs64(k int64) int64 {
	if k < 0 {
		return -k
	}
	return k
}

func ratPowInt(b *big.Rat, k int64) *big.Rat {
	n := new(big.Int).Exp(b.Num(), big.NewInt(k), nil)
	d := new(big.Int).Exp(b.Denom(), big.NewInt(k), nil)
	return new(big.Rat).SetFrac(n, d)
}

// intRoot returns the exact q-th root of a non-negative integer if any.
func intRoot(n *big.Int, q int64) (*big.Int, bool) {
	if n.Sign() == 0 {
		return new(big.Int), true
	}
	if q == 2 {
		r := new(big.Int).Sqrt(n)
		return r, new(big.Int).Mul(r, r).Cmp(n) == 0
	}
	f, _ := new(big.Float).SetInt(n).Float64()
	guess := math.Round(math.Pow(f, 1/float64(q)))
	if math.IsInf(guess, 0) || guess > 1e15 {
		return nil, false
	}
	for d := -1.0; d <= 1; d++ {
		g := big.NewInt(int64(guess + d))
		if g.Sign() < 0 {
			continue
		}
		if new(big.Int).Exp(g, big.NewInt(q), nil).Cmp(n) == 0 {
			return g, true
		}
	}
	return nil, false
}

func (e *evaluator) evalFunc(n *node) (value, error) {
	var args []value
	for _, a := range n.args {
		v, err := e.eval(a)
		if err != nil {
			return value{}, err
		}
		if v.inf == 2 {
			return v, nil
		}
		args = append(args, v)
	}
	if len(args) == 0 {
		return value{}, errNotNumeric
	}
	x := args[0]
	real1 := func(f func(float64) float64) (value, error) {
		if x.im != 0 {
			return value{}, errNotNumeric
		}
		return floatVal(f(x.re), 0), nil
	}
	switch n.name {
	case "sin":
		if x.rat != nil && x.rat.Sign() == 0 {
			return exactVal(new(big.Rat)), nil
		}
		return real1(math.Sin)
	case "cos":
		if x.rat != nil && x.rat.Sign() == 0 {
			return exactVal(big.NewRat(1, 1)), nil
		}
		return real1(math.Cos)
	case "tan":
		return real1(math.Tan)
	case "cot":
		return real1(func(t float64) float64 { return 1 / math.Tan(t) })
	case "sec":
		return real1(func(t float64) float64 { return 1 / math.Cos(t) })
	case "csc":
		return real1(func(t float64) float64 { return 1 / math.Sin(t) })
	case "asin":
		return real1(math.Asin)
	case "acos":
		return real1(math.Acos)
	case "atan":
		return real1(math.Atan)
	case "acot":
		return real1(func(t float64) float64 { return math.Atan(1 / t) })
	case "asec":
		return real1(func(t float64) float64 { return math.Acos(1 / t) })
	case "acsc":
		return real1(func(t float64) float64 { return math.Asin(1 / t) })
	case "sinh":
		return real1(math.Sinh)
	case "cosh":
		return real1(math.Cosh)
	case "tanh":
		return real1(math.Tanh)
	case "asinh":
		return real1(math.Asinh)
	case "acosh":
		return real1(math.Acosh)
	case "atanh":
		return real1(math.Atanh)
	case "exp":
		if x.rat != nil && x.rat.Sign() == 0 {
			return exactVal(big.NewRat(1, 1)), nil
		}
		return real1(math.Exp)
	case "log":
		if x.im != 0 || args[1].im != 0 {
			return value{}, errNotNumeric
		}
		if x.rat != nil && args[1].rat != nil {
			if v, ok := exactLog(x.rat, args[1].rat); ok {
				return v, nil
			}
		}
		if x.re <= 0 {
			return value{}, errNotNumeric
		}
		return floatVal(math.Log(x.re)/math.Log(args[1].re), 0), nil
	case "Abs":
		if x.rat != nil {
			return exactVal(new(big.Rat).Abs(x.rat)), nil
		}
		return floatVal(math.Hypot(x.re, x.im), 0), nil
	case "floor", "ceiling":
		if x.im != 0 {
			return value{}, errNotNumeric
		}
		if x.rat != nil {
			q := new(big.Int).Div(x.rat.Num(), x.rat.Denom()) // Euclidean: floor for positive denominators
			if n.name == "ceiling" && !x.rat.IsInt() {
				q.Add(q, big.NewInt(1))
			}
			return exactVal(new(big.Rat).SetInt(q)), nil
		}
		if n.name == "floor" {
			return floatVal(math.Floor(x.re), 0), nil
		}
		return floatVal(math.Ceil(x.re), 0), nil
	case "factorial":
		if x.im == 0 && (x.rat == nil || !x.rat.IsInt()) {
			// sympy's factorial of a non-integer real is gamma(x+1); this is
			// what lets symbolic identities such as n*(n-1)! = n! be checked
			// at the (non-integer) sample points.
			return gammaVal(x.re + 1)
		}
		if x.rat == nil || !x.rat.IsInt() || x.rat.Sign() < 0 || x.rat.Num().Cmp(big.NewInt(maxFactorial)) > 0 {
			return value{}, errNotNumeric
		}
		k := x.rat.Num().Int64()
		if e.bud.spend(int(k)) {
			return value{}, errTimeout
		}
		return exactVal(new(big.Rat).SetInt(new(big.Int).MulRange(1, k))), nil
	case "binomial":
		if len(args) == 2 && x.rat != nil && args[1].rat != nil && x.rat.IsInt() && args[1].rat.IsInt() &&
			x.rat.Num().IsInt64() && args[1].rat.Num().IsInt64() && x.rat.Num().Int64() <= maxFactorial {
			nn, kk := x.rat.Num().Int64(), args[1].rat.Num().Int64()
			if kk < 0 || nn < 0 || kk > nn {
				return exactVal(new(big.Rat)), nil
			}
			return exactVal(new(big.Rat).SetInt(new(big.Int).Binomial(nn, kk))), nil
		}
		if len(args) == 2 && x.im == 0 && args[1].im == 0 && x.inf == 0 && args[1].inf == 0 &&
			!(x.rat != nil && x.rat.IsInt() && args[1].rat != nil && args[1].rat.IsInt()) {
			// binomial(n, k) = gamma(n+1) / (gamma(k+1) gamma(n-k+1)) off the integers.
			a, err1 := gammaVal(x.re + 1)
			b, err2 := gammaVal(args[1].re + 1)
			c, err3 := gammaVal(x.re - args[1].re + 1)
			if err1 != nil || err2 != nil || err3 != nil || b.re == 0 || c.re == 0 {
				return value{}, errNotNumeric
			}
			return floatVal(a.re/(b.re*c.re), 0), nil
		}
		return value{}, errNotNumeric
	case "Max", "Min":
		best := x
		for _, a := range args[1:] {
			if a.im != 0 || best.im != 0 {
				return value{}, errNotNumeric
			}
			c := cmpVal(a, best)
			if (n.name == "Max" && c > 0) || (n.name == "Min" && c < 0) {
				best = a
			}
		}
		return best, nil
	case "Mod":
		if len(args) == 2 && x.rat != nil && args[1].rat != nil && args[1].rat.Sign() != 0 {
			q := new(big.Rat).Quo(x.rat, args[1].rat)
			fl := new(big.Int).Div(q.Num(), q.Denom())
			r := new(big.Rat).Sub(x.rat, new(big.Rat).Mul(new(big.Rat).SetInt(fl), args[1].rat))
			return exactVal(r), nil
		}
	case "gcd", "lcm":
		if len(args) >= 1 {
			acc := new(big.Int)
			for i, a := range args {
				if a.rat == nil || !a.rat.IsInt() {
					return value{}, errNotNumeric
				}
				v := new(big.Int).Abs(a.rat.Num())
				if i == 0 {
					acc.Set(v)
				} else if n.name == "gcd" {
					acc.GCD(nil, nil, acc, v)
				} else if acc.Sign() != 0 && v.Sign() != 0 {
					g := new(big.Int).GCD(nil, nil, acc, v)
					acc.Mul(acc, v).Div(acc, g)
				} else {
					acc.SetInt64(0)
				}
			}
			return exactVal(new(big.Rat).SetInt(acc)), nil
		}
	}
	return value{}, errNotNumeric
}

// exactLog returns log_b(x) when it is an integer or simple rational.
func exactLog(x, b *big.Rat) (value, bool) {
	if x.Sign() <= 0 || b.Sign() <= 0 || b.Cmp(big.NewRat(1, 1)) == 0 {
		return value{}, false
	}
	if x.Cmp(big.NewRat(1, 1)) == 0 {
		return exactVal(new(big.Rat)), true
	}
	xf, _ := x.Float64()
	bf, _ := b.Float64()
	guess := math.Log(xf) / math.Log(bf)
	for _, den := range []int64{1, 2, 3} {
		k := math.Round(guess * float64(den))
		if math.Abs(k-guess*float64(den)) > 1e-6 || math.Abs(k) > 4096 {
			continue
		}
		r := big.NewRat(int64(k), den)
		if v, ok := exactPow(b, r); ok && v.rat != nil && v.rat.Cmp(x) == 0 {
			return exactVal(r), true
		}
	}
	return value{}, false
}

func cmpVal(a, b value) int {
	if a.rat != nil && b.rat != nil {
		return a.rat.Cmp(b.rat)
	}
	switch {
	case a.re < b.re:
		return -1
	case a.re > b.re:
		return 1
	}
	return 0
}

func (e *evaluator) evalSeries(n *node) (value, error) {
	iv := n.args[1]
	if iv.k != kSym {
		return value{}, errNotNumeric
	}
	lo, err := e.eval(n.args[2])
	if err != nil {
		return value{}, err
	}
	hi, err := e.eval(n.args[3])
	if err != nil {
		return value{}, err
	}
	if hi.inf == 1 && lo.rat != nil && lo.rat.IsInt() && n.k == kSum {
		return e.evalInfiniteSum(n, lo.rat)
	}
	if lo.rat == nil || hi.rat == nil || !lo.rat.IsInt() || !hi.rat.IsInt() {
		return value{}, errNotNumeric
	}
	count := new(big.Rat).Sub(hi.rat, lo.rat)
	if count.Cmp(big.NewRat(maxSumTerms, 1)) > 0 {
		return value{}, errNotNumeric
	}
	acc := exactVal(new(big.Rat))
	if n.k == kProd {
		acc = exactVal(big.NewRat(1, 1))
	}
	inner := &evaluator{env: map[string]value{}, bud: e.bud}
	for k, v := range e.env {
		inner.env[k] = v
	}
	i := new(big.Rat).Set(lo.rat)
	for i.Cmp(hi.rat) <= 0 {
		inner.env[symKey(iv)] = exactVal(new(big.Rat).Set(i))
		v, err := inner.eval(n.args[0])
		if err != nil {
			return value{}, err
		}
		if n.k == kSum {
			acc = addVal(acc, v)
		} else {
			acc = mulVal(acc, v)
			if acc.rat != nil && acc.rat.Num().BitLen() > maxExactBits {
				return value{}, errNotNumeric
			}
		}
		i.Add(i, big.NewRat(1, 1))
	}
	return acc, nil
}

// evalIntegral integrates a definite integral numerically with
// Gauss-Legendre quadrature (exact for polynomials of degree < 40).
func (e *evaluator) evalIntegral(n *node) (value, error) {
	if len(n.args) != 4 || n.args[1].k != kSym {
		return value{}, errNotNumeric
	}
	lo, err := e.eval(n.args[2])
	if err != nil {
		return value{}, err
	}
	hi, err := e.eval(n.args[3])
	if err != nil {
		return value{}, err
	}
	if lo.inf != 0 || hi.inf != 0 || lo.im != 0 || hi.im != 0 {
		return value{}, errNotNumeric
	}
	inner := &evaluator{env: map[string]value{}, bud: e.bud}
	for k, v := range e.env {
		inner.env[k] = v
	}
	a, b := lo.re, hi.re
	sum := 0.0
	nodes, weights := gaussLegendre20()
	for i, x := range nodes {
		t := (b-a)/2*x + (a+b)/2
		inner.env[symKey(n.args[1])] = floatVal(t, 0)
		v, err := inner.eval(n.args[0])
		if err != nil {
			return value{}, err
		}
		if v.im != 0 || v.inf != 0 {
			return value{}, errNotNumeric
		}
		sum += weights[i] * v.re
	}
	res := sum * (b - a) / 2
	// snap to a nearby simple rational so that exact comparisons work
	if r := new(big.Rat).SetFloat64(math.Round(res * 1e6)); r != nil && math.Abs(res*1e6-math.Round(res*1e6)) < 1e-6 {
		return exactVal(r.Quo(r, big.NewRat(1000000, 1))), nil
	}
	return floatVal(res, 0), nil
}

func gaussLegendre20() ([]float64, []float64) {
	const n = 20
	xs := make([]float64, n)
	ws := make([]float64, n)
	for i := 0; i < n; i++ {
		x := math.Cos(math.Pi * (float64(i) + 0.75) / (n + 0.5))
		for it := 0; it < 100; it++ {
			p0, p1 := 1.0, x
			for k := 2; k <= n; k++ {
				p0, p1 = p1, ((2*float64(k)-1)*x*p1-(float64(k)-1)*p0)/float64(k)
			}
			dp := n * (x*p1 - p0) / (x*x - 1)
			dx := p1 / dp
			x -= dx
			if math.Abs(dx) < 1e-16 {
				break
			}
		}
		p0, p1 := 1.0, x
		for k := 2; k <= n; k++ {
			p0, p1 = p1, ((2*float64(k)-1)*x*p1-(float64(k)-1)*p0)/float64(k)
		}
		dp := n * (x*p1 - p0) / (x*x - 1)
		xs[i] = x
		ws[i] = 2 / ((1 - x*x) * dp * dp)
	}
	return xs, ws
}

// collectSymbols lists the free symbol names of n in first-seen order.
func collectSymbols(n *node, acc []string) []string {
	if n.k == kSym {
		return appendUnique(acc, symKey(n))
	}
	bound := ""
	if n.k == kSum || n.k == kProd || n.k == kIntegral || n.k == kLimit {
		if n.args[1].k == kSym {
			bound = symKey(n.args[1])
		}
	}
	for i, a := range n.args {
		if bound != "" && i == 1 {
			continue
		}
		if bound != "" {
			inner := collectSymbols(a, nil)
			for _, s := range inner {
				if s != bound {
					acc = appendUnique(acc, s)
				}
			}
			continue
		}
		acc = collectSymbols(a, acc)
	}
	return acc
}

func appendUnique(acc []string, s string) []string {
	for _, x := range acc {
		if x == s {
			return acc
		}
	}
	return append(acc, s)
}

// substitute replaces every occurrence of from (structurally) by to.
func substitute(n, from, to *node) *node {
	if n.equal(from) {
		return to
	}
	if len(n.args) == 0 {
		return n
	}
	c := *n
	c.args = make([]*node, len(n.args))
	for i, a := range n.args {
		c.args[i] = substitute(a, from, to)
	}
	return &c
}

// numericLess evaluates b < a (or b <= a when orEqual) for interval
// construction; ok is false when either side is not a real number.
func numericLess(b, a *node, orEqual bool) (bool, bool) {
	ev := &evaluator{bud: nil}
	va, err1 := ev.eval(a)
	vb, err2 := ev.eval(b)
	if err1 != nil || err2 != nil || va.im != 0 || vb.im != 0 || va.inf == 2 || vb.inf == 2 {
		return false, false
	}
	var c int
	if va.inf != 0 || vb.inf != 0 {
		fa, fb := float64(va.inf), float64(vb.inf)
		if va.inf == 0 {
			fa = 0
		}
		if vb.inf == 0 {
			fb = 0
		}
		switch {
		case fb < fa:
			c = -1
		case fb > fa:
			c = 1
		}
	} else {
		c = cmpVal(vb, va)
	}
	if orEqual {
		return c <= 0, true
	}
	return c < 0, true
}

// pyLower lower-cases like Python's str.lower (full Unicode mapping). A
// Caser is stateful, so a fresh one is made for non-ASCII input.
func pyLower(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return cases.Lower(language.Und).String(s)
		}
	}
	return strings.ToLower(s)
}

// symKey identifies a symbol together with its real/complex assumption,
// as sympy does: Symbol('i', real=True) != Symbol('i').
func symKey(n *node) string {
	if n.cplx {
		return n.name + "\x00c"
	}
	return n.name
}

// evalInfiniteSum sums a convergent series numerically (sympy's doit finds
// the closed form; the numeric value is what the comparisons need).
func (e *evaluator) evalInfiniteSum(n *node, lo *big.Rat) (value, error) {
	inner := e.child()
	key := symKey(n.args[1])
	sum, last := 0.0, math.Inf(1)
	i := new(big.Rat).Set(lo)
	for k := 0; k < maxSumTerms; k++ {
		inner.env[key] = exactVal(new(big.Rat).Set(i))
		v, err := inner.eval(n.args[0])
		if err != nil {
			return value{}, err
		}
		if v.im != 0 || v.inf != 0 {
			return value{}, errNotNumeric
		}
		sum += v.re
		if k > 20 && math.Abs(v.re) <= 1e-18*math.Max(1, math.Abs(sum)) && math.Abs(v.re) <= last {
			return floatVal(sum, 0), nil
		}
		last = math.Abs(v.re)
		i.Add(i, big.NewRat(1, 1))
	}
	return value{}, errNotNumeric
}

func (e *evaluator) child() *evaluator {
	inner := &evaluator{env: map[string]value{}, bud: e.bud}
	for k, v := range e.env {
		inner.env[k] = v
	}
	return inner
}

// evalLimit evaluates the limit expression very close to the limit point
// with exact arithmetic and checks that the values settle.
func (e *evaluator) evalLimit(n *node) (value, error) {
	if n.args[1].k != kSym {
		return value{}, errNotNumeric
	}
	to, err := e.eval(n.args[2])
	if err != nil {
		return value{}, err
	}
	inner := e.child()
	key := symKey(n.args[1])
	var pts []*big.Rat
	switch {
	case to.inf == 1:
		pts = []*big.Rat{pow10(30), pow10(32)}
	case to.inf == -1:
		pts = []*big.Rat{new(big.Rat).Neg(pow10(30)), new(big.Rat).Neg(pow10(32))}
	case to.rat != nil:
		pts = []*big.Rat{new(big.Rat).Add(to.rat, pow10(-30)), new(big.Rat).Add(to.rat, pow10(-32))}
	default:
		return value{}, errNotNumeric
	}
	var vals []float64
	for _, p := range pts {
		inner.env[key] = exactVal(p)
		v, err := inner.eval(n.args[0])
		if err != nil {
			return value{}, err
		}
		if v.im != 0 || v.inf != 0 {
			return value{}, errNotNumeric
		}
		vals = append(vals, v.re)
	}
	if math.Abs(vals[0]-vals[1]) > 1e-12*math.Max(1, math.Abs(vals[1])) {
		return value{}, errNotNumeric
	}
	r := new(big.Rat).SetFloat64(vals[1])
	if r != nil {
		// snap to a simple rational, which is what sympy's closed form gives
		for den := int64(1); den <= 1000; den++ {
			k := math.Round(vals[1] * float64(den))
			if math.Abs(k-vals[1]*float64(den)) < 1e-9 && math.Abs(k) < 1e15 {
				return exactVal(big.NewRat(int64(k), den)), nil
			}
		}
	}
	return floatVal(vals[1], 0), nil
}
