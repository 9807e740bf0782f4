package compare

import (
	"cmp"
	"math"
	"slices"

	"github.com/grpo-score/grpo-score/pipeline"
	"github.com/grpo-score/grpo-score/stats"
)

// Pair is what changes from configuration A to configuration B.
type Pair struct {
	A, B int // indexes of the configurations
	// Total correlates the totals of the lines both score; Rewards the
	// values of each reward both configurations compute, by name, in A's
	// order.
	Total   *stats.Pair
	Names   []string
	Rewards []*stats.Pair
	Groups  GroupChanges
	// TopTotal and TopAdvantage are the lines with the largest |B − A| of
	// the total and of the advantage.
	TopTotal, TopAdvantage *Top

	aIndex, bIndex []int // per name, the reward's index in A's and B's rewards
}

// GroupChanges count how the learning signal of groups and lines moves
// from A to B. Only groups both configurations score count in the group
// figures, only lines with an advantage under both in the line figures.
type GroupChanges struct {
	BothScored uint64 `json:"both_scored"`
	// ZeroStdOnlyA: tied (zero std, no signal) under A, not under B; and
	// the converse.
	ZeroStdOnlyA uint64 `json:"zero_std_only_a"`
	ZeroStdOnlyB uint64 `json:"zero_std_only_b"`
	// AdvantageLines have an advantage under both; SignFlips of them
	// change its sign (−, 0, +: a tied group's 0 is a sign of its own).
	AdvantageLines uint64 `json:"advantage_lines"`
	SignFlips      uint64 `json:"sign_flips"`
}

// ZeroStdChanged is the number of groups that move between zero and
// non-zero std.
func (g GroupChanges) ZeroStdChanged() uint64 { return g.ZeroStdOnlyA + g.ZeroStdOnlyB }

// SignFlipFraction is SignFlips / AdvantageLines, NaN without lines.
func (g GroupChanges) SignFlipFraction() float64 {
	if g.AdvantageLines == 0 {
		return math.NaN()
	}
	return float64(g.SignFlips) / float64(g.AdvantageLines)
}

func newPair(a, b int, ra, rb []string, top int) *Pair {
	p := &Pair{A: a, B: b, Total: stats.NewPair(), TopTotal: newTop(top), TopAdvantage: newTop(top)}
	for i, name := range ra {
		if j := slices.Index(rb, name); j >= 0 {
			p.Names = append(p.Names, name)
			p.Rewards = append(p.Rewards, stats.NewPair())
			p.aIndex, p.bIndex = append(p.aIndex, i), append(p.bIndex, j)
		}
	}
	return p
}

func (p *Pair) line(o *pipeline.Outcome, a, b *pipeline.Scores, c *Comparison, id **lineID) {
	if a.InputErr != nil || b.InputErr != nil {
		return
	}
	for k := range p.Names {
		i, j := p.aIndex[k], p.bIndex[k]
		if a.Errs[i] == nil && b.Errs[j] == nil {
			p.Rewards[k].Add(a.Values[i], b.Values[j])
		}
	}
	if a.TotalOK && b.TotalOK {
		p.Total.Add(a.Total, b.Total)
		if p.TopTotal.wants(a.Total, b.Total, o) {
			p.TopTotal.add(Diff{File: o.File, Line: o.Line, ID: c.idOf(o, id), A: a.Total, B: b.Total})
		}
	}
	if a.AdvantageOK && b.AdvantageOK && isFinite(a.Advantage) && isFinite(b.Advantage) {
		p.Groups.AdvantageLines++
		if sign(a.Advantage) != sign(b.Advantage) {
			p.Groups.SignFlips++
		}
		if p.TopAdvantage.wants(a.Advantage, b.Advantage, o) {
			p.TopAdvantage.add(Diff{File: o.File, Line: o.Line, ID: c.idOf(o, id), A: a.Advantage, B: b.Advantage})
		}
	}
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func (p *Pair) group(members []*pipeline.Outcome) {
	sa, ta := zeroStd(members, p.A)
	sb, tb := zeroStd(members, p.B)
	if !sa || !sb {
		return
	}
	p.Groups.BothScored++
	switch {
	case ta && !tb:
		p.Groups.ZeroStdOnlyA++
	case tb && !ta:
		p.Groups.ZeroStdOnlyB++
	}
}

func (p *Pair) merge(o *Pair) {
	p.Total.Merge(o.Total)
	for k := range p.Rewards {
		p.Rewards[k].Merge(o.Rewards[k])
	}
	g, og := &p.Groups, o.Groups
	g.BothScored += og.BothScored
	g.ZeroStdOnlyA += og.ZeroStdOnlyA
	g.ZeroStdOnlyB += og.ZeroStdOnlyB
	g.AdvantageLines += og.AdvantageLines
	g.SignFlips += og.SignFlips
	for _, d := range o.TopTotal.items {
		p.TopTotal.add(d)
	}
	for _, d := range o.TopAdvantage.items {
		p.TopAdvantage.add(d)
	}
}

// Diff is one line's values under A and B.
type Diff struct {
	File string  `json:"file"`
	Line int     `json:"line"`
	ID   string  `json:"id"`
	A    float64 `json:"a"`
	B    float64 `json:"b"`
}

// Delta is B − A.
func (d Diff) Delta() float64 { return d.B - d.A }

// Top keeps the n lines with the largest non-zero |B − A|; ties go to the earlier
// file name and line, so the list does not depend on the order lines or
// shards arrive in.
type Top struct {
	n     int
	items []Diff // best first
}

func newTop(n int) *Top { return &Top{n: n} }

// Items returns the lines, largest |B − A| first.
func (t *Top) Items() []Diff { return slices.Clone(t.items) }

func before(a, b Diff) int {
	return cmp.Or(-cmp.Compare(math.Abs(a.Delta()), math.Abs(b.Delta())), cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
}

// wants reports whether a line with these values would enter the list,
// before its id is read.
func (t *Top) wants(a, b float64, o *pipeline.Outcome) bool {
	if t.n <= 0 || !isFinite(b-a) || b-a == 0 {
		return false
	}
	return len(t.items) < t.n || before(Diff{File: o.File, Line: o.Line, A: a, B: b}, t.items[len(t.items)-1]) < 0
}

func (t *Top) add(d Diff) {
	if t.n <= 0 {
		return
	}
	i, found := slices.BinarySearchFunc(t.items, d, before)
	if found {
		return // the same line again (a merge of overlapping shards)
	}
	t.items = slices.Insert(t.items, i, d)
	if len(t.items) > t.n {
		t.items = t.items[:t.n]
	}
}
