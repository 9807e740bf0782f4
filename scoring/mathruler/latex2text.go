package mathruler

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/grpo-score/grpo-score/scoring/py"
)

// What pylatexenc 2.10's LatexNodes2Text().latex_to_text does with the
// default contexts and flags (tolerant parsing, math_mode='text',
// strict_latex_spaces=False, which is its 'macros' preset): a LatexWalker
// turns the text into chars, groups, macros with the arguments their spec
// reads, and specials; each node then renders through latex2text's spec.
// Parse errors are tolerated the way the walker tolerates them. Constructs
// this port does not render (math modes, environments, macros whose
// latex2text rendering is a Python callable) are errUnsupported, never a
// guess; errLatexRaised is latex_to_text raising (a %(n)s replacement whose
// argument is missing), which _parse_latex's caller swallows.

type argSpec struct {
	args        string
	optNoSpace  bool
	unsupported bool
}

type textKind uint8

const (
	textDiscard textKind = iota
	textRepl
	textArgs
	textCallable
	textStyle  // fmt_math_text_style of the first argument; repl is the style
	textAccent // make_accented_char; repl is the combining character
)

type mathStyle struct {
	upper, lower rune
	except       map[rune]rune
}

type textSpec struct {
	kind textKind
	repl string
}

var (
	errUnsupported = errors.New("LaTeX construct not ported")
	errLatexRaised = errors.New("latex_to_text raised")
)

type lnodeKind uint8

const (
	lChars lnodeKind = iota
	lGroup
	lMacro
	lSpecials
)

type lnode struct {
	kind  lnodeKind
	chars string   // lChars text, lSpecials chars
	name  string   // lMacro
	nodes []*lnode // lGroup contents
	args  []*lnode // lMacro arguments (nil entries: absent optional ones)
	// parsed is false for a macro whose arguments were not read (nodeargd None).
	parsed bool
}

type ltokKind uint8

const (
	tChar ltokKind = iota
	tMacro
	tBraceOpen
	tBraceClose
	tMathOpen
	tMathClose
	tSpecials
	tBeginEnv
)

type ltok struct {
	kind     ltokKind
	arg      string
	pos, len int
	pre      string
}

// endOfStream is LatexWalkerEndOfStream with its final_space.
type endOfStream struct{ final string }

type walker struct {
	s     string
	depth int
}

func isAlpha(r rune) bool { return unicode.IsLetter(r) }

// token is LatexWalker.get_token. braces lists extra bracket pairs ('[' ']'
// for optional arguments); env says whether \begin / \end are environment
// tokens. A nil token with a non-nil *endOfStream means the end was reached.
func (w *walker) token(pos int, extraOpen, extraClose byte, env bool) (*ltok, *endOfStream) {
	s := w.s
	start := pos
	for pos < len(s) {
		r, size := utf8.DecodeRuneInString(s[pos:])
		if !py.IsSpace(r) {
			break
		}
		pos += size
		if strings.HasSuffix(s[start:pos], "\n\n") {
			return &ltok{kind: tChar, arg: "\n\n", pos: pos - 2, len: 2, pre: s[start : pos-2]}, nil
		}
	}
	space := s[start:pos]
	if pos >= len(s) {
		return nil, &endOfStream{final: space}
	}
	switch c := s[pos]; {
	case c == '\\':
		if pos+1 >= len(s) {
			return nil, &endOfStream{}
		}
		r, size := utf8.DecodeRuneInString(s[pos+1:])
		i := 1 + size
		alpha := isAlpha(r)
		if alpha {
			for pos+i < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[pos+i:])
				if !isAlpha(r2) {
					break
				}
				i += sz
			}
		}
		macro := s[pos+1 : pos+i]
		switch macro {
		case "[", "(":
			return &ltok{kind: tMathOpen, arg: "\\" + macro, pos: pos, len: i, pre: space}, nil
		case "]", ")":
			return &ltok{kind: tMathClose, arg: "\\" + macro, pos: pos, len: i, pre: space}, nil
		}
		if env && (macro == "begin" || macro == "end") {
			return &ltok{kind: tBeginEnv, arg: macro, pos: pos, len: i, pre: space}, nil
		}
		if alpha {
			for pos+i < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[pos+i:])
				if !py.IsSpace(r2) {
					break
				}
				i += sz
				if strings.HasSuffix(s[pos+len(macro)+1:pos+i], "\n\n") {
					i -= 2
					break
				}
			}
		}
		return &ltok{kind: tMacro, arg: macro, pos: pos, len: i, pre: space}, nil
	case c == '{' || (extraOpen != 0 && c == extraOpen):
		return &ltok{kind: tBraceOpen, arg: string(c), pos: pos, len: 1, pre: space}, nil
	case c == '}' || (extraClose != 0 && c == extraClose):
		return &ltok{kind: tBraceClose, arg: string(c), pos: pos, len: 1, pre: space}, nil
	case c == '$':
		return &ltok{kind: tMathOpen, arg: "$", pos: pos, len: 1, pre: space}, nil
	case c == '%':
		// _normalize removes every '%' before latex_to_text runs.
		return &ltok{kind: tMathOpen, arg: "%", pos: pos, len: 1, pre: space}, nil
	}
	for _, sp := range walkerSpecials {
		if strings.HasPrefix(s[pos:], sp) {
			return &ltok{kind: tSpecials, arg: sp, pos: pos, len: len(sp), pre: space}, nil
		}
	}
	_, size := utf8.DecodeRuneInString(s[pos:])
	return &ltok{kind: tChar, arg: s[pos : pos+size], pos: pos, len: size, pre: space}, nil
}

const maxLatexDepth = 200

// nodes is get_latex_nodes: closing is the bracket that ends the list (0 at
// top level), opening its partner. It returns the nodes and the position
// after them.
func (w *walker) nodes(pos int, opening, closing byte) ([]*lnode, int, error) {
	w.depth++
	defer func() { w.depth-- }()
	if w.depth > maxLatexDepth {
		return nil, 0, errUnsupported
	}
	var extraOpen, extraClose byte
	if closing != 0 && closing != '}' {
		extraOpen, extraClose = opening, closing
	}
	var list []*lnode
	var last strings.Builder
	haveLast := false
	flush := func(extra string) {
		if haveLast {
			list = append(list, &lnode{kind: lChars, chars: last.String() + extra})
			last.Reset()
			haveLast = false
		} else if extra != "" {
			list = append(list, &lnode{kind: lChars, chars: extra})
		}
	}
	for {
		tok, eos := w.token(pos, extraOpen, extraClose, true)
		if eos != nil {
			if closing == 0 {
				last.WriteString(eos.final)
				haveLast = haveLast || eos.final != ""
				pos += len(eos.final)
			}
			if haveLast {
				flush("")
			}
			return list, pos, nil
		}
		pos = tok.pos + tok.len
		if tok.kind == tChar {
			last.WriteString(tok.pre + tok.arg)
			haveLast = true
			continue
		}
		flush(tok.pre)
		switch tok.kind {
		case tBraceClose:
			if closing != 0 && tok.arg[0] == closing {
				return list, pos, nil
			}
			// A mismatched closing brace: the tolerant walker drops it.
		case tMathClose:
			// An unexpected \) or \]: dropped likewise.
		case tMathOpen, tBeginEnv:
			return nil, 0, errUnsupported
		case tBraceOpen:
			g, np, err := w.group(tok.pos, tok.arg[0])
			if err != nil {
				return nil, 0, err
			}
			list = append(list, g)
			pos = np
		case tSpecials:
			list = append(list, &lnode{kind: lSpecials, chars: tok.arg})
		case tMacro:
			m, np, err := w.macro(tok)
			if err != nil {
				return nil, 0, err
			}
			list = append(list, m)
			pos = np
		}
	}
}

func closingOf(open byte) byte {
	if open == '[' {
		return ']'
	}
	return '}'
}

// group is get_latex_braced_group at the opening bracket at pos.
func (w *walker) group(pos int, open byte) (*lnode, int, error) {
	list, np, err := w.nodes(pos+1, open, closingOf(open))
	if err != nil {
		return nil, 0, err
	}
	return &lnode{kind: lGroup, nodes: list}, np, nil
}

// macro reads the arguments the macro's spec asks for (MacroStandardArgsParser).
// Running out of input while reading them leaves the macro without arguments
// and resumes right after its name, as the tolerant walker does.
func (w *walker) macro(tok *ltok) (*lnode, int, error) {
	after := tok.pos + tok.len
	spec, known := walkerMacros[tok.arg]
	m := &lnode{kind: lMacro, name: tok.arg}
	if !known {
		m.parsed = true
		return m, after, nil
	}
	if spec.unsupported {
		return nil, 0, errUnsupported
	}
	p := after
	var args []*lnode
	for _, a := range spec.args {
		switch a {
		case '{':
			n, np, eos, err := w.expression(p)
			if err != nil {
				return nil, 0, err
			}
			if eos {
				return m, after, nil
			}
			args = append(args, n)
			p = np
		case '[':
			if spec.optNoSpace && p < len(w.s) {
				if r, _ := utf8.DecodeRuneInString(w.s[p:]); py.IsSpace(r) {
					args = append(args, nil)
					continue
				}
			}
			t, eos := w.token(p, '[', ']', false)
			if eos != nil || t.kind != tBraceOpen || t.arg != "[" {
				args = append(args, nil)
				continue
			}
			g, np, err := w.group(t.pos, '[')
			if err != nil {
				return nil, 0, err
			}
			args = append(args, g)
			p = np
		case '*':
			t, eos := w.token(p, 0, 0, true)
			if eos != nil {
				return m, after, nil
			}
			if t.kind == tChar && strings.HasPrefix(t.arg, "*") {
				args = append(args, &lnode{kind: lChars, chars: "*"})
				p = t.pos + 1
			} else {
				args = append(args, nil)
			}
		default:
			return nil, 0, errUnsupported
		}
	}
	m.args, m.parsed = args, true
	return m, p, nil
}

// expression is get_latex_expression: one token, or a braced group. eos
// reports the end of the input.
func (w *walker) expression(pos int) (*lnode, int, bool, error) {
	t, eos := w.token(pos, 0, 0, false)
	if eos != nil {
		return nil, 0, true, nil
	}
	switch t.kind {
	case tMacro:
		if t.arg == "end" {
			return &lnode{kind: lChars}, t.pos, false, nil
		}
		return &lnode{kind: lMacro, name: t.arg}, t.pos + t.len, false, nil
	case tSpecials:
		return &lnode{kind: lSpecials, chars: t.arg}, t.pos + t.len, false, nil
	case tBraceOpen:
		g, np, err := w.group(t.pos, '{')
		return g, np, false, err
	case tBraceClose:
		return &lnode{kind: lChars}, t.pos, false, nil
	case tChar:
		return &lnode{kind: lChars, chars: t.arg}, t.pos + t.len, false, nil
	case tMathOpen, tMathClose:
		if strings.HasPrefix(t.arg, "\\") {
			return &lnode{kind: lMacro, name: t.arg}, t.pos + t.len, false, nil
		}
		return nil, 0, false, errUnsupported
	}
	return nil, 0, false, errUnsupported
}

// latexToText is LatexNodes2Text().latex_to_text(s).
func latexToText(s string) (string, error) { return renderer{}.text(s) }

// renderer renders nodes as latex2text does; fracParens is the correction
// of --mathruler-frac-parens.
type renderer struct {
	// fracParens puts a \frac numerator with a sum, or a denominator that is
	// more than one number or letter, in parentheses: pylatexenc's "%s/%s"
	// makes \frac{1}{1+\sqrt{2}} read 1/1+√(2).
	fracParens bool
}

func (rd renderer) text(s string) (string, error) {
	w := &walker{s: s}
	list, _, err := w.nodes(0, 0, 0)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if err := rd.renderList(&b, list); err != nil {
		return "", err
	}
	return b.String(), nil
}

func (rd renderer) renderList(b *strings.Builder, list []*lnode) error {
	for _, n := range list {
		if err := rd.render(b, n); err != nil {
			return err
		}
	}
	return nil
}

// groupText is _groupnodecontents_to_text: a group's contents, any other node
// rendered as itself, nothing for an absent argument.
func (rd renderer) groupText(n *lnode) (string, error) {
	if n == nil {
		return "", nil
	}
	var b strings.Builder
	var err error
	if n.kind == lGroup {
		err = rd.renderList(&b, n.nodes)
	} else {
		err = rd.render(&b, n)
	}
	return b.String(), err
}

func (rd renderer) render(b *strings.Builder, n *lnode) error {
	switch n.kind {
	case lChars:
		b.WriteString(n.chars)
	case lGroup:
		return rd.renderList(b, n.nodes)
	case lSpecials:
		spec, ok := textSpecials[n.chars]
		if !ok {
			b.WriteString(n.chars)
			return nil
		}
		return rd.renderSpec(b, spec, nil)
	case lMacro:
		spec, ok := textMacros[n.name]
		if !ok {
			return nil
		}
		if rd.fracParens && n.name == "frac" && len(n.args) == 2 {
			return rd.frac(b, n.args[0], n.args[1])
		}
		return rd.renderSpec(b, spec, n.args)
	}
	return nil
}

func (rd renderer) renderSpec(b *strings.Builder, spec textSpec, args []*lnode) error {
	switch spec.kind {
	case textDiscard:
		return nil
	case textCallable:
		return errUnsupported
	case textStyle:
		var arg string
		if len(args) > 0 {
			t, err := rd.groupText(args[0])
			if err != nil {
				return err
			}
			arg = t
		}
		st := mathStyles[spec.repl]
		for _, r := range arg {
			switch z, ok := st.except[r]; {
			case ok:
				b.WriteRune(z)
			case r >= 'A' && r <= 'Z':
				b.WriteRune(st.upper + r - 'A')
			case r >= 'a' && r <= 'z':
				b.WriteRune(st.lower + r - 'a')
			default:
				b.WriteRune(r)
			}
		}
		return nil
	case textAccent:
		c := " "
		if len(args) > 0 && args[0] != nil {
			t, err := rd.groupText(args[0])
			if err != nil {
				return err
			}
			c = py.Strip(t)
		}
		for _, r := range c {
			switch r {
			case 'ı':
				r = 'i'
			case 'ȷ':
				r = 'j'
			}
			b.WriteString(norm.NFC.String(string(r) + spec.repl))
		}
		return nil
	case textArgs:
		for _, a := range args {
			t, err := rd.groupText(a)
			if err != nil {
				return err
			}
			b.WriteString(t)
		}
		return nil
	}
	if !strings.Contains(spec.repl, "%") || len(spec.repl) == 1 {
		b.WriteString(spec.repl)
		return nil
	}
	texts := make([]string, len(args))
	for i, a := range args {
		t, err := rd.groupText(a)
		if err != nil {
			return err
		}
		texts[i] = t
	}
	out, err := percentFormat(spec.repl, texts)
	if err != nil {
		return err
	}
	b.WriteString(out)
	return nil
}

func (rd renderer) frac(b *strings.Builder, num, den *lnode) error {
	n, err := rd.groupText(num)
	if err != nil {
		return err
	}
	d, err := rd.groupText(den)
	if err != nil {
		return err
	}
	if strings.ContainsAny(strings.TrimLeft(py.Strip(n), "-"), "+-") {
		n = "(" + n + ")"
	}
	if !simpleDenominator(py.Strip(d)) {
		d = "(" + d + ")"
	}
	b.WriteString(n + "/" + d)
	return nil
}

// simpleDenominator: a number or a single letter, which needs no parentheses
// after '/'.
func simpleDenominator(d string) bool {
	if utf8.RuneCountInString(d) == 1 {
		return true
	}
	return d != "" && strings.Trim(d, "0123456789.") == ""
}

// percentFormat is Python's `repl % x` for the replacement strings of
// latex2text's tables: positional %s (a tuple of the arguments; a count
// mismatch is a TypeError, after which latex2text keeps repl as it is) or
// %(n)s keyed by argument number (a missing one raises KeyError, which
// escapes latex_to_text).
func percentFormat(repl string, args []string) (string, error) {
	positional := false
	for i := 0; i+1 < len(repl); i++ {
		if repl[i] == '%' {
			if repl[i+1] == '%' {
				i++
				continue
			}
			if repl[i+1] == 's' {
				positional = true
			}
			break
		}
	}
	var b strings.Builder
	next := 0
	for i := 0; i < len(repl); i++ {
		c := repl[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		if i+1 >= len(repl) {
			return repl, nil
		}
		switch repl[i+1] {
		case '%':
			b.WriteByte('%')
			i++
		case 's':
			if !positional || next >= len(args) {
				return repl, nil
			}
			b.WriteString(args[next])
			next++
			i++
		case '(':
			end := strings.Index(repl[i:], ")s")
			if positional || end < 0 {
				return repl, nil
			}
			key := repl[i+2 : i+end]
			k := 0
			for _, d := range key {
				if d < '0' || d > '9' {
					return "", errUnsupported
				}
				k = k*10 + int(d-'0')
			}
			if k < 1 || k > len(args) {
				return "", errLatexRaised
			}
			b.WriteString(args[k-1])
			i += end + 1
		default:
			return "", errUnsupported
		}
	}
	if positional && next != len(args) {
		return repl, nil
	}
	return b.String(), nil
}
