package report

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"

	json "github.com/goccy/go-json"

	"github.com/grpo-score/grpo-score/jsonlio"
	"github.com/grpo-score/grpo-score/stats"
)

// Extras are what only the lines of a scored file tell: length against
// token count, per-step means, and examples of errors and invalid lines.
// Memory stays bounded: a fixed number of points and examples, one series
// per step and reward.
type Extras struct {
	// Length holds (token count, length reward) of at most MaxPoints lines,
	// chosen by a hash of their file and line, so the choice does not
	// depend on the order of the input.
	Length []XY
	// Steps are the per-step means, by step.
	Steps []Step
	// Errors counts, per reward, the lines where it raised, with examples.
	Errors []RewardErrors
	// Invalid counts lines that had no usable rewards, with examples.
	Invalid         uint64
	InvalidExamples []Example
}

// Step is one training step's mean of each reward and of the total.
type Step struct {
	Step  float64
	Lines uint64
	Means []float64 // per reward, then the total; NaN when none
}

// RewardErrors are the failures of one reward.
type RewardErrors struct {
	Reward   string
	Count    uint64
	Examples []Example
}

// Example is one line to look at.
type Example struct {
	File string
	Line int
	ID   string
	What string
}

// Limits of what a report keeps.
const (
	MaxPoints   = 4000
	MaxExamples = 5
)

// Collector gathers Extras from scored lines: Parse reads what it needs of
// a line and may run on many goroutines; Line adds it, in input order.
type Collector struct {
	// Count returns the token count of a line's completion; it must be
	// safe for concurrent use. Nil: no token counts.
	Count func(obj *jsonlio.Object) (int, bool)
	// LengthField is the length reward inside the rewards object; only
	// lines that have it are counted.
	LengthField jsonlio.Path
	// StepField and IDField locate the step and the id; nil for none.
	StepField, IDField jsonlio.Path
	// ErrorsField is where score writes the reasons of failed rewards.
	ErrorsField jsonlio.Path

	rewards []string
	length  int // index of "length" in rewards, or −1
	points  []hashedXY
	steps   map[float64][]*stats.Series
	errors  map[string]*RewardErrors
	x       Extras
}

type hashedXY struct {
	h uint64
	p XY
}

// LineInfo is what Parse reads of one line.
type LineInfo struct {
	Tokens    int
	HasTokens bool
	Step      float64
	HasStep   bool
	ID        string
	Reasons   map[string]string // reward → why it failed
}

// Start tells the collector the reward names, in line order.
func (c *Collector) Start(rewards []string) {
	c.rewards = slices.Clone(rewards)
	c.length = slices.Index(rewards, "length")
	c.steps = map[float64][]*stats.Series{}
	c.errors = map[string]*RewardErrors{}
}

// Parse reads a line's token count, step, id and failure reasons.
func (c *Collector) Parse(obj *jsonlio.Object) LineInfo {
	var in LineInfo
	if c.Count != nil && c.LengthField != nil {
		if _, ok := obj.Get(c.LengthField); ok {
			in.Tokens, in.HasTokens = c.Count(obj)
		}
	}
	if c.StepField != nil {
		if v, ok := obj.Get(c.StepField); ok {
			if step, err := v.Float(); err == nil && step == step {
				in.Step, in.HasStep = step, true
			}
		}
	}
	if c.IDField != nil {
		if v, ok := obj.Get(c.IDField); ok {
			in.ID = v.Text()
		}
	}
	if c.ErrorsField != nil {
		if v, ok := obj.Get(c.ErrorsField); ok {
			_ = json.Unmarshal(v, &in.Reasons) // examples only: a malformed object just has no reasons
		}
	}
	return in
}

// Line adds one scored line.
func (c *Collector) Line(file string, n int, in LineInfo, l *stats.Line) {
	if c.length >= 0 && in.HasTokens && rewardOK(l, c.length) {
		h := fnv.New64a()
		h.Write([]byte(file))
		h.Write([]byte(strconv.Itoa(n)))
		c.points = append(c.points, hashedXY{h.Sum64(), XY{X: float64(in.Tokens), Y: l.Rewards[c.length], N: 1}})
		if len(c.points) >= 2*MaxPoints {
			c.trimPoints()
		}
	}
	if in.HasStep {
		ss := c.steps[in.Step]
		if ss == nil {
			for range len(c.rewards) + 1 {
				ss = append(ss, stats.NewSeries())
			}
			c.steps[in.Step] = ss
		}
		for i := range c.rewards {
			if rewardOK(l, i) {
				ss[i].Add(l.Rewards[i])
			}
		}
		if !l.TotalFailed {
			ss[len(c.rewards)].Add(l.Total)
		}
	}
	if l.Failed != nil {
		for i, r := range c.rewards {
			if !l.Failed[i] {
				continue
			}
			e := c.errors[r]
			if e == nil {
				e = &RewardErrors{Reward: r}
				c.errors[r] = e
			}
			e.Count++
			if len(e.Examples) < MaxExamples {
				e.Examples = append(e.Examples, Example{File: file, Line: n, ID: in.ID, What: in.Reasons[r]})
			}
		}
	}
}

func rewardOK(l *stats.Line, i int) bool { return l.Failed == nil || !l.Failed[i] }

// Bad adds a line that had no usable rewards.
func (c *Collector) Bad(file string, n int, what string) {
	c.x.Invalid++
	if len(c.x.InvalidExamples) < MaxExamples {
		c.x.InvalidExamples = append(c.x.InvalidExamples, Example{File: file, Line: n, What: what})
	}
}

func (c *Collector) trimPoints() {
	slices.SortFunc(c.points, func(a, b hashedXY) int { return cmp.Compare(a.h, b.h) })
	c.points = c.points[:min(len(c.points), MaxPoints)]
}

// Extras returns what was gathered.
func (c *Collector) Extras() *Extras {
	c.trimPoints()
	x := c.x
	for _, p := range c.points {
		x.Length = append(x.Length, p.p)
	}
	slices.SortFunc(x.Length, func(a, b XY) int { return cmp.Or(cmp.Compare(a.X, b.X), cmp.Compare(a.Y, b.Y)) })
	for step, ss := range c.steps {
		st := Step{Step: step}
		for _, s := range ss {
			sst := s.Stats()
			st.Means = append(st.Means, sst.Mean)
			st.Lines = max(st.Lines, sst.Count)
		}
		x.Steps = append(x.Steps, st)
	}
	slices.SortFunc(x.Steps, func(a, b Step) int { return cmp.Compare(a.Step, b.Step) })
	for _, r := range c.rewards {
		if e := c.errors[r]; e != nil {
			x.Errors = append(x.Errors, *e)
		}
	}
	return &x
}

// extras adds the sections only a scored file has.
func (pg *page) extras(s *stats.Summary, x *Extras) error {
	rewards := s.Rewards()
	if len(x.Length) > 0 {
		c, err := scatterChart("length-tokens", "Reward length against token count", "completion tokens (Qwen2.5 tokenizer)", "length reward", x.Length,
			fmt.Sprintf("%d lines, chosen by a hash of file and line when there are more than %d.", len(x.Length), MaxPoints), false)
		if err != nil {
			return err
		}
		pg.add(section{ID: "length", Title: "Length", Intro: "cosine_rewards against the completion's token count: the curve the trainer applies.", Charts: []Chart{c}})
	}
	if len(x.Steps) > 1 {
		var series []lineSeries
		for i, name := range append(slices.Clone(rewards), "total") {
			ls := lineSeries{Name: name}
			for _, st := range x.Steps {
				if v := st.Means[i]; v == v {
					ls.Pts = append(ls.Pts, XY{X: st.Step, Y: v})
				}
			}
			series = append(series, ls)
		}
		c, err := lineChart("steps", "Mean reward per step", "step", "mean", series)
		if err != nil {
			return err
		}
		pg.add(section{ID: "steps", Title: "Per step", Intro: "The mean of each reward and of the total at each training step of the dump.", Charts: []Chart{c}})
	}
	et := table{Caption: "Lines per problem", Head: []string{"problem", "lines"}}
	raised := map[string]uint64{}
	for _, e := range x.Errors {
		raised[e.Reward] = e.Count
	}
	for _, r := range rewards {
		et.Rows = append(et.Rows, []string{"reward " + r + " raised (null; the trainer would have crashed)", fmt.Sprint(raised[r])})
	}
	et.Rows = append(et.Rows, []string{"invalid line (no usable rewards)", fmt.Sprint(x.Invalid)})
	tables := []table{et}
	ex := table{Caption: "Examples", Head: []string{"problem", "line", "id", "what"}}
	for _, e := range x.Errors {
		for _, ex1 := range e.Examples {
			ex.Rows = append(ex.Rows, []string{"reward " + e.Reward, fmt.Sprintf("%s:%d", ex1.File, ex1.Line), ex1.ID, ex1.What})
		}
	}
	for _, ex1 := range x.InvalidExamples {
		ex.Rows = append(ex.Rows, []string{"invalid line", fmt.Sprintf("%s:%d", ex1.File, ex1.Line), "", ex1.What})
	}
	if len(ex.Rows) > 0 {
		tables = append(tables, ex)
	}
	pg.add(section{ID: "errors", Title: "Errors and invalid lines", Tables: tables})
	return nil
}
