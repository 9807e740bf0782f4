package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/grpo-score/grpo-score/jsonlio"
	"github.com/grpo-score/grpo-score/pipeline"
)

type scoreFlags struct {
	rf      rewardFlags
	output  string
	jobs    int
	stats   string
	onError string
	quiet   bool
	shard   string
	// maxErrors is the number of invalid lines a run tolerates; -1 means
	// the default rule: invalid lines fail a run only when no line scored.
	maxErrors int
	prefix    string
}

func newScoreCmd(e *env) *cobra.Command {
	f := &scoreFlags{}
	c := &cobra.Command{
		Use:   "score [FILE...]",
		Short: "Score rollouts and write them back with their rewards",
		Long: `Score reads JSON Lines (files, or standard input when none or "-" is given; gzip
and zstd are recognised by their magic bytes), computes the selected rewards for
every line, and writes each line back in input order with "rewards", "reward"
(the weighted total) and, where a reward raised in the reference, "reward_errors"
appended. A summary goes to standard error.`,
		Example: `  grpo-score score dump.jsonl.zst -r accuracy,format -o scored.jsonl
  zcat dump.jsonl.gz | grpo-score score -r length | jq .reward`,
		RunE: func(c *cobra.Command, args []string) error { return runScore(c.Context(), e, f, args) },
	}
	fs := c.Flags()
	f.rf.register(fs)
	completeRewardFlags(c)
	fs.StringVarP(&f.output, "output", "o", "-", `output file ("-" is standard output)`)
	fs.IntVarP(&f.jobs, "jobs", "j", 0, "scoring goroutines (default: one per CPU); output order and bytes do not depend on it")
	fs.StringVar(&f.stats, "stats", "", `also write the summary statistics as JSON to this file ("-" is standard output; mergeable with 'stats merge')`)
	fs.StringVar(&f.onError, "on-error", "keep", "bad input lines: keep (write unchanged), skip (leave out) or fail (stop, exit 3)")
	fs.IntVar(&f.maxErrors, "max-errors", -1, "exit 3 when more input lines than this are invalid (default: only when no line could be scored)")
	fs.StringVar(&f.prefix, "prefix", "", `write "PREFIXrewards", "PREFIXreward", ... so the trainer's own "rewards", "reward" and "advantage" stay (e.g. rescored_)`)
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "no progress bar and no summary table on standard error")
	fs.StringVar(&f.shard, "shard", "", "K/N: score only every N-th line (or group) starting at the K-th (0-based), to split a dump across machines")
	completeValues(c, "on-error", fixed("keep", "skip", "fail"))
	return c
}

func runScore(ctx context.Context, e *env, f *scoreFlags, args []string) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if err := checkJobs(f.rf.fs, f.jobs); err != nil {
		return err
	}
	rewards, reg, fields, err := f.rf.build(e)
	if err != nil {
		return err
	}
	onErr, err := pipeline.ParseOnError(f.onError)
	if err != nil {
		return usageErr("%v", err)
	}
	cfg := &pipeline.Config{
		Rewards:      rewards,
		Fields:       fields,
		OnError:      onErr,
		Jobs:         f.jobs,
		MethodOf:     methodOf(reg, rewards),
		Prefix:       f.prefix,
		MaxLineBytes: e.maxLine,

		WaitConcurrency: f.rf.opts.LLM.Concurrency,
	}
	if err := f.rf.configure(cfg); err != nil {
		return err
	}
	if f.shard != "" {
		if cfg.ShardIndex, cfg.ShardCount, err = parseShard(f.shard, e.getenv); err != nil {
			return usageErr("%v", err)
		}
	}
	if args, err = expandInputs(args); err != nil {
		return err
	}
	if f.stats == "-" && (f.output == "" || f.output == "-") {
		return usageErr("--stats - and the scored lines would both go to standard output; give -o FILE")
	}
	outFlag, statsFlag := outputFlag{"-o", f.output}, outputFlag{"--stats", f.stats}
	if err := checkFiles(args, e.stdin, []outputFlag{outFlag, statsFlag}); err != nil {
		return err
	}
	out, outFile, err := createOutput(outFlag, e.stdout)
	if err != nil {
		return err
	}
	var statsFile *jsonlio.Output
	if f.stats != "" {
		if _, statsFile, err = createOutput(statsFlag, nil); err != nil {
			outFile.Abort()
			return err
		}
	}
	sum := newSummary(rewards)
	cfg.Sink = sum
	hintStdin(e, args)
	bar := startProgress(e, f.quiet, "scoring", args, storedBytes)
	cfg.Progress, cfg.ProgressLines = bar.counters()
	res, runErr := pipeline.Run(ctx, cfg, args, e.stdin, out, e.stderr)
	bar.done()
	var werr *pipeline.ErrWrite
	if errors.As(runErr, &werr) && isBrokenPipe(runErr) {
		runErr = nil // the reader went away (| head): not an error
	}
	// The output replaces the target when it holds the run's lines: all of
	// them, or the documented prefix (--on-error fail, a read error, a
	// signal). A failed write, or a run that failed before its first line,
	// leaves the previous file as it was.
	kept := werr == nil && (res.Counts.Written > 0 || (runErr == nil && !res.Interrupted && !res.InputFailed))
	if outFile != nil {
		if kept {
			if err := outFile.Commit(); err != nil && runErr == nil {
				runErr = &pipeline.ErrWrite{Err: err}
				kept = false
			}
		} else {
			outFile.Abort()
		}
		if !kept && !outFile.InPlace() {
			res.Counts.Written = 0 // nothing reached the file
			fmt.Fprintf(e.stderr, "grpo-score: %s left unchanged\n", f.output)
		}
	}
	sum.finish(res)
	if !f.quiet {
		sum.writeTable(e.stderr)
		if n := f.rf.opts.Counts.MathTimeouts.Load(); n > 0 {
			fmt.Fprintf(e.stderr, "math timeouts: %d lines got math_verify's timeout outcome (--math-budget %v)\n", n, f.rf.opts.MathBudget)
		}
	}
	if f.stats != "" {
		if err := writeStats(sum, statsFile, kept, e.stdout); err != nil && runErr == nil {
			runErr = err
		}
	}
	if res.Interrupted {
		where := "standard output"
		if outFile != nil {
			where = f.output
		}
		return interruptErr(ctx, fmt.Sprintf("%d lines written to %s, whole lines only", res.Counts.Written, where))
	}
	if runErr != nil {
		return ioErr(runErr)
	}
	if n := res.Counts.Unavailable; n > 0 {
		return ioErr(fmt.Errorf("the llm judge did not answer on %d lines (--llm-strict): their accuracy is null", n))
	}
	if res.InputFailed {
		return &exitError{code: ExitInput}
	}
	return tooManyErrors(res.Counts, f.maxErrors)
}

// tooManyErrors applies --max-errors: more invalid lines than allowed is a
// failed run (exit 3). Without the flag, invalid lines fail a run only when
// not one line could be scored (a text log, a Parquet file given as JSON
// Lines), so a run never succeeds on nothing.
func tooManyErrors(c pipeline.Counts, maxErrors int) error {
	scored := c.Read - c.Blank - c.Invalid
	switch {
	case maxErrors >= 0 && c.Invalid > int64(maxErrors):
		return &exitError{code: ExitInput, err: fmt.Errorf("%d invalid input lines, more than --max-errors %d", c.Invalid, maxErrors)}
	case maxErrors < 0 && c.Invalid > 0 && scored == 0:
		return &exitError{code: ExitInput, err: fmt.Errorf("no line could be scored: all %d non-blank lines are invalid", c.Invalid)}
	}
	return nil
}

// writeStats writes --stats when the output was kept: the statistics always
// describe what the output holds.
func writeStats(sum *summary, file *jsonlio.Output, kept bool, stdout io.Writer) error {
	if file == nil {
		if !kept {
			return nil
		}
		return sum.s.WriteJSON(stdout)
	}
	if !kept {
		file.Abort()
		return nil
	}
	if err := sum.s.WriteJSON(file); err != nil {
		file.Abort()
		return fmt.Errorf("--stats %s: %w", file.Name, err)
	}
	if err := file.Commit(); err != nil {
		return fmt.Errorf("--stats %w", err)
	}
	return nil
}

// parseShard reads "K/N"; K may be "$JOB_COMPLETION_INDEX"-style "env:NAME".
func parseShard(s string, getenv func(string) string) (int, int, error) {
	k, n, ok := strings.Cut(s, "/")
	if !ok {
		return 0, 0, fmt.Errorf("--shard %q: want K/N, e.g. 0/4", s)
	}
	if name, isEnv := strings.CutPrefix(k, "env:"); isEnv {
		if k = getenv(name); k == "" {
			return 0, 0, fmt.Errorf("--shard %q: environment variable %s is not set", s, name)
		}
	}
	ki, err1 := strconv.Atoi(strings.TrimSpace(k))
	ni, err2 := strconv.Atoi(strings.TrimSpace(n))
	if err1 != nil || err2 != nil || ni < 1 || ki < 0 || ki >= ni {
		return 0, 0, fmt.Errorf("--shard %q: want K/N with 0 <= K < N", s)
	}
	return ki, ni, nil
}
