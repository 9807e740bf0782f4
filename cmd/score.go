package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"

	"github.com/spf13/cobra"

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
	fs.StringVarP(&f.output, "output", "o", "-", `output file ("-" is standard output)`)
	fs.IntVarP(&f.jobs, "jobs", "j", 0, "scoring goroutines (default: one per CPU); output order and bytes do not depend on it")
	fs.StringVar(&f.stats, "stats", "", "also write the summary statistics as JSON to this file (mergeable with 'stats merge')")
	fs.StringVar(&f.onError, "on-error", "keep", "bad input lines: keep (write unchanged), skip (leave out) or fail (stop, exit 3)")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "no progress bar and no summary table on standard error")
	fs.StringVar(&f.shard, "shard", "", "K/N: score only every N-th line (or group) starting at the K-th (0-based), to split a dump across machines")
	return c
}

func runScore(ctx context.Context, e *env, f *scoreFlags, args []string) error {
	if ctx == nil {
		ctx = context.Background()
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
		Rewards:  rewards,
		Fields:   fields,
		OnError:  onErr,
		Jobs:     f.jobs,
		MethodOf: methodOf(reg, rewards),
	}
	if f.shard != "" {
		if cfg.ShardIndex, cfg.ShardCount, err = parseShard(f.shard, e.getenv); err != nil {
			return usageErr("%v", err)
		}
	}
	if len(args) == 0 {
		args = []string{"-"}
	}
	if err := outputIsNotAnInput(f.output, args); err != nil {
		return usageErr("%v", err)
	}
	out, closeOut, err := openOutput(f.output, e.stdout)
	if err != nil {
		return ioErr(err)
	}
	sum := newSummary(rewards)
	cfg.Sink = sum
	var progress atomic.Int64
	stopBar := startProgress(e, f.quiet, args, &progress)
	if stopBar != nil {
		cfg.Progress = &progress
	}
	res, runErr := pipeline.Run(ctx, cfg, args, e.stdin, out, e.stderr)
	if stopBar != nil {
		stopBar()
	}
	closeErr := closeOut()
	sum.finish(res)
	if !f.quiet {
		sum.writeTable(e.stderr)
	}
	if f.stats != "" {
		if err := sum.writeJSON(f.stats); err != nil {
			return ioErr(fmt.Errorf("--stats: %w", err))
		}
	}
	if runErr != nil {
		if isBrokenPipe(runErr) {
			return nil // the reader went away (| head): not an error
		}
		return ioErr(runErr)
	}
	if closeErr != nil {
		if isBrokenPipe(closeErr) {
			return nil
		}
		return ioErr(fmt.Errorf("writing output: %w", closeErr))
	}
	if res.InputFailed {
		return &exitError{code: ExitInput}
	}
	return nil
}

func isBrokenPipe(err error) bool {
	return errors.Is(err, syscall.EPIPE)
}

// openOutput returns the output writer and a function that closes it and
// reports a failed write or sync.
func openOutput(path string, stdout io.Writer) (io.Writer, func() error, error) {
	if path == "" || path == "-" {
		return stdout, func() error { return nil }, nil
	}
	fh, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	return fh, fh.Close, nil
}

// outputIsNotAnInput refuses -o naming one of the inputs: creating the
// output would truncate the input before it is read.
func outputIsNotAnInput(output string, inputs []string) error {
	if output == "" || output == "-" {
		return nil
	}
	out, err := os.Stat(output)
	if err != nil {
		return nil // does not exist yet
	}
	for _, in := range inputs {
		if st, err := os.Stat(in); err == nil && os.SameFile(st, out) {
			return fmt.Errorf("-o %s is also an input; write to another file", output)
		}
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
		k = getenv(name)
	}
	ki, err1 := strconv.Atoi(strings.TrimSpace(k))
	ni, err2 := strconv.Atoi(strings.TrimSpace(n))
	if err1 != nil || err2 != nil || ni < 1 || ki < 0 || ki >= ni {
		return 0, 0, fmt.Errorf("--shard %q: want K/N with 0 <= K < N", s)
	}
	return ki, ni, nil
}
