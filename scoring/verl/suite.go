// Package verl holds the rule-based reward functions of verl
// (verl/utils/reward_score/) and default_compute_score's dispatch on
// data_source, ported so that each returns the value the Python reference
// computes, quirks included.
//
// The Sample's Completion is verl's solution_str (the decoded response) and
// its Answer is reward_model.ground_truth.
package verl

import (
	"unicode/utf8"

	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/mathruler"
)

// Name is the suite's prefix in SUITE:NAME.
const Name = "verl"

// Suite is verl's reward set.
func Suite(o *scoring.Options) scoring.Suite {
	geo := geo3kGrader{mathruler.Options{RoundInts: o.MathRulerRoundInt, FracParens: o.MathRulerFracParens}}
	return scoring.Suite{
		Name: Name,
		Doc:  "verl verl/utils/reward_score: default_compute_score and the rule-based scorers it dispatches to",
		Rewards: []scoring.RewardInfo{
			{Name: "score", Doc: "default_compute_score: the scorer the line's data_source selects (--data-source for lines without one)", New: scoring.Stateless(dispatch{geo: geo}.score)},
			{Name: "gsm8k", Doc: "gsm8k.compute_score: the last '#### number' of the last 300 characters equals the ground truth", New: scoring.Stateless(gsm8k)},
			{Name: "math", Doc: "math_reward.compute_score: the last \\boxed{} equals the ground truth after Hendrycks' strip_string", New: scoring.Stateless(mathReward)},
			{Name: "math_dapo", Doc: "math_dapo.compute_score's score: 1.0 or -1.0 on the normalised last 'Answer:' line", New: scoring.Stateless(mathDAPO)},
			{Name: "math_dapo_acc", Doc: "math_dapo.compute_score's acc (as 1.0/0.0); explain shows its pred", New: scoring.Stateless(mathDAPOAcc)},
			{Name: "geo3k", Doc: "geo3k.compute_score: 0.9 × mathruler grade_answer of the last \\boxed{} + 0.1 × format (<think>…</think>…\\boxed{…})", New: scoring.Stateless(geo.score)},
			{Name: "geo3k_acc", Doc: "geo3k.acc_reward: mathruler grade_answer of the last \\boxed{} content against the ground truth", New: scoring.Stateless(geo.acc)},
			{Name: "geo3k_format", Doc: "geo3k.format_reward: 1.0 when the response is <think>…</think>…\\boxed{…}", New: scoring.Stateless(geo3kFormatReward)},
			{Name: "prime_math", Doc: "prime_math.compute_score (numina_* data sources)", Unavailable: "answers PRM800K's grade_answer rejects go on to math_equal (sympy's ANTLR parse_latex, N() within isclose(rel_tol=1e-4), pi as math.pi and 3.14, 10 s timeouts): not ported"},
			{Name: "prime_code", Doc: "prime_code.compute_score (codecontests, apps, codeforces, taco)", Unavailable: "runs the generated code against test cases: code execution is out of scope"},
			{Name: "sandbox_fusion", Doc: "sandbox_fusion.compute_score", Unavailable: "runs the generated code in a remote sandbox: code execution is out of scope"},
			{Name: "search_r1_like_qa_em", Doc: "search_r1_like_qa_em.compute_score: the last <answer> equals a ground_truth[\"target\"] after normalize_answer", New: scoring.Stateless(searchR1)},
		},
	}
}

func boolScore(ok bool) float64 {
	if ok {
		return 1.0
	}
	return 0.0
}

// lastRunes is s[-n:] on a Python str: the last n code points.
func lastRunes(s string, n int) string {
	count := 0
	for i := len(s); i > 0; {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
		count++
		if count == n {
			return s[i:]
		}
	}
	return s
}
