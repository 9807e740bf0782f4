package vlmr1

import (
	"strings"

	"github.com/grpo-score/grpo-score/scoring"
)

// internvlIoU is InvernVLModule.iou_reward: Qwen's inclusive-pixel IoU of
// the first [x1, y1, x2, y2] of the first answer block, without the rescale
// to the image, so it needs no image fields.
func internvlIoU(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	return moduleIoU(s, true, tr)
}

// internvlFormat is InvernVLModule.format_reward_rec: a search for
// <think>.*?</think>\s*<answer>.*?\[\d+,\s*\d+,\s*\d+,\s*\d+\].*?</answer>
// with DOTALL: Qwen's pattern without the braces around the box.
func internvlFormat(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	ok := internvlFormatMatch(s.Completion)
	tr.Add("search <think>…</think>\\s*<answer>…[d, d, d, d]…</answer>", ok)
	return boolReward(ok), nil
}

func internvlFormatMatch(c string) bool {
	q, ok := thinkThenAnswer(c)
	if !ok {
		return false
	}
	_, end, ok := findBoxPattern(c, q, true)
	return ok && strings.Contains(c[end:], closeTag)
}
