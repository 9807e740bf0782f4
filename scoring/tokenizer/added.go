package tokenizer

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// addedToken is an added token as the matcher needs it.
type addedToken struct {
	content                    string // as matched: normalized if the token is
	id                         int32
	singleWord, lstrip, rstrip bool
}

// addedMatcher finds added tokens in text as Hugging Face's added vocabulary
// does: leftmost-longest, non-overlapping matches, filtered and widened by
// the single_word, lstrip and rstrip flags.
type addedMatcher struct {
	tokens  []addedToken
	byFirst [256][]int32 // token indices by first byte, longest first
}

func newAddedMatcher(tokens []addedToken) *addedMatcher {
	if len(tokens) == 0 {
		return nil
	}
	m := &addedMatcher{tokens: tokens}
	for i, t := range tokens {
		m.byFirst[t.content[0]] = append(m.byFirst[t.content[0]], int32(i))
	}
	for _, list := range m.byFirst {
		sort.SliceStable(list, func(a, b int) bool {
			return len(tokens[list[a]].content) > len(tokens[list[b]].content)
		})
	}
	return m
}

// find returns the leftmost-longest match at or after from.
func (m *addedMatcher) find(s string, from int) (start, end, index int, ok bool) {
	for i := from; i < len(s); i++ {
		for _, ti := range m.byFirst[s[i]] {
			if strings.HasPrefix(s[i:], m.tokens[ti].content) {
				return i, i + len(m.tokens[ti].content), int(ti), true
			}
		}
	}
	return 0, 0, 0, false
}

// split calls emit for each stretch of s in order: id -1 for text between
// added tokens, the token's id for a match (whose text may include the
// whitespace stripped by lstrip/rstrip).
func (m *addedMatcher) split(s string, emit func(seg string, id int32)) {
	done := 0 // end of the last emitted match
	for from := 0; from < len(s); {
		start, end, ti, ok := m.find(s, from)
		if !ok {
			break
		}
		from = end
		t := &m.tokens[ti]
		if t.singleWord && (endsWithWord(s[:start]) || startsWithWord(s[end:])) {
			continue
		}
		if t.lstrip {
			start = max(trailingSpaceStart(s[:start]), done)
		}
		if t.rstrip {
			end += leadingSpaceLen(s[end:])
		}
		// Hugging Face would fail on the overlaps rstrip can cause; keep
		// the stretches in order instead.
		start = max(start, done)
		end = max(end, start)
		if done < start {
			emit(s[done:start], -1)
		}
		emit(s[start:end], t.id)
		done = end
		from = max(from, end)
	}
	if done < len(s) {
		emit(s[done:], -1)
	}
}

func endsWithWord(s string) bool {
	r, n := utf8.DecodeLastRuneInString(s)
	return n > 0 && isWordRune(r)
}

func startsWithWord(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return n > 0 && isWordRune(r)
}

// trailingSpaceStart is where the run of White_Space ending s begins.
func trailingSpaceStart(s string) int {
	i := len(s)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.Is(unicode.White_Space, r) {
			break
		}
		i -= n
	}
	return i
}

// leadingSpaceLen is the length of the run of White_Space starting s.
func leadingSpaceLen(s string) int {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.Is(unicode.White_Space, r) {
			break
		}
		i += n
	}
	return i
}
