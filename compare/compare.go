// Package compare answers "if I train with reward design B instead of A,
// what changes in the learning signal?": it receives the outcomes of one
// pipeline run that scored several reward configurations on every line
// (pipeline.Config.Sets) and gathers, for each configuration, the summary
// statistics of package stats, and for each pair of configurations the
// correlations of their totals and shared rewards, the groups whose std
// moves between zero and non-zero, the lines whose advantage changes sign,
// and the lines that differ most.
//
// A Comparison's state, like a stats.Summary's, is a function of the
// multiset of lines (and groups) only: shards of a dump merge into exactly
// the comparison of the whole, in any order.
package compare

import (
	"fmt"
	"math"
	"slices"

	"github.com/grpo-score/grpo-score/jsonlio"
	"github.com/grpo-score/grpo-score/pipeline"
	"github.com/grpo-score/grpo-score/stats"
)

// Config describes one configuration: its name, the flags that define it
// (for the reader of the report) and its rewards, in pipeline.Config.Sets
// order.
type Config struct {
	Name    string   `json:"name"`
	Args    string   `json:"args"`
	Rewards []string `json:"rewards"`
}

// Comparison gathers the statistics of a compare run. It implements
// pipeline.Sink and, like stats.Summary, is fed from the writer goroutine.
type Comparison struct {
	configs []Config
	sums    []*stats.Summary
	invalid []uint64 // lines a configuration alone could not score
	pairs   []*Pair
	grouped bool
	top     int
	idPath  jsonlio.Path
	// OnInvalid, when set, is told of each line that a configuration
	// alone could not score (score would report it as invalid).
	OnInvalid func(o *pipeline.Outcome, config string, err error)

	lines [][]stats.Line // per configuration, the group being added
}

// New returns an empty comparison of configs. top is the number of most
// differing lines kept per pair; ids are read from idField (nil: none).
func New(configs []Config, grouped bool, top int, idField jsonlio.Path) *Comparison {
	c := &Comparison{configs: slices.Clone(configs), grouped: grouped, top: top, idPath: idField}
	for _, cf := range configs {
		c.sums = append(c.sums, stats.New(cf.Rewards...))
	}
	c.invalid = make([]uint64, len(configs))
	c.lines = make([][]stats.Line, len(configs))
	for i := range configs {
		for j := i + 1; j < len(configs); j++ {
			c.pairs = append(c.pairs, newPair(i, j, configs[i].Rewards, configs[j].Rewards, top))
		}
	}
	return c
}

// Configs returns the configurations.
func (c *Comparison) Configs() []Config { return slices.Clone(c.configs) }

// Summary returns the statistics of configuration i.
func (c *Comparison) Summary(i int) *stats.Summary { return c.sums[i] }

// Invalid returns the number of lines configuration i alone could not
// score.
func (c *Comparison) Invalid(i int) uint64 { return c.invalid[i] }

// Pairs returns the pairs of configurations, (0,1), (0,2), …, (1,2), …
func (c *Comparison) Pairs() []*Pair { return c.pairs }

// Grouped reports whether the lines had a group key.
func (c *Comparison) Grouped() bool { return c.grouped }

// statsLine converts a configuration's scores for the statistics.
func statsLine(sc *pipeline.Scores) stats.Line {
	l := stats.Line{Rewards: sc.Values, Total: sc.Total, TotalFailed: !sc.TotalOK, Method: sc.Method}
	if !sc.TotalOK {
		l.Failed = make([]bool, len(sc.Errs))
		for i, err := range sc.Errs {
			l.Failed[i] = err != nil
		}
	}
	return l
}

// Line implements pipeline.Sink.
func (c *Comparison) Line(o *pipeline.Outcome) {
	for i := range c.configs {
		sc := &o.Sets[i]
		if sc.InputErr != nil {
			c.invalid[i]++
			if c.OnInvalid != nil {
				c.OnInvalid(o, c.configs[i].Name, sc.InputErr)
			}
			continue
		}
		c.sums[i].AddLine(statsLine(sc))
	}
	var id *lineID
	for _, p := range c.pairs {
		p.line(o, &o.Sets[p.A], &o.Sets[p.B], c, &id)
	}
}

// lineID reads a line's id once, when a pair first needs it.
type lineID struct{ id string }

func (c *Comparison) idOf(o *pipeline.Outcome, cache **lineID) string {
	if *cache != nil {
		return (*cache).id
	}
	*cache = &lineID{}
	if c.idPath == nil {
		return ""
	}
	obj, err := jsonlio.ParseObject(o.Input())
	if err != nil {
		return ""
	}
	if v, ok := obj.Get(c.idPath); ok {
		(*cache).id = v.Text()
	}
	return (*cache).id
}

// Group implements pipeline.Sink.
func (c *Comparison) Group(_ string, members []*pipeline.Outcome) {
	for i := range c.configs {
		ls := c.lines[i][:0]
		for _, o := range members {
			if sc := &o.Sets[i]; sc.InputErr == nil {
				ls = append(ls, statsLine(sc))
			}
		}
		c.lines[i] = ls
		if len(ls) > 0 {
			c.sums[i].AddGroup(ls)
		}
	}
	for _, p := range c.pairs {
		p.group(members)
	}
}

// Finish records the line counts of the run in every configuration's
// statistics, as a score run of that configuration alone (--on-error keep)
// would count them.
func (c *Comparison) Finish(res *pipeline.Result) {
	if res == nil {
		return
	}
	for i, s := range c.sums {
		s.Lines = stats.Lines{
			Read:    uint64(res.Counts.Read),
			Written: uint64(res.Counts.Written),
			Failed:  uint64(res.Counts.Invalid) + c.invalid[i],
			Blank:   uint64(res.Counts.Blank),
		}
		s.ElapsedSeconds = res.Elapsed.Seconds()
	}
}

// Merge adds the comparison of other lines of the same configurations.
func (c *Comparison) Merge(o *Comparison) error {
	if len(c.configs) != len(o.configs) {
		return fmt.Errorf("compare: cannot merge a comparison of %d configurations with one of %d", len(o.configs), len(c.configs))
	}
	for i := range c.configs {
		a, b := c.configs[i], o.configs[i]
		if a.Name != b.Name || a.Args != b.Args || !slices.Equal(a.Rewards, b.Rewards) {
			return fmt.Errorf("compare: configuration %d is %s (%q) here and %s (%q) there", i+1, a.Name, a.Args, b.Name, b.Args)
		}
	}
	if c.grouped != o.grouped || c.top != o.top {
		return fmt.Errorf("compare: cannot merge comparisons with and without groups, or with other --top")
	}
	for i := range c.sums {
		if err := c.sums[i].Merge(o.sums[i]); err != nil {
			return err
		}
		c.invalid[i] += o.invalid[i]
	}
	for i, p := range c.pairs {
		p.merge(o.pairs[i])
	}
	return nil
}

// sign is −1, 0 or +1; −0.0 is 0.
func sign(v float64) int {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// zeroStd reports whether a group of totals is scored (every total there,
// finite, at least two) and whether its totals all tie (zero std: no
// learning signal), as stats.GroupSeries decides.
func zeroStd(members []*pipeline.Outcome, i int) (scored, tie bool) {
	n := 0
	var first float64
	tie = true
	for _, o := range members {
		sc := &o.Sets[i]
		if sc.InputErr != nil {
			continue
		}
		if !sc.TotalOK || math.IsNaN(sc.Total) || math.IsInf(sc.Total, 0) {
			return false, false
		}
		if n == 0 {
			first = sc.Total
		} else if sc.Total != first {
			tie = false
		}
		n++
	}
	return n >= 2, tie
}
