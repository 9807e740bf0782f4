package report

import (
	"bytes"
	"fmt"
	"html/template"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/grpo-score/grpo-score/stats"
)

// palette is Okabe and Ito's colour-blind-safe set, in the order series
// get them.
var palette = []color.RGBA{
	{0x00, 0x72, 0xB2, 0xff}, // blue
	{0xE6, 0x9F, 0x00, 0xff}, // orange
	{0x00, 0x9E, 0x73, 0xff}, // bluish green
	{0xCC, 0x79, 0xA7, 0xff}, // reddish purple
	{0xD5, 0x5E, 0x00, 0xff}, // vermillion
	{0x56, 0xB4, 0xE9, 0xff}, // sky blue
	{0x00, 0x00, 0x00, 0xff}, // black
}

func colour(i int) color.RGBA { return palette[i%len(palette)] }

func translucent(c color.RGBA, alpha uint8) color.NRGBA {
	return color.NRGBA{R: c.R, G: c.G, B: c.B, A: alpha}
}

// chartFont is the typeface of every chart: Liberation Sans, whose file
// the page embeds, so text is measured and drawn with the same font.
var chartFont = font.Font{Typeface: "Liberation", Variant: "Sans"}

// Chart is one rendered chart: an id the page and its test find it by, a
// title and the SVG.
type Chart struct {
	ID    string
	Title string
	Note  string
	SVG   template.HTML
}

// Chart sizes: two charts side by side fit a 1280 px wide window.
const (
	chartWidth  = 6 * vg.Inch // 576 px
	chartHeight = 3.6 * vg.Inch
)

func newPlot(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	p.Title.TextStyle.Font = font.From(chartFont, 13)
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = font.From(chartFont, 12)
		ax.Tick.Label.Font = font.From(chartFont, 10)
	}
	p.Y.Tick.Marker = shortTicks{}
	p.X.Tick.Marker = shortTicks{}
	p.Legend.TextStyle.Font = font.From(chartFont, 11)
	p.Legend.Top = true
	p.Add(plotter.NewGrid())
	return p
}

// shortTicks are gonum's default ticks labelled with at most 4
// significant digits and no padding zeros ("25", not "25.00").
type shortTicks struct{}

func (shortTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = strconv.FormatFloat(ticks[i].Value, 'g', 4, 64)
		}
	}
	return ticks
}

func render(p *plot.Plot, id, title, note string) (Chart, error) {
	w, err := p.WriterTo(chartWidth, chartHeight, "svg")
	if err != nil {
		return Chart{}, fmt.Errorf("chart %s: %w", id, err)
	}
	var b bytes.Buffer
	if _, err := w.WriteTo(&b); err != nil {
		return Chart{}, fmt.Errorf("chart %s: %w", id, err)
	}
	svg := b.String()
	// The page is HTML: drop the XML prologue, keep the <svg> element.
	if i := strings.Index(svg, "<svg"); i > 0 {
		svg = svg[i:]
	}
	return Chart{ID: id, Title: title, Note: note, SVG: template.HTML(svg)}, nil
}

// histogramSeries is one histogram to draw, under a legend name.
type histogramSeries struct {
	Name string
	H    *stats.Histogram
}

// histogramChart draws histograms over one axis. Several series that share
// their bins (compare draws them over a common range) get side-by-side
// bars within each bin, one colour each; otherwise they are overlaid as
// translucent fills with outlines.
func histogramChart(id, title, xLabel string, series []histogramSeries) (Chart, error) {
	p := newPlot(title, xLabel, "lines")
	var drawnSeries []histogramSeries
	for _, s := range series {
		if s.H != nil && len(s.H.Counts) > 0 {
			drawnSeries = append(drawnSeries, s)
		}
	}
	if len(drawnSeries) == 0 {
		return Chart{}, nil
	}
	dodge := len(drawnSeries) > 1
	for _, s := range drawnSeries[1:] {
		dodge = dodge && slices.Equal(s.H.Edges, drawnSeries[0].H.Edges)
	}
	top := 0.0
	for i, s := range drawnSeries {
		h := &plotter.Histogram{}
		for j, n := range s.H.Counts {
			lo, hi := s.H.Edges[j], s.H.Edges[j+1]
			if lo == hi { // a single distinct value: give its bar a width
				w := math.Max(math.Abs(lo)*0.02, 0.01)
				lo, hi = lo-w, hi+w
			}
			if dodge {
				w := (hi - lo) / float64(len(drawnSeries))
				lo, hi = lo+float64(i)*w, lo+float64(i+1)*w
			}
			h.Bins = append(h.Bins, plotter.HistogramBin{Min: lo, Max: hi, Weight: float64(n)})
			top = math.Max(top, float64(n))
		}
		c := colour(i)
		switch {
		case len(drawnSeries) == 1 || dodge:
			h.FillColor = c
			h.LineStyle.Width = 0
		default:
			h.FillColor = translucent(c, 0x80)
			h.LineStyle = draw.LineStyle{Color: c, Width: vg.Points(1.5)}
		}
		p.Add(h)
		if len(drawnSeries) > 1 {
			p.Legend.Add(s.Name, h)
		}
	}
	p.Y.Min = 0
	if len(drawnSeries) > 1 {
		// room above the bars for the legend
		p.Y.Max = top * (1.15 + 0.1*float64(len(drawnSeries)))
	}
	return render(p, id, title, "")
}

// XY is one point of a scatter or a curve; N, for scatters, is how many
// lines share it.
type XY struct {
	X, Y float64
	N    uint64
}

// scatterChart draws points, their area growing with the lines they stand
// for, and with diagonal the line y = x.
func scatterChart(id, title, xLabel, yLabel string, pts []XY, note string, diagonal bool) (Chart, error) {
	if len(pts) == 0 {
		return Chart{}, nil
	}
	p := newPlot(title, xLabel, yLabel)
	xys := make(plotter.XYs, len(pts))
	maxN := uint64(1)
	for i, q := range pts {
		xys[i] = plotter.XY{X: q.X, Y: q.Y}
		maxN = max(maxN, q.N)
	}
	s, err := plotter.NewScatter(xys)
	if err != nil {
		return Chart{}, fmt.Errorf("chart %s: %w", id, err)
	}
	c := colour(0)
	s.GlyphStyleFunc = func(i int) draw.GlyphStyle {
		r := 2.5
		if maxN > 1 {
			r = 2.5 + 6*math.Sqrt(float64(pts[i].N)/float64(maxN))
		}
		return draw.GlyphStyle{Color: translucent(c, 0xb0), Radius: vg.Points(r), Shape: draw.CircleGlyph{}}
	}
	p.Add(s)
	if diagonal {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, q := range pts {
			lo, hi = math.Min(lo, math.Min(q.X, q.Y)), math.Max(hi, math.Max(q.X, q.Y))
		}
		d, err := plotter.NewLine(plotter.XYs{{X: lo, Y: lo}, {X: hi, Y: hi}})
		if err != nil {
			return Chart{}, fmt.Errorf("chart %s: %w", id, err)
		}
		d.Color = color.Gray{Y: 0x80}
		d.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		p.Add(d)
		p.Legend.Add("same under both", d)
		p.Legend.Top, p.Legend.Left = true, true
	}
	return render(p, id, title, note)
}

// lineSeries is one curve.
type lineSeries struct {
	Name string
	Pts  []XY
}

// lineChart draws curves with points, one colour and glyph each.
func lineChart(id, title, xLabel, yLabel string, series []lineSeries) (Chart, error) {
	p := newPlot(title, xLabel, yLabel)
	drawn := 0
	for i, s := range series {
		if len(s.Pts) == 0 {
			continue
		}
		xys := make(plotter.XYs, len(s.Pts))
		for j, q := range s.Pts {
			xys[j] = plotter.XY{X: q.X, Y: q.Y}
		}
		l, pts, err := plotter.NewLinePoints(xys)
		if err != nil {
			return Chart{}, fmt.Errorf("chart %s: %w", id, err)
		}
		c := colour(i)
		l.Color = c
		l.Width = vg.Points(1.5)
		pts.Color = c
		pts.Shape = shapes[i%len(shapes)]
		p.Add(l, pts)
		p.Legend.Add(s.Name, l, pts)
		drawn++
	}
	if drawn == 0 {
		return Chart{}, nil
	}
	return render(p, id, title, "")
}

var shapes = []draw.GlyphDrawer{draw.CircleGlyph{}, draw.BoxGlyph{}, draw.TriangleGlyph{}, draw.PyramidGlyph{}, draw.RingGlyph{}, draw.SquareGlyph{}}

// barChart draws fractions, one bar per name labelled under it and its
// percentage above it, on a fixed 0 to 1 axis.
func barChart(id, title, yLabel string, names []string, values []float64) (Chart, error) {
	if len(names) == 0 {
		return Chart{}, nil
	}
	p := newPlot(title, "", yLabel)
	vs := make(plotter.Values, len(values))
	var labels plotter.XYLabels
	for i, v := range values {
		text := "-"
		if !math.IsNaN(v) {
			vs[i] = v
			text = stats.Percent(v)
		}
		labels.XYs = append(labels.XYs, plotter.XY{X: float64(i), Y: vs[i] + 0.02})
		labels.Labels = append(labels.Labels, text)
	}
	b, err := plotter.NewBarChart(vs, vg.Points(36))
	if err != nil {
		return Chart{}, fmt.Errorf("chart %s: %w", id, err)
	}
	b.Color = colour(0)
	b.LineStyle.Width = 0
	l, err := plotter.NewLabels(labels)
	if err != nil {
		return Chart{}, fmt.Errorf("chart %s: %w", id, err)
	}
	for i := range l.TextStyle {
		l.TextStyle[i].Font = font.From(chartFont, 11)
		l.TextStyle[i].XAlign = -0.5
	}
	p.Add(b, l)
	p.NominalX(names...)
	p.Y.Min, p.Y.Max = 0, 1
	return render(p, id, title, "")
}
