package vlmr1

import "github.com/grpo-score/grpo-score/scoring"

// Work that accuracy (weighted_sum) and length both do on a line, done once
// per line through scoring.Remember: clean_text of each side, and
// detection_score of the cleaned sides.

var (
	cleanSidesKey = scoring.NewMemoKey[[2]string]("clean_text of completion and solution")
	detectionKey  = scoring.NewMemoKey[detectionOutcome]("detection_score of the clean texts")
)

type detectionOutcome struct {
	score float64
	err   error
}

// cleanSides is clean_text of the completion and of the solution.
func cleanSides(s *scoring.Sample) (content, sol string) {
	v := scoring.Remember(s, cleanSidesKey, nil, func() [2]string {
		return [2]string{cleanText(s.Completion), cleanText(s.Solution)}
	})
	return v[0], v[1]
}

// sharedDetectionScore is detectionScore of the clean sides with params p.
// With a trace (explain) it runs again, so that every reward's trace shows
// the steps.
func sharedDetectionScore(s *scoring.Sample, p scoring.DetectionParams, tr *scoring.Trace) (float64, error) {
	if tr.On() {
		c, sol := cleanSides(s)
		return detectionScore(c, sol, p, tr)
	}
	o := scoring.Remember(s, detectionKey, p, func() detectionOutcome {
		c, sol := cleanSides(s)
		v, err := detectionScore(c, sol, p, nil)
		return detectionOutcome{v, err}
	})
	return o.score, o.err
}
