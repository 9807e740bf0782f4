package cmd

import (
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/pflag"
)

// presets are flag values for the dumps that trainers write, applied to
// every flag of the command that the command line did not set itself: an
// explicit flag always beats a preset.
var presets = map[string][][2]string{
	// verl's rollout_data_dir / validation_data_dir: {step}.jsonl with
	// input, output, gts, score, step (ray_trainer.py _dump_generations).
	// balance_batch reorders rows, so a group is the lines of one prompt
	// within one step, or of one uid where a dump has it.
	"verl": {
		{"completion-field", "output"},
		{"solution-field", "gts"},
		{"group-field", "uid|step,input|input"},
		{"recorded", "score"},
		// The naive reward manager writes the score into a float32 tensor;
		// the dump holds its row sum (0.9 is 0.8999999761581421).
		{"recorded-float32", "true"},
	},
	// TRL's completions/completions_{step:05d}.parquet: step, prompt,
	// completion, one column per reward function, advantage. No solution:
	// bring it in with --join.
	"trl": {
		{"completion-field", "completion"},
		{"group-field", "step,prompt"},
		{"recorded", "{}_reward,{}"},
	},
	// VLM-R1's DEBUG_MODE log ($LOG_PATH): the logged reward is recorded.
	"vlm-r1-log": {
		{"input-format", "vlm-r1-log"},
	},
	// VLM-R1's src/eval/test_rec_r1.py output.
	"vlm-r1-eval-rec": {
		{"records", "results"},
		{"completion-field", "model_output"},
		{"solution-field", "ground_truth"},
		{"task-type", "rec"},
		{"image-height-field", "image_size.0"},
		{"image-width-field", "image_size.1"},
		{"input-size-field", "input_size"},
	},
	// VLM-R1's src/eval/test_od_r1.py output.
	"vlm-r1-eval-od": {
		{"records", "results"},
		{"completion-field", "model_output"},
		{"solution-field", "ground_truth"},
	},
}

// presetList is the preset names in order, for help, errors and
// completion.
func presetList() []string {
	var names []string
	for n := range presets {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func presetNames() string { return strings.Join(presetList(), ", ") }

// applyPreset sets the preset's values on the flags of fs that were not
// given on the command line. Flags the command does not have are skipped.
func applyPreset(fs *pflag.FlagSet, name string) error {
	if name == "" {
		return nil
	}
	vals, ok := presets[name]
	if !ok {
		return fmt.Errorf("unknown --preset %q%s (known: %s)", name, didYouMean(name, presetList()), presetNames())
	}
	for _, kv := range vals {
		fl := fs.Lookup(kv[0])
		if fl == nil || fl.Changed {
			continue
		}
		if err := fl.Value.Set(kv[1]); err != nil {
			return fmt.Errorf("--preset %s: --%s: %v", name, kv[0], err)
		}
	}
	return nil
}
