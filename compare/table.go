package compare

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/grpo-score/grpo-score/stats"
)

// WriteTable writes the comparison for a terminal: the configurations, the
// distributions side by side (total first, then each reward), the group and
// per-prompt figures, then for every pair the correlations, the group
// changes and the lines that differ most.
func (c *Comparison) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "configuration\tflags\trewards\tlines it alone could not score")
	for i, cf := range c.configs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\n", cf.Name, cf.Args, strings.Join(cf.Rewards, ","), c.invalid[i])
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)

	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "distribution\tcount\terrors\tmean\tstd\tmin\tp50\tp90\tp99\tmax\t histogram, min to max\t")
	row := func(label string, se *stats.Series) {
		st := se.Stats()
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t %s\t\n", label, st.Count, st.Errors, stats.Short(st.Mean), stats.Short(st.Std),
			stats.Short(st.Min), stats.Short(st.P50), stats.Short(st.P90), stats.Short(st.P99), stats.Short(st.Max), spark(st.Histogram))
	}
	fmt.Fprintln(tw, "total\t\t\t\t\t\t\t\t\t\t\t")
	for i, cf := range c.configs {
		row("  "+cf.Name, c.sums[i].Total())
	}
	for _, name := range c.rewardNames() {
		fmt.Fprintf(tw, "%s\t\t\t\t\t\t\t\t\t\t\t\n", name)
		for i, cf := range c.configs {
			if j := slices.Index(cf.Rewards, name); j >= 0 {
				row("  "+cf.Name, c.sums[i].Reward(j))
			}
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if c.grouped {
		if err := c.writeGroups(w); err != nil {
			return err
		}
	}
	return c.writePairs(w)
}

// rewardNames lists every configuration's rewards, first seen first.
func (c *Comparison) rewardNames() []string {
	var names []string
	for _, cf := range c.configs {
		for _, r := range cf.Rewards {
			if !slices.Contains(names, r) {
				names = append(names, r)
			}
		}
	}
	return names
}

func (c *Comparison) writeGroups(w io.Writer) error {
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "groups (total)\tgroups\tscored\tzero std\tmean std\t")
	for i, cf := range c.configs {
		g := c.sums[i].Group(len(cf.Rewards))
		if g == nil {
			continue
		}
		st := g.Stats()
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t\n", cf.Name, st.Groups, st.Scored, stats.Percent(st.TieFraction), stats.Short(st.MeanStd))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// per-prompt metrics of the accuracy (or the total), one column per
	// configuration
	series := "accuracy"
	for _, cf := range c.configs {
		if !slices.Contains(cf.Rewards, "accuracy") {
			series = "total"
		}
	}
	var rows []stats.PromptMetric
	for i := range c.configs {
		if p := c.sums[i].PerPrompt(series); p != nil {
			for _, m := range p.Metrics() {
				if !slices.ContainsFunc(rows, func(r stats.PromptMetric) bool { return r.Name == m.Name }) {
					rows = append(rows, m)
				}
			}
		}
	}
	if len(rows) == 0 {
		return nil
	}
	stats.SortPromptMetrics(rows)
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "per prompt (%s)\t", series)
	for _, cf := range c.configs {
		fmt.Fprintf(tw, "%s\t", cf.Name)
	}
	fmt.Fprintln(tw)
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t", r.Name)
		for i := range c.configs {
			v := math.NaN()
			if p := c.sums[i].PerPrompt(series); p != nil {
				if m, ok := p.Metric(r.Name); ok {
					v = m.Value
				}
			}
			fmt.Fprintf(tw, "%s\t", stats.Short(v))
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

func (c *Comparison) writePairs(w io.Writer) error {
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "pair\tof\tlines\tpearson\tspearman\t")
	for _, p := range c.pairs {
		label := c.configs[p.A].Name + " vs " + c.configs[p.B].Name
		corr := func(of string, sp *stats.Pair) {
			st := sp.Stats()
			s := stats.Short(st.Spearman)
			if !st.SpearmanExact && !math.IsNaN(st.Spearman) {
				s = "≈" + s
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t\n", label, of, st.Count, stats.Short(st.Pearson), s)
			label = ""
		}
		corr("total", p.Total)
		for k, name := range p.Names {
			corr(name, p.Rewards[k])
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if c.grouped {
		fmt.Fprintln(w)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "pair\tgroups both score\tzero-std changed\tzero only under the first\tzero only under the second\tlines with advantages\tsign flips\t")
		for _, p := range c.pairs {
			g := p.Groups
			fmt.Fprintf(tw, "%s vs %s\t%d\t%d\t%d\t%d\t%d\t%d (%s)\t\n", c.configs[p.A].Name, c.configs[p.B].Name, g.BothScored,
				g.ZeroStdChanged(), g.ZeroStdOnlyA, g.ZeroStdOnlyB, g.AdvantageLines, g.SignFlips, stats.Percent(g.SignFlipFraction()))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	for _, p := range c.pairs {
		a, b := c.configs[p.A].Name, c.configs[p.B].Name
		if err := writeTop(w, fmt.Sprintf("largest |Δ total|, %s vs %s", a, b), a, b, p.TopTotal); err != nil {
			return err
		}
		if c.grouped {
			if err := writeTop(w, fmt.Sprintf("largest |Δ advantage|, %s vs %s", a, b), a, b, p.TopAdvantage); err != nil {
				return err
			}
		}
	}
	return nil
}

func writeTop(w io.Writer, title, a, b string, t *Top) error {
	if len(t.items) == 0 {
		return nil
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, title)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  line\tid\t%s\t%s\tΔ\n", a, b)
	for _, d := range t.items {
		fmt.Fprintf(tw, "  %s:%d\t%s\t%s\t%s\t%s\n", d.File, d.Line, d.ID, stats.Short(d.A), stats.Short(d.B), stats.Short(d.Delta()))
	}
	return tw.Flush()
}

// spark draws a histogram as a row of block characters, the highest bin
// full; empty bins are blank.
func spark(h *stats.Histogram) string {
	if h == nil {
		return "-"
	}
	const blocks = "▁▂▃▄▅▆▇█"
	top := slices.Max(h.Counts)
	var b strings.Builder
	for _, n := range h.Counts {
		if n == 0 || top == 0 {
			b.WriteByte(' ')
			continue
		}
		i := int((n*7 + top - 1) / top) // 1..7
		b.WriteString(string([]rune(blocks)[i]))
	}
	return b.String()
}
