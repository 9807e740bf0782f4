package vlmr1

import (
	"regexp"
	"testing"
	"unicode/utf8"
)

// Go's RE2 has the lazy quantifiers and DOTALL these patterns use; with
// Python's Unicode \s spelled out it is an independent oracle for the
// hand-written matchers.
const pyspace = `[\t\n\v\f\r\x1c-\x1f \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]`

var (
	reAnswerDotall = regexp.MustCompile(`(?s)<answer>(.*?)</answer>`)
	reAnswerLine   = regexp.MustCompile(`<answer>(.*?)</answer>`)
	reFormat       = regexp.MustCompile(`(?s)\A<think>.*?</think>` + pyspace + `*<answer>.*?</answer>\z`)
)

func FuzzAnswerExtraction(f *testing.F) {
	for _, s := range []string{
		"<answer>a</answer>", "x<answer>a\nb</answer><answer>c</answer>", "<answer><answer>x</answer>",
		"<think>a</think>\u3000<answer>b</answer>", "<think></think><answer></answer></answer>", "</answer><answer>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		m := reAnswerDotall.FindStringSubmatch(s)
		if got, ok := firstAnswer(s); ok != (m != nil) || ok && got != m[1] {
			t.Fatalf("FirstAnswer(%q) = %q, %v; regexp %q", s, got, ok, m)
		}
		all := reAnswerDotall.FindAllStringSubmatch(s, -1)
		gotAll := allAnswers(s)
		if len(gotAll) != len(all) {
			t.Fatalf("AllAnswers(%q) = %q; regexp %q", s, gotAll, all)
		}
		for i := range all {
			if gotAll[i] != all[i][1] {
				t.Fatalf("AllAnswers(%q)[%d] = %q; regexp %q", s, i, gotAll[i], all[i][1])
			}
		}
		if last, ok := lastAnswer(s); ok != (len(all) > 0) || ok && last != all[len(all)-1][1] {
			t.Fatalf("LastAnswer(%q) = %q, %v", s, last, ok)
		}
		ml := reAnswerLine.FindStringSubmatch(s)
		if got, ok := firstAnswerLine(s); ok != (ml != nil) || ok && got != ml[1] {
			t.Fatalf("FirstAnswerLine(%q) = %q, %v; regexp %q", s, got, ok, ml)
		}
		if got, want := formatMatch(s), reFormat.MatchString(s); got != want {
			t.Fatalf("formatMatch(%q) = %v; regexp %v", s, got, want)
		}
		if c := extractChoice(s); c != "" && (len(c) != 1 || c[0] < 'A' || c[0] > 'Z') {
			t.Fatalf("ExtractChoice(%q) = %q, not one capital letter", s, c)
		}
	})
}
