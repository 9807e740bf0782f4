package vlmr1

import (
	"strings"

	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/pyjson"
)

// glmIoU is GLMVModule.iou_reward: the first [x1, y1, x2, y2] of the first
// answer block as the model wrote it (the rescale is commented out in the
// reference) and its continuous IoU with the solution's box: no -1 on the far
// edges, no +1 on the extents. The solution is parsed outside the try, so a
// solution that is not JSON raises; every failure after that scores 0.0.
// The reference also opens image_path and reads image_grid_thw, neither of
// which reaches the value; grpo-score needs neither.
func glmIoU(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	return moduleIoU(s, false, tr)
}

// moduleIoU is the iou_reward of the modules that do not rescale (GLM,
// InternVL), with the pixel convention of their iou.
func moduleIoU(s *scoring.Sample, inclusive bool, tr *scoring.Trace) (float64, error) {
	sol, err := solutionBox(s.Solution, tr)
	if err != nil {
		return 0, err
	}
	coords, ok := answerBox(s.Completion, tr)
	if !ok {
		return 0.0, nil
	}
	box := bigList(coords)
	if tr.On() {
		tr.Add("predicted box", pyjson.Repr(box))
	}
	v, err := boxIoUWith(box, sol, inclusive)
	if err != nil {
		if tr.On() {
			tr.Add("iou raised (caught)", err.Error())
		}
		return 0.0, nil
	}
	return v, nil
}

// glmFormat is GLMVModule.format_reward_rec: a search for
// <think>(.*?)<answer>(.*?)</answer> with DOTALL, so "</think>" is not
// needed and nothing is asked of the answer.
func glmFormat(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	ok := glmFormatMatch(s.Completion)
	tr.Add("search <think>…<answer>…</answer>", ok)
	return boolReward(ok), nil
}

func glmFormatMatch(c string) bool {
	i := strings.Index(c, "<think>")
	if i < 0 {
		return false
	}
	c = c[i+len("<think>"):]
	j := strings.Index(c, openTag)
	return j >= 0 && strings.Contains(c[j+len(openTag):], closeTag)
}
