package mathverify

import (
	"math/big"
	"strings"
)

// kind tells what a node of an expression tree stands for. The set mirrors
// the sympy classes that latex2sympy2_extended and math_verify's grader
// distinguish, because the comparison rules depend on them.
type kind uint8

const (
	kInt      kind = iota // exact integer (sympy Integer)
	kRat                  // exact non-integer rational (sympy Rational)
	kFloat                // decimal literal (sympy Float); val holds its exact value
	kSym                  // symbol; name is already lower-cased
	kConst                // named constant: pi, E, I, oo, -oo, zoo, nan
	kAdd                  // sum of args, kept unevaluated
	kMul                  // product of args, kept unevaluated
	kPow                  // args[0] ** args[1]
	kFunc                 // function application: name(args...)
	kRel                  // relation: name is one of = < <= > >= !=
	kAnd                  // chain of relations
	kSet                  // finite set, args in written order
	kTuple                // ordered tuple
	kInterval             // args[0], args[1]; lopen/ropen
	kUnion                // union of args
	kInter                // intersection of args
	kMinus                // set difference args[0] \ args[1]
	kSetConst             // named set: Reals, Integers, EmptySet, ...
	kMatrix               // rows x cols, args row-major
	kSum                  // Sum(args[0], (args[1], args[2], args[3]))
	kProd                 // Product(...) same layout as kSum
	kIntegral             // Integral(args[0], (args[1][, args[2], args[3]]))
	kLimit                // Limit(args[0], args[1], args[2])
	kDeriv                // Derivative(args[0], args[1])
)

// node is one immutable expression. Nodes are built by the parsers and never
// changed afterwards, so they can be shared between goroutines.
type node struct {
	k            kind
	val          *big.Rat // kInt, kRat, kFloat
	prec         int      // kFloat: decimal digits of precision (sympy dps)
	name         string
	args         []*node
	lopen, ropen bool
	rows, cols   int
	cplx         bool // kSym created with is_real=False (complex-looking input)
	wrapped      bool // kSet made by sympy.FiniteSet(x) in the grader, not by the parser
}

func newInt(v int64) *node { return &node{k: kInt, val: new(big.Rat).SetInt64(v)} }

// newRat returns an Integer or a Rational node, normalising like sympy.
func newRat(r *big.Rat) *node {
	if r.IsInt() {
		return &node{k: kInt, val: r}
	}
	return &node{k: kRat, val: r}
}

func newFloat(r *big.Rat, prec int) *node { return &node{k: kFloat, val: r, prec: prec} }
func newSym(name string) *node            { return &node{k: kSym, name: name} }
func newConst(name string) *node          { return &node{k: kConst, name: name} }
func newOp(k kind, args ...*node) *node   { return &node{k: k, args: args} }
func newFunc(name string, args ...*node) *node {
	return &node{k: kFunc, name: name, args: args}
}
func newRel(op string, l, r *node) *node { return &node{k: kRel, name: op, args: []*node{l, r}} }

var (
	ratHundredth = big.NewRat(1, 100)
	ratHalf      = big.NewRat(1, 2)
)

func (n *node) isNumber() bool { return n.k == kInt || n.k == kRat || n.k == kFloat }
func (n *node) isRational() bool {
	return n.k == kInt || n.k == kRat
}

// isSet mirrors isinstance(x, sympy.Set).
func (n *node) isSet() bool {
	switch n.k {
	case kSet, kInterval, kUnion, kInter, kMinus, kSetConst:
		return true
	}
	return false
}

// neg returns -n the way latex2sympy2 builds it: numbers are negated,
// anything else becomes Mul(-1, n).
func neg(n *node) *node {
	if n.isNumber() {
		v := new(big.Rat).Neg(n.val)
		if n.k == kFloat {
			return newFloat(v, n.prec)
		}
		return newRat(v)
	}
	return mulFlat(newInt(-1), n)
}

// addFlat and mulFlat merge nested sums/products one level, as
// latex2sympy2's add_flat / mul_flat do.
func addFlat(l, r *node) *node {
	var args []*node
	if l.k == kAdd {
		args = append(args, l.args...)
	} else {
		args = append(args, l)
	}
	if r.k == kAdd {
		args = append(args, r.args...)
	} else {
		args = append(args, r)
	}
	return &node{k: kAdd, args: args}
}

func mulFlat(l, r *node) *node {
	var args []*node
	if l.k == kMul {
		args = append(args, l.args...)
	} else {
		args = append(args, l)
	}
	if r.k == kMul {
		args = append(args, r.args...)
	} else {
		args = append(args, r)
	}
	return &node{k: kMul, args: args}
}

func pct(n *node) *node {
	return &node{k: kMul, args: []*node{n, newRat(new(big.Rat).Set(ratHundredth))}}
}

// equal is structural equality (sympy's == on unevaluated trees), with the
// sympy 1.13 rule that a Float never equals an Integer or Rational.
func (n *node) equal(m *node) bool {
	if n == m {
		return true
	}
	if n.k != m.k {
		return false
	}
	switch n.k {
	case kInt, kRat:
		return n.val.Cmp(m.val) == 0
	case kFloat:
		return n.val.Cmp(m.val) == 0
	case kSym:
		return n.name == m.name && n.cplx == m.cplx
	case kConst, kSetConst:
		return n.name == m.name
	}
	if n.name != m.name || len(n.args) != len(m.args) || n.lopen != m.lopen || n.ropen != m.ropen || n.rows != m.rows || n.cols != m.cols {
		return false
	}
	if n.k == kSet {
		return setEqualStructural(n.args, m.args)
	}
	if n.k == kAdd || n.k == kMul {
		return multisetEqual(n.args, m.args)
	}
	for i := range n.args {
		if !n.args[i].equal(m.args[i]) {
			return false
		}
	}
	return true
}

func multisetEqual(a, b []*node) bool {
	used := make([]bool, len(b))
outer:
	for _, x := range a {
		for j, y := range b {
			if !used[j] && x.equal(y) {
				used[j] = true
				continue outer
			}
		}
		return false
	}
	return true
}

// setEqualStructural compares finite sets ignoring order and duplicates.
func setEqualStructural(a, b []*node) bool {
	contains := func(xs []*node, y *node) bool {
		for _, x := range xs {
			if x.equal(y) {
				return true
			}
		}
		return false
	}
	for _, x := range a {
		if !contains(b, x) {
			return false
		}
	}
	for _, y := range b {
		if !contains(a, y) {
			return false
		}
	}
	return true
}

// String renders a node roughly like sympy's str(), for debugging and for
// the few places where math_verify compares str() forms.
func (n *node) String() string {
	var b strings.Builder
	n.write(&b)
	return b.String()
}

func (n *node) write(b *strings.Builder) {
	switch n.k {
	case kInt, kRat:
		b.WriteString(n.val.RatString())
		return
	case kFloat:
		b.WriteString(n.val.FloatString(6))
		return
	case kSym, kConst, kSetConst:
		b.WriteString(n.name)
		return
	}
	names := map[kind]string{kAdd: "Add", kMul: "Mul", kPow: "Pow", kRel: "Rel", kAnd: "And", kSet: "Set",
		kTuple: "Tuple", kInterval: "Interval", kUnion: "Union", kInter: "Intersection", kMinus: "Complement",
		kMatrix: "Matrix", kSum: "Sum", kProd: "Product", kIntegral: "Integral", kLimit: "Limit", kDeriv: "Derivative"}
	if n.k == kFunc {
		b.WriteString(n.name)
	} else {
		b.WriteString(names[n.k])
		if n.k == kRel {
			b.WriteString(n.name)
		}
		if n.k == kInterval {
			if n.lopen {
				b.WriteString("L")
			}
			if n.ropen {
				b.WriteString("R")
			}
		}
	}
	b.WriteByte('(')
	for i, a := range n.args {
		if i > 0 {
			b.WriteString(", ")
		}
		a.write(b)
	}
	b.WriteByte(')')
}
