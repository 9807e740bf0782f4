package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/grpo-score/grpo-score/jsonlio"
	"github.com/grpo-score/grpo-score/pipeline"
	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/mathverify"
	"github.com/grpo-score/grpo-score/scoring/suites"
)

// rewardFlags are the flags that decide what is computed: shared by score,
// check and explain so that check recomputes exactly what score wrote.
type rewardFlags struct {
	rewards  []string
	method   string
	taskType string
	weights  string

	completionField, solutionField, methodField  string
	conversationsField                           string
	imageWidthField, imageHeightField, gridField string
	groupField                                   string
	dataSourceField, dataSource                  string
	tokenCountField                              string
	preset                                       string
	inputFormat, records, inputSizeField         string
	groupBuffer                                  string
	groupContiguous                              bool
	join, joinOn                                 string

	opts scoring.Options
	fs   *pflag.FlagSet // to tell flags given on the command line from defaults, for --preset
}

func (f *rewardFlags) register(fs *pflag.FlagSet) {
	f.fs = fs
	f.opts = scoring.DefaultOptions()
	fs.StringSliceVarP(&f.rewards, "reward", "r", []string{"accuracy", "format"}, "rewards to compute, comma-separated (as the trainer's --reward_funcs; see 'grpo-score rewards')")
	fs.StringVarP(&f.method, "method", "m", "default", "accuracy method for lines without accu_reward_method (the trainer's --reward_method)")
	fs.StringVar(&f.taskType, "task-type", "", `"rec": accuracy and format become qwen_module.py's REC IoU and REC format rewards`)
	fs.StringVar(&f.opts.ModelFamily, "model-family", "qwen", `REC rewards of which vlm_modules module: "qwen", "glm" or "internvl"`)
	fs.StringVarP(&f.weights, "weights", "w", "", `weights of the total "reward": "1,0.5" in --reward order, or "format=0.5" by name (default 1 each)`)

	fs.StringVar(&f.completionField, "completion-field", "completion", "field (dotted path) holding the completion: a string or a chat list")
	fs.StringVar(&f.solutionField, "solution-field", "solution", "field (dotted path) holding the solution")
	fs.StringVar(&f.conversationsField, "conversations-field", "conversations.1.value", "fallback solution field of VLM-R1 dataset lines")
	fs.StringVar(&f.methodField, "method-field", "accu_reward_method", "field naming the line's accuracy method")
	fs.StringVar(&f.imageWidthField, "image-width-field", "image_width", "REC: field with the original image width")
	fs.StringVar(&f.imageHeightField, "image-height-field", "image_height", "REC: field with the original image height")
	fs.StringVar(&f.gridField, "image-grid-field", "image_grid_thw", "REC: field with Qwen2-VL's image_grid_thw")
	fs.StringVar(&f.dataSourceField, "data-source-field", "data_source", "verl: field naming the line's data_source, which verl:score dispatches on")
	fs.StringVar(&f.tokenCountField, "token-count-field", "", "open-r1/trl soft_overlong_punishment: field with the completion's token count or its token ids (default: count with the tokenizer)")
	fs.StringVar(&f.dataSource, "data-source", "", "verl: data_source of lines without that field")
	fs.StringVar(&f.groupField, "group-field", "", `group key field (e.g. a prompt id): adds "advantage" and group statistics; "step,input" is a composite key, "uid|step,input" takes uid where a line has it`)
	fs.StringVar(&f.preset, "preset", "", "flags for a trainer's dump: "+presetNames()+" (explicit flags win)")
	fs.StringVar(&f.inputFormat, "input-format", "", "input format: jsonl, json, parquet or vlm-r1-log (default: recognised from the first bytes)")
	fs.StringVar(&f.records, "records", "", `JSON documents: field (dotted path) holding the array of records, e.g. "results"`)
	fs.StringVar(&f.inputSizeField, "input-size-field", "", "REC: field with the model input's [height, width], instead of image_grid_thw (VLM-R1 eval output)")
	fs.StringVar(&f.groupBuffer, "group-buffer", "1G", "with --group-field: bytes of lines held back per file while their groups are open (K, M, G suffixes); a group's lines must lie within it")
	fs.StringVar(&f.join, "join", "", "bring the solution, accu_reward_method and REC sizes the lines lack in from this dataset (JSON Lines, a VLM-R1 conversations file, ...), by --on")
	fs.StringVar(&f.joinOn, "on", "prompt", `with --join: the key field, or "DUMPFIELD=DATASETFIELD" (e.g. prompt=conversations.0.value)`)
	fs.BoolVar(&f.groupContiguous, "group-contiguous", false, "with --group-field: a group ends where another begins, so lines stream out without waiting for the end of the file; a key that recurs later is an input error")

	d := &f.opts.Detection
	fs.Float64Var(&d.IoUThreshold, "iou-threshold", d.IoUThreshold, "weighted_sum/length: IoU a greedy match needs")
	fs.Float64Var(&d.Alpha, "alpha", d.Alpha, "weighted_sum/length: weight of the position score")
	fs.Float64Var(&d.Beta, "beta", d.Beta, "weighted_sum/length: weight of the label score")
	fs.Float64Var(&d.Gamma, "gamma", d.Gamma, "weighted_sum/length: weight of the completeness score")

	cos := &f.opts.Cosine
	fs.Float64Var(&cos.MinLenValueWrong, "cosine-min-len-value-wrong", cos.MinLenValueWrong, "length: reward of a wrong answer at length 0")
	fs.Float64Var(&cos.MaxLenValueWrong, "cosine-max-len-value-wrong", cos.MaxLenValueWrong, "length: reward of a wrong answer at the maximum length")
	fs.Float64Var(&cos.MinLenValueCorrect, "cosine-min-len-value-correct", cos.MinLenValueCorrect, "length: reward of a correct answer at length 0")
	fs.Float64Var(&cos.MaxLenValueCorrect, "cosine-max-len-value-correct", cos.MaxLenValueCorrect, "length: reward of a correct answer at the maximum length")
	fs.Float64Var(&cos.MaxLen, "cosine-max-len", cos.MaxLen, "length: cosine_max_len, the half period in tokens")
	fs.BoolVar(&cos.UseAccuracy, "cosine-use-accuracy", false, "length: use detection_score to pick the curve (fixes the reference, which always uses the correct curve)")
	fs.StringVar(&f.opts.TokenizerPath, "tokenizer", "", "length: a Hugging Face tokenizer.json to count tokens with (default: the embedded Qwen2.5 tokenizer)")

	ov, rp := &f.opts.Overlong, &f.opts.Repetition
	fs.IntVar(&ov.MaxCompletionLen, "max-completion-len", ov.MaxCompletionLen, "open-r1/trl soft_overlong_punishment: max_completion_len, in tokens")
	fs.IntVar(&ov.SoftPunishCache, "soft-punish-cache", ov.SoftPunishCache, "open-r1/trl soft_overlong_punishment: soft_punish_cache, in tokens")
	fs.IntVar(&rp.NGrams, "repetition-n-grams", rp.NGrams, "open-r1/trl repetition_penalty: n-gram size")
	fs.Float64Var(&rp.MaxPenalty, "repetition-max-penalty", rp.MaxPenalty, "open-r1/trl repetition_penalty: penalty of a fully repetitive completion (not positive)")

	oc, tc := &f.opts.OpenR1Cosine, &f.opts.TRLCosine
	fs.Float64Var(&oc.MinValueWrong, "openr1-cosine-min-value-wrong", oc.MinValueWrong, "open-r1 cosine: reward of a wrong answer at length 0")
	fs.Float64Var(&oc.MaxValueWrong, "openr1-cosine-max-value-wrong", oc.MaxValueWrong, "open-r1 cosine: reward of a wrong answer at max_len")
	fs.Float64Var(&oc.MinValueCorrect, "openr1-cosine-min-value-correct", oc.MinValueCorrect, "open-r1 cosine: reward of a correct answer at max_len")
	fs.Float64Var(&oc.MaxValueCorrect, "openr1-cosine-max-value-correct", oc.MaxValueCorrect, "open-r1 cosine: reward of a correct answer at length 0")
	fs.IntVar(&oc.MaxLen, "openr1-cosine-max-len", oc.MaxLen, "open-r1 cosine: max_len, in characters")
	fs.IntVar(&tc.MaxLen, "trl-cosine-max-len", tc.MaxLen, "trl cosine_scaled_reward: max_len, in tokens (required: TRL has no default)")

	l := &f.opts.LLM
	fs.StringVar(&l.Model, "llm-model", l.Model, "llm: judge model name")
	fs.IntVar(&l.Concurrency, "llm-concurrency", l.Concurrency, "llm: requests in flight at most")
	fs.Float64Var(&l.TimeoutSec, "llm-timeout", l.TimeoutSec, "llm: seconds per request")
	fs.IntVar(&l.Retries, "llm-retries", l.Retries, "llm: retries after a failed request, with backoff (a server's Retry-After is honoured up to 10 s)")
	fs.Float64Var(&l.BudgetSec, "llm-budget", l.BudgetSec, "llm: seconds all judge requests together may take, from the first; then lines fall back at once (0: no limit)")
	fs.IntVar(&l.BreakerFailures, "llm-breaker", 5, "llm: consecutive failed requests that declare the judge down (lines then fall back at once; one request probes it every 30 s); negative: never")
	fs.BoolVar(&l.Strict, "llm-strict", false, "llm: a judge that does not answer is an error (reward null, exit 4) instead of the reference's exact-match fallback")
	fs.BoolVar(&f.opts.MathRulerRoundInt, "mathruler-round-int", false, `verl geo3k: round a near-integer answer in MathRuler's _str_to_int (fixes the reference, which truncates: \boxed{2.99999999\,} becomes 2)`)
	fs.BoolVar(&f.opts.MathRulerFracParens, "mathruler-frac-parens", false, `verl geo3k: parenthesise \frac's sums and compound denominators when MathRuler renders LaTeX (fixes the reference, where \frac{1}{1+\sqrt{2}} reads 1/1+sqrt(2))`)
	fs.DurationVar(&f.opts.MathBudget, "math-budget", mathverify.DefaultTimeout, "math_verify work allowed per answer (parses, comparisons, normalisation); past it the answer gets math_verify's timeout outcome and is counted")
}

// completeRewardFlags completes the values of the enumerated reward flags
// of c in the shell.
func completeRewardFlags(c *cobra.Command) {
	reg := func() *scoring.Registry { return suites.NewRegistry(scoring.DefaultOptions()) }
	completeValues(c, "reward", func() []string { return rewardNames(reg()) })
	completeValues(c, "method", func() []string { return methodNames(reg()) })
	completeValues(c, "task-type", fixed("default", "rec"))
	completeValues(c, "preset", fixed(presetList()...))
	completeValues(c, "model-family", fixed("qwen", "glm", "internvl"))
	completeValues(c, "input-format", fixed("jsonl", "json", "parquet", "vlm-r1-log"))
}

// rewardNames are the names -r takes: the default suite's bare names, then
// every suite's SUITE:NAME.
func rewardNames(reg *scoring.Registry) []string {
	var names []string
	for i, s := range reg.Suites() {
		for _, r := range s.SortedRewards() {
			if i == 0 {
				names = append(names, r.Name)
			}
		}
	}
	for _, s := range reg.Suites() {
		for _, r := range s.SortedRewards() {
			names = append(names, s.Name+":"+r.Name)
		}
	}
	return names
}

// sameKind keeps the qualified names (SUITE:NAME) when name is one, else
// the bare names: what a misspelt name is compared with and listed beside.
func sameKind(name string, names []string) []string {
	qualified := strings.Contains(name, ":")
	var out []string
	for _, n := range names {
		if strings.Contains(n, ":") == qualified {
			out = append(out, n)
		}
	}
	return out
}

// methodNames are the default suite's accuracy methods, which -m names.
func methodNames(reg *scoring.Registry) []string {
	var names []string
	if s := reg.Suites(); len(s) > 0 {
		for _, m := range s[0].SortedMethods() {
			names = append(names, m.Name)
		}
	}
	return names
}

// build turns the flags into the pipeline's rewards and fields.
func (f *rewardFlags) build(e *env) ([]pipeline.NamedReward, *scoring.Registry, pipeline.Fields, error) {
	if err := applyPreset(f.fs, f.preset); err != nil {
		return nil, nil, pipeline.Fields{}, usageErr("%v", err)
	}
	f.opts.Method = f.method
	f.opts.TaskType = f.taskType
	f.opts.LLM.BaseURL = e.getenv("OPENAI_API_BASE")
	f.opts.LLM.APIKey = e.getenv("OPENAI_API_KEY")
	f.opts.LLM.Context = e.ctx
	f.opts.LLM.Warn = warner(e.stderr)
	if f.opts.LLM.Concurrency < 1 {
		return nil, nil, pipeline.Fields{}, usageErr("--llm-concurrency must be at least 1, not %d", f.opts.LLM.Concurrency)
	}
	f.opts.Counts = &scoring.Counts{}
	reg := suites.NewRegistry(f.opts)

	var names []string
	scoresNothing := false
	for _, n := range f.rewards {
		n = strings.TrimSpace(n)
		if n == "none" || n == "vlm-r1:none" {
			scoresNothing = true
			continue
		}
		if n == "" {
			continue
		}
		names = append(names, n)
	}
	if len(names) == 0 && !scoresNothing {
		return nil, nil, pipeline.Fields{}, usageErr("-r %q names no reward (-r none runs the pipeline without scoring)", strings.Join(f.rewards, ","))
	}
	weights, err := parseWeights(f.weights, names)
	if err != nil {
		return nil, nil, pipeline.Fields{}, usageErr("%v", err)
	}
	var rewards []pipeline.NamedReward
	seen := map[string]bool{}
	for i, n := range names {
		if seen[n] {
			return nil, nil, pipeline.Fields{}, usageErr("reward %q named twice", n)
		}
		seen[n] = true
		r, err := reg.Build(n)
		switch {
		case err == nil:
		case strings.HasPrefix(err.Error(), "unknown reward suite "):
			return nil, nil, pipeline.Fields{}, usageErr("%v", err)
		case strings.HasPrefix(err.Error(), "unknown reward "):
			return nil, nil, pipeline.Fields{}, unknownName("reward", n, sameKind(n, rewardNames(reg)))
		case strings.HasPrefix(err.Error(), "unknown accuracy method "):
			return nil, nil, pipeline.Fields{}, unknownName("accuracy method", f.method, methodNames(reg))
		default:
			return nil, nil, pipeline.Fields{}, usageErr("%v", err)
		}
		rewards = append(rewards, pipeline.NamedReward{Name: n, Reward: r, Weight: weights[i]})
	}
	fields, err := f.fields()
	if err != nil {
		return nil, nil, pipeline.Fields{}, usageErr("%v", err)
	}
	return rewards, reg, fields, nil
}

// fields resolves the field flags; a flag given on the command line beats
// the preset's value for it.
func (f *rewardFlags) fields() (pipeline.Fields, error) {
	out := pipeline.Fields{DefaultDataSource: f.dataSource}
	if f.groupField != "" {
		g, err := pipeline.ParseGroupKey(f.groupField)
		if err != nil {
			return out, fmt.Errorf("--group-field: %v", err)
		}
		out.Group = g
	}
	for _, p := range []struct {
		dst *jsonlio.Path
		src string
	}{
		{&out.Completion, f.completionField}, {&out.Solution, f.solutionField}, {&out.Conversations, f.conversationsField},
		{&out.Method, f.methodField}, {&out.ImageWidth, f.imageWidthField}, {&out.ImageHeight, f.imageHeightField},
		{&out.GridTHW, f.gridField}, {&out.InputSize, f.inputSizeField}, {&out.DataSource, f.dataSourceField}, {&out.TokenCount, f.tokenCountField},
	} {
		if p.src == "" {
			continue
		}
		path, err := jsonlio.ParsePath(p.src)
		if err != nil {
			return out, err
		}
		*p.dst = path
	}
	return out, nil
}

// readOptions says how inputs become records; call after build, which
// applies the preset.
func (f *rewardFlags) readOptions() (jsonlio.ReadOptions, error) {
	opt := jsonlio.ReadOptions{Format: f.inputFormat}
	if f.records != "" {
		p, err := jsonlio.ParsePath(f.records)
		if err != nil {
			return opt, usageErr("--records: %v", err)
		}
		opt.Records = p
	}
	if f.inputFormat != "" && !slices.Contains(jsonlio.Formats, f.inputFormat) {
		return opt, usageErr("--input-format %q: want one of %s", f.inputFormat, strings.Join(jsonlio.Formats, ", "))
	}
	return opt, nil
}

// configure sets what the pipeline needs from the input flags: how inputs
// become records, and the group buffer. Call after build, which applies the
// preset.
func (f *rewardFlags) configure(cfg *pipeline.Config) error {
	var err error
	if cfg.Read, err = f.readOptions(); err != nil {
		return err
	}
	if cfg.GroupBuffer, err = parseSize(f.groupBuffer); err != nil {
		return usageErr("--group-buffer: %v", err)
	}
	cfg.GroupContiguous = f.groupContiguous
	if f.join != "" {
		dumpKey, dataKey, ok := strings.Cut(f.joinOn, "=")
		if !ok {
			dataKey = dumpKey
		}
		on, err := jsonlio.ParsePath(strings.TrimSpace(dumpKey))
		if err != nil {
			return usageErr("--on: %v", err)
		}
		dataOn, err := jsonlio.ParsePath(strings.TrimSpace(dataKey))
		if err != nil {
			return usageErr("--on: %v", err)
		}
		j, err := pipeline.LoadJoin(context.Background(), f.join, nil, on, dataOn, cfg.Fields, jsonlio.ReadOptions{MaxLine: cfg.MaxLineBytes})
		var re *jsonlio.ReadError
		switch {
		case errors.As(err, &re):
			return ioErr(fmt.Errorf("--join: %w", err))
		case err != nil:
			return &exitError{code: ExitInput, err: fmt.Errorf("--join: %w", err)}
		}
		cfg.Join = j
	}
	return nil
}

// parseSize reads a byte count such as 512M or 1G (powers of 1024).
func parseSize(s string) (int64, error) {
	t := strings.TrimSpace(strings.ToUpper(s))
	t = strings.TrimSuffix(strings.TrimSuffix(t, "B"), "I")
	mult := int64(1)
	if n := len(t); n > 0 {
		if i := strings.IndexByte("KMGT", t[n-1]); i >= 0 {
			mult = int64(1) << (10 * (i + 1))
			t = t[:n-1]
		}
	}
	v, err := strconv.ParseInt(t, 10, 64)
	if err != nil || v <= 0 {
		return 0, fmt.Errorf("%q is not a positive size such as 512M", s)
	}
	return v * mult, nil
}

// expandInputs defaults to standard input and replaces directories by
// their dump files in step order.
func expandInputs(args []string) ([]string, error) {
	if len(args) == 0 {
		return []string{"-"}, nil
	}
	out, err := jsonlio.ExpandDirs(args)
	if err != nil {
		return nil, usageErr("%v", err)
	}
	return out, nil
}

// parseWeights reads "1,0.5" (positional) or "format=0.5,accuracy=2".
func parseWeights(s string, names []string) ([]float64, error) {
	w := make([]float64, len(names))
	for i := range w {
		w[i] = 1
	}
	if strings.TrimSpace(s) == "" {
		return w, nil
	}
	parts := strings.Split(s, ",")
	if !strings.Contains(s, "=") {
		if len(parts) != len(names) {
			return nil, fmt.Errorf("--weights has %d values for %d rewards", len(parts), len(names))
		}
		for i, p := range parts {
			v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
			if err != nil {
				return nil, fmt.Errorf("--weights: %q is not a number", p)
			}
			w[i] = v
		}
		return w, nil
	}
	for _, p := range parts {
		name, val, ok := strings.Cut(p, "=")
		if !ok {
			return nil, fmt.Errorf("--weights: %q is not name=value", p)
		}
		name = strings.TrimSpace(name)
		idx := -1
		for i, n := range names {
			if n == name {
				idx = i
			}
		}
		if idx < 0 {
			return nil, fmt.Errorf("--weights names %q, which is not among the rewards", name)
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
		if err != nil {
			return nil, fmt.Errorf("--weights: %q is not a number", val)
		}
		w[idx] = v
	}
	return w, nil
}

// warner writes the LLM judge's state changes to stderr, one whole line at a
// time: requests run on many goroutines.
func warner(stderr io.Writer) func(string) {
	var mu sync.Mutex
	return func(msg string) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintln(stderr, "grpo-score: warning:", msg)
	}
}
