package mathverify

import (
	"errors"
	"sort"
	"strings"
	"unicode/utf8"
)

// tokType names the tokens of latex2sympy2_extended's PS grammar that the
// parser distinguishes.
type tokType uint8

const (
	tEOF tokType = iota
	tAdd
	tSub
	tMul
	tDiv
	tLParen
	tRParen
	tLParenVisual // \(
	tRParenVisual // \)
	tLGroup
	tRGroup
	tLBrace
	tRBrace
	tLBraceVisual // \{
	tRBraceVisual // \}
	tLBraceCmd
	tRBraceCmd
	tLBracket
	tRBracket
	tLBrack
	tRBrack
	tPhantom
	tBoxed
	tBar
	tLVert
	tRVert
	tVert
	tNorm
	tLAngle
	tRAngle
	tLFloor
	tRFloor
	tLLCorner
	tLRCorner
	tLCeil
	tRCeil
	tULCorner
	tURCorner
	tLim
	tLimApproach
	tInt
	tSum
	tProd
	tFuncSingle // \log \sin ... (text holds the command)
	tFuncMulti  // \gcd \lcm \max \min
	tOpName     // gcd, trace, ... bare operator names
	tSqrt
	tTimes
	tCdot
	tCmdDiv
	tFrac
	tBinom
	tChoose
	tMod
	tMathit
	tOperatorname
	tMatrixStart
	tMatrixEnd
	tArrayStart
	tArrayEnd
	tDetStart
	tDetEnd
	tAmp
	tRowSep
	tUnderscore
	tCaret
	tColon
	tSemicolon
	tComma
	tPeriod
	tDifferential
	tExpE
	tENotationE
	tLetter
	tXRightArrow
	tTransformExchange
	tNumber
	tENotation
	tIn
	tAssign
	tEqual
	tApprox
	tLT
	tLTE
	tGT
	tGTE
	tUnequal
	tBang
	tPercentNumber
	tGreek
	tOtherSymbol
	tSymbol // \partial, \infty
	tVariable
	tSetNaturals
	tSetIntegers
	tSetRationals
	tSetReals
	tSetComplex
	tSetPrimes
	tSetEmpty
	tAccent
	tUnion
	tIntersection
	tSetMinus
	tPlusMinus
	tSupset
	tSubset
	tNotin
	tTranspose
	tDegree
)

type token struct {
	t    tokType
	text string
}

var errLex = errors.New("latex: unrecognised input")

// literal tokens, matched by longest match like the ANTLR lexer; on equal
// length the earlier entry wins (implicit parser literals come first).
type litTok struct {
	s string
	t tokType
}

var literalTokens = func() []litTok {
	var l []litTok
	add := func(t tokType, ss ...string) {
		for _, s := range ss {
			l = append(l, litTok{s, t})
		}
	}
	add(tTranspose, "^T", "^{T}", "^{\\top}", "'")
	add(tDegree, "^\\circ", "^\\degree", "^\\circle", "^°", "^{\\circ}", "^{\\degree}", "^{\\circle}", "^{°}")
	add(tAdd, "+", "∔", "⊕", "⊞")
	add(tSub, "-", "−", "∸")
	add(tMul, "*", "×", "⋅", "⋄", "⊡", "∗", "⋆", "∘", "∙", "⊗", "⊠", "⋈", "⋉", "⋊")
	add(tDiv, "/", "÷", "∕", "\\over")
	add(tLParen, "(")
	add(tRParen, ")")
	add(tLParenVisual, "\\(")
	add(tRParenVisual, "\\)")
	add(tLGroup, "\\lgroup")
	add(tRGroup, "\\rgroup")
	add(tLBrace, "{")
	add(tRBrace, "}")
	add(tLBraceVisual, "\\{")
	add(tRBraceVisual, "\\}")
	add(tLBraceCmd, "\\lbrace")
	add(tRBraceCmd, "\\rbrace")
	add(tLBracket, "[")
	add(tRBracket, "]")
	add(tLBrack, "\\lbrack")
	add(tRBrack, "\\rbrack")
	add(tPhantom, "\\phantom")
	add(tBoxed, "\\boxed")
	add(tBar, "|")
	add(tLVert, "\\lvert")
	add(tRVert, "\\rvert")
	add(tVert, "\\vert")
	add(tNorm, "\\|")
	add(tLAngle, "\\langle")
	add(tRAngle, "\\rangle")
	add(tLFloor, "\\lfloor")
	add(tRFloor, "\\rfloor")
	add(tLLCorner, "\\llcorner")
	add(tLRCorner, "\\lrcorner")
	add(tLCeil, "\\lceil")
	add(tRCeil, "\\rceil")
	add(tULCorner, "\\ulcorner")
	add(tURCorner, "\\urcorner")
	add(tLim, "\\lim")
	add(tLimApproach, "\\to", "\\rightarrow", "\\Rightarrow", "\\longrightarrow", "\\Longrightarrow")
	add(tInt, "\\int")
	add(tSum, "\\sum")
	add(tProd, "\\prod")
	add(tFuncSingle, "\\log", "\\ln", "\\exp", "\\sin", "\\cos", "\\tan", "\\csc", "\\sec", "\\cot",
		"\\arcsin", "\\arccos", "\\arctan", "\\arccsc", "\\arcsec", "\\arccot", "\\sinh", "\\cosh", "\\tanh",
		"\\arsinh", "\\arcosh", "\\artanh", "\\arcsinh", "\\arccosh", "\\arctanh")
	add(tOpName, "arsinh", "arcsinh", "arcosh", "arccosh", "artanh", "arctanh", "gcd", "lcm", "floor", "ceil")
	add(tSqrt, "\\sqrt")
	add(tFuncMulti, "\\gcd", "\\lcm")
	add(tFuncSingle, "\\floor", "\\ceil")
	add(tFuncMulti, "\\max", "\\min")
	add(tFuncSingle, "\\det")
	add(tOpName, "eye", "zeros", "ones", "cols", "rows", "diag", "norm", "rank", "trace", "tr", "rref", "hstack",
		"vstack", "orth", "ortho", "orthogonal", "orthogonalize", "nullspace", "eig", "eigen", "diagonalize",
		"eigenvals", "eigenvalues", "eigenvects", "eigenvectors", "svd", "SVD")
	add(tTimes, "\\times")
	add(tCdot, "\\cdot")
	add(tCmdDiv, "\\div")
	add(tFrac, "\\frac", "\\dfrac", "\\tfrac", "\\cfrac")
	add(tBinom, "\\binom", "\\tbinom", "\\dbinom")
	add(tChoose, "\\choose")
	add(tMod, "\\mod")
	add(tMathit, "\\mathit")
	add(tOperatorname, "\\operatorname")
	for _, m := range []string{"matrix", "pmatrix", "bmatrix"} {
		add(tMatrixStart, "\\begin{"+m+"}")
		add(tMatrixEnd, "\\end{"+m+"}")
	}
	add(tArrayEnd, "\\end{array}")
	add(tDetStart, "\\begin{vmatrix}")
	add(tDetEnd, "\\end{vmatrix}")
	add(tAmp, "&")
	add(tRowSep, "\\\\")
	add(tUnderscore, "_")
	add(tCaret, "^")
	add(tColon, ":")
	add(tSemicolon, ";")
	add(tComma, ",")
	add(tPeriod, ".")
	add(tExpE, "e", "\\exponentialE")
	add(tENotationE, "E")
	add(tXRightArrow, "\\xrightarrow", "\\xRightarrow")
	add(tTransformExchange, "<->", "<=>", "\\leftrightarrow", "\\Leftrightarrow")
	add(tIn, "\\in")
	add(tAssign, "=", "≡", "≣", "≟", "≎", "≏", "≐", "≑", "≒", "≓", "≔", "≕", "≖", "≗")
	add(tEqual, "==", "\\equiv")
	add(tApprox, "~=", "≈", "≊", "≋", "≃", "≅", "\\approx")
	add(tLT, "<", "≪", "≺", "⋖", "\\lt")
	add(tLTE, "\\leq", "\\le", "\\leqslant", "≤", "≦", "≲", "≾", "<=")
	add(tGT, ">", "≫", "≻", "⋗", "\\gt")
	add(tGTE, "\\geq", "\\ge", "\\geqslant", "≥", "≧", "≳", "≿", ">=")
	add(tUnequal, "!=", "!==", "\\ne", "\\neq", "\\not\\equiv", "≠", "≁", "≄", "≇", "≉", "≢")
	add(tBang, "!")
	add(tSymbol, "\\partial", "\\infty", "\\$\\infty", "\\infty\\%", "\\infty%")
	add(tSetNaturals, "\\mathbb{N}", "ℕ")
	add(tSetIntegers, "\\mathbb{Z}", "ℤ")
	add(tSetRationals, "\\mathbb{Q}", "ℚ")
	add(tSetReals, "\\mathbb{R}", "ℝ")
	add(tSetComplex, "\\mathbb{C}", "ℂ")
	add(tSetPrimes, "\\mathbb{P}", "ℙ")
	add(tSetEmpty, "\\emptyset", "∅", "\\{\\}", "\\lbrace\\rbrace")
	add(tUnion, "\\cup", "∪")
	add(tIntersection, "\\cap", "∩")
	add(tSetMinus, "\\setminus", "∖")
	add(tPlusMinus, "\\pm", "±", "∓", "\\mp")
	add(tSupset, "\\supseteq", "⊇")
	add(tSubset, "\\subseteq", "⊆")
	add(tNotin, "\\notin", "∉")
	return l
}()

// literalsByFirstByte indexes literalTokens by their first byte, keeping
// their order so that ties still go to the earlier entry.
var literalsByFirstByte = func() [256][]litTok {
	var idx [256][]litTok
	for _, lt := range literalTokens {
		idx[lt.s[0]] = append(idx[lt.s[0]], lt)
	}
	return idx
}()

// skipped lists the inputs the lexer drops (spacing commands, \$).
var skippedTokens = []string{"\\,", "\\thinspace", "\\:", "\\medspace", "\\;", "\\thickspace", "\\quad", "\\qquad",
	"\\!", "\\negthinspace", "\\negmedspace", "\\negthickspace", "\\$", "\\vrule", "\\vcenter", "\\vbox", "\\vskip",
	"\\vspace", "\\hfil"}

var greekNames = []string{"alpha", "beta", "gamma", "Gamma", "delta", "Delta", "epsilon", "varepsilon", "zeta", "eta",
	"theta", "Theta", "vartheta", "iota", "kappa", "lambda", "Lambda", "mu", "nu", "xi", "Xi", "omicron", "pi", "Pi",
	"varpi", "rho", "varrho", "sigma", "Sigma", "varsigma", "tau", "upsilon", "Upsilon", "phi", "Phi", "varphi",
	"chi", "psi", "Psi", "omega", "Omega"}

var greekRunes = "αβγΓδΔεϵζηθΘϑικλΛμνξΞοπΠϖρϱσΣςτυΥφΦϕχψΨωΩ"

var otherSymbols = []string{"Bbbk", "wp", "nabla", "bigstar", "angle", "nexists", "diagdown", "measuredangle", "eth",
	"diagup", "sphericalangle", "clubsuit", "varnothing", "Diamond", "complement", "diamondsuit", "imath", "Finv",
	"triangledown", "heartsuit", "jmath", "Game", "triangle", "spadesuit", "ell", "hbar", "vartriangle", "hslash",
	"blacklozenge", "lozenge", "blacksquare", "mho", "blacktriangle", "sharp", "prime", "Im", "flat", "square",
	"backprime", "Re", "natural", "surd", "circledS"}

var accentCmds = []string{"acute", "bar", "overline", "breve", "check", "widecheck", "dot", "ddot", "grave", "hat",
	"tilde", "widetilde", "vec", "overrightarrow", "bm", "boldsymbol", "text", "textit", "textbf", "textnormal",
	"mathbb", "mathbin", "mathbf", "mathcal", "mathclap", "mathclose", "mathellipsis", "mathfrak", "mathinner",
	"mathit", "mathnormal", "mathop", "mathopen", "mathord", "mathpunct", "mathrel", "mathring", "mathrlap",
	"mathrm", "mathscr", "mathsf", "mathsterling", "mathtt", "mbox"}

func isASCIIDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// lex splits s into tokens with the ANTLR lexer's longest-match rule.
func lex(s string, bud *budget) ([]token, error) {
	var toks []token
	i := 0
	for i < len(s) {
		if bud.spend(1) {
			return nil, errTimeout
		}
		c := s[i]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			i++
			continue
		}
		bestLen, bestType := 0, tEOF
		consider := func(n int, t tokType) {
			if n > bestLen {
				bestLen, bestType = n, t
			}
		}
		skipLen := 0
		for _, sk := range skippedTokens {
			if sk[0] != c {
				continue
			}
			if strings.HasPrefix(s[i:], sk) && len(sk) > skipLen {
				skipLen = len(sk)
			}
		}
		for _, lt := range literalsByFirstByte[c] {
			if len(lt.s) > bestLen && strings.HasPrefix(s[i:], lt.s) {
				consider(len(lt.s), lt.t)
			}
		}
		// NUMBER, E_NOTATION, PERCENT_NUMBER
		if n := matchNumber(s[i:]); n > 0 {
			consider(n, tNumber)
			if m := matchENotation(s[i:], n); m > 0 {
				consider(m, tENotation)
			}
			j := n
			if j < len(s[i:]) && strings.ContainsRune(" \t\r\n", rune(s[i+j])) {
				j++
			}
			if strings.HasPrefix(s[i+j:], "\\%") {
				consider(j+2, tPercentNumber)
			} else if strings.HasPrefix(s[i+j:], "%") {
				consider(j+1, tPercentNumber)
			}
		}
		if isASCIILetter(c) && c != 'e' && c != 'E' {
			consider(1, tLetter)
		}
		if c == 'd' {
			if n := matchDifferential(s[i:]); n > 0 {
				consider(n, tDifferential)
			}
		}
		if n := matchGreek(s[i:]); n > 0 {
			consider(n, tGreek)
		}
		if n := matchOtherSymbol(s[i:]); n > 0 {
			consider(n, tOtherSymbol)
		}
		if n := matchAccent(s[i:]); n > 0 {
			consider(n, tAccent)
		}
		if n := matchVariable(s[i:]); n > 0 {
			consider(n, tVariable)
		}
		if n := matchArrayStart(s[i:]); n > 0 {
			consider(n, tArrayStart)
		}
		if skipLen > 0 && skipLen >= bestLen {
			i += skipLen
			continue
		}
		if bestLen == 0 {
			return nil, errLex
		}
		toks = append(toks, token{bestType, s[i : i+bestLen]})
		i += bestLen
	}
	return toks, nil
}

func matchNumber(s string) int {
	i := 0
	for i < len(s) && isASCIIDigit(s[i]) {
		i++
	}
	if i < len(s) && s[i] == '.' {
		j := i + 1
		for j < len(s) && isASCIIDigit(s[j]) {
			j++
		}
		if j > i+1 {
			return j
		}
	}
	return i
}

func matchENotation(s string, n int) int {
	// NUMBER E_NOTATION_E (SUB|ADD)? DIGIT+; the NUMBER part may be shorter
	// than the longest number, but in practice the longest is what counts.
	i := n
	if i >= len(s) || s[i] != 'E' {
		return 0
	}
	i++
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	} else if strings.HasPrefix(s[i:], "−") || strings.HasPrefix(s[i:], "∸") || strings.HasPrefix(s[i:], "∔") ||
		strings.HasPrefix(s[i:], "⊕") || strings.HasPrefix(s[i:], "⊞") {
		i += 3
	}
	j := i
	for j < len(s) && isASCIIDigit(s[j]) {
		j++
	}
	if j == i {
		return 0
	}
	return j
}

func matchDifferential(s string) int {
	i := 1
	for i < len(s) && strings.ContainsRune(" \t\r\n", rune(s[i])) {
		i++
	}
	if i < len(s) && isASCIILetter(s[i]) {
		return i + 1
	}
	if i+1 < len(s) && s[i] == '\\' && isASCIILetter(s[i+1]) {
		j := i + 1
		for j < len(s) && isASCIILetter(s[j]) {
			j++
		}
		return j
	}
	return 0
}

func withOptSpace(s string, n int) int {
	if n > 0 && n < len(s) && s[n] == ' ' {
		return n + 1
	}
	return n
}

// asciiNotBackslash reports whether s starts with an ASCII byte other than
// a backslash: no Greek letter or other symbol starts there (the command
// forms start with a backslash, the others are non-ASCII characters).
func asciiNotBackslash(s string) bool { return s == "" || s[0] < utf8.RuneSelf && s[0] != '\\' }

func matchGreek(s string) int {
	if asciiNotBackslash(s) {
		return 0
	}
	best := 0
	if strings.HasPrefix(s, "\\") {
		for _, g := range greekNames {
			if strings.HasPrefix(s[1:], g) && len(g)+1 > best {
				best = len(g) + 1
			}
		}
		for _, code := range []string{"391", "392", "190", "396", "397", "399", "39A", "39C", "39D", "39F", "3A1", "3A4", "3A7"} {
			for _, p := range []string{"\\char\"000" + code, "\\char000" + code} {
				if strings.HasPrefix(s, p) && len(p) > best {
					best = len(p)
				}
			}
		}
	} else {
		for _, r := range greekRunes {
			if strings.HasPrefix(s, string(r)) {
				best = len(string(r))
				break
			}
		}
	}
	return withOptSpace(s, best)
}

func matchOtherSymbol(s string) int {
	if asciiNotBackslash(s) {
		return 0
	}
	best := 0
	if strings.HasPrefix(s, "\\") {
		for _, o := range otherSymbols {
			if strings.HasPrefix(s[1:], o) && len(o)+1 > best {
				best = len(o) + 1
			}
		}
	} else {
		for _, r := range []string{"ℵ", "ℶ", "ℷ", "ℸ"} {
			if strings.HasPrefix(s, r) {
				best = len(r)
			}
		}
	}
	return withOptSpace(s, best)
}

var accentsByLength = func() []string {
	a := append([]string(nil), accentCmds...)
	sort.Slice(a, func(i, j int) bool { return len(a[i]) > len(a[j]) })
	return a
}()

// matchAccent matches ACCENT_CMD WS? '{' ('\}' | ~[}])*? '}'.
func matchAccent(s string) int {
	if !strings.HasPrefix(s, "\\") {
		return 0
	}
	best := 0
	for _, a := range accentsByLength {
		if !strings.HasPrefix(s[1:], a) {
			continue
		}
		i := 1 + len(a)
		if i < len(s) && strings.ContainsRune(" \t\r\n", rune(s[i])) {
			i++
		}
		if i >= len(s) || s[i] != '{' {
			continue
		}
		i++
		for i < len(s) {
			if s[i] == '\\' && i+1 < len(s) && s[i+1] == '}' {
				// '\}' may be consumed as content, but the lazy loop
				// also allows '\' then '}' closing: the first '}' closes.
				i++
				break
			}
			if s[i] == '}' {
				break
			}
			i++
		}
		if i < len(s) && s[i] == '}' && i+1 > best {
			best = i + 1
		}
	}
	return best
}

func matchVariable(s string) int {
	if !strings.HasPrefix(s, "\\variable{") {
		return 0
	}
	end := strings.IndexByte(s, '}')
	if end < 0 {
		return 0
	}
	n := end + 1
	if strings.HasPrefix(s[n:], "\\%") {
		n += 2
	} else if strings.HasPrefix(s[n:], "%") {
		n++
	}
	return n
}

func matchArrayStart(s string) int {
	p := "\\begin{array}{"
	if !strings.HasPrefix(s, p) {
		return 0
	}
	i := len(p)
	for i < len(s) && (s[i] == 'c' || s[i] == 'l' || s[i] == 'r') {
		i++
	}
	if i < len(s) && s[i] == '}' {
		return i + 1
	}
	return 0
}
