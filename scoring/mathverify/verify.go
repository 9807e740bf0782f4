package mathverify

import (
	"errors"
	"strings"
	"time"
)

// Verify reports whether target matches gold with math_verify.verify's
// rules (float_rounding=6, numeric_precision=15, strict=True,
// allow_set_relation_comp=False). Like verify it tries every pair of
// candidates. verify is not symmetric: VLM-R1 passes the model's answer as
// gold and the reference as target. Each pairwise comparison has
// DefaultTimeout; a comparison that runs out counts as not equal.
func Verify(gold, target Answer) bool { return VerifyWithTimeout(gold, target, DefaultTimeout) }

// VerifyWithTimeout is Verify with an explicit per-comparison budget.
func VerifyWithTimeout(gold, target Answer, d time.Duration) bool {
	return verifyIn(gold, target, d, nil)
}

// VerifyLine is Verify drawing also on the line budget: once the line's
// deadline has passed every comparison counts as not equal.
func VerifyLine(gold, target Answer, line *Line) bool {
	return verifyIn(gold, target, DefaultTimeout, line)
}

func verifyIn(gold, target Answer, d time.Duration, line *Line) bool {
	for _, g := range gold.items {
		for _, t := range target.items {
			if compareItems(g, t, d, line) {
				return true
			}
		}
	}
	return false
}

// errCompare stands for an exception inside a comparison, which makes
// math_verify's wrapper return False for that pair.
var errCompare = errors.New("mathverify: comparison raised")

func compareItems(g, t item, d time.Duration, line *Line) (ok bool) {
	c := &comparer{bud: newBudget(d, line)}
	if line != nil && c.bud.left() <= 0 {
		return false // the line's budget is spent: every comparison times out
	}
	if g.expr != nil && t.expr != nil {
		defer func() {
			if r := recover(); r != nil {
				if r == errCompare || r == errTimeout {
					ok = false
					return
				}
				panic(r)
			}
		}()
		return c.exprEq(g.expr, t.expr)
	}
	if g.expr == nil && t.expr == nil {
		a := strings.TrimFunc(g.str, isPySpace)
		b := strings.TrimFunc(t.str, isPySpace)
		return a != "" && b != "" && a == b
	}
	return false
}

type comparer struct {
	bud *budget
}

func (c *comparer) check() {
	if c.bud.spend(1) {
		panic(errTimeout)
	}
}

func isRelationNode(n *node) bool {
	if n.k == kRel {
		return true
	}
	if n.k == kAnd && len(n.args) > 0 {
		for _, a := range n.args {
			if a.k != kRel {
				return false
			}
		}
		return true
	}
	return false
}

func isEquationNode(n *node) bool {
	if n.k == kRel {
		return n.name == "="
	}
	if n.k == kAnd && len(n.args) > 0 {
		for _, a := range n.args {
			if a.k != kRel || a.name != "=" {
				return false
			}
		}
		return true
	}
	return false
}

func isAssignmentNode(n *node) bool {
	if n.k == kRel && n.name == "=" && onlySymbols(n.args[0]) {
		return true
	}
	if n.k == kAnd && len(n.args) > 0 {
		return isEquationNode(n) && onlySymbols(n.args[0].args[0])
	}
	return false
}

func lastRelation(n *node) *node {
	if n.k == kAnd {
		return lastRelation(n.args[len(n.args)-1])
	}
	return n
}

func firstRelation(n *node) *node {
	if n.k == kAnd {
		return n.args[0]
	}
	return n
}

func isSetOrTuple(n *node) bool { return n.isSet() || n.k == kTuple }

// exprEq is sympy_expr_eq.
func (c *comparer) exprEq(gold, pred *node) bool {
	c.check()
	goldAssign, predAssign := isAssignmentNode(gold), isAssignmentNode(pred)
	goldEq, predEq := isEquationNode(gold), isEquationNode(pred)
	if goldAssign {
		gold = newRel("=", firstRelation(gold).args[0], lastRelation(gold).args[1])
	}
	if predAssign {
		pred = newRel("=", firstRelation(pred).args[0], lastRelation(pred).args[1])
	}
	if predEq && !goldEq {
		pred = lastRelation(pred).args[1]
	} else if goldAssign && !predEq {
		gold = lastRelation(gold).args[1]
	}
	if isRelationNode(gold) && pred.isSet() {
		if s, ok := relationAsSet(gold); ok {
			gold = s
		}
	}
	if c.strEq(gold, pred) {
		return true
	}
	switch {
	case isRelationNode(gold) && isRelationNode(pred):
		return c.compareRelational(gold, pred)
	case isSetOrTuple(gold) || isSetOrTuple(pred):
		return c.compareSets(gold, pred)
	case gold.k == kSym || pred.k == kSym:
		return compareSymbols(gold, pred)
	}
	if c.numericEq(gold, pred) {
		return true
	}
	return c.symbolicEq(gold, pred)
}

// strEq is sympy_str_eq: plain structural equality; nan and zoo on the
// gold side raise.
func (c *comparer) strEq(a, b *node) bool {
	if a.k == kConst && (a.name == "nan" || a.name == "zoo") {
		panic(errCompare)
	}
	return a.equal(b)
}

func compareSymbols(gold, pred *node) bool {
	isE := func(n *node) bool { return n.k == kConst && n.name == "E" }
	if (gold.k == kSym && strings.ToLower(gold.name) == "e" && isE(pred)) ||
		(pred.k == kSym && strings.ToLower(pred.name) == "e" && isE(gold)) {
		return true
	}
	concat := func(m *node) (string, bool) {
		if m.k != kMul {
			return "", false
		}
		var b strings.Builder
		for _, a := range m.args {
			switch {
			case isE(a):
				b.WriteString("e")
			case a.k == kSym:
				b.WriteString(a.name)
			default:
				return "", false
			}
		}
		return b.String(), true
	}
	if gold.k == kSym {
		if s, ok := concat(pred); ok {
			//lint:ignore SA6005 the reference compares lower() of both sides; EqualFold folds cases lower() keeps apart
			return strings.ToLower(gold.name) == strings.ToLower(s)
		}
	}
	if pred.k == kSym {
		if s, ok := concat(gold); ok {
			//lint:ignore SA6005 as above: lower() == lower(), not case folding
			return strings.ToLower(pred.name) == strings.ToLower(s)
		}
	}
	if gold.k == kSym && pred.k == kSym {
		g, p := gold.name, pred.name
		if len([]rune(p)) > 1 {
			p = strings.ToLower(p)
		}
		if len([]rune(g)) > 1 {
			g = strings.ToLower(g)
		}
		return g == p
	}
	return canonicalString(gold) == canonicalString(pred)
}

func (c *comparer) compareRelational(gold, pred *node) bool {
	if gold.k == kAnd && pred.k == kAnd {
		if len(gold.args) != len(pred.args) {
			panic(errCompare)
		}
		for i := range gold.args {
			if !c.compareRelational(gold.args[i], pred.args[i]) {
				return false
			}
		}
		return true
	}
	if gold.k != kRel || pred.k != kRel {
		return false
	}
	gd := difference(gold.args[0], gold.args[1])
	pd := difference(pred.args[0], pred.args[1])
	if gold.name == pred.name && c.tryExprEq(gd, pd) {
		return true
	}
	inv, ok := map[string]string{">=": "<=", "<=": ">=", ">": "<", "<": ">", "=": "="}[gold.name]
	if !ok {
		return false
	}
	if inv == pred.name && c.tryExprEq(gd, difference(pred.args[1], pred.args[0])) {
		return true
	}
	return c.solveAndCompare(gold, pred)
}

// tryExprEq runs exprEq and turns an exception into false, like the
// try/except blocks around it in sympy_compare_relational.
func (c *comparer) tryExprEq(a, b *node) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			if r == errCompare {
				ok = false
				return
			}
			panic(r)
		}
	}()
	return c.exprEq(a, b)
}

// difference builds lhs - rhs and simplifies it the way sympy's automatic
// evaluation does for the cases that matter (numbers, collecting terms).
func difference(l, r *node) *node {
	return canonicalize(addFlat(l, mulFlat(newInt(-1), r)))
}
