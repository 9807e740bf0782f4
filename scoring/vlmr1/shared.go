package vlmr1

import (
	"strings"

	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/pyjson"
)

// Work that accuracy (weighted_sum) and length both do on a line, done once
// per line through scoring.Remember: clean_text of each side, and
// detection_score of the cleaned sides. Each side is cleaned only when a
// reward needs it: length needs the completion's clean text only when the
// solution has boxes.

var (
	cleanCompletionKey = scoring.NewMemoKey[string]("clean_text of the completion")
	cleanSolutionKey   = scoring.NewMemoKey[string]("clean_text of the solution")
	detectionKey       = scoring.NewMemoKey[detectionOutcome]("detection_score of the clean texts")
	loadsKey           = scoring.NewMemoKey[loadsOutcome]("json.loads of a completion's JSON text")
)

type detectionOutcome struct {
	score float64
	err   error
}

// cleanSides is clean_text of the completion and of the solution.
func cleanSides(s *scoring.Sample) (content, sol string) {
	return cleanCompletion(s), cleanSolution(s)
}

func cleanCompletion(s *scoring.Sample) string {
	return scoring.RememberBy(s, cleanCompletionKey, scoring.NoParams{}, func() string { return cleanText(s.Completion) })
}

func cleanSolution(s *scoring.Sample) string {
	return scoring.RememberBy(s, cleanSolutionKey, scoring.NoParams{}, func() string { return cleanText(s.Solution) })
}

type loadsOutcome struct {
	v   pyjson.Value
	err error
}

// sharedLoads is pyjson.Loads(js), once per Sample and text: repetition
// reads the first JSON block of the completion, map and od the last (of
// the last answer block), the same text when there is one block. Values
// are never changed once decoded, so callers may share them. s may be
// nil (no sharing).
func sharedLoads(s *scoring.Sample, js string) (pyjson.Value, error) {
	if s == nil {
		return pyjson.Loads(js)
	}
	o := scoring.RememberBy(s, loadsKey, js, func() loadsOutcome {
		v, err := pyjson.Loads(js)
		return loadsOutcome{v, err}
	})
	return o.v, o.err
}

// sharedDetectionScore is detectionScore of the clean sides with params p.
// With a trace (explain) it runs again, so that every reward's trace shows
// the steps.
func sharedDetectionScore(s *scoring.Sample, p scoring.DetectionParams, tr *scoring.Trace) (float64, error) {
	if tr.On() {
		c, sol := cleanSides(s)
		return detectionScore(c, sol, p, tr)
	}
	o := scoring.RememberBy(s, detectionKey, p, func() detectionOutcome {
		c, sol := cleanSides(s)
		if !mayHoldJSONFence(sol) {
			// No ground-truth boxes: 1.0 when there are no predicted ones
			// either, and nothing can raise.
			return detectionOutcome{score: boolReward(!mayHoldJSONFence(c) || len(detectionBoxes(s, c)) == 0)}
		}
		v, err := detectionScoreOn(s, c, sol, p, nil)
		return detectionOutcome{v, err}
	})
	return o.score, o.err
}

// detectionError is the exception, if any, of the accuracy step of
// cosine_rewards, whose value the reference then overwrites: none when the
// clean solution is "none" or holds no ```json block, since detection_score
// then has no ground-truth boxes and returns without raising (its
// prediction side catches everything). Otherwise detection_score runs,
// shared with weighted_sum.
func detectionError(s *scoring.Sample, p scoring.DetectionParams) error {
	if sol := cleanSolution(s); sol == "none" || !mayHoldJSONFence(sol) {
		return nil
	}
	_, err := sharedDetectionScore(s, p, nil)
	return err
}

// mayHoldJSONFence reports whether clean_text(t) can hold a ```json block,
// for t a clean_text result: only if t holds "```json". clean_text keeps
// or drops characters, turns line breaks into spaces and lower-cases; a
// break it drops follows whitespace that stays, and no character but '`'
// lower-cases to '`', none but j, s, o, n and their capitals to those
// letters (TestLowerMakesNoFenceLetters), and t has no capitals left. So
// "```json" in clean_text(t) was "```json" in t.
func mayHoldJSONFence(t string) bool { return strings.Contains(t, jsonFenceOpen) }
