package cmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/grpo-score/grpo-score/jsonlio"
	"github.com/grpo-score/grpo-score/stats"
)

type statsFlags struct {
	rewardsField string
	totalField   string
	methodField  string
	groupField   string
	jsonOut      bool
}

func newStatsCmd(e *env) *cobra.Command {
	f := &statsFlags{}
	c := &cobra.Command{
		Use:   "stats [FILE...]",
		Short: "Summarise an already scored file, or merge shard statistics",
		Long: `Stats reads lines written by 'score' (or by a trainer that records rewards the same
way) and prints the summary statistics 'score' would have printed: per reward, per
accuracy method, for the total, and per group with --group-field. --json writes the
mergeable JSON form instead of the table.`,
		Example: `  grpo-score stats scored.jsonl
  grpo-score stats merge part-*.stats.json > all.stats.json`,
		RunE: func(c *cobra.Command, args []string) error { return runStats(e, f, args) },
	}
	fs := c.Flags()
	fs.StringVar(&f.rewardsField, "rewards-field", "rewards", "field holding the rewards object")
	fs.StringVar(&f.totalField, "total-field", "reward", "field holding the weighted total")
	fs.StringVar(&f.methodField, "method-field", "accu_reward_method", "field naming the accuracy method")
	fs.StringVar(&f.groupField, "group-field", "", "group key field, for group statistics")
	fs.BoolVar(&f.jsonOut, "json", false, "write the statistics as JSON (mergeable) instead of a table")
	c.AddCommand(newStatsMergeCmd(e))
	return c
}

func newStatsMergeCmd(e *env) *cobra.Command {
	var table bool
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
	start := time.Now()
	paths := map[string]jsonlio.Path{}
	for name, s := range map[string]string{"rewards": f.rewardsField, "total": f.totalField, "method": f.methodField, "group": f.groupField} {
		if s == "" {
			continue
		}
		p, err := jsonlio.ParsePath(s)
		if err != nil {
			return usageErr("--%s-field: %v", name, err)
		}
		paths[name] = p
	}
	if len(args) == 0 {
		args = []string{"-"}
	}
	r := &statsReader{paths: paths, e: e}
	for _, name := range args {
		if err := r.file(name); err != nil {
			return err
		}
	}
	r.closeGroup()
	if r.sum == nil {
		return &exitError{code: ExitInput, err: fmt.Errorf("no line has a %q field", f.rewardsField)}
	}
	r.sum.Lines = r.lines
	r.sum.ElapsedSeconds = time.Since(start).Seconds()
	if f.jsonOut {
		return r.sum.WriteJSON(e.stdout)
	}
	return r.sum.WriteTable(e.stdout)
}

// statsReader rebuilds statistics from scored lines.
type statsReader struct {
	e       *env
	paths   map[string]jsonlio.Path
	sum     *stats.Summary
	names   []string
	lines   stats.Lines
	key     string
	grouped []stats.Line
}

func (r *statsReader) file(name string) error {
	return eachLine(name, r.e, r.line)
}

// line adds one scored line.
func (r *statsReader) line(file string, n int, line []byte) error {
	r.lines.Read++
	if jsonlio.IsBlank(line) {
		r.lines.Blank++
		return nil
	}
	r.lines.Written++
	obj, err := jsonlio.ParseObject(line)
	if err != nil {
		r.lines.Failed++
		fmt.Fprintf(r.e.stderr, "%s:%d: %v\n", file, n, err)
		return nil
	}
	rv, ok := obj.Get(r.paths["rewards"])
	if !ok {
		r.lines.Failed++ // a bad line that score kept unchanged
		return nil
	}
	var rewards map[string]json.RawMessage
	if err := json.Unmarshal(rv, &rewards); err != nil {
		r.lines.Failed++
		fmt.Fprintf(r.e.stderr, "%s:%d: rewards: %v\n", file, n, err)
		return nil
	}
	if r.sum == nil {
		r.start(rv)
	}
	l := stats.Line{Rewards: make([]float64, len(r.names)), Failed: make([]bool, len(r.names))}
	for i, name := range r.names {
		v, isErr := recordedValue(rewards[name])
		l.Rewards[i], l.Failed[i] = v, isErr || rewards[name] == nil
	}
	if tv, ok := obj.Get(r.paths["total"]); ok {
		l.Total, l.TotalFailed = recordedValue(json.RawMessage(tv))
	} else {
		l.TotalFailed = true
	}
	if mp, ok := r.paths["method"]; ok && r.hasAccuracy() {
		l.Method = "default"
		if mv, ok := obj.Get(mp); ok {
			if s, err := mv.String(); err == nil {
				l.Method = s
			}
		}
	}
	r.sum.AddLine(l)
	if gp, ok := r.paths["group"]; ok {
		key := ""
		if gv, ok := obj.Get(gp); ok {
			key = gv.Text()
		}
		if key != r.key {
			r.closeGroup()
			r.key = key
		}
		r.grouped = append(r.grouped, l)
	}
	return nil
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
