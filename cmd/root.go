// Package cmd is grpo-score's command line: thin cobra commands over the
// pipeline, scoring and stats packages. Run takes its streams as values so
// tests drive the whole CLI in-process.
package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/grpo-score/grpo-score/jsonlio"
)

// Exit codes, as documented in the README.
const (
	ExitOK    = 0
	ExitDrift = 1 // check found rewards that differ from the recorded ones
	ExitUsage = 2
	ExitInput = 3 // input errors under --on-error fail
	ExitIO    = 4 // a file could not be read or the output not written
	// ExitIncomplete: check compared less than asked (a reward on no line,
	// lines without recorded values, invalid or unmatched lines).
	ExitIncomplete = 5
)

// exitError carries an exit code through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}
func (e *exitError) Unwrap() error { return e.err }

func usageErr(format string, args ...any) error {
	return &exitError{code: ExitUsage, err: fmt.Errorf(format, args...)}
}

func ioErr(err error) error { return &exitError{code: ExitIO, err: err} }

// env is what a command run may touch of the outside world.
type env struct {
	// ctx ends when a signal interrupts the run; commands that read lines
	// stop at the next one.
	ctx   context.Context
	stdin io.Reader
	// maxLine is --max-line-bytes, the cap on an input line's length.
	maxLine        int
	stdout, stderr io.Writer
	getenv         func(string) string
	// stdinTTY and stderrTTY say whether the streams are terminals: a
	// hint when a command waits for typed input, a progress bar on stderr.
	stdinTTY, stderrTTY bool
}

// Run executes grpo-score with args (without the program name) and returns
// the process exit code.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return RunContext(context.Background(), args, stdin, stdout, stderr)
}

// RunContext is Run with a context whose end interrupts the command: main
// cancels it with a Signal as the cause on SIGINT or SIGTERM, and the
// command stops reading, writes the whole lines it has, and exits 128 plus
// the signal number.
func RunContext(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return execute(args, &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv,
		stdinTTY: isTerminal(stdin), stderrTTY: isTerminal(stderr)})
}

// execute is Run with the environment as a value, for tests.
func execute(args []string, e *env) int {
	if e.ctx == nil {
		e.ctx = context.Background()
	}
	out, errs := &stickyWriter{w: e.stdout}, &stickyWriter{w: e.stderr}
	e.stdout, e.stderr = out, errs
	root := newRoot(e)
	root.SetArgs(args)
	root.SetIn(e.stdin)
	root.SetOut(out)
	root.SetErr(errs)
	code := exitCode(streamError(root.ExecuteContext(e.ctx), out), errs)
	// Whatever the command concluded, a report that could not be written
	// is an I/O error: success means the work was done.
	if err := out.failed(); err != nil && code != ExitIO && code < 128 {
		fmt.Fprintln(errs, "grpo-score: writing standard output:", err)
		code = ExitIO
	}
	if errs.failed() != nil && code == ExitOK {
		code = ExitIO
	}
	return code
}

// streamError classifies an error a command returned from writing its own
// standard output (a tabwriter's Flush, an encoder): a closed pipe ends the
// run quietly, any other failure is an I/O error, never a usage error.
func streamError(err error, out *stickyWriter) error {
	if err == nil || out.err == nil || !errors.Is(err, out.err) {
		return err
	}
	if isBrokenPipe(err) {
		return nil
	}
	var xe *exitError
	if errors.As(err, &xe) {
		return err
	}
	return ioErr(err)
}

func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return ExitOK
	}
	var xe *exitError
	if errors.As(err, &xe) {
		if xe.err != nil {
			fmt.Fprintln(stderr, "grpo-score:", xe.err)
		}
		return xe.code
	}
	// cobra's own errors are about the command line.
	fmt.Fprintln(stderr, "grpo-score:", err)
	return ExitUsage
}

// Signal is the cause main gives the context when a signal interrupts the
// run.
type Signal struct{ Sig syscall.Signal }

func (s Signal) Error() string { return "interrupted by " + signalName(s.Sig) }

func signalName(sig syscall.Signal) string {
	switch sig {
	case syscall.SIGINT:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return sig.String()
}

// interruptErr is the exit of a command that ctx interrupted: 128 plus the
// signal number, as a shell reports a process killed by it.
func interruptErr(ctx context.Context, what string) error {
	var s Signal
	if !errors.As(context.Cause(ctx), &s) {
		s.Sig = syscall.SIGINT
	}
	return &exitError{code: 128 + int(s.Sig), err: fmt.Errorf("%v: %s", s, what)}
}

func isTerminal(s any) bool {
	f, ok := s.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func newRoot(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "grpo-score",
		Short: "Score GRPO rollout dumps with VLM-R1's reward functions, exactly",
		Long: `grpo-score re-scores GRPO rollout dumps (JSON Lines) with the reward functions of
VLM-R1's trainer and reproduces the values it computes, quirks included.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version(),
	}
	root.SetVersionTemplate(versionText())
	root.AddCommand(
		newScoreCmd(e),
		newCheckCmd(e),
		newExplainCmd(e),
		newStatsCmd(e),
		newCompareCmd(e),
		newReportCmd(e),
		newRewardsCmd(e),
		newVersionCmd(e),
	)
	root.PersistentFlags().IntVar(&e.maxLine, "max-line-bytes", jsonlio.DefaultMaxLineBytes,
		"longest input line accepted, in bytes: a longer line is reported as FILE:LINE and left out, and memory stays bounded")
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if e.maxLine < 1 {
			return usageErr("--max-line-bytes must be at least 1, not %d", e.maxLine)
		}
		return nil
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageErr("%v%s (see '%s --help')", err, flagSuggestion(c, err), c.CommandPath())
	})
	return root
}
