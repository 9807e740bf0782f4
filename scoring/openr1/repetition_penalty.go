package openr1

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/py"
)

// repetitionPenalty is get_repetition_penalty_reward(ngram_size,
// max_penalty, language="en"): the n-grams of text.lower().split(), and
// (1 - distinct / total) * max_penalty; an empty completion or one with
// fewer words than n scores 0.0. No repeats give 0.0 * max_penalty, which
// is -0.0 for a negative penalty.
type repetitionPenalty struct{ p scoring.RepetitionParams }

func newRepetitionPenalty(p scoring.RepetitionParams) (scoring.Reward, error) {
	if p.MaxPenalty > 0 {
		return nil, fmt.Errorf("repetition_penalty: max_penalty %s should not be positive", py.FormatFloat(p.MaxPenalty))
	}
	if p.NGrams < 1 {
		return nil, fmt.Errorf("repetition_penalty: n-gram size %d: want at least 1", p.NGrams)
	}
	return &repetitionPenalty{p: p}, nil
}

func (r *repetitionPenalty) Score(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	if s.Completion == "" {
		return 0.0, nil
	}
	words := py.Split(py.Lower(s.Completion))
	if len(words) < r.p.NGrams {
		tr.Add("words", len(words))
		return 0.0, nil
	}
	total := len(words) - r.p.NGrams + 1
	distinct := map[string]struct{}{}
	var key strings.Builder
	for i := 0; i < total; i++ {
		key.Reset()
		for _, w := range words[i : i+r.p.NGrams] {
			// Length-prefixed, so that no two n-grams share a key.
			key.WriteString(strconv.Itoa(len(w)))
			key.WriteByte(':')
			key.WriteString(w)
		}
		distinct[key.String()] = struct{}{}
	}
	if tr.On() {
		tr.Addf("n-grams", "%d distinct of %d", len(distinct), total)
	}
	return (1 - float64(len(distinct))/float64(total)) * r.p.MaxPenalty, nil
}
