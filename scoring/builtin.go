package scoring

// builtinMethods lists the accuracy methods of accuracy_reward.
func builtinMethods(o *Options) []MethodInfo {
	return []MethodInfo{
		{Name: "default", Doc: "math_verify, then float() equality, choice letters or Levenshtein ratio", Fn: defaultAccuracy(mathVerify)},
		{Name: "mcq", Doc: "multiple-choice letter of the first <answer> block equals the ground truth's", Fn: MCQ},
		{Name: "yes_no", Doc: "first yes/no substring of the first <answer> block equals the ground truth's", Fn: YesNo},
		{Name: "llm", Doc: "an OpenAI-compatible judge answers 1.0 or 0.0; exact match when it fails", Fn: newLLMJudge(o.LLM).score},
		{Name: "map", Doc: "COCO AP@[.5:.95] of the last ```json block of the whole completion", Fn: MapMethod()},
		{Name: "math", Doc: "utils/math.py compute_score: exact, math_verify, then \\boxed normalisation", Fn: MathReward},
		{Name: "weighted_sum", Doc: "detection_score: greedy IoU matching, 0.7 position + 0.3 completeness", Fn: WeightedSum(o.Detection)},
		{Name: "od_ap", Doc: "COCO AP@[.5:.95] of the last <answer> block's ```json boxes", Fn: ODMethod(0)},
		{Name: "od_ap50", Doc: "COCO AP@.5 of the last <answer> block's ```json boxes", Fn: ODMethod(1)},
		{Name: "odLength", Doc: "od_ap times min(1, ground-truth boxes / predicted boxes)", Fn: ODLengthMethod()},
		{Name: "all_match", Doc: "clean_text of completion and solution are equal", Fn: AllMatch},
	}
}

// builtinRewards lists the rewards of reward_funcs_registry and qwen_module.py.
func builtinRewards() []RewardInfo {
	return []RewardInfo{
		{Name: "accuracy", Doc: "accuracy_reward: the line's accu_reward_method, else --method", New: newAccuracy},
		{Name: "format", Doc: "<think>...</think>\\s*<answer>...</answer> full match", New: plain(Format)},
		{Name: "length", Doc: "cosine length reward over the Qwen2.5 token count (cosine_rewards)", New: newCosineLength},
		{Name: "repetition", Doc: "n-gram repetition penalty; bbox JSON lists compared item by item", New: plain(Repetition)},
		{Name: "rec_iou", Doc: "REC IoU of the first [x1, y1, x2, y2] rescaled to the image (qwen_module.py)", New: plain(RECIoU)},
		{Name: "rec_format", Doc: "REC format: think/answer tags around {...[d, d, d, d]...}", New: plain(FormatREC)},
		{Name: "none", Doc: "scores nothing: the pipeline alone, to measure the I/O limit", New: plain(nothing)},
	}
}

func plain(f RewardFunc) func(*Options, map[string]MethodInfo) (Reward, error) {
	return func(*Options, map[string]MethodInfo) (Reward, error) { return f, nil }
}

// nothing is the "none" reward. The pipeline recognises it by name and writes
// no field for it; its value is never used.
func nothing(*Sample, *Trace) (float64, error) { return 0, nil }
