package scoring

import (
	"strings"
	"unicode/utf8"

	"github.com/grpo-score/grpo-score/scoring/py"
)

const (
	openTag  = "<answer>"
	closeTag = "</answer>"
)

// FirstAnswer is re.search(r'<answer>(.*?)</answer>', s, re.DOTALL): the text
// of the first complete answer block.
func FirstAnswer(s string) (string, bool) {
	i := strings.Index(s, openTag)
	if i < 0 {
		return "", false
	}
	rest := s[i+len(openTag):]
	j := strings.Index(rest, closeTag)
	if j < 0 {
		return "", false
	}
	return rest[:j], true
}

// FirstAnswerLine is the same search without DOTALL: the block may not span a
// newline, so a multi-line block is skipped in favour of a later one.
func FirstAnswerLine(s string) (string, bool) {
	for {
		i := strings.Index(s, openTag)
		if i < 0 {
			return "", false
		}
		rest := s[i+len(openTag):]
		j := strings.Index(rest, closeTag)
		if j < 0 {
			return "", false
		}
		if !strings.Contains(rest[:j], "\n") {
			return rest[:j], true
		}
		s = rest
	}
}

// LastAnswer is re.findall(r'<answer>(.*?)</answer>', s, re.DOTALL)[-1].
func LastAnswer(s string) (string, bool) {
	var last string
	found := false
	for {
		i := strings.Index(s, openTag)
		if i < 0 {
			return last, found
		}
		rest := s[i+len(openTag):]
		j := strings.Index(rest, closeTag)
		if j < 0 {
			return last, found
		}
		last, found = rest[:j], true
		s = rest[j+len(closeTag):]
	}
}

// AllAnswers is re.findall(r'<answer>(.*?)</answer>', s, re.DOTALL).
func AllAnswers(s string) []string {
	var out []string
	for {
		i := strings.Index(s, openTag)
		if i < 0 {
			return out
		}
		rest := s[i+len(openTag):]
		j := strings.Index(rest, closeTag)
		if j < 0 {
			return out
		}
		out = append(out, rest[:j])
		s = rest[j+len(closeTag):]
	}
}

// CleanText is the reference's clean_text: the last answer block if any,
// newlines then carriage returns dropped after whitespace and turned into
// spaces elsewhere, stripped, trailing dots removed, lower-cased.
func CleanText(s string) string {
	if a, ok := LastAnswer(s); ok {
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

// runeLen counts code points, the unit of Python string positions.
func runeLen(s string) int { return utf8.RuneCountInString(s) }

func decodeRune(s string, p int) (rune, int) {
	if c := s[p]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[p:])
}
