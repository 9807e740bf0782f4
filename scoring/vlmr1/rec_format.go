package vlmr1

import (
	"strings"

	"github.com/grpo-score/grpo-score/scoring"
)

// recFormatReward is Qwen2VLModule.format_reward_rec: a search (not a full match)
// for <think>.*?</think>\s*<answer>.*?\{.*\[\d+,\s*\d+,\s*\d+,\s*\d+\].*\}.*?</answer>
// with DOTALL. Every gap is free, so taking the earliest candidate at each
// stage finds a match whenever one exists.
func recFormatReward(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	ok := recFormatMatch(s.Completion)
	tr.Add("search <think>…</think>\\s*<answer>…{…[d, d, d, d]…}…</answer>", ok)
	return boolReward(ok), nil
}

func recFormatMatch(c string) bool {
	q, ok := thinkThenAnswer(c)
	if !ok {
		return false
	}
	a := strings.IndexByte(c[q:], '{')
	if a < 0 {
		return false
	}
	_, bEnd, ok := findBoxPattern(c, q+a+1, true)
	if !ok {
		return false
	}
	k := strings.IndexByte(c[bEnd:], '}')
	if k < 0 {
		return false
	}
	return strings.Contains(c[bEnd+k+1:], closeTag)
}

// thinkThenAnswer searches <think>.*?</think>\s*<answer> with DOTALL and
// returns the offset just after the earliest such <answer>: later stages of
// the REC format patterns only need text after it, so the earliest is the
// one that finds a match whenever any does.
func thinkThenAnswer(c string) (int, bool) {
	i := strings.Index(c, "<think>")
	if i < 0 {
		return 0, false
	}
	for p := i + len("<think>"); p < len(c); {
		k := strings.Index(c[p:], "</think>")
		if k < 0 {
			return 0, false
		}
		r := skipSpace(c, p+k+len("</think>"))
		if strings.HasPrefix(c[r:], openTag) {
			return r + len(openTag), true
		}
		p += k + 1
	}
	return 0, false
}

// findBoxPattern finds the first match at or after from of
// \[(\d+),\s*(\d+),\s*(\d+),\s*(\d+)] (with spaces allowed after commas when
// spaced is true) and returns its start and end byte offsets. Digits are any
// Unicode decimal digits, as in Python's str patterns.
func findBoxPattern(c string, from int, spaced bool) (start, end int, ok bool) {
	for from < len(c) {
		k := strings.IndexByte(c[from:], '[')
		if k < 0 {
			return 0, 0, false
		}
		st := from + k
		if e, m := matchBoxAt(c, st+1, spaced); m {
			return st, e, true
		}
		from = st + 1
	}
	return 0, 0, false
}

// matchBoxAt matches `d+,\s*d+,\s*d+,\s*d+]` at p and returns the end offset.
func matchBoxAt(c string, p int, spaced bool) (int, bool) {
	for n := 0; n < 4; n++ {
		if n > 0 {
			if p >= len(c) || c[p] != ',' {
				return 0, false
			}
			p++
			if spaced {
				p = skipSpace(c, p)
			}
		}
		d := skipDigits(c, p)
		if d == p {
			return 0, false
		}
		p = d
	}
	if p >= len(c) || c[p] != ']' {
		return 0, false
	}
	return p + 1, true
}
