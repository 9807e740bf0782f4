package mathruler

import (
	"math"
	"math/big"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// equalUnderSympy is are_equal_under_sympy: parse_expr of
// "(gt)-(given)" with standard_transformations +
// implicit_multiplication_application, then simplify(diff) == 0; any
// exception is False. The expression is read as sympy's transformations
// read it: every juxtaposition of numbers, names and parentheses is a
// product, multi-letter names not known to sympy split into one symbol per
// letter (digit runs become numbers), Greek letter names and names with '_'
// stay whole; pi and sqrt are sympy's, and the other names of
// `from sympy import *` that should_allow_eval lets through (csc, ff, im, ln,
// oo, re, zoo, ...) are errUndecided, as is anything outside + - * / **,
// parentheses and commas.
func equalUnderSympy(gt, given string) (bool, error) {
	expr := "(" + gt + ")-(" + given + ")"
	if !shouldAllowEval(expr) {
		return false, nil
	}
	expr = strings.ReplaceAll(expr, "^", "**")
	toks, err := pyTokens(expr)
	if err != nil {
		return raisedFalse(err)
	}
	p := &exprParser{toks: toks}
	tree, err := p.parse()
	if err != nil {
		return raisedFalse(err)
	}
	v, err := tree.eval()
	if err != nil {
		return raisedFalse(err)
	}
	return v.simplifiesToZero()
}

func raisedFalse(err error) (bool, error) {
	if err == errRaised {
		return false, nil
	}
	return false, err
}

type ptokKind uint8

const (
	pNum ptokKind = iota
	pName
	pOp
)

type ptok struct {
	kind ptokKind
	text string
}

var (
	pyPointFloat = regexp.MustCompile(`^(?:[0-9]+\.(?:[0-9]+)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?`)
	pyExpFloat   = regexp.MustCompile(`^[0-9]+[eE][-+]?[0-9]+`)
	pyDecInt     = regexp.MustCompile(`^(?:0+|[1-9][0-9]*)`)
)

// pyTokens is Python's tokenize on the expression, for the tokens this port
// evaluates.
func pyTokens(s string) ([]ptok, error) {
	var out []ptok
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\f':
			i++
			continue
		case c >= '0' && c <= '9' || (c == '.' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9'):
			rest := s[i:]
			m := pyPointFloat.FindString(rest)
			if m == "" {
				m = pyExpFloat.FindString(rest)
			}
			if m == "" {
				if len(rest) > 1 && rest[0] == '0' && strings.ContainsRune("xXbBoO", rune(rest[1])) {
					return nil, errUndecided
				}
				m = pyDecInt.FindString(rest)
			}
			if next := rest[len(m):]; next != "" && (next[0] == 'j' || next[0] == 'J' || next[0] == '_') {
				return nil, errUndecided
			}
			// Imaginary literals with an integer part ("2j") are tried before
			// the others; they were excluded just above for the float forms.
			if j := strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' }); j > 0 && (rest[j] == 'j' || rest[j] == 'J' || rest[j] == '_') {
				return nil, errUndecided
			}
			out = append(out, ptok{pNum, m})
			i += len(m)
			continue
		case c >= 0x80:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) {
				if raisesAsSource(r) {
					return nil, errRaised
				}
				return nil, errUndecided
			}
			_ = size
			fallthrough
		case c == '_' || unicode.IsLetter(rune(c)):
			j := i
			for j < len(s) {
				r, size := utf8.DecodeRuneInString(s[j:])
				if r == '_' || unicode.IsLetter(r) || (j > i && r >= '0' && r <= '9') {
					j += size
					continue
				}
				if r >= 0x80 && !raisesAsSource(r) {
					return nil, errUndecided
				}
				break
			}
			if j == i {
				return nil, errUndecided
			}
			out = append(out, ptok{pName, s[i:j]})
			i = j
			continue
		}
		switch {
		case strings.HasPrefix(s[i:], "**"):
			out = append(out, ptok{pOp, "**"})
			i += 2
		case strings.HasPrefix(s[i:], "//"):
			return nil, errUndecided
		case strings.ContainsRune("+-*/(),", rune(c)):
			out = append(out, ptok{pOp, string(c)})
			i++
		case c == '\\' && i+1 < len(s) && s[i+1] != '\n' && s[i+1] != '\r':
			// A backslash that does not end a line is a SyntaxError.
			return nil, errRaised
		case c == '=' && !strings.HasPrefix(s[i:], "==") && (i == 0 || !strings.ContainsRune("=<>!:", rune(s[i-1]))):
			// A lone '=' is a SyntaxError in a parenthesised expression, or
			// a keyword argument sqrt() rejects.
			return nil, errRaised
		case c == '%' && strings.Contains(s, "/%"):
			// latex2text's unfilled "%s/%s": '/' cannot be followed by '%'.
			return nil, errRaised
		case c == '.' && !strings.HasPrefix(s[i:], "...") && (i+1 >= len(s) || !isNameStart(s[i+1:])):
			// '.' neither starts a number nor an attribute name.
			return nil, errRaised
		case c == '?' || c == '`':
			return nil, errRaised
		default:
			return nil, errUndecided
		}
	}
	return out, nil
}

// raisesAsSource: a character outside identifiers and operators, which makes
// eval of the transformed code raise SyntaxError (tokenize passes it on as an
// error or operator token).
func raisesAsSource(r rune) bool {
	return unicode.In(r, unicode.S, unicode.Z, unicode.No, unicode.M, unicode.Cc, unicode.Co) ||
		(unicode.IsPunct(r) && !unicode.Is(unicode.Pc, r))
}

func isNameStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '_' || unicode.IsLetter(r)
}

// sympyNames are the names of `from sympy import *` whose letters
// should_allow_eval can let through, besides pi: their objects are
// functions or constants this port does not evaluate. Listed from sympy
// 1.13.1 (the same in 1.11.1), with the keywords of that size.
var sympyNames = map[string]bool{
	"csc": true, "eye": true, "ff": true, "fft": true, "fu": true, "gff": true, "hn1": true, "hn2": true,
	"im": true, "jn": true, "li": true, "ln": true, "nan": true, "ntt": true, "oo": true, "re": true,
	"rf": true, "yn": true, "zoo": true, "frac": true,
	"as": true, "if": true, "in": true, "is": true, "or": true,
}

// greekSmall are the names unicodedata.lookup('GREEK SMALL LETTER ' + name)
// finds; _token_splittable keeps them whole.
var greekSmall = map[string]bool{
	"alpha": true, "beta": true, "gamma": true, "delta": true, "epsilon": true, "zeta": true, "eta": true,
	"theta": true, "iota": true, "kappa": true, "lamda": true, "lambda": true, "mu": true, "nu": true, "xi": true,
	"omicron": true, "pi": true, "rho": true, "sigma": true, "tau": true, "upsilon": true, "phi": true,
	"chi": true, "psi": true, "omega": true, "digamma": true, "stigma": true, "koppa": true, "sampi": true,
	"heta": true, "san": true, "sho": true, "yot": true,
}

// enode is the parsed expression.
type enode struct {
	op    string // "num", "sym", "pi", "sqrt", "tuple", "+", "-", "*", "/", "**", "neg", "pos"
	text  string
	kids  []*enode
	float bool
}

type exprParser struct {
	toks  []ptok
	i     int
	depth int
}

func (p *exprParser) peek() *ptok {
	if p.i < len(p.toks) {
		return &p.toks[p.i]
	}
	return nil
}

func (p *exprParser) isOp(s string) bool {
	t := p.peek()
	return t != nil && t.kind == pOp && t.text == s
}

func (p *exprParser) parse() (*enode, error) {
	n, err := p.sum()
	if err != nil {
		return nil, err
	}
	if p.i != len(p.toks) {
		return nil, errRaised // a stray ')' or an operator sympy cannot place
	}
	return n, nil
}

func (p *exprParser) enter() error {
	p.depth++
	if p.depth > 200 {
		return errUndecided
	}
	return nil
}

func (p *exprParser) sum() (*enode, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	left, err := p.product()
	if err != nil {
		return nil, err
	}
	for p.isOp("+") || p.isOp("-") {
		op := p.toks[p.i].text
		p.i++
		right, err := p.product()
		if err != nil {
			return nil, err
		}
		left = &enode{op: op, kids: []*enode{left, right}}
	}
	return left, nil
}

// startsAtom: the next token begins a number, a name or a parenthesis, which
// sympy's implicit multiplication joins to what precedes with '*'.
func (p *exprParser) startsAtom() bool {
	t := p.peek()
	return t != nil && (t.kind != pOp || t.text == "(")
}

func (p *exprParser) product() (*enode, error) {
	left, err := p.unary()
	if err != nil {
		return nil, err
	}
	for {
		op := ""
		switch {
		case p.isOp("*"), p.isOp("/"):
			op = p.toks[p.i].text
			p.i++
		case p.startsAtom():
			op = "*"
		default:
			return left, nil
		}
		right, err := p.unary()
		if err != nil {
			return nil, err
		}
		left = &enode{op: op, kids: []*enode{left, right}}
	}
}

func (p *exprParser) unary() (*enode, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	if p.isOp("-") || p.isOp("+") {
		op := "neg"
		if p.toks[p.i].text == "+" {
			op = "pos"
		}
		p.i++
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &enode{op: op, kids: []*enode{x}}, nil
	}
	base, err := p.atom()
	if err != nil {
		return nil, err
	}
	if p.isOp("**") {
		p.i++
		exp, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &enode{op: "**", kids: []*enode{base, exp}}, nil
	}
	return base, nil
}

func (p *exprParser) atom() (*enode, error) {
	t := p.peek()
	if t == nil {
		return nil, errRaised
	}
	switch t.kind {
	case pNum:
		p.i++
		return &enode{op: "num", text: t.text, float: strings.ContainsAny(t.text, ".eE")}, nil
	case pName:
		p.i++
		return p.name(t.text)
	}
	if t.text != "(" {
		return nil, errRaised
	}
	p.i++
	return p.parenthesised()
}

// parenthesised reads after '(' up to its ')': an expression, or a tuple.
func (p *exprParser) parenthesised() (*enode, error) {
	if p.isOp(")") {
		p.i++
		return &enode{op: "tuple"}, nil
	}
	first, err := p.sum()
	if err != nil {
		return nil, err
	}
	if p.isOp(")") {
		p.i++
		return first, nil
	}
	if !p.isOp(",") {
		return nil, errRaised
	}
	for p.isOp(",") {
		p.i++
		if p.isOp(")") {
			break
		}
		if _, err := p.sum(); err != nil {
			return nil, err
		}
	}
	if !p.isOp(")") {
		return nil, errRaised
	}
	p.i++
	return &enode{op: "tuple"}, nil
}

// name resolves a NAME token as auto_symbol and split_symbols do.
func (p *exprParser) name(n string) (*enode, error) {
	callNext := p.isOp("(")
	switch {
	case n == "pi":
		return &enode{op: "pi"}, nil
	case n == "sqrt":
		if !callNext {
			return nil, errUndecided
		}
		p.i++
		arg, err := p.parenthesised()
		if err != nil {
			return nil, err
		}
		if arg.op == "tuple" {
			return nil, errRaised
		}
		return &enode{op: "sqrt", kids: []*enode{arg}}, nil
	case n == "oo" || n == "zoo" || n == "nan":
		if callNext {
			return nil, errUndecided
		}
		return &enode{op: "inf"}, nil
	case sympyNames[n]:
		return nil, errUndecided
	}
	if strings.Contains(n, "_") || greekSmall[n] || utf8.RuneCountInString(n) == 1 {
		if callNext {
			// Function('x')(...): an undefined function, unless sympy
			// rewrites it as a product, which depends on what follows.
			return nil, errUndecided
		}
		return &enode{op: "sym", text: n}, nil
	}
	var parts []*enode
	for i := 0; i < len(n); {
		r, size := utf8.DecodeRuneInString(n[i:])
		if r >= '0' && r <= '9' {
			j := i
			for j < len(n) && n[j] >= '0' && n[j] <= '9' {
				j++
			}
			parts = append(parts, &enode{op: "num", text: n[i:j]})
			i = j
			continue
		}
		parts = append(parts, &enode{op: "sym", text: string(r)})
		i += size
	}
	out := parts[0]
	for _, x := range parts[1:] {
		out = &enode{op: "*", kids: []*enode{out, x}}
	}
	return out, nil
}

// value is an evaluated sympy expression: num/den (den nil for 1).
type value struct {
	tuple   bool
	num     poly
	den     poly
	sqrtDen bool // a sum with a radical was divided by
	fragile bool // Float roundings whose order sympy may take differently
	float   bool // the expression holds a Float
	// inf: oo, zoo or nan, which every operation here keeps infinite or
	// nan, so simplify(...) == 0 is False.
	inf bool
	// zeroFloat: a Float('0.0') literal. Products and quotients with it are
	// S.Zero; a sum with it is a Float where the other side is a Rational.
	zeroFloat bool
}

func (v *value) isPlain() bool { return v.den == nil }

func (n *enode) eval() (*value, error) {
	switch n.op {
	case "num":
		c, err := parseNumber(n.text, n.float)
		if err != nil {
			return nil, err
		}
		zeroFloat := n.float && !c.isFloat()
		return &value{num: constPoly(c), float: c.isFloat() || zeroFloat, zeroFloat: zeroFloat}, nil
	case "sym":
		return &value{num: genPoly("s:" + n.text)}, nil
	case "pi":
		return &value{num: genPoly("pi")}, nil
	case "tuple":
		return &value{tuple: true}, nil
	case "inf":
		return &value{inf: true}, nil
	}
	var kids []*value
	var firstErr error
	for _, k := range n.kids {
		v, err := k.eval()
		if err == errRaised {
			return nil, errRaised
		}
		if err != nil && firstErr == nil {
			firstErr = err
		}
		kids = append(kids, v)
	}
	if firstErr != nil {
		return nil, firstErr
	}
	for _, k := range kids {
		if k.tuple {
			return nil, errRaised
		}
	}
	if v, err, done := infOp(n.op, kids); done {
		return v, err
	}
	switch n.op {
	case "pos":
		return kids[0], nil
	case "neg":
		return negValue(kids[0]), nil
	case "+":
		return addValues(kids[0], kids[1])
	case "-":
		return addValues(kids[0], negValue(kids[1]))
	case "*":
		return mulValues(kids[0], kids[1])
	case "/":
		return divValues(kids[0], kids[1])
	case "**":
		return powValues(kids[0], kids[1])
	case "sqrt":
		return powValues(kids[0], &value{num: constPoly(ratCoef(big.NewRat(1, 2)))})
	}
	return nil, errUndecided
}

// infOp applies an operation to an infinite operand: sums, products and
// positive integer powers stay infinite (or nan); x/oo and oo**k for other
// k are finite or depend on k, and are left undecided.
func infOp(op string, kids []*value) (*value, error, bool) {
	anyInf := false
	for _, k := range kids {
		anyInf = anyInf || k.inf
	}
	if !anyInf {
		return nil, nil, false
	}
	switch op {
	case "pos", "neg", "+", "-", "*", "sqrt":
		return &value{inf: true}, nil, true
	case "/":
		if kids[1].inf {
			return nil, errUndecided, true
		}
		return &value{inf: true}, nil, true
	case "**":
		if kids[1].inf {
			return nil, errUndecided, true
		}
		if e, ok := kids[1].num.constant(); ok && kids[1].isPlain() && !e.isFloat() && e.r.IsInt() && e.r.Sign() > 0 {
			return &value{inf: true}, nil, true
		}
		return nil, errUndecided, true
	}
	return nil, errUndecided, true
}

// parseNumber is auto_number: Integer(text), or Float('text') with the
// precision sympy gives a decimal string (max(15, its digits) digits).
func parseNumber(text string, isFloat bool) (coef, error) {
	if !isFloat {
		z, ok := new(big.Int).SetString(text, 10)
		if !ok {
			return coef{}, errUndecided
		}
		if z.BitLen() > maxBits {
			return coef{}, errUndecided
		}
		return ratCoef(new(big.Rat).SetInt(z)), nil
	}
	mant, exp := text, ""
	if i := strings.IndexAny(text, "eE"); i >= 0 {
		mant, exp = text[:i], text[i+1:]
	}
	e := 0
	if exp != "" {
		x, ok := new(big.Int).SetString(strings.TrimPrefix(exp, "+"), 10)
		if !ok || x.BitLen() > 16 {
			return coef{}, errUndecided
		}
		e = int(x.Int64())
	}
	intPart, frac := mant, ""
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		intPart, frac = mant[:i], mant[i+1:]
	}
	digits := strings.TrimLeft(intPart+frac, "0")
	nd := len(digits)
	if nd == 0 {
		// Float('0.0'): every operation with it that yields 0 yields
		// S.Zero, but a sum with a Rational becomes a Float; the caller
		// marks the value fragile.
		return ratCoef(new(big.Rat)), nil
	}
	r, ok := new(big.Rat).SetString(intPart + frac)
	if !ok {
		r = new(big.Rat)
	}
	scale := e - len(frac)
	if scale > 4000 || scale < -4000 {
		return coef{}, errUndecided
	}
	ten := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(scale))), nil)
	if scale >= 0 {
		r.Mul(r, new(big.Rat).SetInt(ten))
	} else {
		r.Quo(r, new(big.Rat).SetInt(ten))
	}
	dps := nd
	if !strings.Contains(text, ".") && r.IsInt() {
		if l := len(r.Num().String()); l > dps {
			dps = l
		}
	}
	if dps < 15 {
		dps = 15
	}
	prec := uint(math.Max(1, float64(int(math.RoundToEven(float64(dps+1)*3.3219280948873626)))))
	return coef{f: roundRat(r, prec), prec: prec}, nil
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func negValue(a *value) *value {
	out := *a
	out.num = polyNeg(a.num)
	return &out
}

func merged(a, b *value) value {
	return value{sqrtDen: a.sqrtDen || b.sqrtDen, fragile: a.fragile || b.fragile, float: a.float || b.float}
}

func addValues(a, b *value) (*value, error) {
	out := merged(a, b)
	if a.zeroFloat && b.zeroFloat {
		out.zeroFloat = true
		return &out, nil
	}
	for _, z := range []*value{a, b} {
		if z.zeroFloat {
			other := a
			if z == a {
				other = b
			}
			if c, ok := other.num.constant(); !ok || !c.isFloat() || !other.isPlain() {
				out.fragile = true
			}
		}
	}
	if a.isPlain() && b.isPlain() {
		n, err := polyAdd(a.num, b.num)
		if err != nil {
			return nil, err
		}
		out.num = n
		return &out, nil
	}
	if out.float {
		return nil, errUndecided
	}
	ad, bd := denOf(a), denOf(b)
	x, _, err := polyMul(a.num, bd)
	if err != nil {
		return nil, err
	}
	y, _, err := polyMul(b.num, ad)
	if err != nil {
		return nil, err
	}
	if out.num, err = polyAdd(x, y); err != nil {
		return nil, err
	}
	if out.den, _, err = polyMul(ad, bd); err != nil {
		return nil, err
	}
	return &out, nil
}

func denOf(v *value) poly {
	if v.den == nil {
		return constPoly(ratCoef(big.NewRat(1, 1)))
	}
	return v.den
}

func mulValues(a, b *value) (*value, error) {
	out := merged(a, b)
	if a.zeroFloat || b.zeroFloat {
		return &value{num: poly{}, float: true}, nil
	}
	if out.float && ((len(a.num) > 1 && b.num.hasFloat()) || (len(b.num) > 1 && a.num.hasFloat())) {
		// Float·(sum): sympy keeps the product unexpanded and simplify
		// rounds while expanding.
		out.fragile = true
	}
	n, fr, err := polyMul(a.num, b.num)
	if err != nil {
		return nil, err
	}
	out.num, out.fragile = n, out.fragile || fr
	if a.den != nil || b.den != nil {
		if out.float {
			return nil, errUndecided
		}
		if out.den, _, err = polyMul(denOf(a), denOf(b)); err != nil {
			return nil, err
		}
	}
	return &out, nil
}

func divValues(a, b *value) (*value, error) {
	out := merged(a, b)
	if b.den != nil {
		if out.float {
			return nil, errUndecided
		}
		// a / (n/d) = a·d / n
		inv := &value{num: b.den, den: b.num, sqrtDen: b.sqrtDen || len(b.num) > 1 && unrationalised(b.num)}
		return mulValues(a, inv)
	}
	if len(b.num) == 0 {
		// x/0 is zoo (nan for 0/0): never simplifies to 0.
		return &value{inf: true}, nil
	}
	if a.zeroFloat {
		return &value{num: poly{}, float: true}, nil
	}
	if ca, ok := a.num.constant(); ok && a.isPlain() {
		if cb, ok := b.num.constant(); ok {
			// Number / Number.
			if cb.isFloat() && !ca.isFloat() {
				// Rational.__truediv__(Float) is self*(1/other).
				out.num = constPoly(coefMul(coefInv(cb), ca))
				return &out, nil
			}
			out.num = constPoly(coefDiv(ca, cb))
			return &out, nil
		}
	}
	if cb, ok := b.num.constant(); ok && cb.isFloat() {
		// Expr / Float is Mul(self, Float**-1).
		return mulValues(a, &value{num: constPoly(coefInv(cb)), float: true})
	}
	if len(b.num) == 1 {
		for _, t := range b.num {
			inv, err := invertTerm(t)
			if err != nil {
				return nil, err
			}
			return mulValues(a, &value{num: poly{inv.m.key(): inv}, float: b.float})
		}
	}
	if out.float {
		return nil, errUndecided
	}
	out.num = a.num
	den := b.num
	if a.den != nil {
		var err error
		if den, _, err = polyMul(den, a.den); err != nil {
			return nil, err
		}
	}
	out.den = den
	out.sqrtDen = out.sqrtDen || unrationalised(b.num)
	return &out, nil
}

// unrationalised: a denominator with radicals that this port does not count
// on simplify to rationalise. A numeric one (square roots of at most two
// radicands, no symbols, pi or I) radsimp rationalises, as sympy does for
// 1/(1+sqrt(2)), 1/(sqrt(2)+sqrt(3)), 5/(2sqrt(3)-3) (sympy_test.go).
func unrationalised(den poly) bool {
	if !den.hasRadical() {
		return false
	}
	rads := map[int64]bool{}
	for _, t := range den {
		if len(t.m.gens) > 0 {
			return true
		}
		rads[t.m.rad] = true
	}
	delete(rads, 1)
	return len(rads) > 2
}

func powValues(a, b *value) (*value, error) {
	e, ok := b.num.constant()
	if !ok || !b.isPlain() {
		return nil, errUndecided
	}
	if e.isFloat() {
		return floatPower(a, e)
	}
	if e.r.IsInt() {
		n := e.r.Num()
		if c, ok := a.num.constant(); ok && a.isPlain() && !c.isFloat() && n.IsInt64() {
			return ratPower(c.r, n.Int64())
		}
		if !n.IsInt64() || n.Int64() > maxExponent || n.Int64() < -maxExponent {
			return nil, errUndecided
		}
		k := n.Int64()
		if a.float {
			return nil, errUndecided // mpf_pow_int rounds on its own schedule
		}
		one := &value{num: constPoly(ratCoef(big.NewRat(1, 1)))}
		res := one
		for i := int64(0); i < abs64(k); i++ {
			var err error
			if res, err = mulValues(res, a); err != nil {
				return nil, err
			}
		}
		if k < 0 {
			return divValues(one, res)
		}
		return res, nil
	}
	// A rational power of a rational number: sympy takes out exact roots.
	if a.float || !a.isPlain() {
		return nil, errUndecided
	}
	c, ok := a.num.constant()
	if !ok {
		return nil, errUndecided
	}
	if c.r.Sign() == 0 {
		if e.r.Sign() > 0 {
			return &value{num: poly{}}, nil
		}
		return &value{inf: true}, nil
	}
	num, den := e.r.Num(), e.r.Denom()
	if !num.IsInt64() || num.Int64() > maxExponent || num.Int64() < -maxExponent {
		return nil, errUndecided
	}
	k := &value{num: constPoly(ratCoef(big.NewRat(num.Int64(), 1)))}
	if den.Cmp(big.NewInt(2)) == 0 {
		root, err := sqrtRat(c.r)
		if err != nil {
			return nil, err
		}
		return powValues(root, k)
	}
	// Other roots only where they are exact and real.
	if c.r.Sign() < 0 || !den.IsInt64() || den.Int64() > 64 {
		return nil, errUndecided
	}
	p, okp := exactRoot(c.r.Num(), den.Int64())
	q, okq := exactRoot(c.r.Denom(), den.Int64())
	if !okp || !okq {
		return nil, errUndecided
	}
	return powValues(&value{num: constPoly(ratCoef(new(big.Rat).SetFrac(p, q)))}, k)
}

// floatPower is Number**Float, which sympy evaluates with mpmath; only its
// approximate value is kept, so only a clear non-zero outcome is decided.
func floatPower(a *value, e coef) (*value, error) {
	c, ok := a.num.constant()
	if !ok || !a.isPlain() {
		return nil, errUndecided
	}
	var base float64
	if c.isFloat() {
		base, _ = c.f.Float64()
	} else {
		base, _ = c.r.Float64()
	}
	x, _ := e.f.Float64()
	if base <= 0 {
		return nil, errUndecided
	}
	r := math.Pow(base, x)
	if math.IsInf(r, 0) || math.IsNaN(r) || r == 0 {
		return nil, errUndecided
	}
	v := new(big.Float).SetPrec(e.prec).SetFloat64(r)
	return &value{num: constPoly(coef{f: v, prec: e.prec}), float: true, fragile: true}, nil
}

// exactRoot is the n-th root of x ≥ 0 when it is an integer.
func exactRoot(x *big.Int, n int64) (*big.Int, bool) {
	if x.BitLen() > maxBits {
		return nil, false
	}
	f := new(big.Float).SetPrec(uint(x.BitLen()) + 64).SetInt(x)
	g, _ := f.Float64()
	guess := math.Round(math.Pow(g, 1/float64(n)))
	if math.IsInf(guess, 0) || guess > 1<<53 {
		return nil, false
	}
	for d := -1.0; d <= 1; d++ {
		r := big.NewInt(int64(guess + d))
		if r.Sign() < 0 {
			continue
		}
		if new(big.Int).Exp(r, big.NewInt(n), nil).Cmp(x) == 0 {
			return r, true
		}
	}
	return nil, false
}

// ratPower is Rational**Integer, exact while the result stays within
// maxBits (0**-k is zoo).
func ratPower(r *big.Rat, k int64) (*value, error) {
	if r.Sign() == 0 {
		if k < 0 {
			return &value{inf: true}, nil
		}
		if k == 0 {
			return &value{num: constPoly(ratCoef(big.NewRat(1, 1)))}, nil
		}
		return &value{num: poly{}}, nil
	}
	bits := int64(r.Num().BitLen() + r.Denom().BitLen())
	if abs64(k) > maxBits || bits*abs64(k) > maxBits {
		return nil, errUndecided
	}
	num := new(big.Int).Exp(r.Num(), big.NewInt(abs64(k)), nil)
	den := new(big.Int).Exp(r.Denom(), big.NewInt(abs64(k)), nil)
	if k < 0 {
		num, den = den, num
	}
	return &value{num: constPoly(ratCoef(new(big.Rat).SetFrac(num, den)))}, nil
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// sqrtRat is √(p/q) = √(p·q)/q, perfect squares taken out; √(-x) = I·√x.
func sqrtRat(r *big.Rat) (*value, error) {
	if r.Sign() < 0 {
		root, err := sqrtRat(new(big.Rat).Neg(r))
		if err != nil {
			return nil, err
		}
		return mulValues(root, &value{num: genPoly("I")})
	}
	pq := new(big.Int).Mul(r.Num(), r.Denom())
	out, rad, err := squareFree(pq)
	if err != nil {
		return nil, err
	}
	c := new(big.Rat).SetFrac(out, r.Denom())
	m := mono{rad: rad}
	return &value{num: poly{m.key(): {m: m, c: ratCoef(c)}}}, nil
}

// simplifiesToZero is `sympy.simplify(diff) == 0`.
func (v *value) simplifiesToZero() (bool, error) {
	if v.inf {
		return false, nil
	}
	zero := len(v.num) == 0
	if v.fragile {
		if !zero && v.den == nil && (v.num.hasExactVariable() || !v.num.hasSymbol() && farFromZero(v.num)) {
			return false, nil
		}
		return false, errUndecided
	}
	if zero && v.sqrtDen {
		return false, errUndecided
	}
	return zero, nil
}

// farFromZero: the value differs from 0 by far more than any rounding of
// its Floats could move it.
func farFromZero(p poly) bool {
	sum, scale := 0.0, 0.0
	for _, t := range p {
		var c float64
		if t.c.f != nil {
			c, _ = t.c.f.Float64()
		} else {
			c, _ = t.c.r.Float64()
		}
		x := c * math.Sqrt(float64(t.m.rad))
		if t.m.hasGen("I") {
			return false
		}
		for _, g := range t.m.gens {
			x *= math.Pow(math.Pi, float64(g.exp))
		}
		sum += x
		scale += math.Abs(x)
	}
	return math.Abs(sum) > 1e-9*scale && !math.IsNaN(sum)
}
