package mathverify

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Most answers contain none of the text an extraction pattern needs (a
// LaTeX delimiter, "answer", a digit...). Running regexp2 over them only to
// learn that nothing matches dominates parse time, so each pattern carries a
// requirement: a condition every string it can match must meet. A pattern
// whose requirement fails is skipped, which finds exactly the matches the
// full scan would (none). Each requirement is derived from the pattern text
// in regexes.go and is deliberately loose where the pattern is subtle.

// requirement reports whether a pattern may match the input described by f.
type requirement func(f *inputFacts) bool

// inputFacts are the properties of one input the requirements look at,
// computed in one pass before any pattern runs.
type inputFacts struct {
	latexDelim  bool // some alternative of math_verify's latex environment can match
	digit       bool // a Unicode decimal digit (regexp2's \d is \p{Nd})
	exprOp      bool // an operator character of lazy_expr_regex's expression
	boxed       bool // the literal \boxed{
	answer      bool // "answer" under regexp2's case folding (unicode.ToLower)
	answerColon bool // "answer:" under the same folding
	finalAnswer bool // "final answer" under the same folding
	finalIs     bool // "final answer is" under the same folding
	iHope       bool // the literal "I hope" (outside the case-insensitive group)
}

func factsOf(s string) inputFacts {
	var f inputFacts
	nonASCII := false
	dollars := 0 // '$' not preceded by a backslash
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			f.digit = true
		case c == '$':
			// Both dollar environments open and close on a '$' that
			// (?<!\\) requires not to follow a backslash: two such are needed.
			if i == 0 || s[i-1] != '\\' {
				dollars++
			}
		case c == '\\':
			rest := s[i+1:]
			if strings.HasPrefix(rest, "(") || strings.HasPrefix(rest, "[") || strings.HasPrefix(rest, "frac{") {
				f.latexDelim = true
			} else if strings.HasPrefix(rest, "boxed{") {
				f.boxed = true
			}
		case c == '+' || c == '-' || c == '*' || c == '/' || c == '^' || c == '(' || c == ')':
			f.exprOp = true
		case c == 'I':
			f.iHope = f.iHope || strings.HasPrefix(s[i:], "I hope")
		case c >= utf8.RuneSelf:
			nonASCII = true
		}
	}
	if nonASCII {
		f.exprOp = f.exprOp || strings.ContainsAny(s, "×÷")
		f.digit = f.digit || hasUnicodeDigit(s)
	}
	f.latexDelim = f.latexDelim || dollars >= 2 || inlineBracketPossible(s)
	has := containsFoldASCII
	if nonASCII {
		lower := strings.Map(unicode.ToLower, s)
		has = func(_, w string) bool { return strings.Contains(lower, w) }
	}
	if f.answer = has(s, "answer"); f.answer {
		f.answerColon = has(s, "answer:")
		f.finalAnswer = has(s, "final answer")
		f.finalIs = has(s, "final answer is")
	}
	return f
}

// containsFoldASCII is strings.Contains(strings.ToLower(s), w) for ASCII s
// and lower-case w, without the lower-cased copy.
func containsFoldASCII(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		if s[i]|0x20 == w[0] && strings.EqualFold(s[i:i+len(w)], w) {
			return true
		}
	}
	return false
}

// mayBeSpace is true for every byte that can belong to a character \s
// matches (ASCII white space and controls, any non-ASCII byte); it is a
// superset so that the bracket test below never rejects a real match.
func mayBeSpace(b byte) bool { return b <= ' ' || b >= 0x7f }

// inlineBracketPossible is the requirement of the \s\[ ... \]\s
// environment: a '[' after a possible space, at least one character that is
// not a line break or bracket, then a ']' before a possible space.
func inlineBracketPossible(s string) bool {
	open := -1 // index of the last '[' that may open the environment
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '[':
			open = -1
			if mayBeSpace(s[i-1]) {
				open = i
			}
		case ']':
			if open >= 0 && i > open+1 && i+1 < len(s) && mayBeSpace(s[i+1]) {
				return true
			}
			open = -1
		case '\n':
			open = -1
		}
	}
	return false
}

func hasUnicodeDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			return true
		}
	}
	for _, r := range s {
		if r >= utf8.RuneSelf && unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// The requirements of the patterns in regexes.go.
var (
	needLatex            requirement = func(f *inputFacts) bool { return f.latexDelim }
	needBoxed            requirement = func(f *inputFacts) bool { return f.boxed }
	needFinalIsHopeLatex requirement = func(f *inputFacts) bool { return f.finalIs && f.iHope && f.latexDelim }
	needFinalLatex       requirement = func(f *inputFacts) bool { return f.finalAnswer && f.latexDelim }
	needAnswerColonLatex requirement = func(f *inputFacts) bool { return f.answerColon && f.latexDelim }
	needAnswerLatex      requirement = func(f *inputFacts) bool { return f.answer && f.latexDelim }
	needDigit            requirement = func(f *inputFacts) bool { return f.digit }
	needDigitOp          requirement = func(f *inputFacts) bool { return f.digit && f.exprOp }
	needFinalIsHopeDigit requirement = func(f *inputFacts) bool { return f.finalIs && f.iHope && f.digit }
	needFinalDigit       requirement = func(f *inputFacts) bool { return f.finalAnswer && f.digit }
	needAnswerColonDigit requirement = func(f *inputFacts) bool { return f.answerColon && f.digit }
	needAnswerDigit      requirement = func(f *inputFacts) bool { return f.answer && f.digit }
)

// exprHeadAt decides exactly the head of the anchored expression pattern
// at pos: (?:^|\s|\=) (nothing at the start, else one \s or '='), then
// (?:\*\*)? and -?\(?-?\d. Greedy checks suffice: each optional item is
// one fixed character, and giving one up leaves that character where the
// next item needs another one.
func exprHeadAt(runes []rune, pos int) bool {
	if pos == 0 && exprAfterPrefix(runes, 0) {
		return true
	}
	if r := runes[pos]; r == '=' || unicode.IsSpace(r) {
		return exprAfterPrefix(runes, pos+1)
	}
	return false
}

func exprAfterPrefix(runes []rune, q int) bool {
	if q+1 < len(runes) && runes[q] == '*' && runes[q+1] == '*' && signedDigitAt(runes, q+2) {
		return true
	}
	return signedDigitAt(runes, q)
}

// signedDigitAt matches -?\(?-?\d at i.
func signedDigitAt(runes []rune, i int) bool {
	if i < len(runes) && runes[i] == '-' {
		i++
	}
	if i < len(runes) && runes[i] == '(' {
		i++
	}
	if i < len(runes) && runes[i] == '-' {
		i++
	}
	return i < len(runes) && unicode.IsDigit(runes[i])
}
