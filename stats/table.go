package stats

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
)

// WriteTable writes a short aligned table of s for a terminal: one row per
// reward, per accuracy method and for the total, then the line counts and
// the throughput, then the group statistics if any.
func (s *Summary) WriteTable(w io.Writer) error {
	width := len("groups of")
	for _, r := range s.rewards {
		width = max(width, len(r))
	}
	for m := range s.byMethod {
		width = max(width, len(m)+2)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%-*s\tcount\terrors\tmean\tstd\tmin\tp50\tp90\tp99\tmax\t\n", width, "reward")
	row := func(name string, se *Series) {
		st := se.Stats()
		fmt.Fprintf(tw, "%-*s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", width, name, st.Count, st.Errors,
			Short(st.Mean), Short(st.Std), Short(st.Min), Short(st.P50), Short(st.P90), Short(st.P99), Short(st.Max))
	}
	for i, r := range s.rewards {
		row(r, s.byReward[i])
		if i == s.accuracy {
			for _, m := range s.Methods() {
				row("  "+m, s.byMethod[m])
			}
		}
	}
	row("total", s.total)
	if err := tw.Flush(); err != nil {
		return err
	}
	l := s.Lines
	rate := "-"
	if s.ElapsedSeconds > 0 {
		rate = strconv.FormatFloat(float64(l.Read)/s.ElapsedSeconds, 'f', 0, 64)
	}
	// Two short lines rather than one long one: the table fits 80 columns.
	_, err := fmt.Fprintf(w, "lines: %d read, %d written, %d skipped, %d failed, %d blank\ntime: %.2fs, %s lines/s\n",
		l.Read, l.Written, l.Skipped, l.Failed, l.Blank, s.ElapsedSeconds, rate)
	if err == nil && l.Fallback > 0 {
		_, err = fmt.Fprintf(w, "llm judge: %d lines got the exact-match fallback (marked in reward_fallbacks)\n", l.Fallback)
	}
	if err != nil || s.groups == nil {
		return err
	}
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%-*s\tgroups\tmean size\ttied\tmean std\tsingletons\tinvalid\t\n", width, "groups of")
	for i, g := range s.groups {
		name := "total"
		if i < len(s.rewards) {
			name = s.rewards[i]
		}
		st := g.Stats()
		fmt.Fprintf(tw, "%-*s\t%d\t%s\t%s\t%s\t%d\t%d\t\n", width, name, st.Groups, Short(st.MeanSize),
			Percent(st.TieFraction), Short(st.MeanStd), st.Singletons, st.Invalid)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return s.writePromptTable(w)
}

// writePromptTable writes verl's per-prompt metrics, one row per metric
// and a column per value (accuracy, total) with the groups it covers.
func (s *Summary) writePromptTable(w io.Writer) error {
	names := s.promptNames()
	var rows []string
	for _, p := range s.prompts {
		for _, m := range p.Metrics() {
			if !slices.Contains(rows, m.Name) {
				rows = append(rows, m.Name)
			}
		}
	}
	if len(rows) == 0 {
		return nil
	}
	slices.SortFunc(rows, compareMetricNames)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "per prompt\t")
	for _, n := range names {
		fmt.Fprintf(tw, "%s\tgroups\t", n)
	}
	fmt.Fprintln(tw)
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t", r)
		for _, p := range s.prompts {
			if m, ok := p.Metric(r); ok {
				fmt.Fprintf(tw, "%s\t%d\t", Short(m.Value), m.Groups)
			} else {
				fmt.Fprintf(tw, "-\t0\t")
			}
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

// Short formats a figure in at most 6 characters (4 significant digits
// where they fit), "-" when undefined: the figures of the tables, which so
// fit 80 columns.
func Short(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	var s string
	for prec := 4; prec >= 1; prec-- {
		s = strconv.FormatFloat(v, 'g', prec, 64)
		if e := strings.Index(s, "e"); e >= 0 {
			// 1.2e-05 → 1.2e-5: the exponent's leading zero buys a digit.
			exp := strings.TrimLeft(s[e+2:], "0")
			s = s[:e+2] + exp
		}
		if len(s) <= 6 {
			break
		}
	}
	return s
}

// Percent formats a fraction as a percentage with one decimal, "-" when
// undefined.
func Percent(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	return strconv.FormatFloat(100*v, 'f', 1, 64) + "%"
}
