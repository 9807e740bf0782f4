package cmd

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"sync"

	json "github.com/goccy/go-json"
	"github.com/spf13/cobra"

	"github.com/grpo-score/grpo-score/compare"
	"github.com/grpo-score/grpo-score/jsonlio"
	"github.com/grpo-score/grpo-score/pipeline"
	"github.com/grpo-score/grpo-score/report"
	"github.com/grpo-score/grpo-score/scoring/tokenizer"
	"github.com/grpo-score/grpo-score/stats"
)

type reportFlags struct {
	sf              statsFlags
	output, title   string
	stepField       string
	idField         string
	errorsField     string
	completionField string
}

func newReportCmd(e *env) *cobra.Command {
	f := &reportFlags{}
	c := &cobra.Command{
		Use:   "report FILE...",
		Short: "Write one self-contained HTML page of charts from a scored file, a --stats file or a compare result",
		Long: `Report draws the distributions of every reward, accuracy method and the total,
the zero-std groups and verl's per-prompt metrics (with --group-field), and from
a scored file also reward against token count for length, per-step curves when
lines have a step field, and the errors and invalid lines with examples. From
'compare --json' it draws the configurations side by side, total against total
for every pair, and the lines that differ most. The page embeds everything it
shows (SVG charts, one font): it makes no network request.`,
		Example: `  grpo-score score dump.jsonl -r accuracy,format,length -o scored.jsonl && grpo-score report scored.jsonl -o report.html
  grpo-score compare dump.jsonl --as A='-m od_ap' --as B='-m odLength' --json -o cmp.json && grpo-score report cmp.json -o cmp.html`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error { return runReport(e, f, args) },
	}
	fs := c.Flags()
	fs.StringVarP(&f.output, "output", "o", "-", `HTML file to write ("-" is standard output)`)
	fs.StringVar(&f.title, "title", "", "page title (default: the input's name)")
	fs.StringVar(&f.sf.rewardsField, "rewards-field", "rewards", "scored file: field holding the rewards object")
	fs.StringVar(&f.sf.totalField, "total-field", "reward", "scored file: field holding the weighted total")
	fs.StringVar(&f.sf.methodField, "method-field", "accu_reward_method", "scored file: field naming the accuracy method")
	fs.StringVar(&f.sf.groupField, "group-field", "", "scored file: group key field, for group statistics")
	fs.StringVar(&f.stepField, "step-field", "step", "scored file: field holding the training step, for per-step curves")
	fs.StringVar(&f.idField, "id-field", "id", "scored file: field naming a line in the examples")
	fs.StringVar(&f.errorsField, "errors-field", "reward_errors", "scored file: field with the reasons of failed rewards")
	fs.StringVar(&f.completionField, "completion-field", "completion", "scored file: field holding the completion, for token counts")
	fs.BoolVarP(&f.sf.quiet, "quiet", "q", false, "no progress bar on standard error")
	fs.IntVarP(&f.sf.jobs, "jobs", "j", 0, "parsing goroutines (default: one per CPU)")
	f.sf.fs = fs
	return c
}

// inputKind tells the three inputs apart by their content: a compare
// result and a --stats file are one JSON document with "kind" or
// "version"; anything else is scored JSON Lines.
func inputKind(path string) (string, []byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", nil, err
	}
	defer f.Close()
	first, err := bufio.NewReader(f).ReadBytes('\n')
	if err != nil && err != io.EOF {
		return "", nil, err
	}
	var head struct {
		Kind    string `json:"kind"`
		Version *int   `json:"version"`
		Lines   any    `json:"lines"`
	}
	if json.Unmarshal(first, &head) != nil {
		// not one line of JSON: a pretty-printed document, or not JSON
		data, err := os.ReadFile(path)
		if err != nil {
			return "", nil, err
		}
		if json.Unmarshal(data, &head) != nil {
			return "scored", nil, nil
		}
		first = data
	}
	switch {
	case head.Kind == compare.Kind:
		return "compare", first, nil
	case head.Version != nil && head.Lines != nil:
		return "stats", first, nil
	}
	return "scored", nil, nil
}

func runReport(e *env, f *reportFlags, args []string) error {
	outFlag := outputFlag{"-o", f.output}
	if err := checkFiles(args, e.stdin, []outputFlag{outFlag}); err != nil {
		return err
	}
	d := &report.Data{Title: f.title, Sources: args}
	if d.Title == "" {
		d.Title = "grpo-score report: " + args[0]
	}
	kind, doc := "scored", []byte(nil)
	if len(args) == 1 && args[0] != "-" {
		var err error
		if kind, doc, err = inputKind(args[0]); err != nil {
			return ioErr(err)
		}
	}
	switch kind {
	case "compare":
		c, _, err := compare.ReadJSON(doc)
		if err != nil {
			return &exitError{code: ExitInput, err: fmt.Errorf("%s: %v", args[0], err)}
		}
		d.Compare = c
	case "stats":
		s := &stats.Summary{}
		if err := json.Unmarshal(doc, s); err != nil {
			return &exitError{code: ExitInput, err: fmt.Errorf("%s: %v", args[0], err)}
		}
		d.Summary = s
	default:
		if err := f.readScored(e, d, args); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, d); err != nil {
		return err
	}
	out, outFile, err := createOutput(outFlag, e.stdout)
	if err != nil {
		return err
	}
	if _, err := out.Write(buf.Bytes()); err != nil {
		if outFile != nil {
			outFile.Abort()
		}
		return ioErr(fmt.Errorf("writing the report: %w", err))
	}
	if outFile != nil {
		if err := outFile.Commit(); err != nil {
			return ioErr(fmt.Errorf("writing the report: %w", err))
		}
	}
	return nil
}

// readScored gathers the statistics and the extras of scored files.
func (f *reportFlags) readScored(e *env, d *report.Data, args []string) error {
	r, err := newStatsReader(e, &f.sf)
	if err != nil {
		return err
	}
	col := &report.Collector{}
	for _, p := range []struct {
		dst  *jsonlio.Path
		flag string
		src  string
	}{{&col.StepField, "--step-field", f.stepField}, {&col.IDField, "--id-field", f.idField}, {&col.ErrorsField, "--errors-field", f.errorsField}} {
		if p.src == "" {
			continue
		}
		if *p.dst, err = jsonlio.ParsePath(p.src); err != nil {
			return usageErr("%s: %v", p.flag, err)
		}
	}
	fields := pipeline.Fields{}
	if f.completionField != "" {
		if fields.Completion, err = jsonlio.ParsePath(f.completionField); err != nil {
			return usageErr("--completion-field: %v", err)
		}
	}
	if rp, err := jsonlio.ParsePath(f.sf.rewardsField); err == nil && f.sf.rewardsField != "" {
		col.LengthField = append(rp, "length")
	}
	// the tokenizer loads once, on the first line with a length reward
	var once sync.Once
	var tok *tokenizer.Tokenizer
	var tokErr error
	col.Count = func(obj *jsonlio.Object) (int, bool) {
		once.Do(func() { tok, tokErr = tokenizer.Default() })
		if tokErr != nil || fields.Completion == nil {
			return 0, false
		}
		s, err := fields.Sample(obj, nil)
		if err != nil {
			return 0, false
		}
		return tok.Count(s.Completion), true
	}
	r.onStart = col.Start
	r.parseExtra = func(obj *jsonlio.Object) any { return col.Parse(obj) }
	r.onLine = func(file string, n int, extra any, l *stats.Line) { col.Line(file, n, extra.(report.LineInfo), l) }
	r.onBad = col.Bad
	if err := r.files(args, &f.sf); err != nil {
		return err
	}
	if tokErr != nil {
		return fmt.Errorf("counting tokens: %w", tokErr)
	}
	d.Summary, d.Extras = r.sum, col.Extras()
	return nil
}
