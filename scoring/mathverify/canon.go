package mathverify

import (
	"math/big"
	"sort"
	"strings"
)

// A small canonical form for sums of products: enough to reproduce what
// sympy's automatic evaluation does to lhs - rhs (collect like terms, fold
// numbers) and to print expressions in an order-independent way.

type monomial struct {
	atoms []string // sorted atom keys
	exps  []int
}

func (m monomial) key() string {
	var b strings.Builder
	for i, a := range m.atoms {
		if i > 0 {
			b.WriteByte('*')
		}
		b.WriteString(a)
		if m.exps[i] != 1 {
			b.WriteString("^")
			b.WriteString(big.NewInt(int64(m.exps[i])).String())
		}
	}
	return b.String()
}

type term struct {
	coef    *big.Rat
	isFloat bool
	mono    monomial
}

type poly struct {
	terms map[string]*term
	atoms map[string]*node // atom key -> canonical node
}

func newPoly() *poly { return &poly{terms: map[string]*term{}, atoms: map[string]*node{}} }

func (p *poly) addTerm(t *term) {
	k := t.mono.key()
	if old, ok := p.terms[k]; ok {
		old.coef = new(big.Rat).Add(old.coef, t.coef)
		old.isFloat = old.isFloat || t.isFloat
		if old.coef.Sign() == 0 && !old.isFloat {
			delete(p.terms, k)
		}
		return
	}
	if t.coef.Sign() == 0 && !t.isFloat {
		return
	}
	p.terms[k] = t
}

const maxPolyTerms = 2000

// toPoly converts n; ok is false when the expansion would be too large.
func toPoly(n *node, depth int) (*poly, bool) {
	p := newPoly()
	if depth > 60 {
		return nil, false
	}
	switch n.k {
	case kInt, kRat, kFloat:
		p.addTerm(&term{coef: new(big.Rat).Set(n.val), isFloat: n.k == kFloat})
		return p, true
	case kAdd:
		for _, a := range n.args {
			q, ok := toPoly(a, depth+1)
			if !ok {
				return nil, false
			}
			p.merge(q)
			if len(p.terms) > maxPolyTerms {
				return nil, false
			}
		}
		return p, true
	case kMul:
		p.addTerm(&term{coef: big.NewRat(1, 1)})
		for _, a := range n.args {
			q, ok := toPoly(a, depth+1)
			if !ok {
				return nil, false
			}
			p = p.mul(q)
			if p == nil || len(p.terms) > maxPolyTerms {
				return nil, false
			}
		}
		return p, true
	case kPow:
		ex := n.args[1]
		if ex.k == kInt && ex.val.Num().IsInt64() {
			k := ex.val.Num().Int64()
			base, ok := toPoly(n.args[0], depth+1)
			if !ok {
				return nil, false
			}
			if k >= 0 && k <= 32 {
				acc := newPoly()
				acc.addTerm(&term{coef: big.NewRat(1, 1)})
				for i := int64(0); i < k; i++ {
					acc = acc.mul(base)
					if acc == nil || len(acc.terms) > maxPolyTerms {
						return nil, false
					}
				}
				return acc, true
			}
			if k < 0 && k >= -32 && len(base.terms) == 1 {
				for _, t := range base.terms {
					if t.coef.Sign() == 0 {
						break
					}
					inv := &term{coef: ratPowInt(new(big.Rat).Inv(t.coef), -k), isFloat: t.isFloat}
					for i, a := range t.mono.atoms {
						inv.mono.atoms = append(inv.mono.atoms, a)
						inv.mono.exps = append(inv.mono.exps, t.mono.exps[i]*int(k))
					}
					p.addTerm(inv)
					for key, at := range base.atoms {
						p.atoms[key] = at
					}
					return p, true
				}
			}
		}
	}
	at := canonicalAtom(n, depth)
	key := atomKey(at)
	p.atoms[key] = at
	p.addTerm(&term{coef: big.NewRat(1, 1), mono: monomial{atoms: []string{key}, exps: []int{1}}})
	return p, true
}

func atomKey(n *node) string { return n.String() }

// canonicalAtom canonicalises the arguments of a non-polynomial node.
func canonicalAtom(n *node, depth int) *node {
	if len(n.args) == 0 || n.k == kMatrix {
		return n
	}
	c := *n
	c.args = make([]*node, len(n.args))
	for i, a := range n.args {
		c.args[i] = canonicalizeDepth(a, depth+1)
	}
	return &c
}

func (p *poly) merge(q *poly) {
	for k, a := range q.atoms {
		p.atoms[k] = a
	}
	for _, t := range q.terms {
		p.addTerm(&term{coef: new(big.Rat).Set(t.coef), isFloat: t.isFloat, mono: t.mono})
	}
}

func (p *poly) mul(q *poly) *poly {
	r := newPoly()
	for k, a := range p.atoms {
		r.atoms[k] = a
	}
	for k, a := range q.atoms {
		r.atoms[k] = a
	}
	for _, a := range p.terms {
		for _, b := range q.terms {
			r.addTerm(&term{coef: new(big.Rat).Mul(a.coef, b.coef), isFloat: a.isFloat || b.isFloat, mono: mulMono(a.mono, b.mono)})
		}
		if len(r.terms) > maxPolyTerms {
			return nil
		}
	}
	return r
}

func mulMono(a, b monomial) monomial {
	exps := map[string]int{}
	for i, x := range a.atoms {
		exps[x] += a.exps[i]
	}
	for i, x := range b.atoms {
		exps[x] += b.exps[i]
	}
	var m monomial
	for x, e := range exps {
		if e != 0 {
			m.atoms = append(m.atoms, x)
		}
	}
	sort.Strings(m.atoms)
	for _, x := range m.atoms {
		m.exps = append(m.exps, exps[x])
	}
	return m
}

// toNode rebuilds an expression from the canonical form.
func (p *poly) toNode() *node {
	keys := make([]string, 0, len(p.terms))
	for k := range p.terms {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var sum []*node
	for _, k := range keys {
		t := p.terms[k]
		var factors []*node
		coef := newRat(new(big.Rat).Set(t.coef))
		if t.isFloat {
			coef = newFloat(new(big.Rat).Set(t.coef), 15)
		}
		isOne := !t.isFloat && t.coef.Cmp(big.NewRat(1, 1)) == 0
		if !isOne || len(t.mono.atoms) == 0 {
			factors = append(factors, coef)
		}
		for i, a := range t.mono.atoms {
			at := p.atoms[a]
			if t.mono.exps[i] == 1 {
				factors = append(factors, at)
			} else {
				factors = append(factors, newOp(kPow, at, newInt(int64(t.mono.exps[i]))))
			}
		}
		if len(factors) == 1 {
			sum = append(sum, factors[0])
		} else {
			sum = append(sum, newOp(kMul, factors...))
		}
	}
	switch len(sum) {
	case 0:
		return newInt(0)
	case 1:
		return sum[0]
	}
	return newOp(kAdd, sum...)
}

func canonicalize(n *node) *node { return canonicalizeDepth(n, 0) }

func canonicalizeDepth(n *node, depth int) *node {
	switch n.k {
	case kInt, kRat, kFloat, kSym, kConst:
		return n
	case kAdd, kMul, kPow:
		if p, ok := toPoly(n, depth); ok {
			return p.toNode()
		}
		return n
	}
	return canonicalAtom(n, depth)
}

// canonicalString is an order-independent rendering used where math_verify
// compares str() forms.
func canonicalString(n *node) string { return canonicalize(n).String() }
