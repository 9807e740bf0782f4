package mathverify

import (
	"strings"
	"sync"

	"github.com/dlclark/regexp2"
)

// This file ports latex2sympy2_extended's normalize_latex with the
// configuration math_verify uses (basic_latex, units, malformed_operators,
// nits; boxed "all", or "last" for the bare \boxed{...} pattern).

type normRegexes struct {
	left, right      *boundedRe
	permutation      *boundedRe
	toRemove         *boundedRe
	replaceNames     []string
	replacePatterns  []string
	replaceValues    []string
	replaceKeywords  [][]string
	replaceCache     sync.Map // bitmask of possible alternatives -> *boundedRe
	commandSlash     *boundedRe
	unitSuperscript  *boundedRe
	units            *boundedRe
	malformed        []*boundedRe
	malformedReplace []string
	// malformedLinear holds, by index into malformed, hand-written
	// linear-time equivalents of patterns that backtrack quadratically.
	malformedLinear     map[int]func(string) string
	equationSplit       *boundedRe
	validSeparator      *boundedRe
	complexNumberFinder *boundedRe
}

var unitNames = []string{"integer" + "point", "feet", "sue", "digit", "pound", "meal", "edge", "student",
	"children ticket", "multiple", "east", "degree", "mph", "kmph", "ft", "m square", " m east", "sq m", "deg",
	"mile", "q .", "monkey", "prime", "ratio", "profit of rs", "rd", "o", "gm", "p . m", "lb", "tile", "per", "dm",
	"lt", "gain", "ab", "way", "west", "a .", "b .", "c .", "d .", "e .", "f .", "g .", "h .", "t", "h",
	"no change", "men", "soldier", "pie", "bc", "excess", "st", "inches", "noon", "cent", "by", "gal", "kmh", "c",
	"acre", "rise", "a . m", "th", "π r 2", "sq", "mark", "l", "toy", "coin", "sq . m", "gallon", "° f", "profit",
	"minw", "yr", "women", "am", "pm", "hr", "cu cm", "square", "v â € ™", "are", "rupee", "rounds", "cubic", "cc",
	"mtr", "s", "ohm", "number", "kmph", "day", "hour", "minute", "min", "second", "man", "woman", "sec", "cube",
	"mt", "sq inch", "mp", "∏ cm ³", "hectare", "more", "sec", "unit", "cu . m", "cm 2", "rs .", "rs", "kg", "g",
	"month", "km", "m", "cm", "mm", "apple", "liter", "loss", "yard", "pure", "year", "increase", "decrease", "d",
	"less", "Surface", "litre", "pi sq m", "s .", "metre", "meter", "inch"}

func mustRe(p string, opt regexp2.RegexOptions) *boundedRe { return newBoundedRe(p, opt) }

// mustReIf is mustRe with a necessary condition for a match.
func mustReIf(p string, may func(string) bool) *boundedRe {
	re := newBoundedRe(p, 0)
	re.may = may
	return re
}

// contains is the condition that text contains every one of subs.
func contains(subs ...string) func(string) bool {
	return func(text string) bool {
		for _, sub := range subs {
			if !strings.Contains(text, sub) {
				return false
			}
		}
		return true
	}
}

// containsAny is the condition that text contains one of subs.
func containsAny(subs ...string) func(string) bool {
	return func(text string) bool {
		for _, sub := range subs {
			if strings.Contains(text, sub) {
				return true
			}
		}
		return false
	}
}

var normOnce = sync.OnceValue(func() *normRegexes {
	r := &normRegexes{}
	r.left = mustReIf(`\\m?left(\\\{|\{|\\\||\||\[|\(|\\rbracl|\\lgroup|\\lbrace|\\lbrack|\\vert|\\lvert|\\lceil|\\lfloor|\\vert|\\lvert|\\langle|\\llcorner|\\ulcorner)`, contains("left"))
	r.right = mustReIf(`\\m?right(\\\}|\}|\\\||\||\]|\)|\\rbrack|\\rgroup|\\rbrace|\\rbrack|\\vert|\\rvert|\\rceil|\\rfloor|\\vert|\\rvert|\\rangle|\\lrcorner|\\urcorner)`, contains("right"))
	r.permutation = mustReIf(`\(([a-zA-Z0-9+\-*/\\ ]+?)\)_{([a-zA-Z0-9+\-*/\\ ]+?)}`, contains(")_{"))
	r.toRemove = mustReIf(`\\mathrm\{th\}|\\!\s*|\\text\s*\{\s*\}|\\text\s*\{\s*\}|\\\$|\$|(?<!\\)["']|\\displaystyle`, containsAny("$", `"`, "'", `\!`, `\text`, `\mathrm{th}`, `\displaystyle`))
	// Each alternative lists substrings it cannot match without, so that
	// alternatives that cannot match are left out of the compiled pattern:
	// the result is the same and whitespace-heavy text stays linear.
	pats := []struct {
		name, pat, repl string
		keys            []string
	}{
		{"math", `\\math(?:rm|it|bf)`, `\text`, []string{`\math`}},
		{"text", `\\text(?:normal|bf|it|rm)`, `\text`, []string{`\text`}},
		{"frac", `\\(?:d|t|c)frac`, `\frac`, []string{"frac"}},
		{"decimal_space", `\s\.`, ` 0.`, []string{"."}},
		{"decimal_brace", `\{\.`, `{0.`, []string{"{."}},
		{"approx", `\~\=`, `\approx`, []string{"~="}},
		{"comma", `\s*\{\s*,\s*\}`, `,`, []string{"{"}},
		{"and_or", `(?<![a-zA-Z])(,?\s*(?:and|or))(?![a-zA-Z])`, `,`, []string{"and", "or"}},
		{"and_or_text", `(,?\s*\\text{\s*(?:and|or)\s*})`, `,`, []string{`\text{`}},
		{"backslash_space", `(?<!\\)\\\s`, ` `, []string{`\`}},
		{"infinity", `infinity`, `\infty`, []string{"infinity"}},
		{"dot", `,?(\\ldots)`, ` `, []string{`\ldots`}},
		{"percentage", `\s*percentage`, `\%`, []string{"percentage"}},
		{"percentage_in_text", `\\text{percentage}`, `\%`, []string{`\text{percentage}`}},
		{"percent", `\s*percent`, `\%`, []string{"percent"}},
		{"percent_in_text", `\\text{percent}`, `\%`, []string{`\text{percent}`}},
		{"pct", `\s*pct`, `\%`, []string{"pct"}},
		{"pct_in_text", `\\text{pct}`, `\%`, []string{`\text{pct}`}},
		{"inf", `((?<!\\)inf(?!inity))`, `\infty`, []string{"inf"}},
		{"sqrt", ` sqrt`, `\sqrt`, []string{" sqrt"}},
	}
	for _, p := range pats {
		r.replaceNames = append(r.replaceNames, strings.ReplaceAll(p.name, "_", ""))
		r.replacePatterns = append(r.replacePatterns, p.pat)
		r.replaceValues = append(r.replaceValues, p.repl)
		r.replaceKeywords = append(r.replaceKeywords, p.keys)
	}
	r.commandSlash = mustReIf(`\\\\(?=[a-zA-Z])`, contains(`\\`))
	r.unitSuperscript = mustReIf(`(\\(?:text|mbox){.*?})(\^\d|\{\^\d\})?$`, containsAny(`\text{`, `\mbox{`))
	unitPat := "(?:" + strings.Join(unitNames, "|") + ")(?:s|es)?"
	r.units = mustRe(`(\d|\}|\s)\s*(?:`+unitPat+`)\s*$`, 0)
	mal := []struct {
		pat, repl string
		may       func(string) bool
	}{
		{`\^\s?\((.*?)\)`, `^{$1}`, contains("^", "(", ")")},
		{`sqrt\s?\((.*?)\)`, `\sqrt{$1}`, contains("sqrt", "(", ")")},
		{`\\frac\s?(\d)\s?(\d+)`, `\frac{$1}{$2}`, contains(`\frac`)},
		{`\\log_\s?(\d)\s?(\d+)`, `\log_{$1}{$2}`, contains(`\log_`)},
		{`\\frac\s?{(.*?)}\s?(\d)`, `\frac{$1}{$2}`, contains(`\frac`)},
		{`\\frac\s?(\d)\s?{(.*?)}`, `\frac{$1}{$2}`, contains(`\frac`, "{", "}")},
		{`\\sqrt\s?(\d)`, `\sqrt{$1}`, contains(`\sqrt`)},
	}
	for _, m := range mal {
		if m.pat == `\\frac\s?{(.*?)}\s?(\d)` {
			r.malformedLinear = map[int]func(string) string{len(r.malformed): fixFracBraceDigit}
		}
		r.malformed = append(r.malformed, mustReIf(m.pat, m.may))
		r.malformedReplace = append(r.malformedReplace, m.repl)
	}
	r.equationSplit = mustReIf(`(?<!\\|\<|\!|\>)=`, contains("="))
	r.validSeparator = mustRe(`and|or|,|;`, 0)
	r.complexNumberFinder = mustReIf(`\\mathbb\{C\}|\\i\b|\bi\b|\\text\{i\}|\\mathrm\{i\}|\\imath\b|\\det|\\operatorname\{tr\}|\\operatorname\{rank\}|\\text\{rank\}|\\arg\{|\\Re\{|\\Im\{|\\operatorname\{Re\}|\\operatorname\{Im\}|\\text\{Re\}|\\text\{Im\}`, containsAny("i", `\mathbb{C}`, `\det`, `\operatorname{`, `\text{`, `\arg{`, `\Re{`, `\Im{`))
	return r
})

// normRun carries the budget through one normalisation and keeps the
// first timeout: after it every step is skipped and the caller gets
// errTimeout.
type normRun struct {
	bud *budget
	err error
}

// replace is Python's re.sub with a template using $1-style groups.
// regexp2 parses the template on every Replace call, which costs more than
// the scan; most texts have no match, so look for one first.
func (n *normRun) replace(re *boundedRe, s, repl string) string {
	if n.err != nil || n.skip(re, s) {
		return s
	}
	out := s
	err := re.with(n.bud, func(re *regexp2.Regexp) error {
		m, err := re.FindStringMatch(s)
		if err != nil || m == nil {
			return err
		}
		r, err := re.Replace(s, repl, -1, -1)
		if err == nil {
			out = r
		}
		return err
	})
	if err == errTimeout {
		n.err = err
		return s
	}
	return out
}

// match reports a match of re in s.
func (n *normRun) match(re *boundedRe, s string) bool {
	if n.err != nil || n.skip(re, s) {
		return false
	}
	ok := false
	err := re.with(n.bud, func(re *regexp2.Regexp) error {
		var err error
		ok, err = re.MatchString(s)
		return err
	})
	if err == errTimeout {
		n.err = err
	}
	return err == nil && ok
}

// skip reports whether re cannot match s, so that its run can be left
// out. The skipped run would still have checked the budget first (see
// boundedRe.with), and so does skip: a timeout is noticed where it was.
func (n *normRun) skip(re *boundedRe, s string) bool {
	if re.may == nil || re.may(s) {
		return false
	}
	if n.bud.left() <= 0 {
		n.err = errTimeout
	}
	return true
}

// spend charges work proportional to the text and notes an expired budget.
func (n *normRun) spend(text string) bool {
	if n.err == nil && n.bud.spend(1+len(text)/64) {
		n.err = errTimeout
	}
	return n.err != nil
}

// literalRepl escapes a replacement so that regexp2 inserts it verbatim.
func literalRepl(s string) string { return strings.ReplaceAll(s, "$", "$$") }

// normalizeLatex is normalize_latex(text, config) for math_verify's default
// config with the given boxed mode.
func normalizeLatex(text string, boxedMode string, bud *budget) (string, error) {
	n := defaultNormalization
	n.Boxed = boxedMode
	return normalizeLatexWith(text, n, bud)
}

// normalizeLatexWith is normalize_latex(text, config): each group of
// NormalizationConfig applied when its flag is set.
func normalizeLatexWith(text string, n Normalization, bud *budget) (string, error) {
	r := normOnce()
	run := &normRun{bud: bud}
	if n.Boxed == "all" || n.Boxed == "last" {
		text = extractBoxedContent(text, n.Boxed, r, run)
	}
	if run.spend(text) {
		return "", run.err
	}
	if n.BasicLatex {
		text = basicLatex(text, r, run)
	}
	if n.Equations && !strings.ContainsAny(text, ",;") {
		parts, err := splitEquations(text, r, bud)
		if err != nil {
			return "", err
		}
		if len(parts) > 2 {
			text = parts[len(parts)-1]
		}
	}
	if n.Units {
		text = removeUnits(text, r, run)
	}
	if n.Nits {
		if strings.HasPrefix(text, ".") {
			text = "0" + text
		}
		if text == "0.5" {
			text = `\frac{1}{2}`
		}
	}
	if n.MalformedOperators {
		for i, re := range r.malformed {
			if fast := r.malformedLinear[i]; fast != nil {
				if !run.spend(text) {
					text = fast(text)
				}
				continue
			}
			text = run.replace(re, text, r.malformedReplace[i])
		}
		if run.spend(text) {
			return "", run.err
		}
		text = strings.ReplaceAll(text, " sqrt", `\sqrt`)
		text = fixSqrt(text)
		text = fixFracs(text)
		text = fixASlashB(text)
	}
	if run.spend(text) {
		return "", run.err
	}
	return strings.TrimFunc(text, isPySpace), nil
}

// basicLatex is normalize_latex's basic_latex group.
func basicLatex(text string, r *normRegexes, n *normRun) string {
	text = strings.ReplaceAll(text, `\mathrm{T}`, "T")
	text = strings.ReplaceAll(text, `\mathrm{d}`, "d")
	text = strings.ReplaceAll(text, `{\rm d}`, "d")
	text = strings.ReplaceAll(text, `\left[\begin{matrix}`, `\begin{bmatrix}`)
	text = strings.ReplaceAll(text, `\end{matrix}\right]`, `\end{bmatrix}`)
	text = n.replace(r.left, text, "$1")
	text = n.replace(r.right, text, "$1")
	text = n.replace(r.permutation, text, `\frac{($1)!}{(($1)-($2))!}`)
	text = n.replace(r.toRemove, text, "")
	text = replaceInLatex(text, r, n)
	text = lineBreaksToSpaces.Replace(text)
	if !strings.Contains(text, "matrix") {
		text = n.replace(r.commandSlash, text, `\`)
	}
	return text
}

// removeUnits is normalize_latex's units group.
func removeUnits(text string, r *normRegexes, n *normRun) string {
	if t := strings.TrimSpace(n.replace(r.unitSuperscript, text, "")); t != "" && t != text {
		text = t
	}
	for i := 0; i < 2 && mayEndWithUnit(text); i++ {
		if t := n.replace(r.units, text, "$1"); t != "" && t != text {
			text = t
		}
	}
	return text
}

// replaceRegex returns the combined replacement pattern restricted to the
// alternatives that can match text, or nil when none can.
func (r *normRegexes) replaceRegex(text string) *boundedRe {
	var mask uint32
	for i, keys := range r.replaceKeywords {
		for _, k := range keys {
			if strings.Contains(text, k) {
				mask |= 1 << i
				break
			}
		}
	}
	if mask == 0 {
		return nil
	}
	if re, ok := r.replaceCache.Load(mask); ok {
		return re.(*boundedRe)
	}
	var alts []string
	for i, name := range r.replaceNames {
		if mask&(1<<i) != 0 {
			alts = append(alts, "(?<"+name+">"+r.replacePatterns[i]+")")
		}
	}
	re := mustRe(strings.Join(alts, "|"), 0)
	r.replaceCache.Store(mask, re)
	return re
}

func replaceInLatex(text string, r *normRegexes, n *normRun) string {
	re := r.replaceRegex(text)
	if re == nil || n.err != nil {
		return text
	}
	out := text
	err := re.with(n.bud, func(re *regexp2.Regexp) error {
		s, err := re.ReplaceFunc(text, func(m regexp2.Match) string {
			for i, name := range r.replaceNames {
				if g := m.GroupByName(name); g != nil && len(g.Captures) > 0 {
					return literalRepl(r.replaceValues[i])
				}
			}
			return literalRepl(m.String())
		}, -1, -1)
		if err == nil {
			out = s
		}
		return err
	})
	if err == errTimeout {
		n.err = err
	}
	return out
}

// extractBoxedContent ports extract_boxed_content: the last \boxed/\fbox
// (mode "last", with neighbours joined by a separator) or all of them.
func extractBoxedContent(s string, mode string, r *normRegexes, n *normRun) string {
	text := []rune(s)
	var results []string
	cur := len(text)
	lastBoxedStart := -1
	maxPos := len(text)
	// The last \boxed and \fbox before cur: cur only decreases, so a
	// position found earlier stays valid while it lies below cur, and an
	// absent command stays absent. That keeps the whole loop linear.
	boxedCmd, fboxCmd := []rune(`\boxed`), []rune(`\fbox`)
	bi, fi := len(text)+1, len(text)+1
	for {
		if bi > cur-len(boxedCmd) {
			bi = runeRFind(text[:cur], boxedCmd)
		}
		if fi > cur-len(fboxCmd) {
			fi = runeRFind(text[:cur], fboxCmd)
		}
		if bi < 0 && fi < 0 {
			break
		}
		start := bi
		cmdEnd := start + 6
		if fi > bi {
			start = fi
			cmdEnd = start + 5
		}
		next := cmdEnd
		for next < maxPos && isPySpace(text[next]) {
			next++
		}
		if next >= maxPos {
			break
		}
		if text[next] == '{' {
			cs, ce, ok := braceBoundaries(text, next, maxPos)
			if !ok {
				if len(results) == 0 {
					results = append(results, string(text[next:]))
				}
				break
			}
			content := strings.TrimFunc(string(text[cs+1:ce]), isPySpace)
			if mode == "last" && lastBoxedStart >= 0 {
				prev := ""
				if len(results) > 0 {
					prev = results[len(results)-1]
				}
				between := text[ce+1 : lastBoxedStart]
				if !(len(between) < 10 || (content != prev && len(between) < 70 && n.match(r.validSeparator, string(between)))) {
					break
				}
			}
			results = append(results, content)
			lastBoxedStart = start
			maxPos = start
		} else {
			if len(results) == 0 {
				results = append(results, string(text[next:]))
			}
			break
		}
		cur = start
	}
	if len(results) == 0 {
		return s
	}
	for i, j := 0, len(results)-1; i < j; i, j = i+1, j-1 {
		results[i], results[j] = results[j], results[i]
	}
	return strings.Join(results, ",")
}

func braceBoundaries(text []rune, open, maxPos int) (int, int, bool) {
	depth := 1
	for i := open + 1; i < maxPos; i++ {
		switch text[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return open, i, true
			}
		}
	}
	return 0, 0, false
}

func runeRFind(text, sub []rune) int {
	for i := len(text) - len(sub); i >= 0; i-- {
		match := true
		for j := range sub {
			if text[i+j] != sub[j] {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}

func fixFracs(text string) string {
	parts := strings.Split(text, `\frac`)
	var b strings.Builder
	b.WriteString(parts[0])
	for _, sub := range parts[1:] {
		sub = strings.TrimLeftFunc(sub, isPySpace)
		b.WriteString(`\frac`)
		r := []rune(sub)
		if len(r) > 0 && r[0] == '{' {
			b.WriteString(sub)
			continue
		}
		if len(r) < 2 {
			return text
		}
		a, c := string(r[0]), string(r[1])
		if c != "{" {
			b.WriteString("{" + a + "}{" + c + "}" + string(r[2:]))
		} else {
			b.WriteString("{" + a + "}" + c + string(r[2:]))
		}
	}
	return b.String()
}

func fixSqrt(text string) string {
	if !strings.Contains(text, `\sqrt`) {
		return text
	}
	parts := strings.Split(text, `\sqrt`)
	var b strings.Builder
	b.WriteString(parts[0])
	for _, sp := range parts[1:] {
		sp = strings.TrimLeftFunc(sp, isPySpace)
		r := []rune(sp)
		if len(r) > 0 && r[0] != '{' && r[0] != '[' {
			b.WriteString(`\sqrt{` + string(r[0]) + "}" + string(r[1:]))
		} else {
			b.WriteString(`\sqrt` + sp)
		}
	}
	return b.String()
}

// fixASlashB turns "a/b" with plain integers into \frac{a}{b}.
func fixASlashB(text string) string {
	parts := strings.Split(text, "/")
	if len(parts) != 2 {
		return text
	}
	a, ok1 := pyInt(parts[0])
	b, ok2 := pyInt(parts[1])
	if !ok1 || !ok2 || text != a+"/"+b {
		return text
	}
	return `\frac{` + a + "}{" + b + "}"
}

// pyInt mimics str(int(s)) for ASCII input; ok is false when int() fails.
func pyInt(s string) (string, bool) {
	t := strings.TrimFunc(s, isPySpace)
	t = strings.ReplaceAll(t, "_", "")
	neg := false
	if strings.HasPrefix(t, "-") || strings.HasPrefix(t, "+") {
		neg = t[0] == '-'
		t = t[1:]
	}
	if t == "" {
		return "", false
	}
	for i := 0; i < len(t); i++ {
		if !isASCIIDigit(t[i]) {
			return "", false
		}
	}
	t = strings.TrimLeft(t, "0")
	if t == "" {
		return "0", true
	}
	if neg {
		t = "-" + t
	}
	return t, true
}

// isPySpace is Python's str.isspace for one character.
func isPySpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f', 0x1c, 0x1d, 0x1e, 0x1f, 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

// mayEndWithUnit is a cheap necessary condition for the units pattern,
// which only matches a unit word (plus s/es) at the end of the text.
func mayEndWithUnit(text string) bool {
	t := strings.TrimRightFunc(text, isPySpace)
	for _, suffix := range []string{"", "s", "es"} {
		if !strings.HasSuffix(t, suffix) {
			continue
		}
		body := t[:len(t)-len(suffix)]
		if body == "" {
			continue // no unit name is empty
		}
		for _, u := range unitsByLastByte[body[len(body)-1]] {
			if strings.HasSuffix(body, u) {
				return true
			}
		}
	}
	return false
}

// unitsByLastByte lists unitNames by their last byte, for mayEndWithUnit.
var unitsByLastByte = func() (t [256][]string) {
	for _, u := range unitNames {
		t[u[len(u)-1]] = append(t[u[len(u)-1]], u)
	}
	return t
}()
