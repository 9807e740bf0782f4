package mathverify

import (
	"errors"
	"strings"
)

// The Hendrycks MATH normalisation that VLM-R1's utils/math.py copies from
// lm-evaluation-harness (last_boxed_only_string, remove_boxed, is_equiv,
// strip_string). Python exceptions are modelled as errors.

var errPython = errors.New("mathverify: python exception in strip_string")

// lastBoxedOnlyString returns the last "\boxed ..." or "\boxed{...}" /
// "\fbox{...}" with balanced braces; ok is false where Python returns None.
func lastBoxedOnlyString(s string) (string, bool) {
	idx := strings.LastIndex(s, `\boxed`)
	if strings.Contains(s, `\boxed `) {
		parts := strings.Split(s, `\boxed `)
		last := parts[len(parts)-1]
		return `\boxed ` + strings.SplitN(last, "$", 2)[0], true
	}
	if idx < 0 {
		idx = strings.LastIndex(s, `\fbox`)
		if idx < 0 {
			return "", false
		}
	}
	depth := 0
	for i := idx; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return s[idx : i+1], true
			}
		}
	}
	return "", false
}

// removeBoxed strips the \boxed wrapper; an error stands for a failed assert.
func removeBoxed(s string) (string, error) {
	if strings.Contains(s, `\boxed `) {
		if !strings.HasPrefix(s, `\boxed `) {
			return "", errPython
		}
		return s[len(`\boxed `):], nil
	}
	if !strings.HasPrefix(s, `\boxed{`) || !strings.HasSuffix(s, "}") {
		return "", errPython
	}
	return s[len(`\boxed{`) : len(s)-1], nil
}

// hendrycksCopy is one copy of the normalisation. VLM-R1's utils/math.py,
// verl's math_reward.py and PRM800K's math_normalize.py (which MathRuler
// takes over, hendrycks_prm800k.go) differ in two places: which exceptions
// fix_a_slash_b catches, and the percent-sign replacements.
type hendrycksCopy struct {
	// catchAll: fix_a_slash_b catches every exception (verl), not only
	// AssertionError (VLM-R1, where int()'s ValueError escapes).
	catchAll bool
	// percent are the str.replace calls that remove percent signs, in order.
	percent []string
}

var (
	vlmr1Hendrycks = hendrycksCopy{percent: []string{`\%`, `\%`}}
	verlHendrycks  = hendrycksCopy{catchAll: true, percent: []string{`\\%`, `\%`}}
)

func isEquiv(a, b string) bool { return isEquivCopy(a, b, vlmr1Hendrycks) }

func isEquivCopy(a, b string, c hendrycksCopy) bool {
	sa, err1 := stripStringCopy(a, c)
	sb, err2 := stripStringCopy(b, c)
	if err1 != nil || err2 != nil {
		return a == b
	}
	return sa == sb
}

func stripString(s string) (string, error) { return stripStringCopy(s, vlmr1Hendrycks) }

func stripStringCopy(s string, c hendrycksCopy) (string, error) {
	s = strings.ReplaceAll(s, "\n", "")
	s = strings.ReplaceAll(s, `\!`, "")
	s = strings.ReplaceAll(s, `\\`, `\`)
	s = strings.ReplaceAll(s, "tfrac", "frac")
	s = strings.ReplaceAll(s, "dfrac", "frac")
	s = strings.ReplaceAll(s, `\left`, "")
	s = strings.ReplaceAll(s, `\right`, "")
	s = strings.ReplaceAll(s, `^{\circ}`, "")
	s = strings.ReplaceAll(s, `^\circ`, "")
	s = strings.ReplaceAll(s, `\$`, "")
	if strings.Contains(s, `\text{ `) {
		parts := strings.Split(s, `\text{ `)
		if len(parts) != 2 {
			return "", errPython
		}
		s = parts[0]
	}
	for _, p := range c.percent {
		s = strings.ReplaceAll(s, p, "")
	}
	s = strings.ReplaceAll(s, " .", " 0.")
	s = strings.ReplaceAll(s, "{.", "{0.")
	if s == "" {
		return s, nil
	}
	if s[0] == '.' {
		s = "0" + s
	}
	if parts := strings.Split(s, "="); len(parts) == 2 && len([]rune(parts[0])) <= 2 {
		s = parts[1]
	}
	var err error
	if s, err = hendrycksFixSqrt(s); err != nil {
		return "", err
	}
	s = strings.ReplaceAll(s, " ", "")
	if s, err = hendrycksFixFracs(s); err != nil {
		return "", err
	}
	if s == "0.5" {
		s = `\frac{1}{2}`
	}
	t, err := hendrycksFixASlashB(s)
	if err != nil && c.catchAll {
		return s, nil
	}
	return t, err
}

func hendrycksFixSqrt(s string) (string, error) {
	if !strings.Contains(s, `\sqrt`) {
		return s, nil
	}
	parts := strings.Split(s, `\sqrt`)
	var b strings.Builder
	b.WriteString(parts[0])
	for _, p := range parts[1:] {
		r := []rune(p)
		if len(r) == 0 {
			return "", errPython // split[0] on an empty string
		}
		if r[0] != '{' {
			b.WriteString(`\sqrt{` + string(r[0]) + "}" + string(r[1:]))
		} else {
			b.WriteString(`\sqrt` + p)
		}
	}
	return b.String(), nil
}

func hendrycksFixFracs(s string) (string, error) {
	parts := strings.Split(s, `\frac`)
	var b strings.Builder
	b.WriteString(parts[0])
	for _, p := range parts[1:] {
		b.WriteString(`\frac`)
		r := []rune(p)
		if len(r) == 0 {
			return "", errPython // substr[0] on an empty string
		}
		if r[0] == '{' {
			b.WriteString(p)
			continue
		}
		if len(r) < 2 {
			return s, nil
		}
		a, c := string(r[0]), string(r[1])
		if c != "{" {
			b.WriteString("{" + a + "}{" + c + "}" + string(r[2:]))
		} else {
			b.WriteString("{" + a + "}" + c + string(r[2:]))
		}
	}
	return b.String(), nil
}

// hendrycksFixASlashB: int() failures are not caught there, so they
// surface as errors (is_equiv then compares the raw strings).
func hendrycksFixASlashB(s string) (string, error) {
	parts := strings.Split(s, "/")
	if len(parts) != 2 {
		return s, nil
	}
	a, ok1 := pyIntUnicode(parts[0])
	if !ok1 {
		return "", errPython
	}
	b, ok2 := pyIntUnicode(parts[1])
	if !ok2 {
		return "", errPython
	}
	if s != a+"/"+b {
		return s, nil
	}
	return `\frac{` + a + "}{" + b + "}", nil
}

// pyIntUnicode is str(int(s)) including Unicode decimal digits.
func pyIntUnicode(s string) (string, bool) {
	t := strings.TrimFunc(s, isPySpace)
	neg := false
	if strings.HasPrefix(t, "-") || strings.HasPrefix(t, "+") {
		neg = t[0] == '-'
		t = t[1:]
	}
	if t == "" || strings.HasPrefix(t, "_") || strings.HasSuffix(t, "_") || strings.Contains(t, "__") {
		return "", false
	}
	var digits []byte
	for _, r := range t {
		if r == '_' {
			continue
		}
		d, ok := unicodeDigit(r)
		if !ok {
			return "", false
		}
		digits = append(digits, byte('0'+d))
	}
	out := strings.TrimLeft(string(digits), "0")
	if out == "" {
		return "0", true
	}
	if neg {
		out = "-" + out
	}
	return out, true
}
