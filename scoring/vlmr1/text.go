package vlmr1

import (
	"bytes"
	"strings"
	"unicode/utf8"
	"unsafe"

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
// spaces elsewhere, stripped, trailing dots removed, lower-cased. It makes
// at most one copy of the text when it is ASCII: the breaks are dropped
// into one buffer, which is then lower-cased in place.
func cleanText(s string) string {
	if a, ok := lastAnswer(s); ok {
		s = a
	}
	if strings.IndexByte(s, '\n') < 0 && strings.IndexByte(s, '\r') < 0 {
		return py.Lower(strings.TrimRight(py.Strip(s), "."))
	}
	b := appendDropBreaks(make([]byte, 0, len(s)), s, '\n')
	if bytes.IndexByte(b, '\r') >= 0 {
		b = appendDropBreaks(make([]byte, 0, len(b)), bytesView(b), '\r')
	}
	v := bytesView(b)
	t := strings.TrimRight(py.Strip(v), ".")
	if !py.IsASCII(t) {
		return py.Lower(t)
	}
	// t is a view of b: lower-case it there. ASCII lower-casing goes byte
	// by byte and keeps whitespace and dots, so it commutes with the strips.
	off := len(v) - len(strings.TrimLeftFunc(v, py.IsSpace))
	u := b[off : off+len(t)]
	for k, c := range u {
		if 'A' <= c && c <= 'Z' {
			u[k] = c + 'a' - 'A'
		}
	}
	return bytesView(u)
}

// bytesView is b as a string without a copy; b must not change afterwards.
func bytesView(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// appendDropBreaks appends to b what re.sub(r'(?<=\s)C', "", s) and then
// re.sub(r'(?<!\s)C', ' ', ·) make of s, for the line-break character c.
// Both lookbehinds look at the string as it was before that substitution,
// so one pass does both: a break after whitespace is dropped; every break
// that survives follows non-whitespace (or starts the string), so the
// second substitution turns it into a space.
func appendDropBreaks(b []byte, s string, c byte) []byte {
	prevSpace := false // the character before s is whitespace
	for {
		k := strings.IndexByte(s, c)
		if k < 0 {
			return append(b, s...)
		}
		if k > 0 {
			b = append(b, s[:k]...)
			prevSpace = endsWithSpace(s[:k])
		}
		if !prevSpace {
			b = append(b, ' ')
		}
		prevSpace = true // the break itself is whitespace
		s = s[k+1:]
	}
}

// endsWithSpace reports whether the last code point of a non-empty s is
// Python whitespace (an invalid byte is not).
func endsWithSpace(s string) bool {
	if c := s[len(s)-1]; c < utf8.RuneSelf {
		return c == ' ' || c >= '\t' && c <= '\r' || c >= 0x1c && c <= 0x1f
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return py.IsSpace(r)
}

// dropBreaks is appendDropBreaks as a string.
func dropBreaks(s string, c byte) string {
	if strings.IndexByte(s, c) < 0 {
		return s
	}
	return bytesView(appendDropBreaks(make([]byte, 0, len(s)), s, c))
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
