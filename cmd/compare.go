package cmd

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/grpo-score/grpo-score/compare"
	"github.com/grpo-score/grpo-score/jsonlio"
	"github.com/grpo-score/grpo-score/pipeline"
	"github.com/grpo-score/grpo-score/scoring"
)

type compareFlags struct {
	rf      rewardFlags
	as      []string
	jobs    int
	quiet   bool
	jsonOut bool
	output  string
	top     int
	idField string
	flags   *pflag.FlagSet
}

func newCompareCmd(e *env) *cobra.Command {
	f := &compareFlags{}
	c := &cobra.Command{
		Use:   "compare [FILE...] --as NAME='FLAGS' --as NAME='FLAGS' ...",
		Short: "Score several reward configurations in one read of a dump and compare their learning signals",
		Long: `Compare reads the dump once and scores every line under each configuration given
with --as NAME='FLAGS' (FLAGS are score's reward flags: -r, -m, -w, --task-type,
the detection and cosine constants, ...; reward flags given before the first
--as apply to every configuration, a configuration's own flags override them).
It reports each configuration's distributions side by side and, for every pair,
the Pearson and Spearman correlations of the totals and of each shared reward;
with --group-field, the zero-std groups (no learning signal), the groups that
move between zero and non-zero std, and the lines whose advantage changes sign;
and the lines that differ most, with their ids for 'explain'.

Field flags (--completion-field, --group-field, ...) are shared by all
configurations; --method-field '' inside a configuration makes it ignore the
lines' own accuracy method, so that its -m applies to every line.`,
		Example: `  grpo-score compare dump.jsonl --as A='-m odLength' --as B='-m weighted_sum' --as C='-m od_ap -w accuracy=2,format=1' --method-field ''
  grpo-score compare dump.jsonl --group-field prompt_id --as old='-r accuracy,format' --as new='-r accuracy,format,length' --json > cmp.json`,
		RunE: func(c *cobra.Command, args []string) error { return runCompare(e, f, args) },
	}
	c.AddCommand(newCompareMergeCmd(e))
	fs := c.Flags()
	f.flags = fs
	f.rf.register(fs)
	completeRewardFlags(c)
	fs.StringArrayVar(&f.as, "as", nil, `a configuration: NAME='FLAGS' (at least two)`)
	fs.IntVarP(&f.jobs, "jobs", "j", 0, "scoring goroutines (default: one per CPU); the result does not depend on it")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "no progress bar on standard error")
	fs.BoolVar(&f.jsonOut, "json", false, "write the comparison as JSON (for 'report', mergeable) instead of a table")
	fs.StringVarP(&f.output, "output", "o", "-", `where the table or JSON goes ("-" is standard output)`)
	fs.IntVar(&f.top, "top", 10, "lines listed per pair by |Δ total| and by |Δ advantage|")
	fs.StringVar(&f.idField, "id-field", "id", "field (dotted path) naming a line in the top lists; empty for none")
	return c
}

func newCompareMergeCmd(e *env) *cobra.Command {
	var table bool
	c := &cobra.Command{
		Use:   "merge FILE...",
		Short: "Merge 'compare --json' results of shards into the comparison of the whole (JSON on stdout)",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			var idField string
			all, err := mergeFiles(args, func(data []byte) (*compare.Comparison, error) {
				c, id, err := compare.ReadJSON(data)
				if idField == "" {
					idField = id
				}
				return c, err
			}, (*compare.Comparison).Merge)
			if err != nil {
				return err
			}
			if table {
				return all.WriteTable(e.stdout)
			}
			return all.WriteJSON(e.stdout, idField)
		},
	}
	c.Flags().BoolVar(&table, "table", false, "print the merged comparison as a table instead of JSON")
	return c
}

// fieldFlags are shared by every configuration: one read of the dump
// builds one sample per line.
var fieldFlags = []string{"completion-field", "solution-field", "conversations-field", "image-width-field",
	"image-height-field", "image-grid-field", "group-field", "preset"}

var configName = regexp.MustCompile(`^[A-Za-z0-9_.+-]+$`)

func runCompare(e *env, f *compareFlags, args []string) error {
	if err := checkJobs(f.flags, f.jobs); err != nil {
		return err
	}
	if len(f.as) < 2 {
		return usageErr("compare needs at least two configurations: --as A='FLAGS' --as B='FLAGS'")
	}
	if f.top < 0 {
		return usageErr("--top must be at least 0")
	}
	fields, err := f.rf.fields()
	if err != nil {
		return usageErr("%v", err)
	}
	var idPath jsonlio.Path
	if f.idField != "" {
		if idPath, err = jsonlio.ParsePath(f.idField); err != nil {
			return usageErr("--id-field: %v", err)
		}
	}
	var configs []compare.Config
	var sets []pipeline.RewardSet
	for _, spec := range f.as {
		cf, set, err := f.configuration(e, spec, configs)
		if err != nil {
			return err
		}
		configs, sets = append(configs, cf), append(sets, set)
	}
	if len(args) == 0 {
		args = []string{"-"}
	}
	outFlag := outputFlag{"-o", f.output}
	if err := checkFiles(args, e.stdin, []outputFlag{outFlag}); err != nil {
		return err
	}
	cmp := compare.New(configs, fields.Group != nil, f.top, idPath)
	cmp.OnInvalid = func(o *pipeline.Outcome, config string, err error) {
		fmt.Fprintf(e.stderr, "%s:%d: configuration %s: %v\n", o.File, o.Line, config, err)
	}
	cfg := &pipeline.Config{Fields: fields, Sets: sets, Jobs: f.jobs, Discard: true, Sink: cmp}
	// The dump is read as score reads it: input formats, --join, the group
	// buffer and --group-contiguous (without which grouped lines wait for
	// the end of the file).
	if err := f.rf.configure(cfg); err != nil {
		return err
	}
	hintStdin(e, args)
	bar := startProgress(e, f.quiet, "comparing", args, storedBytes)
	cfg.Progress, cfg.ProgressLines = bar.counters()
	res, runErr := pipeline.Run(e.ctx, cfg, args, e.stdin, io.Discard, e.stderr)
	bar.done()
	if res.Interrupted {
		return interruptErr(e.ctx, "compare did not finish; no report")
	}
	if runErr != nil {
		return ioErr(runErr)
	}
	cmp.Finish(res)
	out, outFile, err := createOutput(outFlag, e.stdout)
	if err != nil {
		return err
	}
	if f.jsonOut {
		err = cmp.WriteJSON(out, f.idField)
	} else {
		err = cmp.WriteTable(out)
	}
	if outFile != nil {
		if err != nil {
			outFile.Abort()
		} else {
			err = outFile.Commit()
		}
	}
	if err != nil {
		return ioErr(fmt.Errorf("writing the comparison: %w", err))
	}
	if res.Counts.Invalid > 0 && res.Counts.Invalid+res.Counts.Blank == res.Counts.Read {
		return &exitError{code: ExitInput, err: fmt.Errorf("no line could be scored")}
	}
	return nil
}

// configuration parses one --as NAME='FLAGS': the reward flags given to
// compare itself, then the configuration's own.
func (f *compareFlags) configuration(e *env, spec string, before []compare.Config) (compare.Config, pipeline.RewardSet, error) {
	name, flags, ok := strings.Cut(spec, "=")
	if !ok || !configName.MatchString(name) {
		return compare.Config{}, pipeline.RewardSet{}, usageErr("--as %q: want NAME='FLAGS' with a NAME of letters, digits and _.+-", spec)
	}
	for _, b := range before {
		if b.Name == name {
			return compare.Config{}, pipeline.RewardSet{}, usageErr("--as: configuration %s given twice", name)
		}
	}
	words, err := splitWords(flags)
	if err != nil {
		return compare.Config{}, pipeline.RewardSet{}, usageErr("--as %s: %v", name, err)
	}
	var rf rewardFlags
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	rf.register(fs)
	var inherit error
	f.flags.Visit(func(fl *pflag.Flag) {
		if fs.Lookup(fl.Name) == nil || inherit != nil {
			return
		}
		v := fl.Value.String()
		if sv, ok := fl.Value.(pflag.SliceValue); ok {
			v = strings.Join(sv.GetSlice(), ",")
		}
		inherit = fs.Set(fl.Name, v)
	})
	if inherit != nil {
		return compare.Config{}, pipeline.RewardSet{}, usageErr("%v", inherit)
	}
	if err := fs.Parse(words); err != nil {
		return compare.Config{}, pipeline.RewardSet{}, usageErr("--as %s: %v", name, err)
	}
	if fs.NArg() > 0 {
		return compare.Config{}, pipeline.RewardSet{}, usageErr("--as %s: unexpected %q (a configuration holds flags only)", name, fs.Arg(0))
	}
	for _, ff := range fieldFlags {
		if fs.Lookup(ff).Value.String() != f.flags.Lookup(ff).Value.String() {
			return compare.Config{}, pipeline.RewardSet{}, usageErr("--as %s: --%s is shared by every configuration; give it before the configurations", name, ff)
		}
	}
	ignoreMethod := false
	if fl := fs.Lookup("method-field"); fl.Changed {
		switch {
		case fl.Value.String() == "":
			ignoreMethod = true
		case fl.Value.String() != f.rf.methodField:
			return compare.Config{}, pipeline.RewardSet{}, usageErr("--as %s: --method-field may only be '' (ignore the lines' own method) inside a configuration", name)
		}
	}
	rewards, reg, _, err := rf.build(e)
	if err != nil {
		return compare.Config{}, pipeline.RewardSet{}, err
	}
	for i := range rewards {
		rewards[i].Key = computationKey(rewards[i].Name, rf.opts, reg.MethodOf(rewards[i].Name) != nil, ignoreMethod)
	}
	mo := methodOf(reg, rewards)
	if ignoreMethod {
		for i := range rewards {
			rewards[i].Reward = withoutLineMethod{rewards[i].Reward}
		}
		if mo != nil {
			inner := mo
			mo = func(s *scoring.Sample) string { c := *s; c.Method = ""; return inner(&c) }
		}
	}
	names := make([]string, len(rewards))
	for i, r := range rewards {
		names[i] = r.Name
	}
	return compare.Config{Name: name, Args: strings.TrimSpace(flags), Rewards: names},
		pipeline.RewardSet{Rewards: rewards, MethodOf: mo}, nil
}

// computationKey names what a reward computes: its name and every option
// it may read, so configurations that share it (A and B differing only in
// weights, or in -m for a reward that does not dispatch on the method)
// score it once per line. Only a reward that dispatches on the accuracy
// method reads the method and the lines' own methods.
func computationKey(name string, opts scoring.Options, readsMethod, ignoreLineMethod bool) string {
	if !readsMethod {
		opts.Method, ignoreLineMethod = "", false
	}
	return fmt.Sprintf("%s\x00%#v\x00%v", name, opts, ignoreLineMethod)
}

// withoutLineMethod scores a sample as if its line named no accuracy
// method, so that the configuration's -m applies: score with
// --method-field ”.
type withoutLineMethod struct{ r scoring.Reward }

func (w withoutLineMethod) Score(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	// The Sample itself, not a copy: the values rewards share through
	// scoring.Remember (clean texts, COCO evaluations) are then shared with
	// the other configurations too. None of them depends on the method.
	method := s.Method
	s.Method = ""
	defer func() { s.Method = method }()
	return w.r.Score(s, tr)
}

// splitWords splits a configuration's flags as a POSIX shell would split
// words: blanks separate, '...' is literal, "..." and \ escape.
func splitWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unterminated ' in %q", s)
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte(`"\$`+"`", s[i+1]) >= 0 {
					i++
				}
				cur.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, fmt.Errorf(`unterminated " in %q`, s)
			}
			inWord = true
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
			inWord = true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}
