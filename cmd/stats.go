package cmd

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"

	json "github.com/goccy/go-json"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/grpo-score/grpo-score/jsonlio"
	"github.com/grpo-score/grpo-score/stats"
)

type statsFlags struct {
	rewardsField string
	totalField   string
	methodField  string
	groupField   string
	jsonOut      bool
	table        bool
	quiet        bool
	jobs         int
	fs           *pflag.FlagSet
}

func newStatsCmd(e *env) *cobra.Command {
	f := &statsFlags{}
	c := &cobra.Command{
		Use:   "stats [FILE...]",
		Short: "Summarise an already scored file, or merge shard statistics",
		Long: `Stats reads lines written by 'score' (or by a trainer that records rewards the same
way) and prints the summary statistics 'score' would have printed: per reward, per
accuracy method, for the total, and per group with --group-field. Like 'stats merge', it writes the mergeable
JSON form on standard output; --table prints the table instead.`,
		Example: `  grpo-score stats testdata/sample.scored.jsonl --table
  grpo-score stats merge part-*.stats.json > all.stats.json`,
		RunE: func(c *cobra.Command, args []string) error { return runStats(e, f, args) },
	}
	fs := c.Flags()
	fs.StringVar(&f.rewardsField, "rewards-field", "rewards", "field holding the rewards object")
	fs.StringVar(&f.totalField, "total-field", "reward", "field holding the weighted total")
	fs.StringVar(&f.methodField, "method-field", "accu_reward_method", "field naming the accuracy method")
	fs.StringVar(&f.groupField, "group-field", "", "group key field, for group statistics")
	fs.BoolVar(&f.jsonOut, "json", false, "write the statistics as JSON (the default, as 'stats merge')")
	fs.BoolVar(&f.table, "table", false, "print the statistics as a table instead of JSON")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "no progress bar on standard error")
	fs.IntVarP(&f.jobs, "jobs", "j", 0, "parsing goroutines (default: one per CPU)")
	c.MarkFlagsMutuallyExclusive("json", "table")
	f.fs = fs
	c.AddCommand(newStatsMergeCmd(e))
	return c
}

func newStatsMergeCmd(e *env) *cobra.Command {
	var table, jsonOut bool
	c := &cobra.Command{
		Use:   "merge FILE...",
		Short: "Merge --stats files of shards into the statistics of the whole (JSON on stdout)",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			all, err := mergeFiles(args, func(data []byte) (*stats.Summary, error) {
				s := &stats.Summary{}
				return s, json.Unmarshal(data, s)
			}, (*stats.Summary).Merge)
			if err != nil {
				return err
			}
			if table {
				return all.WriteTable(e.stdout)
			}
			return all.WriteJSON(e.stdout)
		},
	}
	c.Flags().BoolVar(&table, "table", false, "print the merged statistics as a table instead of JSON")
	c.Flags().BoolVar(&jsonOut, "json", false, "write the merged statistics as JSON (the default)")
	c.MarkFlagsMutuallyExclusive("json", "table")
	return c
}

// mergeFiles reads each file with read and merges them in order: the
// shards' statistics (stats merge) or comparisons (compare merge).
func mergeFiles[T any](paths []string, read func([]byte) (T, error), merge func(T, T) error) (T, error) {
	var all T
	for i, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return all, ioErr(err)
		}
		s, err := read(data)
		if err != nil {
			return all, &exitError{code: ExitInput, err: fmt.Errorf("%s: %v", p, err)}
		}
		if i == 0 {
			all = s
			continue
		}
		if err := merge(all, s); err != nil {
			return all, &exitError{code: ExitInput, err: fmt.Errorf("%s: %v", p, err)}
		}
	}
	return all, nil
}

func runStats(e *env, f *statsFlags, args []string) error {
	r, err := newStatsReader(e, f)
	if err != nil {
		return err
	}
	if err := r.files(args, f); err != nil {
		return err
	}
	if f.table {
		return r.sum.WriteTable(e.stdout)
	}
	return r.sum.WriteJSON(e.stdout)
}

// newStatsReader reads the field flags of stats (and report).
func newStatsReader(e *env, f *statsFlags) (*statsReader, error) {
	paths := map[string]jsonlio.Path{}
	for name, s := range map[string]string{"rewards": f.rewardsField, "total": f.totalField, "method": f.methodField, "group": f.groupField} {
		if s == "" {
			continue
		}
		p, err := jsonlio.ParsePath(s)
		if err != nil {
			return nil, usageErr("--%s-field: %v", name, err)
		}
		paths[name] = p
	}
	return &statsReader{paths: paths, e: e, rewardsField: f.rewardsField}, nil
}

// files reads every scored file (standard input when none) into r.sum,
// parsing on f.jobs goroutines.
func (r *statsReader) files(args []string, f *statsFlags) error {
	start := time.Now()
	if f.fs != nil {
		if err := checkJobs(f.fs, f.jobs); err != nil {
			return err
		}
	}
	if len(args) == 0 {
		args = []string{"-"}
	}
	hintStdin(r.e, args)
	bar := startProgress(r.e, f.quiet, "reading", args, decompressedBytes)
	err := parallelLines(args, r.e, f.jobs, bar, r.parse, r.add)
	bar.done()
	if err != nil {
		return err
	}
	r.closeGroup()
	if r.sum == nil {
		return &exitError{code: ExitInput, err: fmt.Errorf("no line has a %q field", r.rewardsField)}
	}
	r.sum.Lines = r.lines
	r.sum.ElapsedSeconds = time.Since(start).Seconds()
	return nil
}

// fallbacksPath is where score marks the lines whose value is a fallback.
var fallbacksPath = jsonlio.Path{"reward_fallbacks"}

// statsReader rebuilds statistics from scored lines.
type statsReader struct {
	e            *env
	paths        map[string]jsonlio.Path
	rewardsField string
	sum          *stats.Summary
	names        []string
	lines        stats.Lines
	key          string
	grouped      []stats.Line
	// The hooks of report, when set: onStart sees the reward names,
	// parseExtra reads more of each line (concurrently, with parse),
	// onLine sees each scored line with that extra, in input order, and
	// onBad each line without usable rewards.
	onStart    func(names []string)
	parseExtra func(obj *jsonlio.Object) any
	onLine     func(file string, n int, extra any, l *stats.Line)
	onBad      func(file string, n int, what string)
}

// parsedStatsLine is what parse reads of one line, before the reward names are
// known: the part of the work that runs on -j goroutines.
type parsedStatsLine struct {
	file          string
	n             int
	extra         any // parseExtra's
	blank, failed bool
	msg           string // reported on stderr
	rawRewards    jsonlio.Value
	rewards       map[string]json.RawMessage
	total         jsonlio.Value
	hasTotal      bool
	method        string
	group         string
}

// parse reads one line; it is called concurrently.
func (r *statsReader) parse(file string, n int, line []byte) parsedStatsLine {
	if jsonlio.IsBlank(line) {
		return parsedStatsLine{blank: true}
	}
	obj, err := jsonlio.ParseObject(line)
	if err != nil {
		return parsedStatsLine{file: file, n: n, failed: true, msg: err.Error()}
	}
	if _, ok := obj.Get(fallbacksPath); ok {
		r.lines.Fallback++
	}
	rv, ok := obj.Get(r.paths["rewards"])
	if !ok {
		// a bad line that score kept unchanged: not reported again
		return parsedStatsLine{file: file, n: n, failed: true, extra: "no rewards (a line score kept unchanged)"}
	}
	sl := parsedStatsLine{file: file, n: n, rawRewards: rv}
	if err := json.Unmarshal(rv, &sl.rewards); err != nil {
		return parsedStatsLine{file: file, n: n, failed: true, msg: "rewards: " + err.Error()}
	}
	if r.parseExtra != nil {
		sl.extra = r.parseExtra(obj)
	}
	sl.total, sl.hasTotal = obj.Get(r.paths["total"])
	sl.method = "default"
	if mp, ok := r.paths["method"]; ok {
		if mv, ok := obj.Get(mp); ok {
			if s, err := mv.String(); err == nil {
				sl.method = s
			}
		}
	}
	if gp, ok := r.paths["group"]; ok {
		if gv, ok := obj.Get(gp); ok {
			sl.group = gv.Text()
		}
	}
	return sl
}

// add counts one parsed line, in input order.
func (r *statsReader) add(sl parsedStatsLine) {
	r.lines.Read++
	if sl.blank {
		r.lines.Blank++
		return
	}
	r.lines.Written++
	if sl.msg != "" {
		fmt.Fprintf(r.e.stderr, "%s:%d: %s\n", sl.file, sl.n, sl.msg)
	}
	if sl.failed {
		r.lines.Failed++
		if r.onBad != nil {
			what := sl.msg
			if what == "" {
				what, _ = sl.extra.(string)
			}
			r.onBad(sl.file, sl.n, what)
		}
		return
	}
	if r.sum == nil {
		r.start(sl.rawRewards)
	}
	l := stats.Line{Rewards: make([]float64, len(r.names)), Failed: make([]bool, len(r.names))}
	for i, name := range r.names {
		v, isErr := recordedValue(sl.rewards[name])
		l.Rewards[i], l.Failed[i] = v, isErr || sl.rewards[name] == nil
	}
	if sl.hasTotal {
		l.Total, l.TotalFailed = recordedValue(json.RawMessage(sl.total))
	} else {
		l.TotalFailed = true
	}
	if _, ok := r.paths["method"]; ok && r.hasAccuracy() {
		l.Method = sl.method
	}
	r.sum.AddLine(l)
	if r.onLine != nil {
		r.onLine(sl.file, sl.n, sl.extra, &l)
	}
	if _, ok := r.paths["group"]; ok {
		if sl.group != r.key {
			r.closeGroup()
			r.key = sl.group
		}
		r.grouped = append(r.grouped, l)
	}
}

// parallelLines reads the lines of paths, calls parse on up to jobs
// goroutines (0: one per CPU) and add with the results in input order.
func parallelLines[T any](paths []string, e *env, jobs int, bar *progress, parse func(file string, n int, line []byte) T, add func(T)) error {
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	type chunk struct {
		file  string
		ns    []int
		lines [][]byte
		out   []T
		done  chan struct{}
	}
	work := make(chan *chunk, jobs)
	order := make(chan *chunk, jobs*2)
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range work {
				c.out = make([]T, len(c.lines))
				for i, l := range c.lines {
					c.out[i] = parse(c.file, c.ns[i], l)
				}
				close(c.done)
			}
		}()
	}
	var readErr error
	go func() {
		defer close(order)
		defer close(work)
		var c *chunk
		send := func() {
			if c != nil && len(c.lines) > 0 {
				order <- c
				work <- c
			}
			c = nil
		}
		for _, p := range paths {
			readErr = eachLine(p, e, func(file string, n int, line []byte) error {
				bar.add(len(line))
				if c == nil || c.file != file {
					send()
					c = &chunk{file: file, done: make(chan struct{})}
				}
				c.ns = append(c.ns, n)
				c.lines = append(c.lines, bytes.Clone(line))
				if len(c.lines) == 256 {
					send()
				}
				return nil
			})
			send()
			if readErr != nil {
				return
			}
		}
	}()
	ctx := e.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	for {
		var c *chunk
		var ok bool
		select {
		case c, ok = <-order:
		case <-ctx.Done():
			// A signal: stop now, even while the reader waits on a quiet pipe.
			return interruptErr(ctx, "stopped reading")
		}
		if !ok {
			break
		}
		<-c.done
		for _, v := range c.out {
			add(v)
		}
	}
	wg.Wait()
	return readErr
}

// start takes the reward names, in order, from the first scored line.
func (r *statsReader) start(raw jsonlio.Value) {
	var ordered []string
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.Token() // {
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		if k, ok := tok.(string); ok {
			ordered = append(ordered, k)
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			break
		}
	}
	r.names = ordered
	r.sum = stats.New(ordered...)
	if r.onStart != nil {
		r.onStart(ordered)
	}
}

func (r *statsReader) hasAccuracy() bool {
	for _, n := range r.names {
		if n == "accuracy" {
			return true
		}
	}
	return false
}

func (r *statsReader) closeGroup() {
	if len(r.grouped) > 0 && r.sum != nil {
		r.sum.AddGroup(r.grouped)
	}
	r.grouped = nil
}
