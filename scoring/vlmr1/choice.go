package vlmr1

import (
	"strings"

	"github.com/grpo-score/grpo-score/scoring/py"
)

// choiceKeywords raise a candidate letter's score when they appear within 20
// code points of it (already upper-cased, as the reference compares them).
var choiceKeywords = []string{
	"答案", "选择", "正确", "是", "对",
	"ANSWER", "CORRECT", "CHOOSE", "SELECT", "RIGHT",
	"认为", "应该", "觉得", "THINK", "BELIEVE", "SHOULD",
}

// extractChoice is the reference's extract_choice: the multiple-choice letter
// a text names, or "" when it names none. A letter counts when it is an ASCII
// capital not preceded by another and followed by . , ? ! : ; or the end of
// the text (so "(A)" has none). Among several, keyword context, a position in
// the last 30 % of the text and a following punctuation mark score points;
// the position is that of the letter's first occurrence anywhere in the text.
func extractChoice(text string) string {
	rs := normaliseSpaces(py.Upper(text))
	var choices []rune
	for i, r := range rs {
		if r < 'A' || r > 'Z' {
			continue
		}
		if i > 0 && rs[i-1] >= 'A' && rs[i-1] <= 'Z' {
			continue
		}
		if i+1 == len(rs) || strings.ContainsRune(".,?!:;", rs[i+1]) {
			choices = append(choices, r)
		}
	}
	switch len(choices) {
	case 0:
		return ""
	case 1:
		return string(choices[0])
	}
	// Scores are kept in first-appearance order because max() returns the
	// first of equal maxima; a repeated letter is scored once per repeat.
	order := make([]rune, 0, len(choices))
	score := map[rune]int{}
	for _, c := range choices {
		if _, seen := score[c]; !seen {
			order = append(order, c)
			score[c] = 0
		}
	}
	n := len(rs)
	for _, c := range choices {
		pos := indexRune(rs, c)
		ctx := string(rs[max(0, pos-20):min(n, pos+20)])
		for _, k := range choiceKeywords {
			if strings.Contains(ctx, k) {
				score[c]++
			}
		}
		if float64(pos) > float64(n)*0.7 {
			score[c] += 2
		}
		if pos < n-1 && strings.ContainsRune("。.!！,，", rs[pos+1]) {
			score[c]++
		}
	}
	best := order[0]
	for _, c := range order[1:] {
		if score[c] > score[best] {
			best = c
		}
	}
	return string(best)
}

// normaliseSpaces is re.sub(r'\s+', ' ', s) over code points.
func normaliseSpaces(s string) []rune {
	out := make([]rune, 0, len(s))
	inSpace := false
	for _, r := range s {
		if py.IsSpace(r) {
			if !inSpace {
				out = append(out, ' ')
			}
			inSpace = true
			continue
		}
		inSpace = false
		out = append(out, r)
	}
	return out
}

func indexRune(rs []rune, c rune) int {
	for i, r := range rs {
		if r == c {
			return i
		}
	}
	return -1
}
