package scoring

import (
	"sync/atomic"
	"time"

	"github.com/grpo-score/grpo-score/scoring/judge"
	"github.com/grpo-score/grpo-score/scoring/tokenizer"
)

// Options configures the rewards. The zero value is not useful: start from
// DefaultOptions, which holds the reference's constants.
type Options struct {
	// Method is the accuracy method for lines that name none (the trainer's
	// --reward_method, "default" when unset).
	Method string
	// TaskType "rec" swaps accuracy and format for the REC rewards of
	// qwen_module.py, as the trainer does with is_reward_customized_from_vlm_module.
	TaskType string
	// ModelFamily picks the vlm_modules module whose REC rewards rec_iou and
	// rec_format are: "qwen" (the default when empty), "glm" or "internvl".
	ModelFamily string

	Detection DetectionParams
	Cosine    CosineParams

	// TokenizerPath is a tokenizer.json for the length reward; empty means the
	// embedded Qwen2.5 tokenizer.
	TokenizerPath string

	// LLM configures the judge of the llm accuracy method.
	LLM judge.Options

	// Overlong and Repetition configure the open-r1 and TRL rewards of the
	// same names (GRPOScriptArguments' max_completion_len, soft_punish_cache,
	// repetition_n_grams, repetition_max_penalty).
	Overlong   OverlongParams
	Repetition RepetitionParams
	// OpenR1Cosine and TRLCosine are get_cosine_scaled_reward's arguments in
	// open-r1 (GRPOScriptArguments' defaults) and TRL (the function's
	// defaults; TRL has no default max_len, so 0 means "not given").
	OpenR1Cosine CosineScaledParams
	TRLCosine    CosineScaledParams
	// MathRulerRoundInt corrects MathRuler's _str_to_int (verl geo3k), which
	// truncates a value within 1e-7 of an integer (2.99999999 becomes 2).
	MathRulerRoundInt bool
	// MathRulerFracParens corrects MathRuler's LaTeX rendering of \frac
	// (pylatexenc's "%s/%s": \frac{x+1}{2} reads x+1/2).
	MathRulerFracParens bool
	// MathBudget is the time all the math_verify work on one answer may take
	// (parses, comparisons, normalisation, regexes); 0 means
	// mathverify.DefaultTimeout. Past it the answer gets math_verify's
	// timeout outcome.
	MathBudget time.Duration
	// Counts, when set, tallies what the run's rewards report across its
	// goroutines, for the summary.
	Counts *Counts
}

// Counts are tallies that rewards keep during one run.
type Counts struct {
	// MathTimeouts counts answers whose math_verify work ran out of time.
	MathTimeouts atomic.Int64
}

// CosineScaledParams are get_cosine_scaled_reward's arguments, with its
// names: a correct answer goes from MaxValueCorrect at length 0 to
// MinValueCorrect at MaxLen, a wrong one from MinValueWrong to MaxValueWrong.
type CosineScaledParams struct {
	MinValueWrong, MaxValueWrong, MinValueCorrect, MaxValueCorrect float64
	MaxLen                                                         int
}

// OverlongParams are get_soft_overlong_punishment's arguments, in tokens.
type OverlongParams struct {
	MaxCompletionLen int
	SoftPunishCache  int
}

// RepetitionParams are get_repetition_penalty_reward's arguments.
type RepetitionParams struct {
	NGrams     int
	MaxPenalty float64
}

// DetectionParams are detection_score's keyword arguments.
type DetectionParams struct {
	IoUThreshold float64 // a greedy match needs at least this IoU
	Alpha        float64 // weight of the position score (mean IoU)
	Beta         float64 // weight of the label score
	Gamma        float64 // weight of the completeness score
}

// CosineParams are cosine_reward's constants.
type CosineParams struct {
	MinLenValueWrong   float64
	MaxLenValueWrong   float64
	MinLenValueCorrect float64
	MaxLenValueCorrect float64
	MaxLen             float64
	// UseAccuracy gives the corrected behaviour: the reference overwrites the
	// accuracy with 1.0, so every answer takes the "correct" curve.
	UseAccuracy bool
}

// DefaultOptions returns the trainer's defaults.
func DefaultOptions() Options {
	return Options{
		Method:    "default",
		Detection: DetectionParams{IoUThreshold: 0.5, Alpha: 0.7, Beta: 0.0, Gamma: 0.3},
		Cosine: CosineParams{
			MinLenValueWrong:   0.0,
			MaxLenValueWrong:   -0.5,
			MinLenValueCorrect: 1.0,
			MaxLenValueCorrect: 0.5,
			MaxLen:             1024,
		},
		LLM:        judge.DefaultOptions(),
		Overlong:   OverlongParams{MaxCompletionLen: 16384, SoftPunishCache: 4096},
		Repetition: RepetitionParams{NGrams: 3, MaxPenalty: -1.0},
		OpenR1Cosine: CosineScaledParams{MinValueWrong: 0.0, MaxValueWrong: -0.5, MinValueCorrect: 0.5, MaxValueCorrect: 1.0,
			MaxLen: 1000},
		TRLCosine: CosineScaledParams{MinValueWrong: -1.0, MaxValueWrong: -0.5, MinValueCorrect: 0.5, MaxValueCorrect: 1.0},
	}
}

// LoadTokenizer is the tokenizer the token-counting rewards use: the file
// at TokenizerPath, or the embedded Qwen2.5 tokenizer when it is empty.
func (o *Options) LoadTokenizer() (*tokenizer.Tokenizer, error) {
	if o.TokenizerPath != "" {
		return tokenizer.Load(o.TokenizerPath)
	}
	return tokenizer.Default()
}
