package mathverify

import (
	"sort"
	"unicode/utf8"

	"github.com/dlclark/regexp2"
	"sync"
	"time"
)

// Normalization is latex2sympy2_extended's NormalizationConfig: which groups
// of normalize_latex run.
type Normalization struct {
	BasicLatex, Units, MalformedOperators, Nits, Equations bool
	// Boxed is "all", "last" or "none". Any other value extracts nothing, as
	// Python's boxed=True does (normalize_latex compares with the strings).
	Boxed string
}

// LatexConfig is math_verify's LatexExtractionConfig.
type LatexConfig struct {
	TryExtractWithoutAnchor bool
	// BoxedMatchPriority is the priority of the \boxed patterns; negative
	// leaves them out.
	BoxedMatchPriority int
	Normalization      Normalization
}

// Config is what math_verify's parse takes besides the text: the extraction
// targets, in the order given (LaTeX before plain expressions is the only
// order supported), and the modes.
type Config struct {
	Latex *LatexConfig // nil: no LatexExtractionConfig
	Expr  bool         // an ExprExtractionConfig() with its defaults
	// FirstMatch is extraction_mode="first_match": only the first match is
	// tried (the default "any_match" tries them all, by priority).
	FirstMatch bool
	// NoFallback is fallback_mode="no_fallback" (the default "first_match"
	// appends the first extracted string).
	NoFallback bool
}

// defaultNormalization is LatexExtractionConfig's default normalization_config.
var defaultNormalization = Normalization{BasicLatex: true, Units: true, MalformedOperators: true, Nits: true, Boxed: "all"}

// DefaultLatexConfig is LatexExtractionConfig().
func DefaultLatexConfig() LatexConfig {
	return LatexConfig{TryExtractWithoutAnchor: true, BoxedMatchPriority: 50, Normalization: defaultNormalization}
}

// DefaultConfig is parse's default: LatexExtractionConfig(),
// ExprExtractionConfig(), fallback "first_match", extraction "any_match".
func DefaultConfig() Config {
	l := DefaultLatexConfig()
	return Config{Latex: &l, Expr: true}
}

// ParseConfig is math_verify's parse(s, extraction_config, fallback_mode,
// extraction_mode) with DefaultTimeout.
func ParseConfig(s string, c Config) Answer { return ParseConfigLine(s, c, nil) }

// ParseConfigLine is ParseConfig drawing also on a line budget (see Line).
func ParseConfigLine(s string, c Config, line *Line) Answer {
	bud := newBudget(DefaultTimeout, line)
	items, err := extractTargetWith(s, bud, true, compiledConfig(c))
	if err != nil {
		return Answer{}
	}
	return Answer{items: items}
}

// parseConfig is a Config with its priority groups built.
type parseConfig struct {
	groups     []priorityGroup
	norm       Normalization
	firstMatch bool
	noFallback bool
}

// patternKey is what decides a configuration's patterns.
type patternKey struct {
	latex, anchorless, expr bool
	boxedPriority           int
}

var patternGroups sync.Map // patternKey -> []priorityGroup

func compiledConfig(c Config) *parseConfig {
	k := patternKey{expr: c.Expr, boxedPriority: -1}
	pc := &parseConfig{firstMatch: c.FirstMatch, noFallback: c.NoFallback}
	if c.Latex != nil {
		k.latex, k.anchorless, k.boxedPriority = true, c.Latex.TryExtractWithoutAnchor, c.Latex.BoxedMatchPriority
		pc.norm = c.Latex.Normalization
	}
	if g, ok := patternGroups.Load(k); ok {
		pc.groups = g.([]priorityGroup)
		return pc
	}
	g, _ := patternGroups.LoadOrStore(k, buildGroups(k))
	pc.groups = g.([]priorityGroup)
	return pc
}

// The positions in latexPatterns' list of the patterns a LatexConfig
// changes: the unanchored one and the two \boxed ones.
const (
	latexUnanchored  = 4
	latexBoxedFirst  = 5
	latexPatternsLen = 7
)

// buildGroups is get_extraction_regexes plus the sort and groupby of
// extract_target_from_pred.
func buildGroups(k patternKey) []priorityGroup {
	var all []pattern
	if k.latex {
		lp := latexPatterns()
		if len(lp) != latexPatternsLen {
			panic("mathverify: latexPatterns changed; update config.go")
		}
		for i, p := range lp {
			switch {
			case i == latexUnanchored && !k.anchorless:
				continue
			case i >= latexBoxedFirst:
				if k.boxedPriority < 0 {
					continue
				}
				p.priority = k.boxedPriority
			}
			all = append(all, p)
		}
	}
	if k.expr {
		all = append(all, exprPatterns()...)
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].priority < all[j].priority })
	var groups []priorityGroup
	for _, p := range all {
		if len(groups) == 0 || groups[len(groups)-1].priority != p.priority {
			groups = append(groups, priorityGroup{priority: p.priority})
		}
		g := &groups[len(groups)-1]
		g.patterns = append(g.patterns, p)
	}
	return groups
}

// splitEquations is equation_split_regex.split(text).
func splitEquations(text string, r *normRegexes, bud *budget) ([]string, error) {
	if !r.equationSplit.may(text) { // no '=': one part, after the budget check the run makes first
		if bud.left() <= 0 {
			return nil, errTimeout
		}
		if !utf8.ValidString(text) {
			text = string([]rune(text))
		}
		return []string{text}, nil
	}
	var parts []string
	rs := []rune(text)
	prev := 0
	err := r.equationSplit.with(bud, func(re *regexp2.Regexp) error {
		m, err := re.FindRunesMatch(rs)
		for err == nil && m != nil {
			parts = append(parts, string(rs[prev:m.Index]))
			prev = m.Index + m.Length
			m, err = re.FindNextMatch(m)
		}
		return err
	})
	if err == errTimeout {
		return nil, err
	}
	return append(parts, string(rs[prev:])), nil
}

// VerifyTimeout is Verify with the time budget of each comparison given, as
// verify's timeout_seconds.
func VerifyTimeout(gold, target Answer, d time.Duration) bool {
	return VerifyWithTimeout(gold, target, d)
}
