package openr1

import (
	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/mathverify"
)

// The parse configurations of rewards.py.
var (
	// goldFirstMatch is parse(sol, extraction_mode="first_match").
	goldFirstMatch = func() mathverify.Config {
		c := mathverify.DefaultConfig()
		c.FirstMatch = true
		return c
	}()
	// goldLatexFirstMatch adds extraction_config=[LatexExtractionConfig()].
	goldLatexFirstMatch = func() mathverify.Config {
		l := mathverify.DefaultLatexConfig()
		return mathverify.Config{Latex: &l, FirstMatch: true}
	}()
)

// answerConfig is the completion's parse: LaTeX only, boxed first, no
// unanchored match, first_match, with nits and malformed_operators off.
// boxed is "all" in accuracy_reward and Python's True in the length rewards,
// which extracts nothing in normalize_latex.
func answerConfig(boxed string) mathverify.Config {
	return mathverify.Config{
		Latex: &mathverify.LatexConfig{
			BoxedMatchPriority: 0,
			Normalization:      mathverify.Normalization{BasicLatex: true, Equations: true, Units: true, Boxed: boxed},
		},
		FirstMatch: true,
	}
}

var (
	accuracyAnswer = answerConfig("all")
	lengthAnswer   = answerConfig("True")
)

// accuracy is accuracy_reward: the gold parsed with the default targets in
// first_match mode; None (written as null) when nothing parses; else
// verify(gold, answer) as 1.0 or 0.0.
func accuracy(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	if s.SolutionErr != nil {
		return 0, s.SolutionErr
	}
	gold := mathverify.ParseConfig(s.Answer, goldFirstMatch)
	if tr.On() {
		tr.Add("parse(gold)", gold.Strings())
	}
	if gold.Len() == 0 {
		return 0, &scoring.NoneError{Reason: "the gold solution does not parse"}
	}
	answer := mathverify.ParseConfig(s.Completion, accuracyAnswer)
	ok := mathverify.Verify(gold, answer)
	if tr.On() {
		tr.Add("parse(completion)", answer.Strings())
		tr.Add("verify(gold, answer)", ok)
	}
	return boolScore(ok), nil
}
