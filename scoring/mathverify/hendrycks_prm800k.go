package mathverify

// prm800kHendrycks is PRM800K's copy (prm800k/grading/math_normalize.py),
// which MathRuler's math_normalize.py takes over: fix_a_slash_b catches
// every exception, and the percent signs go as `\%` then `%`.
var prm800kHendrycks = hendrycksCopy{catchAll: true, percent: []string{`\%`, "%"}}

// StripStringPRM800K is that copy's _strip_string; ok is false where Python
// raises (normalize_answer then returns its input).
func StripStringPRM800K(s string) (string, bool) {
	t, err := stripStringCopy(s, prm800kHendrycks)
	return t, err == nil
}
