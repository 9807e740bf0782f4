package mathverify

import (
	"strings"
	"testing"
	"time"

	"github.com/dlclark/regexp2"
)

// conditioned lists the normalisation patterns that carry a necessary
// condition (boundedRe.may), with a name for the messages.
func conditioned() map[string]*boundedRe {
	r := normOnce()
	res := map[string]*boundedRe{
		"left": r.left, "right": r.right, "permutation": r.permutation, "toRemove": r.toRemove,
		"commandSlash": r.commandSlash, "unitSuperscript": r.unitSuperscript,
		"equationSplit": r.equationSplit, "complexNumberFinder": r.complexNumberFinder,
	}
	for i, re := range r.malformed {
		res["malformed"+string(rune('0'+i))] = re
	}
	return res
}

// checkMay fails when a pattern matches s although its condition says it
// cannot.
func checkMay(t *testing.T, s string) {
	t.Helper()
	for name, re := range conditioned() {
		if re.may == nil || re.may(s) {
			continue
		}
		_ = re.with(newBudget(time.Minute, nil), func(re *regexp2.Regexp) error {
			if m, err := re.FindStringMatch(s); err == nil && m != nil {
				t.Errorf("%s matches %q at %d though its condition fails", name, s, m.Index)
			}
			return nil
		})
	}
}

var mayProbes = []string{
	`\left(x\right)`, `\mleft[1\mright]`, `(a+b)_{n}`, `\text { }`, `\!`, `$5$`, `it's`, `"x"`, `\$`, `\mathrm{th}`,
	`\displaystyle x`, `a\\b`, `x \text{ cm}^2`, `\mbox{m}`, `x=1`, `a\=b`, `\mathbb{C}`, `\i`, `3i`, `\det(A)`,
	`\operatorname{tr}A`, `\text{rank}`, `\arg{z}`, `\Re{z}`, `\Im{z}`, `2^(3)`, `2^ (3)`, `sqrt(2)`, `sqrt (2)`,
	`\frac12`, `\frac 1 2`, `\log_2 8`, `\frac{1}2`, `\frac1{2}`, `\sqrt2`, `\sqrt 2`, "\\frac\u00a01\u00a0{2}",
	"2^\u3000(3)", "\\log_\u20052 8", `\sqrt{2}`, `\frac{3}{4}`, `x^2`, `(1, 2)`, `\{1, 2\}`,
}

func TestNormConditionsAreNecessary(t *testing.T) {
	corpus := append(append([]string{}, mayProbes...), prefilterCorpus(t)...)
	for _, s := range corpus {
		checkMay(t, s)
		if norm, err := normalizeLatex(s, "all", newBudget(time.Minute, nil)); err == nil {
			checkMay(t, norm)
		}
	}
}

// FuzzNormConditions searches for a text one of the conditioned patterns
// matches although its condition fails.
func FuzzNormConditions(f *testing.F) {
	for _, s := range mayProbes {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 400 {
			return
		}
		checkMay(t, s)
	})
}

// mayEndWithUnitReference is mayEndWithUnit trying every unit name.
func mayEndWithUnitReference(text string) bool {
	t := strings.TrimRightFunc(text, isPySpace)
	for _, suffix := range []string{"", "s", "es"} {
		if !strings.HasSuffix(t, suffix) {
			continue
		}
		for _, u := range unitNames {
			if strings.HasSuffix(t[:len(t)-len(suffix)], u) {
				return true
			}
		}
	}
	return false
}

func TestMayEndWithUnit(t *testing.T) {
	in := append([]string{"", "s", "es", " ", "5 cm", "5 cms", "5 cmes", "π r 2", "x^2", "3 ° f", "12 inches "}, mayProbes...)
	for _, u := range unitNames {
		in = append(in, "3 "+u, "3 "+u+"s", "3 "+u+"es ", u[1:], "x"+u)
	}
	in = append(in, prefilterCorpus(t)...)
	for _, s := range in {
		if got, want := mayEndWithUnit(s), mayEndWithUnitReference(s); got != want {
			t.Errorf("mayEndWithUnit(%q) = %v, reference %v", s, got, want)
		}
	}
}
