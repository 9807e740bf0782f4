package openr1

import (
	"unicode/utf8"

	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/mathverify"
)

// length is len_reward (Kimi 1.5): within the batch, which here is the
// line's group, 0.5 - (len - min) / (max - min) over the completions'
// lengths in characters for a correct answer, and at most 0 for a wrong
// one; all 0.0 when every length is the same. Correctness is
// verify(answer, gold) with the length rewards' parse; a gold that does not
// parse counts as correct.
type length struct{}

// lengthPart is what Finish needs of one completion.
type lengthPart struct {
	n       int
	correct bool
}

// Score is the reward of a line alone: a group of one, so always 0.0.
func (length) Score(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	p, err := length{}.Part(s, tr)
	if err != nil {
		return 0, err
	}
	return length{}.Finish([]any{p})[0], nil
}

func (length) Part(s *scoring.Sample, tr *scoring.Trace) (any, error) {
	if s.SolutionErr != nil {
		return nil, s.SolutionErr
	}
	p := lengthPart{n: utf8.RuneCountInString(s.Completion), correct: true}
	gold := mathverify.ParseConfig(s.Answer, goldLatexFirstMatch)
	if gold.Len() > 0 {
		answer := mathverify.ParseConfig(s.Completion, lengthAnswer)
		p.correct = mathverify.Verify(answer, gold)
	}
	if tr.On() {
		tr.Add("parse(gold)", gold.Strings())
		tr.Add("correct", p.correct)
		tr.Add("length (characters)", p.n)
	}
	return p, nil
}

func (length) Finish(parts []any) []float64 {
	out := make([]float64, len(parts))
	lo, hi, seen := 0, 0, false
	for _, p := range parts {
		lp, ok := p.(lengthPart)
		if !ok {
			continue
		}
		if !seen || lp.n < lo {
			lo = lp.n
		}
		if !seen || lp.n > hi {
			hi = lp.n
		}
		seen = true
	}
	if lo == hi {
		return out
	}
	for i, p := range parts {
		lp, ok := p.(lengthPart)
		if !ok {
			continue
		}
		lambda := 0.5 - float64(lp.n-lo)/float64(hi-lo)
		if !lp.correct && lambda > 0 {
			lambda = 0
		}
		out[i] = lambda
	}
	return out
}
