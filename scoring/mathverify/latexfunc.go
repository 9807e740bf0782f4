package mathverify

import (
	"math/big"
	"strings"
)

// function parses the grammar's func rule.
// startsFunction reports whether function may succeed at t: the tokens
// its switch takes.
func startsFunction(t tokType) bool {
	switch t {
	case tFuncSingle, tOperatorname, tFuncMulti, tLetter, tGreek, tOtherSymbol, tAccent, tInt, tSqrt, tSum, tProd, tLim, tExpE:
		return true
	}
	return false
}

func (p *lparser) function() *node {
	p.enter()
	defer p.leave()
	switch t := p.peek(); t {
	case tFuncSingle, tOperatorname:
		return p.singleArgFunc()
	case tFuncMulti:
		return p.multiArgFunc()
	case tLetter, tGreek, tOtherSymbol, tAccent:
		return p.appliedFunc()
	case tInt:
		return p.integral()
	case tSqrt:
		p.next()
		var root *node
		if p.accept(tLBracket) {
			root = p.expr()
			p.expect(tRBracket)
		}
		p.expect(tLBrace)
		base := p.expr()
		p.expect(tRBrace)
		if root != nil {
			return newOp(kPow, base, reciprocal(root))
		}
		return newOp(kPow, base, newRat(new(big.Rat).Set(ratHalf)))
	case tSum, tProd:
		return p.sumOrProd()
	case tLim:
		return p.limit()
	case tExpE:
		p.next()
		if p.peek() == tCaret {
			return newFunc("exp", p.supexpr())
		}
		return newConst("E")
	}
	p.fail()
	return nil
}

// reciprocal is sympy's 1/r for the root index of \sqrt[r]{}.
func reciprocal(r *node) *node {
	if r.isRational() && r.val.Sign() != 0 {
		return newRat(new(big.Rat).Inv(r.val))
	}
	return newOp(kPow, r, newInt(-1))
}

func (p *lparser) subSupPair() (sub, sup *node, subText string, hasSub bool) {
	for i := 0; i < 2; i++ {
		if p.peek() == tUnderscore && !hasSub {
			save := p.pos
			p.next()
			if p.peek() == tLBrace {
				p.next()
				sub = p.expr()
				p.expect(tRBrace)
			} else {
				sub = p.atom()
			}
			var b strings.Builder
			for _, t := range p.toks[save+1 : p.pos] {
				b.WriteString(t.text)
			}
			subText = b.String()
			hasSub = true
			continue
		}
		if p.peek() == tCaret && sup == nil {
			sup = p.supexpr()
			continue
		}
		break
	}
	return
}

func (p *lparser) singleArgFunc() *node {
	tok := p.next()
	name := strings.TrimPrefix(tok.text, "\\")
	if tok.t == tOperatorname {
		p.expect(tLBrace)
		op := p.expect(tOpName)
		p.expect(tRBrace)
		name = "operatorname:" + op.text
	}
	sub, sup, _, hasSub := p.subSupPair()
	var arg *node
	if p.peek() == tLParen {
		if a, ok := p.try(func() *node {
			p.next()
			e := p.expr()
			p.expect(tRParen)
			return e
		}); ok {
			arg = a
		}
	}
	if arg == nil {
		arg = p.mp(true)
	}
	var f *node
	switch name {
	case "arcsin", "arccos", "arctan", "arccsc", "arcsec", "arccot":
		f = newFunc("a"+name[3:], arg)
	case "arsinh", "arcosh", "artanh":
		f = newFunc("a"+name[2:], arg)
	case "arcsinh", "arccosh", "arctanh":
		f = newFunc("a"+name[3:], arg)
	case "log", "ln":
		var base *node
		if hasSub {
			base = sub
		} else if name == "log" {
			base = newInt(10)
		} else {
			base = newConst("E")
		}
		f = newFunc("log", arg, base)
	case "exp":
		f = newFunc("exp", arg)
	case "floor":
		f = newFunc("floor", arg)
	case "ceil":
		f = newFunc("ceiling", arg)
	case "det":
		f = newFunc("det", arg)
	case "sin", "cos", "tan", "csc", "sec", "cot", "sinh", "cosh", "tanh":
		if sup != nil && sup.k == kInt && sup.val.Cmp(big.NewRat(-1, 1)) == 0 {
			name = "a" + name
			sup = nil
		}
		f = newFunc(name, arg)
	default:
		p.fail()
	}
	if sup != nil && !(sup.isNumber() && sup.val.Sign() == 0) {
		f = newOp(kPow, f, sup)
	}
	return f
}

func (p *lparser) multiArgFunc() *node {
	tok := p.next()
	name := strings.TrimPrefix(tok.text, "\\")
	_, sup, _, _ := p.subSupPair()
	p.expect(tLParen)
	start := p.pos
	// func_multi_arg: expr (',' expr)*
	p.expr()
	for p.accept(tComma) {
		p.expr()
	}
	end := p.pos
	p.expect(tRParen)
	args := p.reparseArgs(start, end)
	var f *node
	switch name {
	case "gcd", "lcm":
		f = newFunc(name, args...)
	case "max":
		f = newFunc("Max", args...)
	case "min":
		f = newFunc("Min", args...)
	default:
		p.fail()
	}
	if sup != nil && !(sup.isNumber() && sup.val.Sign() == 0) {
		f = newOp(kPow, f, sup)
	}
	return f
}

// reparseArgs splits the text of tokens [start,end) at commas and parses
// each piece as a whole LaTeX string, as latex2sympy2 does for arguments.
func (p *lparser) reparseArgs(start, end int) []*node {
	var b strings.Builder
	for _, t := range p.toks[start:end] {
		b.WriteString(t.text)
	}
	parts := strings.Split(b.String(), ",")
	if len(parts) > 0 && parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	var args []*node
	for _, s := range parts {
		n, err := latexToNode(s, p.bud)
		if err != nil {
			if err == errTimeout {
				panic(parseFailure{errTimeout})
			}
			p.fail()
		}
		args = append(args, n)
	}
	return args
}

func (p *lparser) appliedFunc() *node {
	start := p.pos
	p.atomExprHead()
	if p.peek() == tUnderscore {
		p.subexprText()
	}
	var b strings.Builder
	for _, t := range p.toks[start:p.pos] {
		b.WriteString(t.text)
	}
	fname := b.String()
	var sup *node
	if p.peek() == tCaret {
		sup = p.supexpr()
	}
	var closers []tokType
	switch {
	case p.peek() == tLParen:
		p.next()
		closers = []tokType{tRParen}
	case p.peek() == tLBracket:
		p.next()
		closers = []tokType{tRBracket}
	case p.peek() == tLBrace && (p.peekAt(1) == tLParen || p.peekAt(1) == tLBracket):
		p.next()
		if p.next().t == tLParen {
			closers = []tokType{tRParen, tRBrace}
		} else {
			closers = []tokType{tRBracket, tRBrace}
		}
	default:
		p.fail()
	}
	argStart := p.pos
	// func_common_args: atom | expr ',' | expr ',' args
	if _, ok := p.tryFollowed(func() *node { return p.atom() }, func(t tokType) bool { return t == closers[0] }); !ok {
		p.expr()
		p.expect(tComma)
		if p.peek() != closers[0] {
			p.expr()
			for p.accept(tComma) {
				p.expr()
			}
		}
	}
	argEnd := p.pos
	for _, c := range closers {
		p.expect(c)
	}
	args := p.reparseArgs(argStart, argEnd)
	f := newFunc("F:"+fname, args...)
	if sup != nil {
		return newOp(kPow, f, sup)
	}
	return f
}

func (p *lparser) integral() *node {
	p.expect(tInt)
	var lower, upper *node
	switch p.peek() {
	case tUnderscore, tCaret:
		// _{}^{} empty bounds are allowed and ignored
		if p.peekAt(1) == tLBrace && p.peekAt(2) == tRBrace {
			p.pos += 3
			if p.peek() == tUnderscore || p.peek() == tCaret {
				p.pos++
				p.expect(tLBrace)
				p.expect(tRBrace)
			}
			break
		}
		sub, sup, _, hasSub := p.subSupPair()
		if !hasSub || sup == nil {
			p.fail()
		}
		lower, upper = sub, sup
	}
	var integrand *node
	var v string
	if p.peek() == tDifferential {
		integrand = newInt(1)
		v = differentialVar(p.next().text)
	} else if n, ok := p.try(func() *node {
		e := p.expr()
		if p.peek() != tDifferential {
			p.fail()
		}
		return e
	}); ok {
		integrand = n
		v = differentialVar(p.next().text)
	} else if p.peek() == tFrac {
		integrand = p.frac()
	} else {
		integrand = p.expr()
	}
	if v == "" {
		// look for a d<var> symbol inside the integrand
		for _, s := range collectSymbols(integrand, nil) {
			if len(s) > 1 && s[0] == 'd' {
				v = strings.TrimPrefix(s[1:], "\\")
				integrand = substitute(integrand, newSym(s), newInt(1))
			}
		}
		if v == "" {
			v = "x"
		}
	}
	if lower != nil {
		return newOp(kIntegral, integrand, newSym(v), lower, upper)
	}
	return newOp(kIntegral, integrand, newSym(v))
}

func (p *lparser) sumOrProd() *node {
	t := p.next().t
	var iv, start, end *node
	parseSubeq := func() {
		p.expect(tUnderscore)
		p.expect(tLBrace)
		iv = p.expr()
		if !p.accept(tAssign) && !p.accept(tEqual) {
			p.fail()
		}
		start = p.expr()
		p.expect(tRBrace)
	}
	if p.peek() == tUnderscore {
		parseSubeq()
		end = p.supexpr()
	} else {
		end = p.supexpr()
		parseSubeq()
	}
	body := p.mp(false)
	k := kSum
	if t == tProd {
		k = kProd
	}
	return newOp(k, body, iv, start, end)
}

func (p *lparser) limit() *node {
	p.expect(tLim)
	p.expect(tUnderscore)
	p.expect(tLBrace)
	vt := p.next()
	var v *node
	switch vt.t {
	case tLetter:
		v = newSym(vt.text)
	case tGreek, tOtherSymbol:
		v = symbolFor(vt.text)
	default:
		p.fail()
	}
	p.expect(tLimApproach)
	to := p.expr()
	if p.accept(tCaret) {
		p.expect(tLBrace)
		if !p.accept(tAdd) && !p.accept(tSub) {
			p.fail()
		}
		p.expect(tRBrace)
	}
	p.expect(tRBrace)
	body := p.mp(false)
	return newOp(kLimit, body, v, to)
}
