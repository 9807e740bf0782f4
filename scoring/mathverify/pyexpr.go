package mathverify

// parsePyExpr parses the arithmetic strings the plain-expression extractor
// captures (digits, '.', spaces, + - * / ** parentheses) like sympy's
// parse_expr(..., evaluate=False). Anything else (×, ÷, implicit products)
// makes parse_expr raise, reported here as an error.
func parsePyExpr(s string, bud *budget) (res *node, err error) {
	p := &pyParser{s: s, bud: bud}
	defer func() {
		if r := recover(); r != nil {
			pf, ok := r.(parseFailure)
			if !ok {
				panic(r)
			}
			res, err = nil, pf.err
		}
	}()
	n := p.sum()
	p.skipSpace()
	if p.i != len(p.s) {
		p.fail()
	}
	return n, nil
}

type pyParser struct {
	s     string
	i     int
	bud   *budget
	depth int
}

func (p *pyParser) fail() { panic(parseFailure{errParse}) }

func (p *pyParser) skipSpace() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n' || p.s[p.i] == '\r' || p.s[p.i] == '\f' || p.s[p.i] == '\v') {
		p.i++
	}
}

func (p *pyParser) peekOp(op string) bool {
	p.skipSpace()
	return len(p.s)-p.i >= len(op) && p.s[p.i:p.i+len(op)] == op
}

func (p *pyParser) enter() {
	p.depth++
	if p.depth > maxParseDepth {
		p.fail()
	}
	if p.bud.spend(1) {
		panic(parseFailure{errTimeout})
	}
}

func (p *pyParser) sum() *node {
	p.enter()
	defer func() { p.depth-- }()
	l := p.term()
	for {
		switch {
		case p.peekOp("+"):
			p.i++
			l = &node{k: kAdd, args: []*node{l, p.term()}}
		case p.peekOp("-"):
			p.i++
			r := p.term()
			l = &node{k: kAdd, args: []*node{l, pyNeg(r)}}
		default:
			return l
		}
	}
}

func (p *pyParser) term() *node {
	p.enter()
	defer func() { p.depth-- }()
	l := p.factor()
	for {
		switch {
		case p.peekOp("**"):
			return l
		case p.peekOp("//"):
			p.fail()
		case p.peekOp("*"):
			p.i++
			l = &node{k: kMul, args: []*node{l, p.factor()}}
		case p.peekOp("/"):
			p.i++
			r := p.factor()
			l = &node{k: kMul, args: []*node{l, newOp(kPow, r, newInt(-1))}}
		default:
			return l
		}
	}
}

func pyNeg(n *node) *node {
	if n.isNumber() {
		return neg(n)
	}
	return &node{k: kMul, args: []*node{newInt(-1), n}}
}

func (p *pyParser) factor() *node {
	p.enter()
	defer func() { p.depth-- }()
	switch {
	case p.peekOp("-"):
		p.i++
		return pyNeg(p.factor())
	case p.peekOp("+"):
		p.i++
		return p.factor()
	}
	return p.power()
}

func (p *pyParser) power() *node {
	base := p.atom()
	if p.peekOp("**") {
		p.i += 2
		ex := p.factor()
		return newOp(kPow, base, ex)
	}
	return base
}

func (p *pyParser) atom() *node {
	p.skipSpace()
	if p.i >= len(p.s) {
		p.fail()
	}
	if p.s[p.i] == '(' {
		p.i++
		n := p.sum()
		if !p.peekOp(")") {
			p.fail()
		}
		p.i++
		p.noCall()
		return n
	}
	start := p.i
	for p.i < len(p.s) && isASCIIDigit(p.s[p.i]) {
		p.i++
	}
	isFloat := false
	if p.i < len(p.s) && p.s[p.i] == '.' {
		isFloat = true
		p.i++
		for p.i < len(p.s) && isASCIIDigit(p.s[p.i]) {
			p.i++
		}
	}
	text := p.s[start:p.i]
	if text == "" || text == "." {
		p.fail()
	}
	p.noCall()
	if isFloat {
		if text[len(text)-1] == '.' {
			text += "0"
		}
		if text[0] == '.' {
			text = "0" + text
		}
		n, ok := numberFromString(text)
		if !ok {
			p.fail()
		}
		return n
	}
	r, ok := ratOf(text)
	if !ok {
		p.fail()
	}
	return newRat(r)
}

// noCall rejects "2(3)" and "2 3": a number or group directly followed by
// another operand is a call or a syntax error in Python.
func (p *pyParser) noCall() {
	save := p.i
	p.skipSpace()
	if p.i < len(p.s) && (p.s[p.i] == '(' || isASCIIDigit(p.s[p.i]) || p.s[p.i] == '.') {
		p.fail()
	}
	p.i = save
}
