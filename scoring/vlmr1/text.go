package vlmr1

import (
	"strings"
	"unicode/utf8"

	"github.com/grpo-score/grpo-score/scoring/py"
)

const (
	openTag  = "<answer>"
	closeTag = "</answer>"
)

// nextAnswer finds the first complete <answer>…</answer> block of s, as a
// lazy `<answer>(.*?)</answer>` with DOTALL does: its text and what follows
// the block.
func nextAnswer(s string) (inner, after string, ok bool) {
	i := strings.Index(s, openTag)
	if i < 0 {
		return "", "", false
	}
	rest := s[i+len(openTag):]
	j := strings.Index(rest, closeTag)
	if j < 0 {
		return "", "", false
	}
	return rest[:j], rest[j+len(closeTag):], true
}

// firstAnswer is re.search(r'<answer>(.*?)</answer>', s, re.DOTALL): the text
// of the first complete answer block.
func firstAnswer(s string) (string, bool) {
	inner, _, ok := nextAnswer(s)
	return inner, ok
}

// firstAnswerLine is the same search without DOTALL: the block may not span a
// newline, so the search moves on to the next opening tag.
func firstAnswerLine(s string) (string, bool) {
	for {
		inner, _, ok := nextAnswer(s)
		if !ok {
			return "", false
		}
		if !strings.Contains(inner, "\n") {
			return inner, true
		}
		s = s[strings.Index(s, openTag)+len(openTag):]
	}
}

// lastAnswer is re.findall(r'<answer>(.*?)</answer>', s, re.DOTALL)[-1].
func lastAnswer(s string) (last string, found bool) {
	for {
		inner, after, ok := nextAnswer(s)
		if !ok {
			return last, found
		}
		last, found, s = inner, true, after
	}
}

// allAnswers is re.findall(r'<answer>(.*?)</answer>', s, re.DOTALL).
func allAnswers(s string) []string {
	var out []string
	for {
		inner, after, ok := nextAnswer(s)
		if !ok {
			return out
		}
		out, s = append(out, inner), after
	}
}

// cleanText is the reference's clean_text: the last answer block if any,
// newlines then carriage returns dropped after whitespace and turned into
// spaces elsewhere, stripped, trailing dots removed, lower-cased.
func cleanText(s string) string {
	if a, ok := lastAnswer(s); ok {
		s = a
	}
	s = dropBreaks(s, '\n')
	s = dropBreaks(s, '\r')
	s = py.Strip(s)
	s = strings.TrimRight(s, ".")
	return py.Lower(s)
}

// dropBreaks applies re.sub(r'(?<=\s)C', ”, s) and then
// re.sub(r'(?<!\s)C', ' ', ·) for the line-break character c. Both
// lookbehinds look at the string as it was before that substitution.
func dropBreaks(s string, c byte) string {
	if strings.IndexByte(s, c) < 0 {
		return s
	}
	// One pass does both: a break after whitespace is dropped; every break
	// that survives follows non-whitespace (or starts the string), so the
	// second substitution turns it into a space.
	b := make([]byte, 0, len(s))
	prevSpace := false
	for i := 0; i < len(s); {
		if ch := s[i]; ch < utf8.RuneSelf {
			i++
			if ch == c {
				if !prevSpace {
					b = append(b, ' ')
				}
				prevSpace = true // the break itself is whitespace
				continue
			}
			b = append(b, ch)
			prevSpace = ch == ' ' || ch >= '\t' && ch <= '\r' || ch >= 0x1c && ch <= 0x1f
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		b = append(b, s[i:i+n]...)
		prevSpace = py.IsSpace(r)
		i += n
	}
	return string(b)
}

func decodeRune(s string, p int) (rune, int) {
	if c := s[p]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[p:])
}

// groundTruth is how mcq, yes_no, llm and default read the solution: the first
// answer block on one line (the pattern has no DOTALL), else the whole text.
func groundTruth(sol string) string {
	if a, ok := firstAnswerLine(sol); ok {
		return py.Strip(a)
	}
	return py.Strip(sol)
}

// firstStudentAnswer is the student answer of mcq and yes_no: the first
// answer block (DOTALL), stripped, else the whole stripped completion.
func firstStudentAnswer(content string) string {
	if a, ok := firstAnswer(content); ok {
		return py.Strip(a)
	}
	return py.Strip(content)
}

// lastStudentAnswer is the student answer of default and llm: the last
// answer block, stripped, else the whole stripped completion.
func lastStudentAnswer(content string) string {
	if a, ok := lastAnswer(content); ok {
		return py.Strip(a)
	}
	return py.Strip(content)
}

// skipSpace skips Python's \s from byte offset p.
func skipSpace(c string, p int) int { return skipWhile(c, p, py.IsSpace) }

// skipDigits skips Python's \d from byte offset p.
func skipDigits(c string, p int) int { return skipWhile(c, p, py.IsDecimal) }

// skipWhile returns the offset of the first code point at or after p that
// does not satisfy in.
func skipWhile(c string, p int, in func(rune) bool) int {
	for p < len(c) {
		r, n := decodeRune(c, p)
		if !in(r) {
			break
		}
		p += n
	}
	return p
}

func boolReward(ok bool) float64 {
	if ok {
		return 1.0
	}
	return 0.0
}
