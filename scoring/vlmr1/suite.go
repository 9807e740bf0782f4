// Package vlmr1 holds the reward functions of VLM-R1's GRPO trainer
// (src/open-r1-multimodal/src/open_r1/grpo_jsonl.py and vlm_modules/), ported
// so that each returns the value the Python reference computes, quirks
// included. It is the default suite: bare reward names mean these.
package vlmr1

import (
	"fmt"

	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/judge"
)

// Name is the suite's prefix in SUITE:NAME.
const Name = "vlm-r1"

// Suite is VLM-R1's reward set for the options o.
func Suite(o *scoring.Options) scoring.Suite {
	known := builtinMethods(o)
	set := methodSet(known)
	var methods []scoring.MethodInfo
	for _, m := range known {
		methods = append(methods, scoring.MethodInfo{Name: m.Name, Doc: m.Doc, Implemented: m.Fn != nil})
	}
	return scoring.Suite{
		Name:    Name,
		Doc:     "VLM-R1 grpo_jsonl.py reward_funcs_registry and vlm_modules (bare names mean this suite)",
		Rewards: builtinRewards(o),
		Methods: methods,
		Resolve: func(name string) (string, error) {
			if _, ok := family(o.ModelFamily); !ok {
				return "", fmt.Errorf("unknown model family %q (known: qwen, glm, internvl)", o.ModelFamily)
			}
			return resolve(name, o.TaskType)
		},
		MethodReward: "accuracy",
		MethodOf: func(s *scoring.Sample) string {
			if o.TaskType == "rec" {
				return "rec"
			}
			return methodName(s, o.Method, set)
		},
	}
}

// module is one vlm_modules class's REC rewards.
type module struct{ iou, format scoring.RewardFunc }

// family is the module --model-family names; empty means qwen.
func family(name string) (module, bool) {
	switch name {
	case "", "qwen":
		return module{recIoU, recFormatReward}, true
	case "glm":
		return module{glmIoU, glmFormat}, true
	case "internvl":
		return module{internvlIoU, internvlFormat}, true
	}
	return module{}, false
}

// resolve applies the task type: with "rec", accuracy and format are the REC
// rewards, as the trainer's is_reward_customized_from_vlm_module does.
func resolve(name, taskType string) (string, error) {
	switch taskType {
	case "", "default":
		return name, nil
	case "rec":
		switch name {
		case "accuracy":
			return "rec_iou", nil
		case "format":
			return "rec_format", nil
		}
		return name, nil
	}
	return "", fmt.Errorf("unknown task type %q (known: default, rec)", taskType)
}

// builtinMethods lists the accuracy methods of accuracy_reward.
func builtinMethods(o *scoring.Options) []methodInfo {
	return []methodInfo{
		{Name: "default", Doc: "math_verify, then float() equality, choice letters or Levenshtein ratio", Fn: defaultAccuracy(mathVerifyIn(o))},
		{Name: "mcq", Doc: "multiple-choice letter of the first <answer> block equals the ground truth's", Fn: mcqReward},
		{Name: "yes_no", Doc: "first yes/no substring of the first <answer> block equals the ground truth's", Fn: yesNoReward},
		{Name: "llm", Doc: "an OpenAI-compatible judge answers 1.0 or 0.0; exact match when it fails", Fn: llmMethod(judge.New(o.LLM))},
		{Name: "map", Doc: "COCO AP@[.5:.95] of the last ```json block of the whole completion", Fn: mapMethod(), OnSample: mapOnSample()},
		{Name: "math", Doc: "utils/math.py compute_score: exact, math_verify, then \\boxed normalisation", Fn: mathReward(o)},
		{Name: "weighted_sum", Doc: "detection_score: greedy IoU matching, 0.7 position + 0.3 completeness", Fn: weightedSum(o.Detection), OnSample: weightedSumOnSample(o.Detection)},
		{Name: "od_ap", Doc: "COCO AP@[.5:.95] of the last <answer> block's ```json boxes", Fn: odMethod(0), OnSample: odOnSample(0)},
		{Name: "od_ap50", Doc: "COCO AP@.5 of the last <answer> block's ```json boxes", Fn: odMethod(1), OnSample: odOnSample(1)},
		{Name: "odLength", Doc: "od_ap times min(1, ground-truth boxes / predicted boxes)", Fn: odLengthMethod(), OnSample: odLengthOnSample()},
		{Name: "all_match", Doc: "clean_text of completion and solution are equal", Fn: allMatchReward},
	}
}

// builtinRewards lists the rewards of reward_funcs_registry and qwen_module.py.
func builtinRewards(o *scoring.Options) []scoring.RewardInfo {
	rec, _ := family(o.ModelFamily)
	return []scoring.RewardInfo{
		{Name: "accuracy", Doc: "accuracy_reward: the line's accu_reward_method, else --method", New: func() (scoring.Reward, error) { return newAccuracy(o) }},
		{Name: "format", Doc: "<think>...</think>\\s*<answer>...</answer> full match", New: scoring.Stateless(formatReward)},
		{Name: "length", Doc: "cosine length reward over the Qwen2.5 token count (cosine_rewards)", New: func() (scoring.Reward, error) { return newCosineLength(o) }},
		{Name: "repetition", Doc: "n-gram repetition penalty; bbox JSON lists compared item by item", New: newRepetition},
		{Name: "rec_iou", Doc: "REC IoU of the first [x1, y1, x2, y2]: qwen rescales to the image, glm is continuous, internvl inclusive-pixel (--model-family)", New: scoring.Stateless(rec.iou)},
		{Name: "rec_format", Doc: "REC format: qwen {...[d, d, d, d]...}, glm <think>...<answer>...</answer>, internvl [d, d, d, d] (--model-family)", New: scoring.Stateless(rec.format)},
		{Name: "none", Doc: "scores nothing: the pipeline alone, to measure the I/O limit", New: scoring.Stateless(nothing)},
	}
}

// nothing is the "none" reward. The pipeline recognises it by name and writes
// no field for it; its value is never used.
func nothing(*scoring.Sample, *scoring.Trace) (float64, error) { return 0, nil }
