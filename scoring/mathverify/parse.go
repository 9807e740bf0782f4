package mathverify

import (
	"cmp"
	"errors"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dlclark/regexp2"
)

// Answer is what math_verify's parse returns: the extracted candidates, in
// order. A candidate is either a parsed expression or the fallback string
// (the first extracted text). An empty Answer means nothing was extracted.
type Answer struct {
	items []item
}

type item struct {
	expr *node  // parsed value, or nil for a fallback string
	str  string // fallback string when expr is nil
}

// Len reports the number of candidates.
func (a Answer) Len() int { return len(a.items) }

// Strings renders each candidate (expression trees in a debug form).
func (a Answer) Strings() []string {
	var out []string
	for _, it := range a.items {
		if it.expr != nil {
			out = append(out, it.expr.String())
		} else {
			out = append(out, it.str)
		}
	}
	return out
}

// Parse extracts the answer of s like math_verify.parse(s) with its default
// configuration (LaTeX and plain-expression extraction, fallback_mode
// "first_match", extraction_mode "any_match"). It gives up after
// DefaultTimeout and then returns an empty Answer, as parse does when its
// alarm fires.
func Parse(s string) Answer { return ParseWithTimeout(s, DefaultTimeout) }

// ParseWithTimeout is Parse with an explicit time budget.
func ParseWithTimeout(s string, d time.Duration) Answer { return parseIn(s, d, nil) }

// ParseLine is Parse drawing also on the line budget: it returns the empty
// Answer of a timeout once the line's deadline has passed.
func ParseLine(s string, line *Line) Answer { return parseIn(s, DefaultTimeout, line) }

func parseIn(s string, d time.Duration, line *Line) Answer {
	bud := newBudget(d, line)
	items, err := extractTarget(s, bud)
	if err != nil {
		return Answer{}
	}
	return Answer{items: items}
}

var errExtract = errors.New("mathverify: extraction raised")

// foundMatch is one match of an extraction pattern: a regexp2 match, or
// for the number pattern the groups matchNumberAt found (m is nil then).
type foundMatch struct {
	m          *regexp2.Match
	num        *numberMatch
	start, end int
	target     extractor
}

// group is the text of the named group, "" when it did not take part.
func (fm *foundMatch) group(name string) string {
	if fm.m == nil {
		return fm.num.group(name)
	}
	t, _ := groupText(fm.m, name)
	return t
}

func extractTarget(pred string, bud *budget) ([]item, error) {
	return extractTargetFiltered(pred, bud, true)
}

// defaultParse is parse's default configuration.
var defaultParse = sync.OnceValue(func() *parseConfig {
	return &parseConfig{groups: extractionGroups(), norm: defaultNormalization}
})

// extractTargetFiltered is extract_target_from_pred with parse's defaults.
func extractTargetFiltered(pred string, bud *budget, fast bool) ([]item, error) {
	return extractTargetWith(pred, bud, fast, defaultParse())
}

// extractTargetWith is extract_target_from_pred; fast skips the patterns
// whose requirement the input fails and scans anchored patterns only from
// their possible starts (the tests compare both ways).
func extractTargetWith(pred string, bud *budget, fast bool, cfg *parseConfig) ([]item, error) {
	var extracted []item
	var fallbacks []string
	facts := factsOf(pred)
	runes := []rune(pred)
	matchFound := false
	for _, g := range cfg.groups {
		var matches []foundMatch
		for _, p := range g.patterns {
			if fast && !p.need(&facts) {
				continue
			}
			var err error
			matches, err = p.findAll(runes, matches, bud, fast)
			if err != nil {
				return nil, err
			}
		}
		orderMatches(matches)
		for _, fm := range matches {
			var val *node
			var fallback string
			var err error
			if fm.target == latexExtractor {
				val, fallback, err = extractLatex(fm.m, bud, cfg.norm)
			} else {
				val, fallback, err = extractExpr(&fm, bud)
			}
			if err != nil {
				return nil, err
			}
			matchFound = true
			if fallback != "" {
				fallbacks = append(fallbacks, fallback)
			}
			if val != nil {
				extracted = append(extracted, item{expr: val})
				break
			}
			if cfg.firstMatch {
				break
			}
		}
		if len(extracted) > 0 || (matchFound && cfg.firstMatch) {
			break
		}
	}
	if len(fallbacks) > 0 && !cfg.noFallback {
		extracted = append(extracted, item{str: fallbacks[0]})
	}
	return extracted, nil
}

// orderMatches sorts a group's matches as extract_target_from_pred does:
// by end, last first, then by start (a stable sort). One pattern's matches
// come with strictly increasing ends, and then the order is their reverse.
func orderMatches(ms []foundMatch) {
	for i := 1; i < len(ms); i++ {
		if ms[i-1].end >= ms[i].end {
			slices.SortStableFunc(ms, func(a, b foundMatch) int {
				if a.end != b.end {
					return cmp.Compare(b.end, a.end)
				}
				return cmp.Compare(a.start, b.start)
			})
			return
		}
	}
	slices.Reverse(ms)
}

// findAll appends the successive matches of p in runes, as re.finditer
// finds them; fast lets it use p.matchAt.
func (p *pattern) findAll(runes []rune, matches []foundMatch, bud *budget, fast bool) ([]foundMatch, error) {
	if !fast || p.matchAt == nil {
		err := p.re.with(bud, func(re *regexp2.Regexp) error {
			m, err := re.FindRunesMatch(runes)
			for err == nil && m != nil {
				matches = append(matches, foundMatch{m: m, start: m.Index, end: m.Index + m.Length, target: p.target})
				if bud.spend(1 + len(runes)/64) {
					return errTimeout
				}
				m, err = re.FindNextMatch(m)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		return matches, nil
	}
	// The leftmost match is the one at the first position that has one; the
	// next search starts where a match ends (these matches are never empty).
	for pos := 0; pos < len(runes); {
		if r := runes[pos]; pos > 0 && r != '=' && r > ' ' && r < 0x7f {
			pos++ // not where (?:^|\s|\=) can match
			continue
		}
		fm, ok, err := p.matchAt(runes, pos, bud)
		if err != nil {
			return nil, err
		}
		if !ok {
			pos++
			continue
		}
		matches = append(matches, fm)
		if bud.spend(1 + len(runes)/64) {
			return nil, errTimeout
		}
		pos = fm.end
	}
	return matches, nil
}

func groupText(m *regexp2.Match, name string) (string, bool) {
	g := m.GroupByName(name)
	if g == nil || len(g.Captures) == 0 {
		return "", false
	}
	return g.String(), true
}

var latexGroupKinds = []string{"latexDisplayDollar", "latexDisplayBracket", "latexInlineDollar",
	"latexInlineParenthesis", "latexInlineBracket", "latexFraction", "latexBoxed"}

// latexGroupNames are the group names of the latex patterns, by environment
// (first, next1 ... next5): the kinds in latexGroupKinds' order, then percent.
var latexGroupNames = func() (names [6][]string) {
	for i := range names {
		prefix := "first"
		if i > 0 {
			prefix = "next" + string(rune('0'+i))
		}
		for _, k := range latexGroupKinds {
			names[i] = append(names[i], prefix+"_"+k)
		}
		names[i] = append(names[i], prefix+"_percent")
	}
	return names
}()

func extractLatex(m *regexp2.Match, bud *budget, cfg Normalization) (*node, string, error) {
	var exprs []*node
	var strs []string
	for i := 0; i <= 5; i++ {
		names := latexGroupNames[i]
		var latex, kindName string
		found := false
		for j, k := range latexGroupKinds {
			if t, ok := groupText(m, names[j]); ok && t != "" {
				latex, kindName, found = t, k, true
				break
			}
		}
		if !found {
			continue
		}
		pctText, _ := groupText(m, names[len(latexGroupKinds)])
		nc := cfg
		if kindName == "latexBoxed" {
			nc.Boxed = "last"
		}
		norm, err := normalizeLatexWith(latex, nc, bud)
		if err != nil {
			return nil, "", err
		}
		strs = append(strs, norm)
		val, err := parseLatexCached(norm, bud)
		if err == errTimeout {
			return nil, "", err
		}
		if err == errIntDigits {
			return nil, "", errExtract
		}
		if err == nil && pctText != "" {
			val = pct(val)
		}
		exprs = append(exprs, val)
	}
	if len(exprs) == 0 {
		return nil, "", nil
	}
	if len(exprs) > 1 {
		all := true
		for _, e := range exprs {
			if e == nil {
				all = false
			}
		}
		if all {
			var el []*node
			for _, e := range exprs {
				if e.k == kSet {
					el = append(el, e.args...)
				} else {
					el = append(el, e)
				}
			}
			return newOp(kSet, el...), strings.Join(strs, " and "), nil
		}
	}
	return exprs[0], strs[0], nil
}

// parseLatexCached is parse_latex_cached: the whole string, then only the
// part after the last '=' of an equation chain.
func parseLatexCached(latex string, bud *budget) (*node, error) {
	n, err := latexToNode(latex, bud)
	if err == nil {
		if looksComplex(latex, bud) {
			markComplex(n)
		}
		return n, nil
	}
	if err == errTimeout || err == errIntDigits {
		return nil, err
	}
	last, lerr := lastEquation(latex, bud)
	if lerr != nil {
		return nil, lerr
	}
	if last != latex {
		n, err = latexToNode(last, bud)
		if err == nil && looksComplex(last, bud) {
			markComplex(n)
		}
		return n, err
	}
	return nil, err
}

// looksComplex is math_verify's should_treat_as_complex: such input is
// parsed with complex symbols (is_real=False).
func looksComplex(latex string, bud *budget) bool {
	n := &normRun{bud: bud}
	return n.match(normOnce().complexNumberFinder, latex)
}

// markComplex flags every symbol of a freshly parsed tree as complex.
func markComplex(n *node) {
	if n.k == kSym {
		n.cplx = true
	}
	for _, a := range n.args {
		markComplex(a)
	}
}

func lastEquation(latex string, bud *budget) (string, error) {
	if strings.ContainsAny(latex, ",;") {
		return latex, nil
	}
	parts, err := splitEquations(latex, normOnce(), bud)
	if err != nil {
		return "", err
	}
	if len(parts) > 2 {
		return parts[len(parts)-1], nil
	}
	return latex, nil
}

func extractExpr(m *foundMatch, bud *budget) (*node, string, error) {
	integer, decimal := "", ""
	for _, name := range []string{"integer1", "integer2", "integer3"} {
		if t := m.group(name); t != "" {
			integer = t
			break
		}
	}
	for _, name := range []string{"decimal1", "decimal2", "decimal3"} {
		if t := m.group(name); t != "" {
			decimal = t
			break
		}
	}
	pctText := m.group("percent")
	if integer != "" || decimal != "" {
		integer = dropCommasSpaces.Replace(integer)
		integer = strings.TrimLeft(integer, "0")
		if integer == "" {
			integer = "0"
		}
		decimal = strings.ReplaceAll(decimal, ",", ".")
		numStr := integer + decimal
		n, ok := sympyNumber(numStr)
		if !ok {
			return nil, "", errExtract
		}
		if pctText != "" {
			n = pct(n)
		}
		return n, numStr, nil
	}
	expr := m.group("expr")
	if expr != "" {
		if n, err := parsePyExpr(strings.ReplaceAll(strings.ReplaceAll(expr, "\n", " "), "^", "**"), bud); err == nil {
			return n, expr, nil
		} else if err == errTimeout {
			return nil, "", err
		}
	}
	return nil, expr, nil
}

// sympyNumber is sympy.Number(text) for the strings extract_expr builds;
// non-ASCII digits make sympy raise, which aborts the whole parse.
func sympyNumber(s string) (*node, bool) {
	for _, r := range s {
		if r > 127 {
			return nil, false
		}
	}
	t := s
	neg := strings.HasPrefix(t, "-")
	t = strings.TrimPrefix(t, "-")
	if t == "" || t == "." {
		return nil, false
	}
	if strings.Contains(t, ".") {
		if strings.HasSuffix(t, ".") {
			t += "0"
		}
		if neg {
			t = "-" + t
		}
		return numberFromString(t)
	}
	if intTooLong(t) {
		return nil, false // Python's int() raises; extraction fails
	}
	r, ok := ratOf(t)
	if !ok {
		return nil, false
	}
	if neg {
		r.Neg(r)
	}
	return newRat(r), true
}
