package mathverify

import (
	"github.com/dlclark/regexp2"

	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// prefilterProbes are strings aimed at the edges of the requirements: case
// folding beyond ASCII, non-ASCII digits and spaces, brackets at the ends.
var prefilterProbes = []string{
	"", "x", "3", "-0.5", "1,234", "12%", "Answer: 7", "ANSWER:\n$3$", "The Final Answer is $2$. I hope it is correct.",
	"fİnal answer is $1$ I hope", "final answer is 3. I hope", "FINAL ANSWER is \\(4\\)", "answer\u212a 5",
	"\u0663", "answer: \u0663\u0662", "x = \u0661 + 2", " [1, 2] ", "\u00a0[x]\u00a0", "\u3000[a+b]\u3000", "[1] ", " [1]",
	"a\t[\\frac12]\n", "\\[ 1 \\]", "\\( 2 \\)", "$$3$$", "\\frac{1}{2}", "-\\frac{3}{4}", "\\boxed{5}", "\\boxed {5}",
	"$\\boxed{1}$ and $\\boxed{2}$", "2+3", "(4)", "7×8", "9÷3", "1/2", "2^3", "price: $5", "€5", "= 3", "**12**",
	"answer is 12 percent", "\xff\xfe3", "ans\xffwer: 2",
	" [a]\n", " [[a]] ", " [a\n] ", " [] ", " [a]] ", "1,234.5", "1 234 567", "12,3456", "-1,234", "=5", "**5**", "$5",
	"€ 5", "5 %", "5 percentage", "5Pct", "5  pct", "1٢3", "٣,٤٥٦", "1,23", "1234,567", ".5", "-.5",
	"- 5", "x-5", " -0", " 1,234,567.89 percent", " 1,2345", "**$5 Pct", " .5", " -.5", " €\u0663\u0664", " 7 percentage", "**$12", " 12", "=**€-1,000,000.25 Percent", "1,000,00", "12 345.", "0.5.6", "1..2", "9,99,999",
	"price \\$5 and \\$6", "a $5 b\\$", "\\$1$2$", "$\\$$", "\\$$x$", "$$ $", "中文 3+4 中文", "中3+4", "\u00a0**-(-5)+1", "=(-2)*3",
	" --3-1", "**(3)+1", " (-3)*2", "=-(-4)/2", "\u2003-(1+2)", " **-5*2",
}

// prefilterCorpus gathers every string the parity tests parse, plus the
// probes and the fuzz seeds.
func prefilterCorpus(t testing.TB) []string {
	in := append(append([]string{}, prefilterProbes...), fuzzSeeds...)
	for _, v := range loadVectors(t) {
		in = append(in, v.Pred, v.Gold, cleanText("<answer>"+v.Pred+"</answer>"), cleanText(v.Gold))
	}
	for _, g := range loadGolden(t) {
		in = append(in, g.completion, g.solution, cleanText(g.completion), cleanText(g.solution))
		if m := lastAnswerRe.FindAllStringSubmatch(g.completion, -1); len(m) > 0 {
			in = append(in, strings.TrimFunc(m[len(m)-1][1], isPySpace))
		}
		if m := firstAnswerRe.FindStringSubmatch(g.solution); m != nil {
			in = append(in, strings.TrimFunc(m[1], isPySpace))
		}
	}
	return in
}

// checkRequirements fails when a pattern whose requirement s fails matches s
// anyway, when an anchored scan finds other matches than regexp2's own
// scan, and when the fast extraction differs from the full one.
func checkRequirements(t *testing.T, s string) {
	t.Helper()
	facts := factsOf(s)
	runes := []rune(s)
	for _, g := range extractionGroups() {
		for i, p := range g.patterns {
			if p.need(&facts) {
				if p.matchAt != nil {
					checkAnchoredScan(t, p, runes)
				}
				continue
			}
			_ = p.re.with(newBudget(time.Minute, nil), func(re *regexp2.Regexp) error {
				if m, err := re.FindRunesMatch(runes); err == nil && m != nil {
					t.Errorf("pattern %d of priority %d matches %q at %d though its requirement fails (facts %+v)",
						i, g.priority, s, m.Index, facts)
				}
				return nil
			})
		}
	}
	// The budgets are generous: the regex runs now draw on them, and the
	// unfiltered extraction is slow on a loaded machine; this compares
	// results, not time.
	fast, errFast := extractTargetFiltered(s, newBudget(time.Minute, nil), true)
	full, errFull := extractTargetFiltered(s, newBudget(time.Minute, nil), false)
	if errFast != errFull || !reflect.DeepEqual(Answer{fast}.Strings(), Answer{full}.Strings()) {
		t.Errorf("%q: filtered extraction %q (%v), full %q (%v)", s, Answer{fast}.Strings(), errFast, Answer{full}.Strings(), errFull)
	}
}

func checkAnchoredScan(t *testing.T, p pattern, runes []rune) {
	t.Helper()
	describe := func(ms []foundMatch) []string {
		var out []string
		for i := range ms {
			fm := &ms[i]
			d := fmt.Sprintf("%d-%d", fm.start, fm.end)
			for _, name := range p.re.GetGroupNames() {
				if name != "0" {
					d += fmt.Sprintf(" %s=%q", name, fm.group(name))
				}
			}
			out = append(out, d)
		}
		return out
	}
	fast, errFast := p.findAll(runes, nil, newBudget(time.Minute, nil), true)
	full, errFull := p.findAll(runes, nil, newBudget(time.Minute, nil), false)
	if a, b := describe(fast), describe(full); errFast != errFull || !reflect.DeepEqual(a, b) {
		t.Errorf("%q: anchored scan %q (%v), regexp2 scan %q (%v)", string(runes), a, errFast, b, errFull)
	}
}

func TestFastPathsAgreeWithRegexp2(t *testing.T) {
	corpus := prefilterCorpus(t)
	for _, s := range corpus {
		checkRequirements(t, s)
	}
	t.Logf("%d strings checked", len(corpus))
}

func TestFactsOf(t *testing.T) {
	tests := []struct {
		in   string
		want inputFacts
	}{
		{"42", inputFacts{digit: true}},
		{"\u0663", inputFacts{digit: true}},
		{"-1", inputFacts{digit: true, exprOp: true}},
		{"Final Answer is $x$. I hope", inputFacts{latexDelim: true, answer: true, finalAnswer: true, finalIs: true, iHope: true}},
		{"ANSWER: y", inputFacts{answer: true, answerColon: true}},
		{"fİnal answer", inputFacts{answer: true, finalAnswer: true}},
		{"\\boxed{a}", inputFacts{boxed: true}},
		{"[1, 2]", inputFacts{digit: true}},
		{"a [b] c", inputFacts{latexDelim: true}},
		{"a [b]", inputFacts{}},
		{"a \\(b\\)", inputFacts{latexDelim: true, exprOp: true}},
		{"$x", inputFacts{}},
		{"\\$x$", inputFacts{}},
		{"$x$", inputFacts{latexDelim: true}},
		{"\\$12 and \\$3", inputFacts{digit: true}},
	}
	for _, tt := range tests {
		if got := factsOf(tt.in); got != tt.want {
			t.Errorf("factsOf(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

// FuzzFastPaths searches for a string on which a prefilter, an anchored
// scan or matchNumberAt disagrees with regexp2.
func FuzzFastPaths(f *testing.F) {
	for _, s := range append(append([]string{}, prefilterProbes...), fuzzSeeds...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 400 { // longer inputs make the unfiltered regexp2 scans crawl
			return
		}
		checkRequirements(t, s)
	})
}
