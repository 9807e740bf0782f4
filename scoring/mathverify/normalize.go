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
	left, right         *regexp2.Regexp
	permutation         *regexp2.Regexp
	toRemove            *regexp2.Regexp
	replaceNames        []string
	replacePatterns     []string
	replaceValues       []string
	replaceKeywords     [][]string
	replaceCache        sync.Map // bitmask of possible alternatives -> *regexp2.Regexp
	commandSlash        *regexp2.Regexp
	unitSuperscript     *regexp2.Regexp
	units               *regexp2.Regexp
	malformed           []*regexp2.Regexp
	malformedReplace    []string
	equationSplit       *regexp2.Regexp
	validSeparator      *regexp2.Regexp
	complexNumberFinder *regexp2.Regexp
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

func mustRe(p string, opt regexp2.RegexOptions) *regexp2.Regexp {
	re := regexp2.MustCompile(p, opt)
	return re
}

var normOnce = sync.OnceValue(func() *normRegexes {
	r := &normRegexes{}
	r.left = mustRe(`\\m?left(\\\{|\{|\\\||\||\[|\(|\\rbracl|\\lgroup|\\lbrace|\\lbrack|\\vert|\\lvert|\\lceil|\\lfloor|\\vert|\\lvert|\\langle|\\llcorner|\\ulcorner)`, 0)
	r.right = mustRe(`\\m?right(\\\}|\}|\\\||\||\]|\)|\\rbrack|\\rgroup|\\rbrace|\\rbrack|\\vert|\\rvert|\\rceil|\\rfloor|\\vert|\\rvert|\\rangle|\\lrcorner|\\urcorner)`, 0)
	r.permutation = mustRe(`\(([a-zA-Z0-9+\-*/\\ ]+?)\)_{([a-zA-Z0-9+\-*/\\ ]+?)}`, 0)
	r.toRemove = mustRe(`\\mathrm\{th\}|\\!\s*|\\text\s*\{\s*\}|\\text\s*\{\s*\}|\\\$|\$|(?<!\\)["']|\\displaystyle`, 0)
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
	r.commandSlash = mustRe(`\\\\(?=[a-zA-Z])`, 0)
	r.unitSuperscript = mustRe(`(\\(?:text|mbox){.*?})(\^\d|\{\^\d\})?$`, 0)
	unitPat := "(?:" + strings.Join(unitNames, "|") + ")(?:s|es)?"
	r.units = mustRe(`(\d|\}|\s)\s*(?:`+unitPat+`)\s*$`, 0)
	mal := [][2]string{
		{`\^\s?\((.*?)\)`, `^{$1}`},
		{`sqrt\s?\((.*?)\)`, `\sqrt{$1}`},
		{`\\frac\s?(\d)\s?(\d+)`, `\frac{$1}{$2}`},
		{`\\log_\s?(\d)\s?(\d+)`, `\log_{$1}{$2}`},
		{`\\frac\s?{(.*?)}\s?(\d)`, `\frac{$1}{$2}`},
		{`\\frac\s?(\d)\s?{(.*?)}`, `\frac{$1}{$2}`},
		{`\\sqrt\s?(\d)`, `\sqrt{$1}`},
	}
	for _, m := range mal {
		r.malformed = append(r.malformed, mustRe(m[0], 0))
		r.malformedReplace = append(r.malformedReplace, m[1])
	}
	r.equationSplit = mustRe(`(?<!\\|\<|\!|\>)=`, 0)
	r.validSeparator = mustRe(`and|or|,|;`, 0)
	r.complexNumberFinder = mustRe(`\\mathbb\{C\}|\\i\b|\bi\b|\\text\{i\}|\\mathrm\{i\}|\\imath\b|\\det|\\operatorname\{tr\}|\\operatorname\{rank\}|\\text\{rank\}|\\arg\{|\\Re\{|\\Im\{|\\operatorname\{Re\}|\\operatorname\{Im\}|\\text\{Re\}|\\text\{Im\}`, 0)
	return r
})

// reReplace is Python's re.sub with a template using $1-style groups.
// regexp2 parses the template on every Replace call, which costs more than
// the scan; most texts have no match, so look for one first.
func reReplace(re *regexp2.Regexp, s, repl string) string {
	if m, err := re.FindStringMatch(s); err != nil || m == nil {
		return s
	}
	out, err := re.Replace(s, repl, -1, -1)
	if err != nil {
		return s
	}
	return out
}

// literalRepl escapes a replacement so that regexp2 inserts it verbatim.
func literalRepl(s string) string { return strings.ReplaceAll(s, "$", "$$") }

// normalizeLatex is normalize_latex(text, config) for math_verify's default
// config with the given boxed mode.
func normalizeLatex(text string, boxedMode string) string {
	n := defaultNormalization
	n.Boxed = boxedMode
	return normalizeLatexWith(text, n)
}

// normalizeLatexWith is normalize_latex(text, config): each group of
// NormalizationConfig applied when its flag is set.
func normalizeLatexWith(text string, n Normalization) string {
	r := normOnce()
	if n.Boxed == "all" || n.Boxed == "last" {
		text = extractBoxedContent(text, n.Boxed, r)
	}
	if n.BasicLatex {
		text = basicLatex(text, r)
	}
	if n.Equations && !strings.ContainsAny(text, ",;") {
		if parts := splitEquations(text, r); len(parts) > 2 {
			text = parts[len(parts)-1]
		}
	}
	if n.Units {
		text = removeUnits(text, r)
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
			text = reReplace(re, text, r.malformedReplace[i])
		}
		text = strings.ReplaceAll(text, " sqrt", `\sqrt`)
		text = fixSqrt(text)
		text = fixFracs(text)
		text = fixASlashB(text)
	}
	return strings.TrimFunc(text, isPySpace)
}

// basicLatex is normalize_latex's basic_latex group.
func basicLatex(text string, r *normRegexes) string {
	text = strings.ReplaceAll(text, `\mathrm{T}`, "T")
	text = strings.ReplaceAll(text, `\mathrm{d}`, "d")
	text = strings.ReplaceAll(text, `{\rm d}`, "d")
	text = strings.ReplaceAll(text, `\left[\begin{matrix}`, `\begin{bmatrix}`)
	text = strings.ReplaceAll(text, `\end{matrix}\right]`, `\end{bmatrix}`)
	text = reReplace(r.left, text, "$1")
	text = reReplace(r.right, text, "$1")
	text = reReplace(r.permutation, text, `\frac{($1)!}{(($1)-($2))!}`)
	text = reReplace(r.toRemove, text, "")
	text = replaceInLatex(text, r)
	text = lineBreaksToSpaces.Replace(text)
	if !strings.Contains(text, "matrix") {
		text = reReplace(r.commandSlash, text, `\`)
	}
	return text
}

// removeUnits is normalize_latex's units group.
func removeUnits(text string, r *normRegexes) string {
	if t := strings.TrimSpace(reReplace(r.unitSuperscript, text, "")); t != "" && t != text {
		text = t
	}
	for i := 0; i < 2 && mayEndWithUnit(text); i++ {
		if t := reReplace(r.units, text, "$1"); t != "" && t != text {
			text = t
		}
	}
	return text
}

// replaceRegex returns the combined replacement pattern restricted to the
// alternatives that can match text, or nil when none can.
func (r *normRegexes) replaceRegex(text string) *regexp2.Regexp {
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
		return re.(*regexp2.Regexp)
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

func replaceInLatex(text string, r *normRegexes) string {
	re := r.replaceRegex(text)
	if re == nil {
		return text
	}
	out, err := re.ReplaceFunc(text, func(m regexp2.Match) string {
		for i, name := range r.replaceNames {
			if g := m.GroupByName(name); g != nil && len(g.Captures) > 0 {
				return literalRepl(r.replaceValues[i])
			}
		}
		return literalRepl(m.String())
	}, -1, -1)
	if err != nil {
		return text
	}
	return out
}

// extractBoxedContent ports extract_boxed_content: the last \boxed/\fbox
// (mode "last", with neighbours joined by a separator) or all of them.
func extractBoxedContent(s string, mode string, r *normRegexes) string {
	text := []rune(s)
	var results []string
	cur := len(text)
	lastBoxedStart := -1
	maxPos := len(text)
	for {
		bi := runeRFind(text[:cur], []rune(`\boxed`))
		fi := runeRFind(text[:cur], []rune(`\fbox`))
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
				if !(len(between) < 10 || (content != prev && len(between) < 70 && matchString(r.validSeparator, string(between)))) {
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

func matchString(re *regexp2.Regexp, s string) bool {
	ok, err := re.MatchString(s)
	return err == nil && ok
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
		for _, u := range unitNames {
			if strings.HasSuffix(body, u) {
				return true
			}
		}
	}
	return false
}
