// Package report writes one self-contained HTML page of charts from a
// scored file, a --stats file or a compare result: the distributions of
// the rewards, the total and each accuracy method, reward against token
// count for length, the zero-std groups, per-step curves, the errors, and
// for a comparison the distributions side by side, total against total and
// the lines that differ most.
//
// Charts are SVG drawn in Go by gonum/plot and written into the page, with
// the one font they use embedded as a data: URI: the page loads nothing,
// runs no script and looks the same offline.
package report

import (
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strings"

	"codeberg.org/go-fonts/liberation/liberationsansregular"

	"github.com/grpo-score/grpo-score/compare"
	"github.com/grpo-score/grpo-score/stats"
)

// Data is what a page shows: Summary (a scored file or a --stats file,
// with Extras for a scored file) or Compare.
type Data struct {
	Title   string
	Sources []string
	Summary *stats.Summary
	Extras  *Extras
	Compare *compare.Comparison
}

// page is what the template sees.
type page struct {
	Title    string
	Sources  string
	Font     template.URL
	Facts    []fact
	Sections []section
}

type fact struct{ Name, Value string }

type section struct {
	ID     string
	Title  string
	Intro  string
	Charts []Chart
	Tables []table
}

type table struct {
	Caption string
	Head    []string
	Rows    [][]string
}

// Write renders d as HTML to w.
func Write(w io.Writer, d *Data) error {
	pg := &page{Title: d.Title, Sources: strings.Join(d.Sources, ", "),
		Font: template.URL("data:font/ttf;base64," + base64.StdEncoding.EncodeToString(liberationsansregular.TTF))}
	var err error
	switch {
	case d.Compare != nil:
		err = pg.comparison(d.Compare)
	case d.Summary != nil:
		err = pg.summary(d.Summary, d.Extras)
	default:
		err = fmt.Errorf("report: nothing to show")
	}
	if err != nil {
		return err
	}
	return pageTemplate.Execute(w, pg)
}

func (pg *page) add(s section) {
	var charts []Chart
	for _, c := range s.Charts {
		if c.SVG != "" {
			charts = append(charts, c)
		}
	}
	s.Charts = charts
	if len(s.Charts) > 0 || len(s.Tables) > 0 {
		pg.Sections = append(pg.Sections, s)
	}
}

// charts collects charts, keeping the first error.
type charts struct {
	list []Chart
	err  error
}

func (cs *charts) add(c Chart, err error) {
	if err != nil && cs.err == nil {
		cs.err = err
	}
	cs.list = append(cs.list, c)
}

func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	return b.String()
}

func (pg *page) summary(s *stats.Summary, x *Extras) error {
	l := s.Lines
	pg.Facts = append(pg.Facts, fact{"lines read", fmt.Sprint(l.Read)}, fact{"written", fmt.Sprint(l.Written)},
		fact{"skipped", fmt.Sprint(l.Skipped)}, fact{"invalid", fmt.Sprint(l.Failed)}, fact{"blank", fmt.Sprint(l.Blank)})

	// distributions
	var cs charts
	rewards := s.Rewards()
	cs.add(histogramChart("total", "Weighted total", "total reward", []histogramSeries{{"total", s.Total().Stats().Histogram}}))
	for i, r := range rewards {
		cs.add(histogramChart("reward-"+slug(r), "Reward "+r, r, []histogramSeries{{r, s.Reward(i).Stats().Histogram}}))
	}
	for _, m := range s.Methods() {
		cs.add(histogramChart("method-"+slug(m), "Accuracy under method "+m, "accuracy", []histogramSeries{{m, s.Method(m).Stats().Histogram}}))
	}
	if cs.err != nil {
		return cs.err
	}
	summaryTable := table{Caption: "Distributions", Head: []string{"series", "count", "errors", "mean", "std", "min", "p50", "p90", "p99", "max"}}
	row := func(name string, se *stats.Series) {
		st := se.Stats()
		summaryTable.Rows = append(summaryTable.Rows, []string{name, fmt.Sprint(st.Count), fmt.Sprint(st.Errors), stats.Short(st.Mean),
			stats.Short(st.Std), stats.Short(st.Min), stats.Short(st.P50), stats.Short(st.P90), stats.Short(st.P99), stats.Short(st.Max)})
	}
	row("total", s.Total())
	for i, r := range rewards {
		row(r, s.Reward(i))
	}
	for _, m := range s.Methods() {
		row("accuracy, "+m, s.Method(m))
	}
	pg.add(section{ID: "distributions", Title: "Distributions",
		Intro:  "Histograms of each reward, of the accuracy under each method and of the weighted total (20 equal bins from min to max).",
		Charts: cs.list, Tables: []table{summaryTable}})

	if x != nil {
		if err := pg.extras(s, x); err != nil {
			return err
		}
	}
	return pg.groups(s)
}

func (pg *page) groups(s *stats.Summary) error {
	rewards := s.Rewards()
	if s.Group(len(rewards)) == nil {
		return nil
	}
	names := append(slices.Clone(rewards), "total")
	fracs := make([]float64, len(names))
	gt := table{Caption: "Groups", Head: []string{"of", "groups", "scored", "zero std", "mean std", "singletons", "invalid"}}
	for i, n := range names {
		st := s.Group(i).Stats()
		fracs[i] = st.TieFraction
		gt.Rows = append(gt.Rows, []string{n, fmt.Sprint(st.Groups), fmt.Sprint(st.Scored), stats.Percent(st.TieFraction),
			stats.Short(st.MeanStd), fmt.Sprint(st.Singletons), fmt.Sprint(st.Invalid)})
	}
	var cs charts
	cs.add(barChart("zero-std", "Groups with zero std (no learning signal)", "fraction of scored groups", names, fracs))
	if cs.err != nil {
		return cs.err
	}
	tables := []table{gt}
	for _, series := range []string{"accuracy", "total"} {
		if p := s.PerPrompt(series); p != nil {
			pt := table{Caption: "Per-prompt metrics of the " + series + " (verl's names)", Head: []string{"metric", "value", "groups"}}
			for _, m := range p.Metrics() {
				pt.Rows = append(pt.Rows, []string{m.Name, stats.Short(m.Value), fmt.Sprint(m.Groups)})
			}
			if len(pt.Rows) > 0 {
				tables = append(tables, pt)
			}
		}
	}
	pg.add(section{ID: "groups", Title: "Groups",
		Intro:  "A group whose totals all tie has zero std, so every advantage in it is 0: the prompt teaches nothing.",
		Charts: cs.list, Tables: tables})
	return nil
}

func (pg *page) comparison(c *compare.Comparison) error {
	cfgs := c.Configs()
	ct := table{Caption: "Configurations", Head: []string{"name", "flags", "rewards", "lines it alone could not score"}}
	for i, cf := range cfgs {
		ct.Rows = append(ct.Rows, []string{cf.Name, cf.Args, strings.Join(cf.Rewards, ", "), fmt.Sprint(c.Invalid(i))})
	}
	l := c.Summary(0).Lines
	pg.Facts = append(pg.Facts, fact{"configurations", fmt.Sprint(len(cfgs))}, fact{"lines read", fmt.Sprint(l.Read)},
		fact{"blank", fmt.Sprint(l.Blank)}, fact{"invalid", fmt.Sprint(c.Summary(0).Lines.Failed - c.Invalid(0))})

	// side-by-side distributions: the total, then each reward
	var cs charts
	cs.add(histogramChart("total", "Weighted total", "total reward", commonBins(cfgs, func(i int) *stats.Series { return c.Summary(i).Total() })))
	var names []string
	for _, cf := range cfgs {
		for _, r := range cf.Rewards {
			if !slices.Contains(names, r) {
				names = append(names, r)
			}
		}
	}
	dist := table{Caption: "Distributions", Head: []string{"series", "configuration", "count", "errors", "mean", "std", "p50", "p90", "p99"}}
	addRows := func(name string, get func(i int) *stats.Series) {
		for i, cf := range cfgs {
			if se := get(i); se != nil {
				st := se.Stats()
				dist.Rows = append(dist.Rows, []string{name, cf.Name, fmt.Sprint(st.Count), fmt.Sprint(st.Errors), stats.Short(st.Mean),
					stats.Short(st.Std), stats.Short(st.P50), stats.Short(st.P90), stats.Short(st.P99)})
			}
		}
	}
	addRows("total", func(i int) *stats.Series { return c.Summary(i).Total() })
	for _, r := range names {
		get := func(i int) *stats.Series {
			if j := slices.Index(cfgs[i].Rewards, r); j >= 0 {
				return c.Summary(i).Reward(j)
			}
			return nil
		}
		cs.add(histogramChart("reward-"+slug(r), "Reward "+r, r, commonBins(cfgs, get)))
		addRows(r, get)
	}
	if cs.err != nil {
		return cs.err
	}
	pg.add(section{ID: "configurations", Title: "Configurations", Tables: []table{ct}})
	pg.add(section{ID: "distributions", Title: "Distributions side by side",
		Intro:  "Each configuration's histogram over the same 20 bins, from the lowest minimum to the highest maximum, bars side by side.",
		Charts: cs.list, Tables: []table{dist}})

	// pairs: scatter of totals, correlations
	var sc charts
	corr := table{Caption: "Correlations", Head: []string{"pair", "of", "lines", "Pearson", "Spearman"}}
	for _, p := range c.Pairs() {
		a, b := cfgs[p.A].Name, cfgs[p.B].Name
		var pts []XY
		for _, q := range p.Total.Points() {
			pts = append(pts, XY{X: q.X, Y: q.Y, N: q.N})
		}
		st := p.Total.Stats()
		note := "Each dot is a distinct pair of totals; its area grows with the lines that share it."
		if !st.SpearmanExact {
			note = "More than 16384 distinct pairs: dots are cells of the relative-error sketch, at their lower edges."
		}
		sc.add(scatterChart("scatter-"+slug(a)+"-"+slug(b), "Total: "+b+" against "+a, "total under "+a, "total under "+b, pts, note, true))
		addCorr := func(of string, sp *stats.Pair) {
			st := sp.Stats()
			s := stats.Short(st.Spearman)
			if !st.SpearmanExact && !math.IsNaN(st.Spearman) {
				s = "≈ " + s
			}
			corr.Rows = append(corr.Rows, []string{a + " vs " + b, of, fmt.Sprint(st.Count), stats.Short(st.Pearson), s})
		}
		addCorr("total", p.Total)
		for k, n := range p.Names {
			addCorr(n, p.Rewards[k])
		}
	}
	if sc.err != nil {
		return sc.err
	}
	pg.add(section{ID: "pairs", Title: "Total against total",
		Intro:  "Lines on the diagonal score the same under both; distance from it is what the change of reward design does to a line.",
		Charts: sc.list, Tables: []table{corr}})

	if c.Grouped() {
		if err := pg.comparisonGroups(c); err != nil {
			return err
		}
	}

	// the lines that differ most
	var tops []table
	for _, p := range c.Pairs() {
		a, b := cfgs[p.A].Name, cfgs[p.B].Name
		for _, t := range []struct {
			what string
			top  *compare.Top
		}{{"total", p.TopTotal}, {"advantage", p.TopAdvantage}} {
			items := t.top.Items()
			if len(items) == 0 {
				continue
			}
			tt := table{Caption: fmt.Sprintf("Largest |Δ %s|, %s vs %s", t.what, a, b), Head: []string{"line", "id", a, b, "Δ"}}
			for _, d := range items {
				tt.Rows = append(tt.Rows, []string{fmt.Sprintf("%s:%d", d.File, d.Line), d.ID, stats.Short(d.A), stats.Short(d.B), stats.Short(d.Delta())})
			}
			tops = append(tops, tt)
		}
	}
	pg.add(section{ID: "top", Title: "Lines that differ most",
		Intro:  "Run 'grpo-score explain FILE --id ID' with a configuration's flags to see why a line scores as it does.",
		Tables: tops})
	return nil
}

// commonBins gives each configuration's series (nil: it has none) a
// histogram over the same bins, from the lowest minimum to the highest
// maximum, so that bars can stand side by side.
func commonBins(cfgs []compare.Config, get func(i int) *stats.Series) []histogramSeries {
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range cfgs {
		if se := get(i); se != nil {
			if st := se.Stats(); st.Count > st.NaN {
				lo, hi = math.Min(lo, st.Min), math.Max(hi, st.Max)
			}
		}
	}
	var out []histogramSeries
	for i, cf := range cfgs {
		if se := get(i); se != nil {
			out = append(out, histogramSeries{cf.Name, se.HistogramOver(lo, hi)})
		}
	}
	return out
}

func (pg *page) comparisonGroups(c *compare.Comparison) error {
	cfgs := c.Configs()
	names := make([]string, len(cfgs))
	fracs := make([]float64, len(cfgs))
	gt := table{Caption: "Groups (total)", Head: []string{"configuration", "groups", "scored", "zero std", "mean std"}}
	for i, cf := range cfgs {
		names[i] = cf.Name
		fracs[i] = math.NaN()
		if g := c.Summary(i).Group(len(cf.Rewards)); g != nil {
			st := g.Stats()
			fracs[i] = st.TieFraction
			gt.Rows = append(gt.Rows, []string{cf.Name, fmt.Sprint(st.Groups), fmt.Sprint(st.Scored), stats.Percent(st.TieFraction), stats.Short(st.MeanStd)})
		}
	}
	ch := table{Caption: "What changes between configurations", Head: []string{"pair", "groups both score", "zero std changed",
		"zero only under the first", "zero only under the second", "lines with advantages", "advantage sign flips"}}
	for _, p := range c.Pairs() {
		g := p.Groups
		ch.Rows = append(ch.Rows, []string{cfgs[p.A].Name + " vs " + cfgs[p.B].Name, fmt.Sprint(g.BothScored), fmt.Sprint(g.ZeroStdChanged()),
			fmt.Sprint(g.ZeroStdOnlyA), fmt.Sprint(g.ZeroStdOnlyB), fmt.Sprint(g.AdvantageLines),
			fmt.Sprintf("%d (%s)", g.SignFlips, stats.Percent(g.SignFlipFraction()))})
	}
	var cs charts
	cs.add(barChart("zero-std", "Groups with zero std (no learning signal)", "fraction of scored groups", names, fracs))
	if cs.err != nil {
		return cs.err
	}
	tables := []table{gt, ch}
	series := "accuracy"
	for _, cf := range cfgs {
		if !slices.Contains(cf.Rewards, "accuracy") {
			series = "total"
		}
	}
	pt := table{Caption: "Per-prompt metrics of the " + series + " (verl's names)", Head: append([]string{"metric"}, names...)}
	var metricNames []stats.PromptMetric
	for i := range cfgs {
		if p := c.Summary(i).PerPrompt(series); p != nil {
			for _, m := range p.Metrics() {
				if !slices.ContainsFunc(metricNames, func(x stats.PromptMetric) bool { return x.Name == m.Name }) {
					metricNames = append(metricNames, m)
				}
			}
		}
	}
	stats.SortPromptMetrics(metricNames)
	for _, m := range metricNames {
		row := []string{m.Name}
		for i := range cfgs {
			v := "-"
			if p := c.Summary(i).PerPrompt(series); p != nil {
				if got, ok := p.Metric(m.Name); ok {
					v = stats.Short(got.Value)
				}
			}
			row = append(row, v)
		}
		pt.Rows = append(pt.Rows, row)
	}
	if len(pt.Rows) > 0 {
		tables = append(tables, pt)
	}
	pg.add(section{ID: "groups", Title: "Learning signal",
		Intro:  "Zero-std groups give no gradient; a line whose advantage changes sign is pushed the other way by the other design.",
		Charts: cs.list, Tables: tables})
	return nil
}

var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
@font-face { font-family: "Liberation Sans"; src: url({{.Font}}) format("truetype"); }
body { font-family: "Liberation Sans", sans-serif; margin: 24px; color: #1a1a1a; max-width: 1240px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 6px; border-bottom: 1px solid #ccc; padding-bottom: 4px; }
p.sources { color: #555; margin: 0 0 12px; font-size: 13px; }
p.intro { color: #333; font-size: 14px; margin: 4px 0 10px; }
dl.facts { display: flex; flex-wrap: wrap; gap: 6px 20px; font-size: 14px; margin: 0; }
dl.facts div { display: flex; gap: 6px; } dl.facts dt { color: #555; } dl.facts dd { margin: 0; font-weight: bold; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(576px, 1fr)); gap: 16px; }
figure.chart { margin: 0; } figure.chart svg { width: 100%; height: auto; display: block; }
figure.chart figcaption { font-size: 13px; color: #444; }
table { border-collapse: collapse; font-size: 13px; margin: 10px 0 16px; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
th { background: #f3f3f3; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="sources">{{.Sources}}</p>
<dl class="facts">{{range .Facts}}<div><dt>{{.Name}}</dt><dd>{{.Value}}</dd></div>{{end}}</dl>
{{range .Sections}}<section id="{{.ID}}">
<h2>{{.Title}}</h2>
{{with .Intro}}<p class="intro">{{.}}</p>{{end}}
{{if .Charts}}<div class="charts">{{range .Charts}}
<figure class="chart" id="chart-{{.ID}}" data-chart="{{.ID}}">{{.SVG}}{{with .Note}}<figcaption>{{.}}</figcaption>{{end}}</figure>{{end}}
</div>{{end}}
{{range .Tables}}<table><caption>{{.Caption}}</caption>
<thead><tr>{{range .Head}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>{{range .Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>{{end}}</tbody>
</table>{{end}}
</section>
{{end}}
</body>
</html>
`))
