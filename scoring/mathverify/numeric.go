package mathverify

import (
	"math"
	"math/big"
)

func isPctOf(n *node, pred func(*node) bool) bool {
	if pred(n) {
		return true
	}
	return n.k == kMul && len(n.args) == 2 && n.args[1].k == kRat && n.args[1].val.Cmp(ratHundredth) == 0 && pred(n.args[0])
}

func isNumberNode(n *node) bool { return n.isNumber() }
func isFloatNode(n *node) bool  { return n.k == kFloat }

func hasFloat(n *node) (bool, int) {
	if n.k == kFloat {
		return true, n.prec
	}
	found, prec := false, 0
	for _, a := range n.args {
		if f, p := hasFloat(a); f {
			found = true
			if p > prec {
				prec = p
			}
		}
	}
	return found, prec
}

func (c *comparer) evalConst(n *node) (value, bool) {
	ev := &evaluator{bud: c.bud}
	v, err := ev.eval(n)
	if err == errTimeout {
		panic(errTimeout)
	}
	return v, err == nil
}

// numericEq is sympy_numeric_eq.
func (c *comparer) numericEq(a, b *node) bool {
	if isMatrixExpr(a) && isMatrixExpr(b) {
		a, b = matrixDoit(a), matrixDoit(b)
	}
	if a.k == kMatrix && b.k == kMatrix {
		if a.rows != b.rows || a.cols != b.cols {
			return false
		}
		for i := range a.args {
			if !c.numericEq(a.args[i], b.args[i]) {
				return false
			}
		}
		return true
	}
	if a.k == kMatrix || b.k == kMatrix {
		return false
	}
	if isPctOf(a, isNumberNode) || isPctOf(b, isNumberNode) {
		if isPctOf(a, isFloatNode) || isPctOf(b, isFloatNode) {
			va, ok1 := c.evalConst(a)
			vb, ok2 := c.evalConst(b)
			if !ok1 || !ok2 || va.im != 0 || vb.im != 0 || va.inf != 0 || vb.inf != 0 {
				return false
			}
			ra := sympyRound(a, va)
			rb := sympyRound(b, vb)
			return ra.equal(rb)
		}
		va, ok1 := c.evalConst(a)
		vb, ok2 := c.evalConst(b)
		if !ok1 || !ok2 {
			return false
		}
		if floatResult(a, va) != floatResult(b, vb) {
			return false
		}
		return valuesEqual(va, vb, approxRelTol)
	}
	va, ok1 := c.evalConst(a)
	vb, ok2 := c.evalConst(b)
	if !ok1 || !ok2 {
		return false
	}
	if va.inf != 0 || vb.inf != 0 {
		return false
	}
	if va.rat != nil && vb.rat != nil {
		d := new(big.Rat).Sub(va.rat, vb.rat)
		d.Abs(d)
		return d.Cmp(new(big.Rat).SetFloat64(chopThreshold)) < 0
	}
	return math.Abs(va.re-vb.re) < chopThreshold && math.Abs(va.im-vb.im) < chopThreshold
}

func valuesEqual(a, b value, tol float64) bool {
	if a.inf != 0 || b.inf != 0 {
		return a.inf == b.inf && a.inf != 2
	}
	if a.rat != nil && b.rat != nil {
		return a.rat.Cmp(b.rat) == 0
	}
	if !a.approx && !b.approx {
		return a.re == b.re && a.im == b.im
	}
	scale := math.Max(1, math.Max(math.Hypot(a.re, a.im), math.Hypot(b.re, b.im)))
	return math.Hypot(a.re-b.re, a.im-b.im) <= tol*scale
}

// floatResult tells whether sympy's doit() of n is a Float: any Float
// input makes the result a Float, except that a product that is zero
// collapses to the exact Integer 0 (0.0*x -> 0).
func floatResult(n *node, v value) bool {
	f, _ := hasFloat(n)
	if f && n.k == kMul && v.isZero() {
		return false
	}
	return f
}

// rounded is the result of sympy's Expr.round(6).
type rounded struct {
	isInt bool
	val   *big.Rat
	prec  uint // binary precision of the resulting Float
}

// equal is sympy 1.13's ==: a Float never equals an Integer/Rational,
// not even at zero.
func (r rounded) equal(o rounded) bool {
	if r.isInt != o.isInt {
		return false
	}
	if r.isInt {
		return r.val.Cmp(o.val) == 0
	}
	fa := new(big.Float).SetPrec(r.prec).SetMode(big.ToNearestEven).SetRat(r.val)
	fb := new(big.Float).SetPrec(o.prec).SetMode(big.ToNearestEven).SetRat(o.val)
	return fa.Cmp(fb) == 0
}

func dpsToPrec(d int) uint {
	p := int(math.Round(float64(d+1) * 3.3219280948873626))
	if p < 1 {
		p = 1
	}
	return uint(p)
}

var pow10Cache = func() []*big.Int {
	var t []*big.Int
	for i := 0; i < 400; i++ {
		t = append(t, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(i)), nil))
	}
	return t
}()

func pow10(k int) *big.Rat {
	if k >= 0 {
		if k < len(pow10Cache) {
			return new(big.Rat).SetInt(pow10Cache[k])
		}
		return new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil))
	}
	return new(big.Rat).Inv(pow10(-k))
}

// sympyRound mirrors Expr.round(6) closely enough for equality tests.
func sympyRound(n *node, v value) rounded {
	const p = 6
	floats, fprec := hasFloat(n)
	x := v.rat
	if x == nil {
		x = new(big.Rat).SetFloat64(v.re)
		if x == nil {
			return rounded{val: new(big.Rat)}
		}
	}
	if x.Sign() == 0 {
		return rounded{isInt: !floatResult(n, v), val: new(big.Rat)}
	}
	if v.rat != nil && x.IsInt() && !floats {
		return rounded{isInt: true, val: x}
	}
	ax := new(big.Rat).Abs(x)
	mag := magnitude(ax)
	allow := mag + p
	var dps int
	if floats {
		dps = fprec
		if allow > dps {
			allow = dps
		}
	} else {
		dps = 15
		if allow > dps {
			dps = allow
		}
	}
	shift := dps - mag
	xf := new(big.Rat).Mul(x, pow10(shift))
	sign := int64(1)
	if x.Sign() < 0 {
		sign = -1
	}
	xi := new(big.Int).Quo(xf.Num(), xf.Denom()) // truncates toward zero
	frac := new(big.Rat).Sub(xf, new(big.Rat).SetInt(xi))
	frac.Abs(frac)
	f7 := new(big.Float).SetPrec(7).SetMode(big.ToNearestEven).SetRat(frac)
	switch f7.Cmp(big.NewFloat(0.5)) {
	case 1:
		xi.Add(xi, big.NewInt(sign))
	case 0:
		if xi.Bit(0) == 1 {
			xi.Add(xi, big.NewInt(sign))
		} else {
			xi.Sub(xi, big.NewInt(sign))
		}
	}
	ip := p - shift
	xr := roundIntHalfEven(xi, ip)
	rv := new(big.Rat).Quo(new(big.Rat).SetInt(xr), pow10(shift))
	if rv.IsInt() {
		return rounded{val: rv, prec: dpsToPrec(dps)}
	}
	if allow == 0 && rv.Cmp(x) > 0 {
		allow++
	}
	return rounded{val: rv, prec: dpsToPrec(allow)}
}

// magnitude is sympy's _mag: the position of the first significant digit.
func magnitude(ax *big.Rat) int {
	f, _ := ax.Float64()
	m := int(math.Ceil(math.Log10(f)))
	if f == 0 || math.IsInf(f, 0) || math.IsNaN(f) {
		m = len(ax.Num().String()) - len(ax.Denom().String())
	}
	// correct the estimate exactly: want 10^(m-1) <= ax < 10^m
	for ax.Cmp(pow10(m)) >= 0 {
		m++
	}
	for m > -1000 && ax.Cmp(pow10(m-1)) < 0 {
		m--
	}
	return m
}

// roundIntHalfEven is Python's round(int, ndigits) for ndigits <= 0.
func roundIntHalfEven(x *big.Int, nd int) *big.Int {
	if nd >= 0 {
		return new(big.Int).Set(x)
	}
	m := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-nd)), nil)
	q, r := new(big.Int).DivMod(x, m, new(big.Int)) // Euclidean: r >= 0
	twice := new(big.Int).Lsh(r, 1)
	switch c := twice.Cmp(m); {
	case c > 0 || (c == 0 && q.Bit(0) == 1):
		q.Add(q, big.NewInt(1))
	}
	return q.Mul(q, m)
}

// sample points for symbolic identity checks: distinct, irregular values.
var samplePoints = [][]float64{
	{0.5318, 1.2731, 2.1743, 0.8217, 1.6641, 3.3427, 0.2913, 2.7189},
	{1.9127, 0.3719, 1.1163, 2.4427, 0.6653, 1.3331, 2.9871, 0.4447},
	{-0.7311, 2.2019, -1.4413, 0.9151, -2.1079, 0.5573, 1.7717, -0.3359},
}

var sampleRats = [][]*big.Rat{
	{big.NewRat(5318, 10000), big.NewRat(12731, 10000), big.NewRat(21743, 10000), big.NewRat(8217, 10000), big.NewRat(16641, 10000), big.NewRat(33427, 10000), big.NewRat(2913, 10000), big.NewRat(27189, 10000)},
	{big.NewRat(19127, 10000), big.NewRat(3719, 10000), big.NewRat(11163, 10000), big.NewRat(24427, 10000), big.NewRat(6653, 10000), big.NewRat(13331, 10000), big.NewRat(29871, 10000), big.NewRat(4447, 10000)},
	{big.NewRat(-7311, 10000), big.NewRat(22019, 10000), big.NewRat(-14413, 10000), big.NewRat(9151, 10000), big.NewRat(-21079, 10000), big.NewRat(5573, 10000), big.NewRat(17717, 10000), big.NewRat(-3359, 10000)},
}

// sampleInts are the sample points for expressions with a sum or product
// whose limits depend on a symbol.
var sampleInts = [][]*big.Rat{
	{big.NewRat(7, 1), big.NewRat(4, 1), big.NewRat(9, 1), big.NewRat(5, 1), big.NewRat(11, 1), big.NewRat(3, 1), big.NewRat(8, 1), big.NewRat(6, 1)},
	{big.NewRat(12, 1), big.NewRat(5, 1), big.NewRat(3, 1), big.NewRat(10, 1), big.NewRat(4, 1), big.NewRat(9, 1), big.NewRat(2, 1), big.NewRat(7, 1)},
	{big.NewRat(5, 1), big.NewRat(13, 1), big.NewRat(6, 1), big.NewRat(2, 1), big.NewRat(8, 1), big.NewRat(4, 1), big.NewRat(10, 1), big.NewRat(3, 1)},
}

// hasSymbolicBound reports a sum whose limits have a symbol and whose
// summand is a polynomial: the sums sympy's summation puts in closed form
// (it leaves, e.g., a sum of binomials unevaluated, never equal to 2^n).
func hasSymbolicBound(n *node) bool {
	if n.k == kSum && len(n.args) == 4 &&
		(len(collectSymbols(n.args[2], nil)) > 0 || len(collectSymbols(n.args[3], nil)) > 0) {
		return isPolynomial(n.args[0])
	}
	for _, a := range n.args {
		if hasSymbolicBound(a) {
			return true
		}
	}
	return false
}

// isPolynomial reports numbers and symbols under +, * and non-negative
// integer powers only.
func isPolynomial(n *node) bool {
	switch n.k {
	case kInt, kRat, kSym:
		return true
	case kAdd, kMul:
		for _, a := range n.args {
			if !isPolynomial(a) {
				return false
			}
		}
		return true
	case kPow:
		e := n.args[1]
		return e.k == kInt && e.val.Sign() >= 0 && isPolynomial(n.args[0])
	}
	return false
}

// symbolicEq approximates simplify(a - b).is_zero by exact or numeric
// evaluation at sample points.
func (c *comparer) symbolicEq(a, b *node) bool {
	if a.k == kMatrix || b.k == kMatrix {
		if a.k != kMatrix || b.k != kMatrix || a.rows != b.rows || a.cols != b.cols {
			return false
		}
		for i := range a.args {
			if !c.symbolicEq(a.args[i], b.args[i]) {
				return false
			}
		}
		return true
	}
	if isSetOrTuple(a) || isSetOrTuple(b) || isRelationNode(a) || isRelationNode(b) || a.k == kAnd || b.k == kAnd {
		return false
	}
	syms := collectSymbols(b, collectSymbols(a, nil))
	if len(syms) > len(samplePoints[0]) {
		return false
	}
	points := sampleRats
	if hasSymbolicBound(a) || hasSymbolicBound(b) {
		// sympy's doit() turns a sum or product up to n into its closed
		// form; here it is summed at integer points instead.
		points = sampleInts
	}
	valid := 0
	for pi := range points {
		env := map[string]value{}
		for i, s := range syms {
			env[s] = exactVal(points[pi][i])
		}
		ev := &evaluator{env: env, bud: c.bud}
		va, err1 := ev.eval(a)
		vb, err2 := ev.eval(b)
		if err1 == errTimeout || err2 == errTimeout {
			panic(errTimeout)
		}
		if err1 != nil || err2 != nil {
			if len(syms) == 0 {
				return false
			}
			continue
		}
		if va.inf != 0 || vb.inf != 0 {
			if len(syms) == 0 {
				return false
			}
			continue
		}
		if !valuesEqual(va, vb, 1e-9) {
			return false
		}
		valid++
		if len(syms) == 0 {
			return true
		}
	}
	return valid >= 2
}

// isMatrixExpr reports a matrix or a sum/product/power involving one.
func isMatrixExpr(n *node) bool {
	switch n.k {
	case kMatrix:
		return true
	case kAdd, kMul:
		for _, a := range n.args {
			if isMatrixExpr(a) {
				return true
			}
		}
	case kPow:
		return isMatrixExpr(n.args[0])
	}
	return false
}

// matrixDoit evaluates sums and products of explicit matrices into one
// matrix whose entries are (unevaluated) scalar expressions.
func matrixDoit(n *node) *node {
	switch n.k {
	case kAdd:
		var acc *node
		for _, a := range n.args {
			m := matrixDoit(a)
			if m.k != kMatrix {
				return n
			}
			if acc == nil {
				acc = m
				continue
			}
			if acc.rows != m.rows || acc.cols != m.cols {
				return n
			}
			sum := &node{k: kMatrix, rows: m.rows, cols: m.cols, args: make([]*node, len(m.args))}
			for i := range m.args {
				sum.args[i] = addFlat(acc.args[i], m.args[i])
			}
			acc = sum
		}
		return acc
	case kMul:
		var acc *node
		var scalars []*node
		for _, a := range n.args {
			m := a
			if isMatrixExpr(a) {
				m = matrixDoit(a)
				if m.k != kMatrix {
					return n
				}
			} else {
				scalars = append(scalars, a)
				continue
			}
			if acc == nil {
				acc = m
				continue
			}
			if acc.cols != m.rows {
				return n
			}
			prod := &node{k: kMatrix, rows: acc.rows, cols: m.cols}
			for i := 0; i < acc.rows; i++ {
				for j := 0; j < m.cols; j++ {
					var terms []*node
					for k := 0; k < acc.cols; k++ {
						terms = append(terms, newOp(kMul, acc.args[i*acc.cols+k], m.args[k*m.cols+j]))
					}
					prod.args = append(prod.args, newOp(kAdd, terms...))
				}
			}
			acc = prod
		}
		if acc == nil {
			return n
		}
		if len(scalars) > 0 {
			out := &node{k: kMatrix, rows: acc.rows, cols: acc.cols}
			for _, e := range acc.args {
				out.args = append(out.args, newOp(kMul, append(append([]*node(nil), scalars...), e)...))
			}
			acc = out
		}
		return acc
	}
	return n
}
