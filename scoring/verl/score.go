package verl

import (
	"fmt"
	"strings"

	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/pyjson"
)

// score is default_compute_score(data_source, solution_str, ground_truth):
// the scorer the line's data_source selects, its result as a float (the
// "score" of a dict result, as the reward manager takes it). Data sources
// whose scorer is not ported are an input error that names it; unknown ones
// raise NotImplementedError, as in verl.
func score(s *scoring.Sample, tr *scoring.Trace) (float64, error) { return dispatch{}.score(s, tr) }

// dispatch is default_compute_score with the corrections of the scorers it
// calls (the zero value is the reference).
type dispatch struct{ geo geo3kGrader }

func (d dispatch) score(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	ds := s.DataSource
	tr.Add("data_source", ds)
	switch {
	case ds == "openai/gsm8k":
		return gsm8k(s, tr)
	case ds == "lighteval/MATH" || ds == "DigitalLearningGmbH/MATH-lighteval" || ds == "HuggingFaceH4/MATH-500":
		return mathReward(s, tr)
	case ds == "math_dapo" || ds == "math" || ds == "math_dapo_reasoning" || strings.HasPrefix(ds, "aime"):
		return mathDAPO(s, tr)
	case strings.HasPrefix(ds, "numina_") && isNumina(ds):
		return 0, notPorted(ds, "prime_math")
	case ds == "codecontests" || ds == "apps" || ds == "codeforces" || ds == "taco":
		return 0, notPorted(ds, "prime_code or sandbox_fusion")
	case ds == "hiyouga/geometry3k":
		return d.geo.score(s, tr)
	case strings.HasPrefix(ds, "searchR1_") && isSearchR1(ds):
		return searchR1(s, tr)
	case ds == "":
		return 0, &scoring.InputError{Msg: "no data_source field (give --data-source or --data-source-field)"}
	}
	return 0, &scoring.PyError{Type: "NotImplementedError", Msg: fmt.Sprintf("Reward function is not implemented for data_source=%s", pyjson.Repr(pyjson.Str(ds)))}
}

func isNumina(ds string) bool {
	switch ds {
	case "numina_aops_forum", "numina_synthetic_math", "numina_amc_aime", "numina_synthetic_amc", "numina_cn_k12", "numina_olympiads":
		return true
	}
	return false
}

func isSearchR1(ds string) bool {
	switch ds {
	case "searchR1_nq", "searchR1_triviaqa", "searchR1_popqa", "searchR1_hotpotqa", "searchR1_2wikimultihopqa", "searchR1_musique", "searchR1_bamboogle":
		return true
	}
	return false
}

func notPorted(ds, scorer string) error {
	return &scoring.InputError{Msg: fmt.Sprintf("data_source %q is scored by %s, which grpo-score does not implement (see 'grpo-score rewards')", ds, scorer)}
}
