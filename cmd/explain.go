package cmd

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	json "github.com/goccy/go-json"
	"github.com/spf13/cobra"

	"github.com/grpo-score/grpo-score/jsonlio"
	"github.com/grpo-score/grpo-score/pipeline"
	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/py"
)

type explainFlags struct {
	rf      rewardFlags
	line    int
	id      string
	key     string
	jsonOut bool
	quiet   bool
}

func newExplainCmd(e *env) *cobra.Command {
	f := &explainFlags{}
	c := &cobra.Command{
		Use:   "explain [FILE]",
		Short: "Show why one line got its rewards",
		Long: `Explain scores one line (--line N, or --id X matched against --key) and shows, for
every selected reward, the steps that produced the value: extracted answer blocks,
cleaned strings, parsed boxes, IoU matrix and matches, COCO summaries, choice letters,
token counts, repeated n-grams, math parses.`,
		Example: `  grpo-score explain dump.jsonl --line 42 -r accuracy,format
  grpo-score explain dump.jsonl --id pub-od_ap-00041 --json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error { return runExplain(e, f, args) },
	}
	fs := c.Flags()
	f.rf.register(fs)
	completeRewardFlags(c)
	fs.IntVar(&f.line, "line", 0, "line number to explain (1-based)")
	fs.StringVar(&f.id, "id", "", "explain the first line whose --key field equals this")
	fs.StringVar(&f.key, "key", "id", "field matched by --id")
	fs.BoolVar(&f.jsonOut, "json", false, "write the explanation as JSON")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "no progress bar on standard error while looking for the line")
	return c
}

func runExplain(e *env, f *explainFlags, args []string) error {
	if (f.line > 0) == (f.id != "") {
		return usageErr("give exactly one of --line N or --id X")
	}
	rewards, reg, fields, err := f.rf.build(e)
	if err != nil {
		return err
	}
	name := "-"
	if len(args) == 1 {
		name = args[0]
	}
	keyPath, err := jsonlio.ParsePath(f.key)
	if err != nil {
		return usageErr("--key: %v", err)
	}
	var o *pipeline.Outcome
	file, lines := name, 0
	hintStdin(e, []string{name})
	bar := startProgress(e, f.quiet, "looking", []string{name}, decompressedBytes)
	opt, err := f.rf.readOptions()
	if err != nil {
		return err
	}
	err = eachRecord(name, e, opt, func(fname string, n int, line []byte) error {
		bar.add(len(line))
		file, lines = fname, n
		if f.line > 0 && n != f.line {
			return nil
		}
		if f.id != "" {
			obj, err := jsonlio.ParseObject(line)
			if err != nil {
				return nil
			}
			if v, ok := obj.Get(keyPath); !ok || v.Text() != f.id {
				return nil
			}
		}
		cfg := &pipeline.Config{Rewards: rewards, Fields: fields, Trace: true, MethodOf: methodOf(reg, rewards)}
		o = pipeline.ScoreLine(cfg, fname, n, append([]byte(nil), line...))
		return jsonlio.ErrStop
	})
	bar.done()
	switch {
	case err != nil:
		return err
	case o == nil && f.line > 0:
		return &exitError{code: ExitInput, err: fmt.Errorf("%s has %d lines; no line %d", file, lines, f.line)}
	case o == nil:
		return &exitError{code: ExitInput, err: fmt.Errorf("%s: no line with %s = %q", file, f.key, f.id)}
	case o.Status == pipeline.Invalid:
		return &exitError{code: ExitInput, err: fmt.Errorf("%s:%d: %v", o.File, o.Line, o.Err)}
	case o.Status == pipeline.Blank:
		return &exitError{code: ExitInput, err: fmt.Errorf("%s:%d: blank line", o.File, o.Line)}
	case f.jsonOut:
		return writeExplainJSON(e.stdout, o, rewards)
	}
	writeExplainText(e.stdout, o, rewards)
	return nil
}

// explanation is the JSON form of explain's output.
type explanation struct {
	File       string          `json:"file"`
	Line       int             `json:"line"`
	Method     string          `json:"method,omitempty"`
	Completion string          `json:"completion"`
	Solution   string          `json:"solution,omitempty"`
	Rewards    []rewardExplain `json:"rewards"`
	Total      *float64        `json:"reward"`
}

type rewardExplain struct {
	Name   string         `json:"name"`
	Value  *float64       `json:"value"`
	Error  string         `json:"error,omitempty"`
	Weight float64        `json:"weight"`
	Steps  []scoring.Step `json:"steps"`
}

func buildExplanation(o *pipeline.Outcome, rewards []pipeline.NamedReward) explanation {
	ex := explanation{File: o.File, Line: o.Line, Method: o.Method, Completion: o.Sample.Completion, Solution: o.Sample.Solution}
	for i, r := range rewards {
		re := rewardExplain{Name: r.Name, Weight: r.Weight, Steps: jsonSafe(o.Traces[i].Steps)}
		if o.Errs[i] != nil {
			re.Error = o.Errs[i].Error()
		} else {
			v := o.Values[i]
			re.Value = &v
		}
		if re.Steps == nil {
			re.Steps = []scoring.Step{}
		}
		ex.Rewards = append(ex.Rewards, re)
	}
	if o.TotalOK {
		t := o.Total
		ex.Total = &t
	}
	return ex
}

func writeExplainJSON(w io.Writer, o *pipeline.Outcome, rewards []pipeline.NamedReward) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(buildExplanation(o, rewards))
}

func writeExplainText(w io.Writer, o *pipeline.Outcome, rewards []pipeline.NamedReward) {
	ex := buildExplanation(o, rewards)
	fmt.Fprintf(w, "%s:%d\n", ex.File, ex.Line)
	fmt.Fprintf(w, "completion: %s\n", strconv.Quote(ex.Completion))
	if ex.Solution != "" {
		fmt.Fprintf(w, "solution:   %s\n", strconv.Quote(ex.Solution))
	}
	for _, r := range ex.Rewards {
		if r.Value != nil {
			fmt.Fprintf(w, "\n%s = %s\n", r.Name, py.FormatFloat(*r.Value))
		} else {
			fmt.Fprintf(w, "\n%s = null (the reference raises %s)\n", r.Name, r.Error)
		}
		for _, st := range r.Steps {
			fmt.Fprintf(w, "  %s: %s\n", st.Name, stepText(st.Value))
		}
	}
	if ex.Total != nil {
		fmt.Fprintf(w, "\nreward (weighted total) = %s\n", py.FormatFloat(*ex.Total))
	} else {
		fmt.Fprintln(w, "\nreward (weighted total) = null")
	}
}

// jsonSafe replaces step values that JSON cannot hold (NaN or infinite
// IoUs, say) with their text.
func jsonSafe(steps []scoring.Step) []scoring.Step {
	out := make([]scoring.Step, len(steps))
	for i, st := range steps {
		out[i] = st
		if _, err := json.Marshal(st.Value); err != nil {
			out[i].Value = fmt.Sprint(st.Value)
		}
	}
	return out
}

// stepText renders a trace value: strings quoted so whitespace shows,
// floats as Python prints them, anything else as compact JSON.
func stepText(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case float64:
		return py.FormatFloat(x)
	case fmt.Stringer:
		return x.String()
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSpace(string(b))
}
