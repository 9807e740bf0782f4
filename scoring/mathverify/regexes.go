package mathverify

import (
	"fmt"
	"strings"
	"sync"

	"github.com/dlclark/regexp2"
)

// The extraction patterns of math_verify's parser.py, rebuilt with the same
// structure. regexp2 is a backtracking engine with Python-compatible
// semantics for lookarounds, lazy quantifiers and Unicode classes.

type extractor int

const (
	latexExtractor extractor = iota
	exprExtractor
)

type pattern struct {
	re       *boundedRe
	priority int
	target   extractor
	need     requirement // a cheap necessary condition for any match (prefilter.go)

	// matchAt, when set, finds the match of re that starts exactly at pos,
	// more cheaply than regexp2's own scan (findAll uses it position by
	// position). It is only set for patterns that begin with (?:^|\s|\=),
	// and findAll calls it only where that prefix can match.
	matchAt func(runes []rune, pos int, bud *budget) (foundMatch, bool, error)
}

func makeLatexEnvPattern(prefix string, boxed bool) string {
	percent := fmt.Sprintf(`(?<%spercent>(?:\\?%%|[Pp]ercent|[Pp]ercentage|[Pp]ct))`, prefix)
	displayDollar := `(?:[^$]|\$(?!\$))`
	displayBracket := `(?:[^\\]|\\(?!\]))`
	inlineDollar := `(?:\\[$]|[^\n$])`
	inlineParen := `(?:[^\\\n]|\\(?!\)))`
	inlineBracket := `[^\n\]\[]`
	wrap := func(c string) string {
		if boxed {
			return c + `*?\\boxed{` + c + `+?}` + c + `*?`
		}
		return c + `+?`
	}
	displayDollar, displayBracket = wrap(displayDollar), wrap(displayBracket)
	inlineDollar, inlineParen, inlineBracket = wrap(inlineDollar), wrap(inlineParen), wrap(inlineBracket)
	pats := []string{
		fmt.Sprintf(`(?<!\\)\$\$(?<%slatexDisplayDollar>%s)(?<!\\)\$\$`, prefix, displayDollar),
		fmt.Sprintf(`(?<!\\)\\\[(?<%slatexDisplayBracket>%s)(?<!\\)\\\]`, prefix, displayBracket),
		fmt.Sprintf(`(?<!\\|\d)\$(?<%slatexInlineDollar>%s)(?<!\\)\$`, prefix, inlineDollar),
		fmt.Sprintf(`(?<!\\)\\\((?<%slatexInlineParenthesis>%s)(?<!\\)\\\)`, prefix, inlineParen),
		fmt.Sprintf(`\s\[(?<%slatexInlineBracket>%s)\]\s`, prefix, inlineBracket),
	}
	if !boxed {
		simple := `-?\d+(?:[.,]\d+)?`
		pats = append(pats, fmt.Sprintf(`(?<%slatexFraction>-?\\frac{%s}{%s})`, prefix, simple, simple))
	}
	return fmt.Sprintf(`(?:(?:%s)\s*%s?)`, strings.Join(pats, "|"), percent)
}

func latexPatterns() []pattern {
	first := makeLatexEnvPattern("first_", false)
	var next strings.Builder
	for i := 1; i <= 5; i++ {
		fmt.Fprintf(&next, `(?:\s*(?:,?and|,?or|,)\s*%s)?`, makeLatexEnvPattern(fmt.Sprintf("next%d_", i), false))
	}
	latexRe := fmt.Sprintf(`(?:%s%s)`, first, next.String())
	answer := `(?i:answer)`
	var res []pattern
	add := func(p string, prio int, need requirement) {
		res = append(res, pattern{re: compileBounded(p, regexp2.Singleline), priority: prio, target: latexExtractor, need: need})
	}
	add(`(?i:final answer is)\:?\s*`+latexRe+`\.?\s?I hope`, 0, needFinalIsHopeLatex)
	add(`(?i:final answer.{0,100}?)\s+is\:?\s*`+latexRe, 50, needFinalLatex)
	add(answer+`:.{0,50}?`+latexRe, 100, needAnswerColonLatex)
	add(answer+`.{0,50}?`+latexRe, 200, needAnswerLatex)
	add(latexRe, 300, needLatex)
	boxed := makeLatexEnvPattern("first_", true)
	var nextBoxed strings.Builder
	for i := 1; i <= 5; i++ {
		fmt.Fprintf(&nextBoxed, `\s*(?:\s*(?:,?and|,?or|,)\s*%s)?`, makeLatexEnvPattern(fmt.Sprintf("next%d_", i), true))
	}
	add(boxed+nextBoxed.String(), 50, needBoxed)
	add(`(?<first_latexBoxed>\\boxed{.+})`, 50, needBoxed)
	return res
}

// exprPatterns builds lazy_expr_regex. The percent suffix drops the inner
// \s* of the original (\s*(?:%|percent|\s*percentage|\s*pct)): it matches
// exactly the same strings without quadratic backtracking on whitespace.
func exprPatterns() []pattern {
	number := `(?<!\d)(?:` +
		`(?<integer1>-?[1-9]\d{0,2}(?:[ ,]\d{3})+)(?<decimal1>\.\d+)?|` +
		`(?<integer2>-?\d+)(?<decimal2>[.,]\d+)|` +
		`(?<decimal3>\.\d+)|` +
		`(?<integer3>-?\d+)` +
		`)(?<percent>\s*(?:%|[Pp]ercent|[Pp]ercentage|[Pp]ct))?`
	ops := `\+\-\*\×\/\^\(\)\÷`
	all := `[\d\.\s` + ops + `]`
	expr := `(?<expr>-?\(?-?\d` + all + `*[` + ops + `]` + all + `+\)?)`
	currency := `\$€£¥₹₽₪₩₫฿₡₢₣₤₥₦₧₨₩₪₫₭₮₯₰₱₲₳₴₵₶₷₸₹₺₻₼₽₾₿`
	prefix := `(?:^|\s|\=)(?:\*\*)?`
	suffix := `(?:\*\*)?(?:\.|,|:|\s|\)|\$|$)`
	exprAnch := `(?:` + prefix + expr + suffix + `)`
	numAnch := `(?:` + prefix + `[` + currency + `]?` + number + `)`
	exprOrNum := `(?:` + exprAnch + `|` + numAnch + `)`
	var res []pattern
	add := func(p string, prio int, need requirement) {
		res = append(res, pattern{re: compileBounded(p, 0), priority: prio, target: exprExtractor, need: need})
	}
	add(`(?i:final answer is)\:?\s*`+exprOrNum+`\.?\s?I hope`, 0, needFinalIsHopeDigit)
	add(`(?i:final answer.{0,100}?)\s+is\:?`+exprOrNum, 50, needFinalDigit)
	answer := `(?i:answer)`
	add(answer+`:(?:.{0,100}=\s*|.{0,50}?)`+exprOrNum+`(?!\s*=)`, 100, needAnswerColonDigit)
	add(answer+`(?:.{0,100}=\s*|.{0,50}?)`+exprOrNum+`(?!\s*=)`, 200, needAnswerDigit)
	add(exprAnch, 300, needDigitOp)
	add(numAnch, 300, needDigit)
	res[len(res)-2].matchAt = anchoredMatcher(res[len(res)-2])
	res[len(res)-1].matchAt = func(runes []rune, pos int, _ *budget) (foundMatch, bool, error) {
		var n numberMatch
		end, ok := matchNumberAt(runes, pos, &n)
		if !ok {
			return foundMatch{}, false, nil
		}
		kept := n // only matches reach the heap
		return foundMatch{num: &kept, start: pos, end: end, target: exprExtractor}, true, nil
	}
	return res
}

// anchoredMatcher runs p behind \G, only where exprHeadAt allows a match
// to begin.
func anchoredMatcher(p pattern) func(runes []rune, pos int, bud *budget) (foundMatch, bool, error) {
	re := compileBounded(`\G`+p.re.String(), 0)
	return func(runes []rune, pos int, bud *budget) (foundMatch, bool, error) {
		if !exprHeadAt(runes, pos) {
			return foundMatch{}, false, nil
		}
		var m *regexp2.Match
		err := re.with(bud, func(re *regexp2.Regexp) error {
			var err error
			m, err = re.FindRunesMatchStartingAt(runes, pos)
			return err
		})
		if err != nil || m == nil {
			return foundMatch{}, false, err
		}
		return foundMatch{m: m, start: m.Index, end: m.Index + m.Length, target: p.target}, true, nil
	}
}

// priorityGroup is one step of extract_target_from_pred: patterns of equal
// priority, in the order math_verify lists them.
type priorityGroup struct {
	priority int
	patterns []pattern
}

// extractionGroups are the priority groups of parse's default targets.
var extractionGroups = sync.OnceValue(func() []priorityGroup {
	return buildGroups(patternKey{latex: true, anchorless: true, boxedPriority: 50, expr: true})
})

// compileBounded compiles an extraction pattern whose runs are limited by
// the budget of the parse that runs them.
func compileBounded(p string, opt regexp2.RegexOptions) *boundedRe { return newBoundedRe(p, opt) }
