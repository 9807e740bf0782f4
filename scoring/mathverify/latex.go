package mathverify

import (
	"errors"
	"math/big"
	"regexp"
	"strings"
)

// This file is a recursive-descent reading of latex2sympy2_extended's PS
// grammar. ANTLR resolves ambiguities by preferring the earliest
// alternative that can still complete the parse; the parser mimics that by
// trying alternatives in grammar order and backtracking when one cannot be
// followed by what the enclosing rule needs.

var (
	errParse   = errors.New("latex: cannot parse")
	errTooDeep = errors.New("latex: nesting too deep")
	// errIntDigits is Python 3.11's ValueError for int() of a decimal string
	// longer than sys.get_int_max_str_digits() (4300): sympy's Integer
	// raises it, and math_verify's parse then returns nothing at all.
	errIntDigits = errors.New("latex: integer string longer than 4300 digits")
)

// pyIntMaxStrDigits is CPython's default int_max_str_digits.
const pyIntMaxStrDigits = 4300

// intTooLong reports a plain decimal integer that Python's int() refuses.
func intTooLong(s string) bool {
	s = strings.TrimLeft(s, "+-")
	return len(s) > pyIntMaxStrDigits && !strings.ContainsAny(s, ".eE")
}

type parseFailure struct{ err error }

type lparser struct {
	toks  []token
	pos   int
	bud   *budget
	depth int
	memo  map[memoKey]memoEntry
	// reference turns off the first-token guards (see latexToNodeWith).
	reference bool
}

// Rules that are re-tried from the same position by several alternatives
// are memoised (packrat style) so that nested groups cost linear time.
type memoKey struct {
	rule byte
	pos  int
}

type memoEntry struct {
	n   *node
	end int
	ok  bool
}

func (p *lparser) memoized(rule byte, f func() *node) *node {
	key := memoKey{rule, p.pos}
	if e, ok := p.memo[key]; ok {
		if !e.ok {
			p.fail()
		}
		p.pos = e.end
		return e.n
	}
	n, ok := p.try(f)
	if p.memo == nil {
		p.memo = map[memoKey]memoEntry{}
	}
	p.memo[key] = memoEntry{n, p.pos, ok}
	if !ok {
		p.fail()
	}
	return n
}

const maxParseDepth = 200

func (p *lparser) fail() { panic(parseFailure{errParse}) }

func (p *lparser) peek() tokType {
	if p.pos < len(p.toks) {
		return p.toks[p.pos].t
	}
	return tEOF
}

func (p *lparser) peekAt(k int) tokType {
	if p.pos+k < len(p.toks) {
		return p.toks[p.pos+k].t
	}
	return tEOF
}

func (p *lparser) next() token {
	if p.pos >= len(p.toks) {
		p.fail()
	}
	t := p.toks[p.pos]
	p.pos++
	return t
}

func (p *lparser) expect(t tokType) token {
	if p.peek() != t {
		p.fail()
	}
	return p.next()
}

func (p *lparser) accept(t tokType) bool {
	if p.peek() == t {
		p.pos++
		return true
	}
	return false
}

func (p *lparser) enter() {
	p.depth++
	if p.depth > maxParseDepth {
		panic(parseFailure{errTooDeep})
	}
	if p.bud.spend(1) {
		panic(parseFailure{errTimeout})
	}
}

func (p *lparser) leave() { p.depth-- }

// try runs f and restores the position if it fails. Timeouts propagate.
func (p *lparser) try(f func() *node) (res *node, ok bool) {
	save, depth := p.pos, p.depth
	defer func() {
		if r := recover(); r != nil {
			pf, isPF := r.(parseFailure)
			if !isPF || pf.err == errTimeout || pf.err == errTooDeep || pf.err == errIntDigits {
				panic(r)
			}
			p.pos, p.depth = save, depth
			res, ok = nil, false
		}
	}()
	return f(), true
}

// tryFollowed runs f and accepts it only if the next token is in follow.
func (p *lparser) tryFollowed(f func() *node, follow func(tokType) bool) (*node, bool) {
	save := p.pos
	n, ok := p.try(f)
	if ok && follow(p.peek()) {
		return n, true
	}
	p.pos = save
	return nil, false
}

var commaNumberRe = regexp.MustCompile(`^\s*-?\d{1,3}(,\d{3})+(\.\d+)?\s*$`)

// latexToNode converts normalised LaTeX like latex2sympy(..., normalization_config=None).
func latexToNode(src string, bud *budget) (res *node, err error) {
	return latexToNodeWith(src, bud, false)
}

// latexToNodeWith is latexToNode; reference leaves out the first-token
// guards that spare failing alternatives their panics (the tests compare).
func latexToNodeWith(src string, bud *budget, reference bool) (res *node, err error) {
	toks, err := lex(src, bud)
	if err != nil {
		return nil, err
	}
	p := &lparser{toks: toks, bud: bud, reference: reference}
	defer func() {
		if r := recover(); r != nil {
			pf, ok := r.(parseFailure)
			if !ok {
				panic(r)
			}
			res, err = nil, pf.err
		}
	}()
	atEOF := func(t tokType) bool { return t == tEOF }
	if n, ok := p.tryFollowed(func() *node { return p.setElementsRelation() }, atEOF); ok {
		return n, nil
	}
	if n, ok := p.tryFollowed(func() *node { return p.setElements(atEOF) }, atEOF); ok {
		if commaNumberRe.MatchString(src) {
			if c := convertCommaNumber(src); c != nil {
				return c, nil
			}
			return nil, errParse // sympy.Number of the joined digits raised
		}
		return n, nil
	}
	if n, ok := p.tryFollowed(func() *node { return p.setRelation() }, atEOF); ok {
		return n, nil
	}
	return nil, errParse
}

func convertCommaNumber(s string) *node {
	s = strings.TrimSpace(s)
	if strings.Contains(s, ",") && strings.HasPrefix(s, "0") {
		s = strings.ReplaceAll(s, ",", ".")
	}
	s = dropCommasSpaces.Replace(s)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	s = strings.TrimLeft(s, "0")
	if s == "" || s[0] == '.' {
		s = "0" + s
	}
	if neg {
		s = "-" + s
	}
	n, _ := numberFromString(s)
	return n
}

// numberFromString mirrors sympy.Number(text) for plain decimal text.
func numberFromString(s string) (*node, bool) {
	if s == "" {
		return nil, false
	}
	if strings.ContainsAny(s, ".eE") {
		r, ok := new(big.Rat).SetString(s)
		if !ok {
			return nil, false
		}
		digits := 0
		mant := s
		if i := strings.IndexAny(mant, "eE"); i >= 0 {
			mant = mant[:i]
		}
		mant = strings.TrimLeft(strings.Replace(strings.TrimPrefix(mant, "-"), ".", "", 1), "0")
		digits = len(mant)
		prec := 15
		if digits > prec {
			prec = digits
		}
		return newFloat(r, prec), true
	}
	r, ok := ratOf(s)
	if !ok {
		return nil, false
	}
	return newRat(r), true
}

// ratOf is new(big.Rat).SetString(s), read directly when s is a short run
// of ASCII digits, the usual number, which SetString reads as decimal.
func ratOf(s string) (*big.Rat, bool) {
	if len(s) == 0 || len(s) > 18 {
		return new(big.Rat).SetString(s)
	}
	v := int64(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return new(big.Rat).SetString(s)
		}
		v = v*10 + int64(c-'0')
	}
	return new(big.Rat).SetInt64(v), true
}

// ---- set level -------------------------------------------------------

func isElemSep(t tokType) bool { return t == tComma || t == tSemicolon }

func (p *lparser) setElementsRelation() *node {
	p.enter()
	defer p.leave()
	if !p.reference && !startsAtomExprList(p.peek()) {
		p.fail()
	}
	lhs := p.atomExprList()
	t := p.next().t
	if t != tIn && t != tAssign {
		p.fail()
	}
	groups := p.semicolonElements(true, func(t tokType) bool { return t == tEOF })
	set := elementsToSetOrTuple(groups)
	return newRel("=", lhs, set)
}

func (p *lparser) setElements(follow func(tokType) bool) *node {
	return elementsToSetOrTuple(p.semicolonElements(false, follow))
}

func elementsToSetOrTuple(groups [][]*node) *node {
	if len(groups) == 1 {
		if len(groups[0]) == 1 {
			return groups[0][0]
		}
		return newOp(kSet, groups[0]...)
	}
	allSingle := true
	for _, g := range groups {
		if len(g) != 1 {
			allSingle = false
		}
	}
	if allSingle {
		var el []*node
		for _, g := range groups {
			el = append(el, g[0])
		}
		return newOp(kSet, el...)
	}
	var el []*node
	for _, g := range groups {
		el = append(el, newOp(kTuple, g...))
	}
	return newOp(kSet, el...)
}

func (p *lparser) semicolonElements(noRelation bool, follow func(tokType) bool) [][]*node {
	p.enter()
	defer p.leave()
	var groups [][]*node
	elemFollow := func(t tokType) bool { return isElemSep(t) || follow(t) }
	for {
		var group []*node
		for {
			group = append(group, p.element(noRelation, elemFollow)...)
			if !p.accept(tComma) {
				break
			}
		}
		groups = append(groups, group)
		if !p.accept(tSemicolon) {
			break
		}
	}
	return groups
}

// element: plus_minus_expr | set_atom | relation (or expr without relations).
func (p *lparser) element(noRelation bool, follow func(tokType) bool) []*node {
	p.enter()
	defer p.leave()
	save := p.pos
	if res, ok := p.tryPlusMinus(follow); ok {
		return res
	}
	p.pos = save
	if n, ok := p.tryFollowed(func() *node { return p.setAtom() }, follow); ok {
		return []*node{n}
	}
	if noRelation {
		if n, ok := p.tryFollowed(func() *node { return p.expr() }, follow); ok {
			return []*node{n}
		}
		p.fail()
	}
	if n, ok := p.tryFollowed(func() *node { return p.relation() }, follow); ok {
		return []*node{n}
	}
	p.fail()
	return nil
}

func asUnaryMinus(n *node) *node {
	if n.isRational() {
		return newRat(new(big.Rat).Neg(n.val))
	}
	return newOp(kMul, newInt(-1), n)
}

func (p *lparser) tryPlusMinus(follow func(tokType) bool) ([]*node, bool) {
	save := p.pos
	if p.accept(tPlusMinus) {
		e, ok := p.tryFollowed(func() *node { return p.expr() }, follow)
		if ok {
			return []*node{asUnaryMinus(e), e}, true
		}
		p.pos = save
		return nil, false
	}
	l, ok := p.try(func() *node { return p.expr() })
	if !ok || !p.accept(tPlusMinus) {
		p.pos = save
		return nil, false
	}
	r, ok := p.tryFollowed(func() *node { return p.expr() }, follow)
	if !ok {
		p.pos = save
		return nil, false
	}
	return []*node{newOp(kAdd, l, r), newOp(kAdd, l, asUnaryMinus(r))}, true
}

func (p *lparser) setAtom() *node {
	return p.memoized('s', p.setAtomRaw)
}

func (p *lparser) setAtomRaw() *node {
	p.enter()
	defer p.leave()
	switch p.peek() {
	case tSetNaturals:
		p.next()
		return &node{k: kSetConst, name: "Naturals"}
	case tSetIntegers:
		p.next()
		return &node{k: kSetConst, name: "Integers"}
	case tSetRationals:
		p.next()
		return &node{k: kSetConst, name: "Rationals"}
	case tSetReals:
		p.next()
		return &node{k: kSetConst, name: "Reals"}
	case tSetComplex:
		p.next()
		return &node{k: kSetConst, name: "Complexes"}
	case tSetEmpty:
		p.next()
		return &node{k: kSetConst, name: "EmptySet"}
	case tLBrace:
		if p.peekAt(1) == tRBrace {
			p.pos += 2
			return &node{k: kSetConst, name: "EmptySet"}
		}
	}
	if !p.reference && !opensSetAtom(p.peek()) {
		// interval, orderedTuple and finiteSet would each fail on this
		// first token: fail at once, without three recovered panics.
		p.fail()
	}
	if n, ok := p.try(func() *node { return p.interval() }); ok {
		return n
	}
	if n, ok := p.try(func() *node { return p.orderedTuple() }); ok {
		return n
	}
	return p.finiteSet()
}

// opensSetAtom reports whether an interval, an ordered tuple or a finite
// set may start with t: the first token each of them takes.
func opensSetAtom(t tokType) bool {
	switch t {
	case tLBracket, tLBrack, tLParen, tLParenVisual, tLGroup, tLBrace, tLBraceVisual, tBoxed:
		return true
	}
	return false
}

// startsAtomExprList reports whether atomExprList may succeed at t: it
// takes a '(' or the head of atomExpr first.
func startsAtomExprList(t tokType) bool {
	switch t {
	case tLParen, tLetter, tGreek, tOtherSymbol, tAccent:
		return true
	}
	return false
}

func (p *lparser) interval() *node {
	open := p.next().t
	var lopen bool
	switch open {
	case tLBracket, tLBrack:
	case tLParen, tLParenVisual, tLGroup:
		lopen = true
	default:
		p.fail()
	}
	a := p.expr()
	p.expect(tComma)
	b := p.expr()
	var ropen bool
	switch p.next().t {
	case tRBracket, tRBrack:
	case tRParen, tRParenVisual, tRGroup:
		ropen = true
	default:
		p.fail()
	}
	if lopen == ropen {
		if lt, ok := numericLess(b, a, lopen); ok && lt {
			return newOp(kTuple, a, b)
		}
	}
	// sympy's Interval makes an infinite end open, [-oo, oo] is (-oo, oo),
	// and -1*oo is -oo by then.
	if infSign(a) == -1 {
		a, lopen = newConst("-oo"), true
	}
	if infSign(b) == 1 {
		b, ropen = newConst("oo"), true
	}
	return &node{k: kInterval, args: []*node{a, b}, lopen: lopen, ropen: ropen}
}

// infSign is +1 or -1 when n is written as sympy's oo or -oo (a signed
// product of a number and oo evaluates to one of them), else 0.
func infSign(n *node) int {
	switch n.k {
	case kConst:
		switch n.name {
		case "oo":
			return 1
		case "-oo":
			return -1
		}
	case kMul:
		sign, inf := 1, 0
		for _, a := range n.args {
			switch {
			case a.isRational() && a.val.Sign() != 0:
				sign *= a.val.Sign()
			case infSign(a) != 0 && inf == 0:
				inf = infSign(a)
			default:
				return 0
			}
		}
		return sign * inf
	}
	return 0
}

func (p *lparser) orderedTuple() *node {
	open := p.next().t
	var closer tokType
	switch open {
	case tLParen:
		closer = tRParen
	case tLParenVisual:
		closer = tRParenVisual
	case tLBracket:
		closer = tRBracket
	default:
		p.fail()
	}
	groups := p.semicolonElements(false, func(t tokType) bool { return t == closer })
	p.expect(closer)
	if len(groups) == 1 && len(groups[0]) == 1 {
		return groups[0][0]
	}
	var all []*node
	for _, g := range groups {
		all = append(all, g...)
	}
	return newOp(kTuple, all...)
}

func (p *lparser) finiteSet() *node {
	open := p.next().t
	var closer tokType
	switch open {
	case tLBrace:
		closer = tRBrace
	case tLBraceVisual:
		closer = tRBraceVisual
	case tBoxed:
		p.expect(tLBrace)
		closer = tRBrace
	default:
		p.fail()
	}
	groups := p.semicolonElements(false, func(t tokType) bool { return t == closer })
	p.expect(closer)
	if open == tBoxed {
		return elementsToSetOrTuple(groups)
	}
	var all []*node
	for _, g := range groups {
		all = append(all, g...)
	}
	return newOp(kSet, all...)
}

func (p *lparser) setRelation() *node {
	p.enter()
	defer p.leave()
	var left *node
	save := p.pos
	var lhs *node
	ok := false
	if p.reference || startsAtomExprList(p.peek()) { // else atomExprList fails on the first token
		lhs, ok = p.try(func() *node { return p.atomExprList() })
	}
	if ok {
		t := p.peek()
		if t == tIn || t == tNotin || t == tAssign {
			p.next()
			if right, ok := p.try(func() *node { return p.setRelation() }); ok {
				switch t {
				case tIn, tAssign:
					return newRel("=", lhs, right)
				default:
					return newFunc("Not", newRel("=", lhs, right))
				}
			}
		}
	}
	p.pos = save
	left = p.minusExpr()
	for p.peek() == tSubset || p.peek() == tSupset {
		p.next()
		p.minusExpr()
		p.fail() // subset tests give booleans, never a usable answer
	}
	return left
}

func (p *lparser) minusExpr() *node {
	p.enter()
	defer p.leave()
	l := p.unionExpr()
	for p.accept(tSetMinus) {
		r := p.unionExpr()
		l = newOp(kMinus, l, r)
	}
	return l
}

func tupleToSet(n *node) *node {
	if n.k == kTuple {
		return newOp(kSet, n.args...)
	}
	return n
}

func (p *lparser) unionExpr() *node {
	p.enter()
	defer p.leave()
	l := p.interExpr()
	for p.accept(tUnion) {
		r := p.interExpr()
		l = newOp(kUnion, tupleToSet(l), tupleToSet(r))
	}
	return l
}

func (p *lparser) interExpr() *node {
	p.enter()
	defer p.leave()
	l := p.setGroup()
	for p.accept(tIntersection) {
		r := p.setGroup()
		l = newOp(kInter, tupleToSet(l), tupleToSet(r))
	}
	return l
}

func (p *lparser) setGroup() *node {
	p.enter()
	defer p.leave()
	if p.peek() == tLParen {
		if n, ok := p.try(func() *node {
			p.next()
			m := p.minusExpr()
			p.expect(tRParen)
			return m
		}); ok {
			return n
		}
	}
	return p.setAtom()
}

// ---- relations and expressions ----------------------------------------

func relOp(t tokType) string {
	switch t {
	case tIn:
		return "in"
	case tAssign, tEqual:
		return "="
	case tApprox:
		return "~"
	case tLT:
		return "<"
	case tLTE:
		return "<="
	case tGT:
		return ">"
	case tGTE:
		return ">="
	case tUnequal:
		return "!="
	}
	return ""
}

func (p *lparser) relation() *node {
	return p.memoized('r', p.relationRaw)
}

func (p *lparser) relationRaw() *node {
	p.enter()
	defer p.leave()
	l := p.expr()
	for {
		op := relOp(p.peek())
		if op == "" {
			return l
		}
		p.next()
		r := p.expr()
		l = combineRelation(l, op, r, p)
	}
}

func combineRelation(l *node, op string, r *node, p *lparser) *node {
	switch op {
	case "~":
		if onlySymbols(l) {
			return r
		}
		return l
	case "in":
		p.fail()
	}
	if l.k == kAnd {
		last := l.args[len(l.args)-1]
		args := append(append([]*node(nil), l.args...), newRel(op, last.args[1], r))
		return newOp(kAnd, args...)
	}
	if l.k == kRel {
		return newOp(kAnd, l, newRel(op, l.args[1], r))
	}
	return newRel(op, l, r)
}

// onlySymbols is latex2sympy2's is_expr_of_only_symbols.
func onlySymbols(n *node) bool {
	if n.k == kSym {
		return true
	}
	if n.k == kPow && n.args[1].k == kInt && n.args[1].val.Cmp(big.NewRat(-1, 1)) == 0 {
		b := n.args[0]
		if b.k == kSym {
			return true
		}
		if len(b.args) > 0 {
			all := true
			for _, a := range b.args {
				if !onlySymbols(a) {
					all = false
				}
			}
			if all {
				return true
			}
		}
	}
	if len(n.args) > 0 && n.k != kMatrix {
		for _, a := range n.args {
			if !onlySymbols(a) {
				return false
			}
		}
		return true
	}
	return false
}

func (p *lparser) expr() *node {
	return p.memoized('e', p.exprRaw)
}

func (p *lparser) exprRaw() *node {
	p.enter()
	defer p.leave()
	l := p.mp(false)
	var terms []*node // flattened like repeated add_flat, in linear time
	flat := func(n *node) {
		if n.k == kAdd {
			terms = append(terms, n.args...)
		} else {
			terms = append(terms, n)
		}
	}
	for {
		t := p.peek()
		if t != tAdd && t != tSub {
			if terms == nil {
				return l
			}
			return &node{k: kAdd, args: terms}
		}
		p.next()
		r := p.mp(false)
		if t == tSub {
			if r.isNumber() {
				r = neg(r)
			} else {
				r = mulFlat(newInt(-1), r)
			}
		}
		if terms == nil {
			flat(l)
		}
		flat(r)
	}
}

func isMpOp(t tokType) bool {
	switch t {
	case tMul, tTimes, tCdot, tDiv, tCmdDiv, tColon, tMod:
		return true
	}
	return false
}

func (p *lparser) mp(nofunc bool) *node {
	p.enter()
	defer p.leave()
	l := p.unary(nofunc)
	for isMpOp(p.peek()) {
		t := p.next().t
		r := p.unary(nofunc)
		switch t {
		case tMul, tTimes, tCdot:
			l = mulFlat(l, r)
		case tMod:
			l = newFunc("Mod", l, r)
		default:
			l = divide(l, r)
		}
	}
	return l
}

func divide(l, r *node) *node {
	if l.k == kInt && r.k == kInt {
		if r.val.Sign() == 0 {
			return newConst("zoo")
		}
		return newRat(new(big.Rat).Quo(l.val, r.val))
	}
	return newOp(kMul, l, newOp(kPow, r, newInt(-1)))
}

func (p *lparser) unary(nofunc bool) *node {
	p.enter()
	defer p.leave()
	switch p.peek() {
	case tAdd:
		p.next()
		return p.unary(nofunc)
	case tSub:
		p.next()
		u := p.unary(nofunc)
		if u.isNumber() {
			return neg(u)
		}
		return mulFlat(newInt(-1), u)
	}
	var list []*node
	first := p.postfix(false)
	list = append(list, first)
	for {
		if !startsPostfix(p.peek()) {
			break
		}
		n, ok := p.try(func() *node { return p.postfix(nofunc) })
		if !ok {
			break
		}
		list = append(list, n)
	}
	return postfixList(list)
}

func startsPostfix(t tokType) bool {
	switch t {
	case tEOF, tAdd, tSub, tMul, tDiv, tTimes, tCdot, tCmdDiv, tColon, tMod, tComma, tSemicolon, tRParen,
		tRBrace, tRBracket, tRBraceVisual, tRParenVisual, tAssign, tEqual, tLT, tLTE, tGT, tGTE, tUnequal, tApprox,
		tIn, tPlusMinus, tAmp, tRowSep, tMatrixEnd, tArrayEnd, tDetEnd, tCaret, tUnderscore, tRGroup, tRBrack:
		return false
	}
	return true
}

// postfixList multiplies juxtaposed factors right to left, turning
// "integer followed by a positive rational" into a mixed number.
func postfixList(list []*node) *node {
	res := list[len(list)-1]
	// factors collects a pending product (in reverse) so that a long run of
	// juxtaposed factors is flattened in linear time, as mul_flat would.
	var factors []*node
	flush := func() {
		if factors == nil {
			return
		}
		var args []*node
		for i := len(factors) - 1; i >= 0; i-- {
			args = append(args, factors[i])
		}
		if res.k == kMul {
			args = append(args, res.args...)
		} else {
			args = append(args, res)
		}
		res = &node{k: kMul, args: args}
		factors = nil
	}
	for i := len(list) - 2; i >= 0; i-- {
		l := list[i]
		if factors == nil && l.k == kInt && res.isRational() && res.val.Sign() > 0 {
			q := new(big.Rat).SetInt(res.val.Denom())
			p := new(big.Rat).SetInt(res.val.Num())
			v := new(big.Rat).Mul(l.val, q)
			if l.val.Sign() < 0 {
				v.Sub(v, p)
			} else {
				v.Add(v, p)
			}
			res = newRat(v.Quo(v, q))
			continue
		}
		if l.k == kMul {
			for j := len(l.args) - 1; j >= 0; j-- {
				factors = append(factors, l.args[j])
			}
		} else {
			factors = append(factors, l)
		}
	}
	flush()
	return res
}

func (p *lparser) postfix(nofunc bool) *node {
	p.enter()
	defer p.leave()
	e := p.exp(nofunc)
	for {
		switch p.peek() {
		case tBang:
			p.next()
			e = newFunc("factorial", e)
			continue
		case tTranspose, tDegree:
			p.next()
			continue
		case tBar:
			if p.peekAt(1) == tUnderscore || p.peekAt(1) == tCaret {
				if n, ok := p.try(func() *node { return p.evalAt(e) }); ok {
					e = n
					continue
				}
			}
		}
		return e
	}
}

func (p *lparser) evalAt(e *node) *node {
	p.expect(tBar)
	var sup, sub *node
	for i := 0; i < 2; i++ {
		switch p.peek() {
		case tCaret:
			if sup != nil {
				break
			}
			p.next()
			p.expect(tLBrace)
			sup = p.evalAtArg(e)
			p.expect(tRBrace)
			continue
		case tUnderscore:
			if sub != nil {
				break
			}
			p.next()
			p.expect(tLBrace)
			sub = p.evalAtArg(e)
			p.expect(tRBrace)
			continue
		}
		break
	}
	if sup == nil && sub == nil {
		p.fail()
	}
	if sup != nil && sub != nil {
		return addFlat(sup, mulFlat(sub, newInt(-1)))
	}
	if sup != nil {
		return sup
	}
	return sub
}

func (p *lparser) evalAtArg(e *node) *node {
	l := p.expr()
	if p.peek() == tAssign || p.peek() == tEqual {
		p.next()
		r := p.expr()
		return substitute(e, l, r)
	}
	syms := collectSymbols(l, nil)
	if len(syms) == 0 {
		return e
	}
	return substitute(e, newSym(syms[0]), l)
}

func (p *lparser) exp(nofunc bool) *node {
	p.enter()
	defer p.leave()
	base := p.comp(nofunc)
	for p.peek() == tCaret {
		save := p.pos
		p.next()
		var ex *node
		if p.peek() == tLBrace {
			p.next()
			ex = p.expr()
			p.expect(tRBrace)
		} else {
			a, ok := p.try(func() *node { return p.atom() })
			if !ok {
				p.pos = save
				break
			}
			ex = a
		}
		if p.peek() == tUnderscore {
			p.subexprText()
		}
		base = newOp(kPow, base, ex)
	}
	return base
}

func (p *lparser) comp(nofunc bool) *node {
	p.enter()
	defer p.leave()
	switch t := p.peek(); t {
	case tLParen, tLGroup, tLBrace, tLBracket, tLBraceVisual, tLBraceCmd, tLBrack:
		if t == tLBrace {
			if n, ok := p.try(func() *node { return p.binom() }); ok {
				return n
			}
		}
		return p.group()
	case tPhantom, tBoxed:
		p.next()
		p.expect(tLBrace)
		e := p.expr()
		p.expect(tRBrace)
		return e
	case tNorm:
		p.next()
		e := p.expr()
		p.expect(tNorm)
		return newFunc("norm", e)
	case tBar, tLVert, tVert:
		closer := map[tokType]tokType{tBar: tBar, tLVert: tRVert, tVert: tVert}[t]
		p.next()
		e := p.expr()
		p.expect(closer)
		return newFunc("Abs", e)
	case tLAngle:
		p.next()
		p.expr()
		p.expect(tRAngle)
		p.fail()
	case tLFloor, tLLCorner:
		closer := map[tokType]tokType{tLFloor: tRFloor, tLLCorner: tLRCorner}[t]
		p.next()
		e := p.expr()
		p.expect(closer)
		return newFunc("floor", e)
	case tLCeil, tULCorner:
		closer := map[tokType]tokType{tLCeil: tRCeil, tULCorner: tURCorner}[t]
		p.next()
		e := p.expr()
		p.expect(closer)
		return newFunc("ceiling", e)
	case tFrac:
		return p.frac()
	case tBinom:
		return p.binom()
	case tMatrixStart, tArrayStart:
		return p.matrix()
	case tDetStart:
		m := p.matrix()
		return newFunc("det", m)
	}
	switch {
	case nofunc:
	case !p.reference && !startsFunction(p.peek()):
		// function would fail on this token right after entering: keep
		// the entering's depth check and step, skip the recovered panic.
		p.enter()
		p.leave()
	default:
		if n, ok := p.try(func() *node { return p.function() }); ok {
			return n
		}
	}
	return p.atom()
}

func (p *lparser) group() *node {
	open := p.next().t
	closer := map[tokType]tokType{tLParen: tRParen, tLGroup: tRGroup, tLBrace: tRBrace, tLBracket: tRBracket,
		tLBraceVisual: tRBraceVisual, tLBraceCmd: tRBraceCmd, tLBrack: tRBrack}[open]
	e := p.expr()
	p.expect(closer)
	return e
}

func (p *lparser) frac() *node {
	p.expect(tFrac)
	p.expect(tLBrace)
	upStart := p.pos
	up := p.expr()
	upEnd := p.pos
	p.expect(tRBrace)
	p.expect(tLBrace)
	loStart := p.pos
	lo := p.expr()
	loEnd := p.pos
	p.expect(tRBrace)
	// d/dx operator: \frac{d}{dx} followed by the differentiated expression.
	if loEnd-loStart == 1 && p.toks[loStart].t == tDifferential {
		if upEnd-upStart == 1 && p.toks[upStart].t == tLetter && p.toks[upStart].text == "d" {
			p.fail()
		}
	}
	if up.k == kInt && lo.k == kInt {
		if lo.val.Sign() == 0 {
			if up.val.Sign() == 0 {
				return newConst("nan")
			}
			return newConst("zoo")
		}
		return newRat(new(big.Rat).Quo(up.val, lo.val))
	}
	return newOp(kMul, up, newOp(kPow, lo, newInt(-1)))
}

func (p *lparser) binom() *node {
	if p.peek() == tBinom {
		p.next()
		p.expect(tLBrace)
		a := p.expr()
		p.expect(tRBrace)
		p.expect(tLBrace)
		b := p.expr()
		p.expect(tRBrace)
		return newFunc("binomial", a, b)
	}
	p.expect(tLBrace)
	a := p.expr()
	p.expect(tChoose)
	b := p.expr()
	p.expect(tRBrace)
	return newFunc("binomial", a, b)
}

func (p *lparser) matrix() *node {
	start := p.next().t
	end := tMatrixEnd
	switch start {
	case tArrayStart:
		end = tArrayEnd
	case tDetStart:
		end = tDetEnd
	}
	var rows [][]*node
	for {
		var row []*node
		row = append(row, p.expr())
		for p.accept(tAmp) {
			row = append(row, p.expr())
		}
		rows = append(rows, row)
		if !p.accept(tRowSep) {
			break
		}
		if p.peek() == end {
			break
		}
	}
	p.expect(end)
	cols := len(rows[0])
	var flat []*node
	for _, r := range rows {
		if len(r) != cols {
			p.fail()
		}
		flat = append(flat, r...)
	}
	return &node{k: kMatrix, rows: len(rows), cols: cols, args: flat}
}

// subexprText parses "_" (atom | "{" expr|args "}") and returns the
// getText() of its content, which only ever names symbols.
func (p *lparser) subexprText() string {
	p.expect(tUnderscore)
	if p.peek() == tLBrace {
		p.next()
		start := p.pos
		depth := 0
		for {
			t := p.peek()
			if t == tEOF {
				p.fail()
			}
			if t == tLBrace {
				depth++
			}
			if t == tRBrace {
				if depth == 0 {
					break
				}
				depth--
			}
			p.next()
		}
		if p.pos == start {
			p.fail()
		}
		var b strings.Builder
		for _, t := range p.toks[start:p.pos] {
			b.WriteString(t.text)
		}
		p.expect(tRBrace)
		return b.String()
	}
	start := p.pos
	p.atom()
	var b strings.Builder
	for _, t := range p.toks[start:p.pos] {
		b.WriteString(t.text)
	}
	return b.String()
}

func (p *lparser) supexpr() *node {
	p.expect(tCaret)
	if p.peek() == tLBrace {
		p.next()
		e := p.expr()
		p.expect(tRBrace)
		return e
	}
	return p.atom()
}

var greekMap = func() map[string]string {
	m := map[string]string{}
	for _, g := range greekNames {
		m["\\"+g] = g
	}
	runes := []rune(greekRunes)
	names := []string{"alpha", "beta", "gamma", "Gamma", "delta", "Delta", "epsilon", "varepsilon", "zeta", "eta",
		"theta", "Theta", "vartheta", "iota", "kappa", "lambda", "Lambda", "mu", "nu", "xi", "Xi", "omicron", "pi",
		"Pi", "varpi", "rho", "varrho", "sigma", "Sigma", "varsigma", "tau", "upsilon", "Upsilon", "phi", "Phi",
		"varphi", "chi", "psi", "Psi", "omega", "Omega"}
	for i, r := range runes {
		m[string(r)] = names[i]
	}
	return m
}()

// symbolFor mirrors get_symbol with lower-casing: pi becomes the constant.
func symbolFor(text string) *node {
	text = strings.TrimSpace(text)
	name, ok := greekMap[strings.ReplaceAll(text, "\"", "")]
	if !ok {
		name = text
	}
	name = strings.TrimPrefix(name, "\\")
	name = pyLower(name)
	if name == "pi" {
		return newConst("pi")
	}
	return newSym(name)
}

// atomExprHead parses the symbol part of atom_expr and returns its text.
func (p *lparser) atomExprHead() (text string, imaginary bool) {
	t := p.next()
	switch t.t {
	case tLetter:
		if t.text == "I" {
			return "I", true
		}
		return t.text, false
	case tGreek, tOtherSymbol:
		return t.text, false
	case tAccent:
		s := t.text
		i := strings.IndexByte(s, '{')
		name := strings.TrimSpace(s[1:i])
		content := strings.ReplaceAll(s[i+1:len(s)-1], " ", "")
		switch {
		case name == "bar" || name == "overline":
			name = "bar"
		case name == "vec" || name == "overrightarrow":
			name = "vec"
		case name == "tilde" || name == "widetilde":
			name = "tilde"
		case strings.Contains(name, "text") || strings.Contains(name, "mbox"):
			name = ""
			content = dropParens.Replace(content)
		case strings.Contains(name, "math"):
			name = "math"
		}
		if name != "" {
			return name + "{" + content + "}", false
		}
		return content, false
	}
	p.fail()
	return "", false
}

func (p *lparser) atomExpr() *node {
	text, imag := p.atomExprHead()
	sub := ""
	var sup *node
	hasSub := false
	for i := 0; i < 2; i++ {
		if p.peek() == tUnderscore && !hasSub {
			sub = p.subexprText()
			hasSub = true
			continue
		}
		if p.peek() == tCaret && sup == nil {
			save := p.pos
			s, ok := p.try(func() *node { return p.supexpr() })
			if !ok {
				p.pos = save
				break
			}
			sup = s
			continue
		}
		break
	}
	var base *node
	if imag && !hasSub {
		base = newConst("I")
	} else {
		full := strings.TrimSpace(text)
		if hasSub {
			if len([]rune(sub)) > 1 {
				full += "_{" + sub + "}"
			} else {
				full += "_" + sub
			}
		}
		base = symbolFor(full)
	}
	if sup != nil {
		return newOp(kPow, base, sup)
	}
	return base
}

func (p *lparser) atomExprList() *node {
	if p.peek() == tLParen {
		p.next()
		items := []*node{p.atomExpr()}
		for p.accept(tComma) {
			items = append(items, p.atomExpr())
		}
		p.expect(tRParen)
		if len(items) == 1 {
			return items[0]
		}
		return newOp(kTuple, items...)
	}
	return p.atomExpr()
}

func (p *lparser) atom() *node {
	p.enter()
	defer p.leave()
	switch t := p.peek(); t {
	case tLetter, tGreek, tOtherSymbol, tAccent:
		return p.atomExpr()
	case tSymbol:
		s := dropDollarPercent.Replace(p.next().text)
		if s == "\\infty" {
			return newConst("oo")
		}
		p.fail()
	case tNumber:
		text := stripLeadingZeros(p.next().text)
		if intTooLong(text) {
			panic(parseFailure{errIntDigits})
		}
		n, ok := numberFromString(text)
		if !ok {
			p.fail()
		}
		if p.peek() == tUnderscore {
			p.subexprText()
		}
		return n
	case tPercentNumber:
		s := dropPercentSeparators.Replace(p.next().text)
		n, ok := numberFromString(stripLeadingZeros(s))
		if !ok {
			p.fail()
		}
		return pct(n)
	case tENotation:
		n, ok := numberFromString(unicodeSigns.Replace(p.next().text))
		if !ok {
			p.fail()
		}
		return n
	case tENotationE:
		p.next()
		return newSym("e")
	case tDifferential:
		txt := p.next().text
		return newSym("d" + differentialVar(txt))
	case tVariable:
		txt := p.next().text
		isPct := strings.HasSuffix(txt, "\\%")
		trim := 1
		if isPct {
			trim = 3
		}
		name := txt[10:]
		name = name[:len(name)-trim]
		s := newSym(pyLower(name))
		if isPct {
			return pct(s)
		}
		return s
	}
	p.fail()
	return nil
}

func differentialVar(text string) string {
	i := 1
	for i < len(text) && strings.ContainsRune(" \r\n\t", rune(text[i])) {
		i++
	}
	return strings.TrimPrefix(text[i:], "\\")
}

func stripLeadingZeros(s string) string {
	s = strings.ReplaceAll(s, ",", "")
	allDigits := s != ""
	for i := 0; i < len(s); i++ {
		if !isASCIIDigit(s[i]) {
			allDigits = false
		}
	}
	if allDigits {
		for len(s) > 1 && s[0] == '0' {
			s = s[1:]
		}
	}
	return s
}
