package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	json "github.com/goccy/go-json"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/grpo-score/grpo-score/jsonlio"
	"github.com/grpo-score/grpo-score/pipeline"
	"github.com/grpo-score/grpo-score/scoring/py"
)

type checkFlags struct {
	rf           rewardFlags
	golden       string
	key          string
	rewardsField string
	recorded     []string
	atol, rtol   float64
	// recFloat32: the values read with --recorded were stored as float32
	// (verl's token-level scores), so the recomputed value is compared
	// rounded so.
	recFloat32 bool
	jsonOut    bool
	jobs       int
	maxDiffs   int
	quiet      bool
	prefix     string
	// allowMissing accepts lines without recorded values, invalid lines and
	// unmatched --golden lines; minCompared is how many lines each reward
	// must be compared on (an explicit value implies allowMissing).
	allowMissing bool
	minCompared  int
	fs           *pflag.FlagSet
}

func newCheckCmd(e *env) *cobra.Command {
	f := &checkFlags{}
	c := &cobra.Command{
		Use:   "check [FILE...]",
		Short: "Recompute rewards and fail when they drift from the recorded ones",
		Long: `Check recomputes the selected rewards of every line and compares them with the
values recorded in the line's "rewards" field (a file written by 'score', or by a
trainer), or with a separate --golden file joined by --key (or by line number when
--key is empty). A reward that raised is recorded as null (or {"error": ...}) and
matches a recomputation that raises.

A value is compared when the line is valid, has a recorded object, and that
object holds the reward's name. Exit status: 1 when anything drifted; 5 when
check compared less than asked: a selected reward compared on no line, lines
without recorded values (for any selected reward), invalid lines, or --golden
lines that matched no line (or lines no --golden line matched). --allow-missing
accepts those as long as every reward is compared at least once; --min-compared N
asks each reward to be compared on at least N lines instead. 0 when clean.`,
		Example: `  grpo-score check -r accuracy,format scored.jsonl
  grpo-score check rollouts.jsonl --golden golden.jsonl --key id -r accuracy,format --json`,
		RunE: func(c *cobra.Command, args []string) error { return runCheck(c.Context(), e, f, args) },
	}
	fs := c.Flags()
	f.rf.register(fs)
	completeRewardFlags(c)
	fs.StringVar(&f.golden, "golden", "", "compare with the rewards of this file instead of each line's own")
	fs.StringVar(&f.key, "key", "id", "with --golden: field joining lines to golden lines; empty joins by line number")
	fs.StringVar(&f.rewardsField, "rewards-field", "rewards", "field holding the recorded rewards (an object of name: value)")
	fs.StringSliceVar(&f.recorded, "recorded", nil, `compare with the line's own fields under the trainer's names: "accuracy=accuracy_reward" for one reward, "score" or "{}_reward" ({} is the reward's name) for all; instead of --rewards-field`)
	fs.Float64Var(&f.atol, "atol", 0, "absolute tolerance (default exact)")
	fs.Float64Var(&f.rtol, "rtol", 0, "relative tolerance (default exact)")
	fs.BoolVar(&f.recFloat32, "recorded-float32", false, "the values read with --recorded were stored as float32 (verl's token-level scores; --preset verl sets it): compare the recomputed value rounded to float32 (not with --golden)")
	fs.BoolVar(&f.jsonOut, "json", false, "write the report as JSON (for CI annotations)")
	fs.IntVarP(&f.jobs, "jobs", "j", 0, "scoring goroutines (default: one per CPU)")
	fs.IntVar(&f.maxDiffs, "max-diffs", 50, "lines of diff to print at most (the summary counts all)")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "no progress bar on standard error")
	fs.StringVar(&f.prefix, "prefix", "", `compare with "PREFIXrewards", as 'score --prefix' writes them (unless --rewards-field is given)`)
	fs.BoolVar(&f.allowMissing, "allow-missing", false, "exit 0 although lines lacked recorded values, were invalid or were unmatched, as long as every reward was compared")
	fs.IntVar(&f.minCompared, "min-compared", 1, "each selected reward must be compared on at least this many lines (giving it implies --allow-missing)")
	f.fs = fs
	return c
}

// drift is one reward of one line that differs.
type drift struct {
	File   string   `json:"file"`
	Line   int      `json:"line"`
	Key    string   `json:"key,omitempty"`
	Reward string   `json:"reward"`
	Old    *float64 `json:"old"` // nil: recorded as an error
	New    *float64 `json:"new"` // nil: recomputation raised
	Delta  *float64 `json:"delta,omitempty"`
	Reason string   `json:"new_error,omitempty"`
}

type checkTally struct {
	Compared int `json:"compared"`
	Drifted  int `json:"drifted"`
	Missing  int `json:"missing"` // recomputed but not recorded
}

// checker is the pipeline sink that compares outcomes with recorded values.
type checker struct {
	f       *checkFlags
	names   []string
	golden  map[string]map[string]json.RawMessage
	keyPath jsonlio.Path
	recPath jsonlio.Path
	// fromFields, with --recorded, reads recorded values from fields.
	fromFields *recordedSource
	// float32Rec rounds the recomputed value to float32: --recorded-float32
	// where the values come from the trainer's fields (fromFields, no
	// --golden); a --golden file or a rewards field holds float64 values.
	float32Rec bool
	tally      map[string]*checkTally
	diffs      []drift
	lines      int
	nodiff     int             // lines without recorded values (or a golden counterpart)
	matched    map[string]bool // golden keys some line matched
	// notObject counts lines whose recorded field is not an object.
	notObject  int
	shortfalls []string
	stderr     io.Writer
}

func runCheck(ctx context.Context, e *env, f *checkFlags, args []string) error {
	rewards, reg, fields, err := f.rf.build(e)
	if err != nil {
		return err
	}
	if len(rewards) == 0 {
		return usageErr("check needs at least one reward (-r)")
	}
	if err := checkJobs(f.fs, f.jobs); err != nil {
		return err
	}
	if f.minCompared < 0 {
		return usageErr("--min-compared %d: want 0 or more", f.minCompared)
	}
	if f.prefix != "" && !f.fs.Changed("rewards-field") {
		f.rewardsField = f.prefix + "rewards"
	}
	ck := &checker{f: f, tally: map[string]*checkTally{}, stderr: e.stderr}
	for _, r := range rewards {
		ck.names = append(ck.names, r.Name)
		ck.tally[r.Name] = &checkTally{}
	}
	if ck.recPath, err = jsonlio.ParsePath(f.rewardsField); err != nil {
		return usageErr("--rewards-field: %v", err)
	}
	if len(f.recorded) > 0 && !f.fs.Changed("rewards-field") {
		if ck.fromFields, err = parseRecorded(f.recorded, ck.names); err != nil {
			return usageErr("%v", err)
		}
	}
	if f.key != "" {
		if ck.keyPath, err = jsonlio.ParsePath(f.key); err != nil {
			return usageErr("--key: %v", err)
		}
	}
	ck.float32Rec = f.recFloat32 && ck.fromFields != nil && f.golden == ""
	if f.recFloat32 && !ck.float32Rec && f.fs.Changed("recorded-float32") {
		return usageErr("--recorded-float32 applies to the trainer's fields read with --recorded, not to --golden or --rewards-field (their values are float64)")
	}
	if f.golden != "" {
		if ck.golden, err = loadGoldenRewards(f.golden, e, ck.keyPath, ck.recPath); err != nil {
			return err
		}
	}
	cfg := &pipeline.Config{Rewards: rewards, Fields: fields, Jobs: f.jobs, Sink: ck, MethodOf: methodOf(reg, rewards), MaxLineBytes: e.maxLine, WaitConcurrency: f.rf.opts.LLM.Concurrency}
	if err := f.rf.configure(cfg); err != nil {
		return err
	}
	if args, err = expandInputs(args); err != nil {
		return err
	}
	if err := checkFiles(args, e.stdin, nil); err != nil {
		return err
	}
	hintStdin(e, args)
	bar := startProgress(e, f.quiet, "checking", args, storedBytes)
	cfg.Progress, cfg.ProgressLines = bar.counters()
	res, err := pipeline.Run(ctx, cfg, args, e.stdin, io.Discard, e.stderr)
	bar.done()
	if err != nil {
		return ioErr(err)
	}
	if res.Interrupted {
		return interruptErr(ctx, "check did not finish; no report")
	}
	ck.shortfalls = ck.shortfall(res)
	if f.jsonOut {
		ck.writeJSON(e.stdout, res)
	} else {
		ck.writeText(e.stdout, res)
	}
	switch {
	case len(ck.diffs) > 0:
		return &exitError{code: ExitDrift}
	case len(ck.shortfalls) > 0:
		return &exitError{code: ExitIncomplete, err: fmt.Errorf("check compared less than asked: %s", strings.Join(ck.shortfalls, "; "))}
	}
	return nil
}

// shortfall lists what makes a run compare less than asked (exit 5).
func (ck *checker) shortfall(res *pipeline.Result) []string {
	var out []string
	for _, name := range ck.names {
		t := ck.tally[name]
		switch {
		case t.Compared >= ck.f.minCompared:
		case t.Compared == 0:
			out = append(out, fmt.Sprintf("%s compared on no line", name))
		default:
			out = append(out, fmt.Sprintf("%s compared on %d lines, fewer than --min-compared %d", name, t.Compared, ck.f.minCompared))
		}
	}
	if ck.f.allowMissing || ck.f.fs.Changed("min-compared") {
		return out
	}
	if ck.nodiff > 0 {
		what := fmt.Sprintf("without a recorded %q object", ck.f.rewardsField)
		if ck.fromFields != nil {
			what = "without any --recorded field (" + ck.fromFields.describe() + ")"
		}
		if ck.golden != nil {
			what = "that no --golden line matched"
		}
		out = append(out, fmt.Sprintf("%d lines %s", ck.nodiff, what))
	}
	for _, name := range ck.names {
		if t := ck.tally[name]; t.Missing > 0 && t.Compared > 0 {
			out = append(out, fmt.Sprintf("%s not recorded on %d lines", name, t.Missing))
		}
	}
	if res.Counts.Invalid > 0 {
		out = append(out, fmt.Sprintf("%d invalid lines", res.Counts.Invalid))
	}
	if n := len(ck.golden) - len(ck.matched); ck.golden != nil && n > 0 {
		out = append(out, fmt.Sprintf("%d --golden lines matched no line", n))
	}
	return out
}

// hintStdin says on stderr that a command is waiting for typed input, so
// that "grpo-score score" without a file does not look hung.
func hintStdin(e *env, args []string) {
	if !e.stdinTTY {
		return
	}
	for _, a := range args {
		if a == "-" {
			fmt.Fprintln(e.stderr, "grpo-score: reading JSON Lines from the terminal (standard input); give a FILE, or end the input with Ctrl-D")
			return
		}
	}
}

// loadGoldenRewards reads the recorded rewards of a golden file, keyed by
// the key field or by line number.
func loadGoldenRewards(path string, e *env, key, rec jsonlio.Path) (map[string]map[string]json.RawMessage, error) {
	out := map[string]map[string]json.RawMessage{}
	err := eachLine(path, e, func(file string, n int, line []byte) error {
		if jsonlio.IsBlank(line) {
			return nil
		}
		obj, err := jsonlio.ParseObject(line)
		if err != nil {
			return &exitError{code: ExitInput, err: fmt.Errorf("%s:%d: %v", file, n, err)}
		}
		k := strconv.Itoa(n)
		if key != nil {
			v, ok := obj.Get(key)
			if !ok {
				return &exitError{code: ExitInput, err: fmt.Errorf("%s:%d: missing key field %q", file, n, key)}
			}
			k = v.Text()
		}
		v, ok := obj.Get(rec)
		if !ok {
			return nil
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(v, &m); err != nil {
			return &exitError{code: ExitInput, err: fmt.Errorf("%s:%d: field %q: %v", file, n, rec, err)}
		}
		out[k] = m
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// eachLine is jsonlio.ForEachLine with read failures as I/O errors (exit 4)
// that stops, with the interrupt's exit status, once the run's context ends.
func eachLine(path string, e *env, fn func(file string, n int, line []byte) error) error {
	return eachRecord(path, e, jsonlio.ReadOptions{}, fn)
}

// eachRecord is eachLine reading the input as opt says (--input-format,
// --records).
func eachRecord(path string, e *env, opt jsonlio.ReadOptions, fn func(file string, n int, line []byte) error) error {
	ctx := e.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	opt.MaxLine = e.maxLine
	err := jsonlio.ForEachRecord(ctx, path, e.stdin, opt, fn)
	if ctx.Err() != nil {
		return interruptErr(ctx, "stopped before the end of "+path)
	}
	var re *jsonlio.ReadError
	if errors.As(err, &re) {
		return ioErr(err)
	}
	if jsonlio.IsLineTooLong(err) {
		return &exitError{code: ExitInput, err: err}
	}
	return err
}

func (ck *checker) Group(string, []*pipeline.Outcome) {}

func (ck *checker) Line(o *pipeline.Outcome) {
	ck.lines++
	obj, err := jsonlio.ParseObject(o.Input())
	if err != nil {
		return
	}
	key := ""
	if ck.keyPath != nil {
		if v, ok := obj.Get(ck.keyPath); ok {
			key = v.Text()
		}
	}
	var recorded map[string]json.RawMessage
	switch {
	case ck.golden != nil:
		gk := key
		if ck.keyPath == nil {
			gk = strconv.Itoa(o.Line)
		}
		if recorded = ck.golden[gk]; recorded != nil {
			if ck.matched == nil {
				ck.matched = map[string]bool{}
			}
			ck.matched[gk] = true
		}
	case ck.fromFields != nil:
		recorded = ck.fromFields.values(obj)
	default:
		if v, ok := obj.Get(ck.recPath); ok {
			if err := json.Unmarshal(v, &recorded); err != nil || v.Kind() != "object" {
				recorded = nil
				if ck.notObject == 0 {
					fmt.Fprintf(ck.stderr, "%s:%d: field %q is a JSON %s, not an object of reward name: value (see --rewards-field)\n", o.File, o.Line, ck.f.rewardsField, v.Kind())
				}
				ck.notObject++
			}
		}
	}
	if recorded == nil {
		ck.nodiff++
		return
	}
	for i, name := range ck.names {
		t := ck.tally[name]
		raw, ok := recorded[name]
		if !ok {
			t.Missing++
			continue
		}
		t.Compared++
		old, oldErr := recordedValue(raw)
		var nv *float64
		reason := ""
		if o.Errs[i] == nil {
			v := o.Values[i]
			nv = &v
		} else {
			reason = o.Errs[i].Error()
		}
		if ck.same(old, oldErr, nv) {
			continue
		}
		t.Drifted++
		d := drift{File: o.File, Line: o.Line, Key: key, Reward: name, New: nv, Reason: reason}
		if !oldErr {
			d.Old = &old
		}
		if d.Old != nil && d.New != nil {
			delta := math.Abs(*d.New - *d.Old)
			d.Delta = &delta
		}
		ck.diffs = append(ck.diffs, d)
	}
}

// recordedValue reads a recorded reward: a number, or null / {"error": ...}
// for a reward that raised.
func recordedValue(raw json.RawMessage) (float64, bool) {
	var f float64
	if err := json.Unmarshal(raw, &f); err != nil || string(raw) == "null" {
		return 0, true
	}
	return f, false
}

func (ck *checker) same(old float64, oldErr bool, nv *float64) bool {
	if oldErr || nv == nil {
		return oldErr && nv == nil
	}
	v := *nv
	if ck.float32Rec {
		v = float64(float32(v))
	}
	if old == v || (math.IsNaN(old) && math.IsNaN(v)) {
		return true
	}
	return math.Abs(v-old) <= ck.f.atol+ck.f.rtol*math.Abs(old)
}

func fmtOpt(v *float64) string {
	if v == nil {
		return "error"
	}
	return py.FormatFloat(*v)
}

func (ck *checker) writeText(w io.Writer, res *pipeline.Result) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	if len(ck.diffs) > 0 {
		fmt.Fprintln(tw, "LINE\tKEY\tREWARD\tOLD\tNEW\t|DELTA|")
		for i, d := range ck.diffs {
			if i == ck.f.maxDiffs {
				fmt.Fprintf(tw, "... %d more\n", len(ck.diffs)-i)
				break
			}
			delta := "-"
			if d.Delta != nil {
				delta = py.FormatFloat(*d.Delta)
			}
			newText := fmtOpt(d.New)
			if d.New == nil && d.Reason != "" {
				newText = "error: " + d.Reason
			}
			fmt.Fprintf(tw, "%s:%d\t%s\t%s\t%s\t%s\t%s\n", d.File, d.Line, d.Key, d.Reward, fmtOpt(d.Old), newText, delta)
		}
		fmt.Fprintln(tw)
	}
	fmt.Fprintln(tw, "REWARD\tCOMPARED\tDRIFTED\tNOT RECORDED")
	for _, name := range ck.names {
		t := ck.tally[name]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\n", name, t.Compared, t.Drifted, t.Missing)
	}
	tw.Flush()
	status := "clean"
	switch {
	case len(ck.diffs) > 0:
		status = fmt.Sprintf("DRIFT in %d values", len(ck.diffs))
	case len(ck.shortfalls) > 0:
		status = "INCOMPLETE (" + strings.Join(ck.shortfalls, "; ") + ")"
	}
	fmt.Fprintf(w, "%s: %d lines checked, %d without recorded rewards, %d invalid\n", status, ck.lines, ck.nodiff, res.Counts.Invalid)
}

func (ck *checker) writeJSON(w io.Writer, res *pipeline.Result) {
	report := struct {
		Clean      bool                   `json:"clean"`
		Lines      int                    `json:"lines"`
		Unrecorded int                    `json:"lines_without_recorded_rewards"`
		Invalid    int64                  `json:"invalid_lines"`
		Rewards    map[string]*checkTally `json:"rewards"`
		Drifts     []drift                `json:"drifts"`
		Incomplete []string               `json:"incomplete"`
	}{Clean: len(ck.diffs) == 0 && len(ck.shortfalls) == 0, Lines: ck.lines, Unrecorded: ck.nodiff, Invalid: res.Counts.Invalid,
		Rewards: ck.tally, Drifts: ck.diffs, Incomplete: ck.shortfalls}
	if report.Drifts == nil {
		report.Drifts = []drift{}
	}
	if report.Incomplete == nil {
		report.Incomplete = []string{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(report)
}
