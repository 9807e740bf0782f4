package mathverify

// The Hendrycks MATH normalisation for the suites outside VLM-R1 (verl's
// math_reward.py): the same functions ComputeScore uses, in that copy.

// LastBoxedOnlyString is last_boxed_only_string: the last "\boxed ..." up to
// a "$", or the last "\boxed{...}" / "\fbox{...}" with balanced braces; ok
// is false where Python returns None.
func LastBoxedOnlyString(s string) (string, bool) { return lastBoxedOnlyString(s) }

// RemoveBoxed is remove_boxed; the error stands for its failed assert.
func RemoveBoxed(s string) (string, error) { return removeBoxed(s) }

// IsEquivVerl is verl math_reward.py's is_equiv(a, b): strip_string on both,
// with fix_a_slash_b catching every exception and "\\%" removed before
// "\%"; the raw strings are compared when strip_string raises.
func IsEquivVerl(a, b string) bool { return isEquivCopy(a, b, verlHendrycks) }
