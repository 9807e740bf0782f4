package mathverify

import (
	"math"
	"math/big"
	"sort"
	"strings"
)

// distinctArgs returns the elements of a finite set without duplicates.
func distinctArgs(n *node) []*node {
	var out []*node
	for _, a := range n.args {
		dup := false
		for _, b := range out {
			if a.equal(b) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, a)
		}
	}
	return out
}

func setLen(n *node) int {
	if n.k == kSet {
		return len(distinctArgs(n))
	}
	return len(n.args)
}

// compareSets is sympy_compare_sets.
func (c *comparer) compareSets(gold, pred *node) bool {
	a, b := gold, pred
	if !isSetOrTuple(a) {
		a = &node{k: kSet, args: []*node{gold}, wrapped: true}
	}
	if !isSetOrTuple(b) {
		b = &node{k: kSet, args: []*node{pred}, wrapped: true}
	}
	if a.k == kInterval && b.k == kInterval {
		return a.lopen == b.lopen && a.ropen == b.ropen && c.exprEq(a.args[0], b.args[0]) && c.exprEq(a.args[1], b.args[1])
	}
	if a.equal(b) {
		return true
	}
	if a.isSet() && b.isSet() && symDiffEvaluates(a, b) {
		if ra, ok := c.realSet(a); ok {
			if rb, ok := c.realSet(b); ok && ra.equal(rb) {
				return true
			}
		}
	}
	finiteOrTuple := func(n *node) bool { return n.k == kSet || n.k == kTuple }
	if finiteOrTuple(a) && finiteOrTuple(b) {
		return c.deepCompare(a, b)
	}
	if a.k == kInterval && finiteOrTuple(b) && a.lopen && a.ropen && setLen(b) == 2 {
		return c.deepCompare(newOp(kTuple, a.args[0], a.args[1]), b)
	}
	if b.k == kInterval && finiteOrTuple(a) && b.lopen && b.ropen && setLen(a) == 2 {
		return c.deepCompare(a, newOp(kTuple, b.args[0], b.args[1]))
	}
	return false
}

// deepCompare is sympy_deep_compare_set_and_tuple.
func (c *comparer) deepCompare(gold, pred *node) bool {
	if setLen(gold) != setLen(pred) {
		return false
	}
	var ga, pa []*node
	switch {
	case gold.k == kSet:
		ga = c.sorted(distinctArgs(gold))
		if pred.k == kSet {
			pa = c.sorted(distinctArgs(pred))
		} else {
			pa = c.sorted(pred.args)
		}
	case gold.k == kTuple && pred.k == kSet && !pred.wrapped:
		pa = pred.args
		ga = gold.args
	case pred.k == kSet:
		pa = c.sorted(distinctArgs(pred))
		ga = gold.args
	default:
		ga, pa = gold.args, pred.args
	}
	if len(ga) != len(pa) {
		panic(errCompare)
	}
	for i := range ga {
		if !c.exprEq(ga[i], pa[i]) {
			return false
		}
	}
	return true
}

// sorted orders elements like ordered(..., keys=sort_key): numbers by
// value first, then everything else in a stable textual order.
func (c *comparer) sorted(args []*node) []*node {
	type keyed struct {
		n       *node
		numeric bool
		v       float64
		s       string
		idx     int
	}
	ks := make([]keyed, len(args))
	for i, a := range args {
		u := a
		if isAssignmentNode(u) {
			u = lastRelation(u).args[1]
		}
		ks[i] = keyed{n: a, idx: i}
		if v, ok := c.evalConst(u); ok && v.im == 0 && v.inf != 2 {
			ks[i].numeric = true
			ks[i].v = v.re
		} else {
			ks[i].s = canonicalString(u)
		}
	}
	sort.SliceStable(ks, func(i, j int) bool {
		a, b := ks[i], ks[j]
		if a.numeric != b.numeric {
			return a.numeric
		}
		if a.numeric {
			return a.v < b.v
		}
		return a.s < b.s
	})
	out := make([]*node, len(ks))
	for i, k := range ks {
		out[i] = k.n
	}
	return out
}

// symDiffEvaluates tells whether sympy's a.symmetric_difference(b) gets
// as far as a decided emptiness. latex2sympy2 builds \setminus and \cap
// unevaluated; Complement.reduce then splits only against a Union (one
// Complement per piece, which Intersection simplifies), while against a
// single interval, a finite set or another Complement it leaves an
// unevaluated Complement whose is_empty is None. An unevaluated
// Intersection never simplifies there. So a set difference is decided only
// at the top level of one side with a union on the other, and an
// intersection never is.
func symDiffEvaluates(a, b *node) bool {
	switch {
	case a.k == kMinus:
		return b.k == kUnion && !hasSetOp(a.args[0]) && !hasSetOp(a.args[1]) && !hasSetOp(b)
	case b.k == kMinus:
		return symDiffEvaluates(b, a)
	}
	return !hasSetOp(a) && !hasSetOp(b)
}

// hasSetOp reports an unevaluated set difference or intersection in n.
func hasSetOp(n *node) bool {
	if n.k == kMinus || n.k == kInter {
		return true
	}
	for _, a := range n.args {
		if hasSetOp(a) {
			return true
		}
	}
	return false
}

// realSetVal is a union of intervals over the extended reals with numeric
// ends, used to decide symmetric_difference(...).is_empty.
type realInterval struct {
	lo, hi       float64
	lopen, ropen bool
}

type realSetVal []realInterval

func (c *comparer) realNumber(n *node) (float64, bool) {
	v, ok := c.evalConst(n)
	if !ok || v.im != 0 || v.inf == 2 {
		return 0, false
	}
	if v.inf != 0 {
		return math.Inf(v.inf), true
	}
	return v.re, true
}

func (c *comparer) realSet(n *node) (realSetVal, bool) {
	switch n.k {
	case kSetConst:
		switch n.name {
		case "EmptySet":
			return realSetVal{}, true
		case "Reals":
			return realSetVal{{math.Inf(-1), math.Inf(1), true, true}}, true
		}
		return nil, false
	case kSet:
		var out realSetVal
		for _, a := range n.args {
			x, ok := c.realNumber(a)
			if !ok || math.IsInf(x, 0) {
				return nil, false
			}
			out = append(out, realInterval{x, x, false, false})
		}
		return out.normalize(), true
	case kInterval:
		lo, ok1 := c.realNumber(n.args[0])
		hi, ok2 := c.realNumber(n.args[1])
		if !ok1 || !ok2 {
			return nil, false
		}
		lopen, ropen := n.lopen || math.IsInf(lo, 0), n.ropen || math.IsInf(hi, 0)
		if lo > hi || (lo == hi && (lopen || ropen)) {
			return realSetVal{}, true
		}
		return realSetVal{{lo, hi, lopen, ropen}}, true
	case kUnion:
		var out realSetVal
		for _, a := range n.args {
			s, ok := c.realSet(a)
			if !ok {
				return nil, false
			}
			out = append(out, s...)
		}
		return out.normalize(), true
	case kInter, kMinus:
		acc, ok := c.realSet(n.args[0])
		if !ok {
			return nil, false
		}
		for _, a := range n.args[1:] {
			s, ok := c.realSet(a)
			if !ok {
				return nil, false
			}
			if n.k == kMinus {
				s = s.complement()
			}
			acc = acc.intersect(s)
		}
		return acc, true
	}
	return nil, false
}

// complement is the set's complement in the reals; s must be normalised.
func (s realSetVal) complement() realSetVal {
	var out realSetVal
	lo, lopen := math.Inf(-1), true
	for _, iv := range s {
		if iv.lo > lo || (iv.lo == lo && !lopen && iv.lopen) {
			out = append(out, realInterval{lo, iv.lo, lopen, !iv.lopen})
		}
		lo, lopen = iv.hi, !iv.ropen
	}
	if !math.IsInf(lo, 1) {
		out = append(out, realInterval{lo, math.Inf(1), lopen, true})
	}
	return out
}

// intersect is the intersection of two normalised sets.
func (s realSetVal) intersect(o realSetVal) realSetVal {
	var out realSetVal
	for _, a := range s {
		for _, b := range o {
			iv := a
			if b.lo > iv.lo || (b.lo == iv.lo && b.lopen) {
				iv.lo, iv.lopen = b.lo, b.lopen
			}
			if b.hi < iv.hi || (b.hi == iv.hi && b.ropen) {
				iv.hi, iv.ropen = b.hi, b.ropen
			}
			if iv.lo < iv.hi || (iv.lo == iv.hi && !iv.lopen && !iv.ropen) {
				out = append(out, iv)
			}
		}
	}
	return out.normalize()
}

func (s realSetVal) normalize() realSetVal {
	sort.SliceStable(s, func(i, j int) bool {
		if s[i].lo != s[j].lo {
			return s[i].lo < s[j].lo
		}
		return !s[i].lopen && s[j].lopen
	})
	var out realSetVal
	for _, iv := range s {
		if len(out) > 0 {
			last := &out[len(out)-1]
			if iv.lo < last.hi || (iv.lo == last.hi && !(iv.lopen && last.ropen)) {
				if iv.hi > last.hi || (iv.hi == last.hi && !iv.ropen) {
					last.hi, last.ropen = iv.hi, iv.ropen
				}
				continue
			}
		}
		out = append(out, iv)
	}
	return out
}

func (s realSetVal) equal(o realSetVal) bool {
	if len(s) != len(o) {
		return false
	}
	near := func(a, b float64) bool {
		if a == b {
			return true
		}
		return math.Abs(a-b) <= 1e-12*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
	}
	for i := range s {
		if !near(s[i].lo, o[i].lo) || !near(s[i].hi, o[i].hi) || s[i].lopen != o[i].lopen || s[i].ropen != o[i].ropen {
			return false
		}
	}
	return true
}

// linearIn returns a, b with expr == a*x + b when expr is linear in x with
// rational coefficients.
func linearIn(expr *node, x string) (*big.Rat, *big.Rat, bool) {
	p, ok := toPoly(expr, 0)
	if !ok {
		return nil, nil, false
	}
	a, b := new(big.Rat), new(big.Rat)
	for _, t := range p.terms {
		switch {
		case len(t.mono.atoms) == 0:
			b.Add(b, t.coef)
		case len(t.mono.atoms) == 1 && t.mono.atoms[0] == x && t.mono.exps[0] == 1:
			a.Add(a, t.coef)
		default:
			return nil, nil, false
		}
	}
	return a, b, a.Sign() != 0
}

// relationAsSet is Relational.as_set() for linear relations in one
// variable; ok is false where sympy would raise or give something else.
func relationAsSet(rel *node) (*node, bool) {
	rel = unwrapFcs(rel)
	syms := collectSymbols(rel, nil)
	if len(syms) != 1 {
		return nil, false
	}
	x := syms[0]
	var rels []*node
	if rel.k == kAnd {
		rels = rel.args
	} else {
		rels = []*node{rel}
	}
	if len(rels) == 1 && rels[0].name == "!=" {
		// Ne(x, r).as_set() is the reals without r: two open intervals.
		a, b, ok := linearIn(addFlat(rels[0].args[0], mulFlat(newInt(-1), rels[0].args[1])), x)
		if !ok {
			return nil, false
		}
		root := newRat(new(big.Rat).Neg(new(big.Rat).Quo(b, a)))
		return newOp(kUnion,
			&node{k: kInterval, args: []*node{newConst("-oo"), root}, lopen: true, ropen: true},
			&node{k: kInterval, args: []*node{root, newConst("oo")}, lopen: true, ropen: true}), true
	}
	if len(rels) == 1 {
		if set, ok := boundAsSet(rels[0], x); ok {
			return set, true
		}
		if set, ok := absAsSet(rels[0], x); ok {
			return set, true
		}
	}
	lo, hi := newConst("-oo"), newConst("oo")
	loV, hiV := new(big.Rat), new(big.Rat)
	loInf, hiInf := true, true
	lopen, ropen := true, true
	for _, r := range rels {
		a, b, ok := linearIn(addFlat(r.args[0], mulFlat(newInt(-1), r.args[1])), x)
		if !ok {
			return nil, false
		}
		root := new(big.Rat).Neg(new(big.Rat).Quo(b, a))
		op := r.name
		if a.Sign() < 0 {
			op = map[string]string{"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "!=": "!="}[op]
		}
		setLo := func(open bool) {
			if loInf || root.Cmp(loV) > 0 || (root.Cmp(loV) == 0 && open) {
				loV.Set(root)
				loInf = false
				lopen = open
			}
		}
		setHi := func(open bool) {
			if hiInf || root.Cmp(hiV) < 0 || (root.Cmp(hiV) == 0 && open) {
				hiV.Set(root)
				hiInf = false
				ropen = open
			}
		}
		switch op {
		case "<":
			setHi(true)
		case "<=":
			setHi(false)
		case ">":
			setLo(true)
		case ">=":
			setLo(false)
		case "=":
			setLo(false)
			setHi(false)
		default:
			return nil, false
		}
	}
	if !loInf {
		lo = newRat(new(big.Rat).Set(loV))
	}
	if !hiInf {
		hi = newRat(new(big.Rat).Set(hiV))
	}
	if !loInf && !hiInf {
		c := loV.Cmp(hiV)
		if c > 0 || (c == 0 && (lopen || ropen)) {
			return &node{k: kSetConst, name: "EmptySet"}, true
		}
		if c == 0 {
			return newOp(kSet, lo), true
		}
	}
	return &node{k: kInterval, args: []*node{lo, hi}, lopen: lopen, ropen: ropen}, true
}

// absAsSet is as_set() of |a*x + b| op c with rational a, b, c (either side
// may hold the Abs): at most two intervals.
func absAsSet(rel *node, x string) (*node, bool) {
	op, l, r := rel.name, rel.args[0], rel.args[1]
	if r.k == kFunc && r.name == "Abs" {
		l, r = r, l
		op = map[string]string{"<": ">", "<=": ">=", ">": "<", ">=": "<="}[op]
	}
	if l.k != kFunc || l.name != "Abs" || len(l.args) != 1 || !r.isRational() {
		return nil, false
	}
	a, b, ok := linearIn(l.args[0], x)
	if !ok {
		return nil, false
	}
	c := r.val
	// toX maps the u-interval [p, q] (u = a*x + b) back to x.
	toX := func(p, q *node, pOpen, qOpen bool) *node {
		conv := func(u *node) *node {
			if infSign(u) != 0 {
				if a.Sign() < 0 {
					return newConst(map[int]string{1: "-oo", -1: "oo"}[infSign(u)])
				}
				return u
			}
			v := new(big.Rat).Sub(u.val, b)
			return newRat(v.Quo(v, a))
		}
		lo, hi := conv(p), conv(q)
		if a.Sign() < 0 {
			lo, hi, pOpen, qOpen = hi, lo, qOpen, pOpen
		}
		return &node{k: kInterval, args: []*node{lo, hi}, lopen: pOpen, ropen: qOpen}
	}
	negC, posC := newRat(new(big.Rat).Neg(c)), newRat(new(big.Rat).Set(c))
	ninf, pinf := newConst("-oo"), newConst("oo")
	switch sign := c.Sign(); op {
	case "<", "<=":
		if sign < 0 || (sign == 0 && op == "<") {
			return &node{k: kSetConst, name: "EmptySet"}, true
		}
		if sign == 0 {
			return newOp(kSet, toX(posC, posC, false, false).args[0]), true
		}
		return toX(negC, posC, op == "<", op == "<"), true
	case ">", ">=":
		if sign < 0 || (sign == 0 && op == ">=") {
			return &node{k: kInterval, args: []*node{ninf, pinf}, lopen: true, ropen: true}, true
		}
		open := op == ">"
		left, right := toX(ninf, negC, true, open), toX(posC, pinf, open, true)
		if a.Sign() < 0 {
			left, right = right, left
		}
		return newOp(kUnion, left, right), true
	}
	return nil, false
}

// boundAsSet is as_set() of x op c or c op x where c is a constant that is
// not rational (-sqrt(2), pi/2): an interval with c as written at one end.
func boundAsSet(rel *node, x string) (*node, bool) {
	op, c := rel.name, rel.args[1]
	switch {
	case rel.args[0].k == kSym && rel.args[0].name == x && len(collectSymbols(c, nil)) == 0:
	case rel.args[1].k == kSym && rel.args[1].name == x && len(collectSymbols(rel.args[0], nil)) == 0:
		c = rel.args[0]
		op = map[string]string{"<": ">", "<=": ">=", ">": "<", ">=": "<="}[op]
	default:
		return nil, false
	}
	if c.isRational() || infSign(c) != 0 {
		return nil, false
	}
	switch op {
	case "<", "<=":
		return &node{k: kInterval, args: []*node{newConst("-oo"), c}, lopen: true, ropen: op == "<"}, true
	case ">", ">=":
		return &node{k: kInterval, args: []*node{c, newConst("oo")}, lopen: op == ">", ropen: true}, true
	}
	return nil, false
}

// solveAndCompare approximates sympy_solve_and_compare: equations in
// several unknowns match when their sides are proportional (solve gives
// the same dict of solutions).
func (c *comparer) solveAndCompare(gold, pred *node) bool {
	gs := collectSymbols(gold, nil)
	ps := collectSymbols(pred, nil)
	if len(gs) == 0 || len(gs) != len(ps) {
		return false
	}
	for _, s := range gs {
		found := false
		for _, t := range ps {
			if s == t {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	if gold.name == "=" && pred.name == "=" {
		gd := addFlat(gold.args[0], mulFlat(newInt(-1), gold.args[1]))
		pd := addFlat(pred.args[0], mulFlat(newInt(-1), pred.args[1]))
		if len(gs) == 1 {
			// With one unknown, solve() returns a list of values and the
			// grader's .items() on them raises: only two equations that
			// both have no (real) solution compare equal.
			return noRealRoots(gd, gs[0]) && noRealRoots(pd, gs[0])
		}
		return c.proportional(gd, pd, gs)
	}
	// For inequalities sympy's solve returns a boolean expression, which
	// math_verify then feeds to ordered() and fails: never equal.
	return false
}

func (c *comparer) proportional(a, b *node, syms []string) bool {
	var ratio value
	have := false
	valid := 0
	for pi := range sampleRats {
		env := map[string]value{}
		for i, s := range syms {
			if i >= len(sampleRats[pi]) {
				return false
			}
			env[s] = exactVal(sampleRats[pi][i])
		}
		ev := &evaluator{env: env, bud: c.bud}
		va, err1 := ev.eval(a)
		vb, err2 := ev.eval(b)
		if err1 == errTimeout || err2 == errTimeout {
			panic(errTimeout)
		}
		if err1 != nil || err2 != nil || va.inf != 0 || vb.inf != 0 {
			continue
		}
		if va.isZero() || vb.isZero() {
			if va.isZero() != vb.isZero() {
				return false
			}
			continue
		}
		var r value
		if va.rat != nil && vb.rat != nil {
			r = exactVal(new(big.Rat).Quo(va.rat, vb.rat))
		} else {
			if vb.im != 0 || va.im != 0 {
				return false
			}
			r = floatVal(va.re/vb.re, 0)
		}
		if have && !valuesEqual(r, ratio, 1e-9) {
			return false
		}
		ratio, have = r, true
		valid++
	}
	return valid >= 2
}

// unwrapFcs replaces applications of undefined functions, f(x), by plain
// symbols named f_x, as math_verify's unwrap_fcs does before as_set().
func unwrapFcs(n *node) *node {
	if n.k == kFunc && strings.HasPrefix(n.name, "F:") {
		var parts []string
		for _, a := range n.args {
			parts = append(parts, canonicalString(unwrapFcs(a)))
		}
		return newSym(strings.TrimPrefix(n.name, "F:") + "_" + strings.Join(parts, "_"))
	}
	if len(n.args) == 0 {
		return n
	}
	c := *n
	c.args = make([]*node, len(n.args))
	for i, a := range n.args {
		c.args[i] = unwrapFcs(a)
	}
	return &c
}
