package mathverify

import "strings"

// Replacers used on every parse, built once: a strings.Replacer is safe for
// concurrent use, and building one costs more than most replacements.
var (
	dropCommasSpaces      = strings.NewReplacer(",", "", " ", "")
	dropParens            = strings.NewReplacer("(", "", ")", "")
	dropDollarPercent     = strings.NewReplacer("\\$", "", "\\%", "", "%", "")
	dropPercentSeparators = strings.NewReplacer("\\%", "", "%", "", ",", "", " ", "", "\t", "", "\n", "", "\r", "")
	unicodeSigns          = strings.NewReplacer("−", "-", "∸", "-", "∔", "+", "⊕", "+", "⊞", "+")
	lineBreaksToSpaces    = strings.NewReplacer("\n", " ", "\t", " ")
)
