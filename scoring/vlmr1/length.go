package vlmr1

import (
	"fmt"
	"math"

	"github.com/grpo-score/grpo-score/scoring/py"

	"github.com/grpo-score/grpo-score/scoring"
)

// tokenCounter counts tokens as the trainer's tokenizer.encode does.
type tokenCounter interface {
	Count(text string) int
}

// cosineLength is cosine_rewards: detection_score (or the "none" rule) on
// the cleaned sides, then the cosine schedule over the token count of the
// raw completion. The reference overwrites the accuracy with 1.0 before
// choosing the curve, so every answer takes the "correct" curve and the
// detection score only matters for the exceptions it raises; UseAccuracy
// restores the intended choice.
type cosineLength struct {
	tok tokenCounter
	p   scoring.CosineParams
	det scoring.DetectionParams
}

func newCosineLength(o *scoring.Options) (scoring.Reward, error) {
	tok, err := o.LoadTokenizer()
	if err != nil {
		return nil, fmt.Errorf("length: %w", err)
	}
	return &cosineLength{tok: tok, p: o.Cosine, det: o.Detection}, nil
}

func (c *cosineLength) Score(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	if s.SolutionErr != nil {
		return 0, s.SolutionErr
	}
	acc := 1.0
	if c.p.UseAccuracy || tr.On() {
		content, sol := cleanSides(s)
		if sol == "none" {
			acc = boolReward(content == "none")
		} else {
			var err error
			if acc, err = sharedDetectionScore(s, c.det, tr); err != nil {
				return 0, err
			}
		}
	} else if err := detectionError(s, c.det); err != nil {
		return 0, err
	}
	n := c.tok.Count(s.Completion)
	if !c.p.UseAccuracy {
		acc = 1.0
	}
	v := cosineReward(n, acc, c.p)
	if tr.On() {
		tr.Add("token count", n)
		tr.Add("accuracy used for the curve", acc)
		tr.Addf("cosine position", "%d / %s tokens (period %s)", n, fmtNum(c.p.MaxLen), fmtNum(2*c.p.MaxLen))
	}
	return v, nil
}

// cosineReward is cosine_reward with the operations in the reference's
// order; the length is not clamped, so the reward is periodic.
func cosineReward(genLen int, acc float64, p scoring.CosineParams) float64 {
	minV, maxV := p.MinLenValueWrong, p.MaxLenValueWrong
	if acc >= 0.7 {
		minV, maxV = p.MaxLenValueCorrect, p.MinLenValueCorrect
	}
	// Explicit conversions keep each rounding step, as in CPython: Go may
	// otherwise fuse a multiply and an add on FMA hardware.
	x := float64(float64(genLen)*math.Pi) / p.MaxLen
	return maxV - float64(float64((maxV-minV)*(1-py.Cos(x)))/2)
}

func fmtNum(f float64) string { return fmt.Sprint(f) }
