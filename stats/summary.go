package stats

import (
	"fmt"
	"slices"
)

// Lines counts the input lines, so that read = written + skipped can be
// checked; the pipeline updates the fields directly.
type Lines struct {
	Read    uint64 // lines read, blank ones included
	Written uint64 // lines written
	Skipped uint64 // lines dropped under --on-error skip
	Failed  uint64 // lines with an input error (not JSON, missing fields, ...)
	Blank   uint64 // blank lines
	// Fallback counts the lines whose value of some reward is the
	// reference's fallback rather than the intended computation (the LLM
	// judge did not answer: exact match).
	Fallback uint64
}

// A Line is what the pipeline knows of one scored line.
type Line struct {
	Rewards []float64 // aligned with the reward names given to New
	Failed  []bool    // Failed[i]: reward i failed (null); nil when none did
	Total   float64   // weighted total
	// TotalFailed: the total is null (a reward failed).
	TotalFailed bool
	// Method is the accuracy method of the line, "" when there is none.
	Method string
}

func (l *Line) ok(i int) bool { return l.Failed == nil || !l.Failed[i] }

// A Summary gathers the statistics of a run. It is not safe for concurrent
// use: the pipeline feeds it from its writer goroutine.
//
// ElapsedSeconds is wall-clock time. It is the one figure that a merge cannot
// reproduce: the merge keeps the largest value, the wall-clock time of shards
// run in parallel, so that lines_per_second is the aggregate throughput
// (a sum of the shards' times would understate it).
type Summary struct {
	Lines          Lines
	ElapsedSeconds float64

	rewards  []string
	accuracy int // index of "accuracy" in rewards, −1 when absent
	byReward []*Series
	total    *Series
	byMethod map[string]*Series
	groups   []*GroupSeries // per reward, then the total; nil before AddGroup
	// prompts are the per-prompt metrics of promptNames(); nil before
	// AddGroup.
	prompts []*PromptMetrics

	scratch groupScratch
}

// New returns an empty summary for the rewards with these names, in the
// order that Line.Rewards follows.
func New(rewards ...string) *Summary {
	s := &Summary{
		rewards:  slices.Clone(rewards),
		accuracy: slices.Index(rewards, "accuracy"),
		total:    NewSeries(),
		byMethod: make(map[string]*Series),
	}
	for range rewards {
		s.byReward = append(s.byReward, NewSeries())
	}
	return s
}

// Rewards returns the reward names.
func (s *Summary) Rewards() []string { return slices.Clone(s.rewards) }

// Reward returns the series of reward i.
func (s *Summary) Reward(i int) *Series { return s.byReward[i] }

// Total returns the series of the weighted total.
func (s *Summary) Total() *Series { return s.total }

// Methods returns the accuracy methods seen, sorted.
func (s *Summary) Methods() []string {
	names := make([]string, 0, len(s.byMethod))
	for m := range s.byMethod {
		names = append(names, m)
	}
	slices.Sort(names)
	return names
}

// Method returns the series of the accuracy reward under method m, or nil.
func (s *Summary) Method(m string) *Series { return s.byMethod[m] }

// Group returns the group series of reward i, of the total for
// i = len(Rewards()), or nil when no group was added.
func (s *Summary) Group(i int) *GroupSeries {
	if s.groups == nil {
		return nil
	}
	return s.groups[i]
}

// promptNames are the values that get per-prompt metrics: the accuracy
// reward, when selected, and the total.
func (s *Summary) promptNames() []string {
	if s.accuracy >= 0 {
		return []string{s.rewards[s.accuracy], "total"}
	}
	return []string{"total"}
}

// PerPrompt returns the per-prompt metrics of the accuracy reward (name
// "accuracy") or of the total ("total"), or nil when there are none.
func (s *Summary) PerPrompt(name string) *PromptMetrics {
	if i := slices.Index(s.promptNames(), name); i >= 0 && s.prompts != nil {
		return s.prompts[i]
	}
	return nil
}

func (s *Summary) initGroups() {
	if s.groups != nil {
		return
	}
	s.groups = make([]*GroupSeries, len(s.rewards)+1)
	for i := range s.groups {
		s.groups[i] = new(GroupSeries)
	}
	s.prompts = make([]*PromptMetrics, len(s.promptNames()))
	for i := range s.prompts {
		s.prompts[i] = newPromptMetrics()
	}
}

// AddLine adds the rewards of one scored line. It does not count the line
// in Lines.
func (s *Summary) AddLine(l Line) {
	for i, v := range l.Rewards[:len(s.rewards)] {
		if l.ok(i) {
			s.byReward[i].Add(v)
		} else {
			s.byReward[i].AddError()
		}
	}
	if l.TotalFailed {
		s.total.AddError()
	} else {
		s.total.Add(l.Total)
	}
	if s.accuracy >= 0 && l.Method != "" {
		m := s.byMethod[l.Method]
		if m == nil {
			m = NewSeries()
			s.byMethod[l.Method] = m
		}
		if l.ok(s.accuracy) {
			m.Add(l.Rewards[s.accuracy])
		} else {
			m.AddError()
		}
	}
}

// AddGroup adds the group statistics of one whole group of lines (the lines
// must also be added one by one with AddLine). A group must not be split
// across summaries that are later merged.
func (s *Summary) AddGroup(lines []Line) {
	s.initGroups()
	sc := &s.scratch
	ok := slices.Grow(sc.ok[:0], len(lines))[:len(lines)]
	sc.ok = ok
	for i := range s.rewards {
		sc.values = sc.values[:0]
		for j := range lines {
			sc.values = append(sc.values, lines[j].Rewards[i])
			ok[j] = lines[j].ok(i)
		}
		s.groups[i].add(sc.values, ok, sc)
		if i == s.accuracy {
			s.prompts[0].add(sc.values, ok, sc)
		}
	}
	sc.values = sc.values[:0]
	for j := range lines {
		sc.values = append(sc.values, lines[j].Total)
		ok[j] = !lines[j].TotalFailed
	}
	s.groups[len(s.rewards)].add(sc.values, ok, sc)
	s.prompts[len(s.prompts)-1].add(sc.values, ok, sc)
}

// Merge adds the statistics of o, a summary of other lines of the same
// rewards, to s. The result does not depend on how the input was split nor
// on the order of merges, except for ElapsedSeconds (the maximum).
func (s *Summary) Merge(o *Summary) error {
	if !slices.Equal(s.rewards, o.rewards) {
		return fmt.Errorf("stats: cannot merge statistics of rewards %q with those of %q", s.rewards, o.rewards)
	}
	s.Lines.Read += o.Lines.Read
	s.Lines.Written += o.Lines.Written
	s.Lines.Skipped += o.Lines.Skipped
	s.Lines.Failed += o.Lines.Failed
	s.Lines.Blank += o.Lines.Blank
	s.Lines.Fallback += o.Lines.Fallback
	s.ElapsedSeconds = max(s.ElapsedSeconds, o.ElapsedSeconds)
	for i, r := range o.byReward {
		s.byReward[i].Merge(r)
	}
	s.total.Merge(o.total)
	for name, m := range o.byMethod {
		if sm := s.byMethod[name]; sm != nil {
			sm.Merge(m)
		} else {
			c := NewSeries()
			c.Merge(m)
			s.byMethod[name] = c
		}
	}
	if o.groups != nil {
		s.initGroups()
		for i, g := range o.groups {
			s.groups[i].Merge(g)
		}
		for i, p := range o.prompts {
			s.prompts[i].Merge(p)
		}
	}
	return nil
}
