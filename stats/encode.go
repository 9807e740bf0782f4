package stats

import (
	"io"
	"math"
	"slices"
	"strconv"

	"github.com/grpo-score/grpo-score/scoring/py"
)

// FormatVersion is the version of the JSON format written by MarshalJSON.
const FormatVersion = 2

// The JSON format (--stats FILE) puts the human-readable figures of each
// series first and the state needed to merge exactly under "sketch". Floats
// are written as Python's repr writes them (shortest round-trip form, "1.0",
// "1e-05"); NaN and ±Inf, which JSON lacks, as the strings "nan", "inf" and
// "-inf"; a figure that is undefined (no values) as null. Objects keep a
// fixed key order, so equal statistics give equal bytes.

// MarshalJSON writes s as compact JSON.
func (s *Summary) MarshalJSON() ([]byte, error) {
	e := encoder{}
	s.encode(&e)
	return e.buf, nil
}

// WriteJSON writes s as indented JSON followed by a newline; the figures of
// one series stay on one line each.
func (s *Summary) WriteJSON(w io.Writer) error {
	e := encoder{pretty: true}
	s.encode(&e)
	e.buf = append(e.buf, '\n')
	_, err := w.Write(e.buf)
	return err
}

// encoder writes JSON; when pretty, the objects opened as multi-line put
// each field on its own indented line, the others stay on one line.
type encoder struct {
	buf    []byte
	pretty bool
	multi  []bool // per open object: one field per line
	first  bool   // no field written yet in the innermost object
}

func (e *encoder) open(multi bool) {
	e.buf = append(e.buf, '{')
	e.multi = append(e.multi, multi && e.pretty)
	e.first = true
}

func (e *encoder) close() {
	multi := e.multi[len(e.multi)-1]
	e.multi = e.multi[:len(e.multi)-1]
	if multi && !e.first {
		e.newline()
	}
	e.buf = append(e.buf, '}')
	e.first = false
}

func (e *encoder) newline() {
	e.buf = append(e.buf, '\n')
	for range e.multi {
		e.buf = append(e.buf, "  "...)
	}
}

func (e *encoder) key(name string) {
	multi := e.multi[len(e.multi)-1]
	if !e.first {
		e.buf = append(e.buf, ',')
		if e.pretty && !multi {
			e.buf = append(e.buf, ' ')
		}
	}
	if multi {
		e.newline()
	}
	e.first = false
	e.buf = strconv.AppendQuote(e.buf, name)
	e.buf = append(e.buf, ':')
	if e.pretty {
		e.buf = append(e.buf, ' ')
	}
}

func (e *encoder) sep(i int) {
	if i > 0 {
		e.buf = append(e.buf, ',')
		if e.pretty {
			e.buf = append(e.buf, ' ')
		}
	}
}

func (e *encoder) uint(v uint64) { e.buf = strconv.AppendUint(e.buf, v, 10) }

func (e *encoder) int(v int64) { e.buf = strconv.AppendInt(e.buf, v, 10) }

func (e *encoder) str(v string) { e.buf = strconv.AppendQuote(e.buf, v) }

// float writes v, or null when it is undefined.
func (e *encoder) float(v float64, defined bool) {
	switch {
	case !defined:
		e.buf = append(e.buf, "null"...)
	case math.IsNaN(v) || math.IsInf(v, 0):
		e.buf = append(e.buf, '"')
		e.buf = py.AppendFloat(e.buf, v)
		e.buf = append(e.buf, '"')
	default:
		e.buf = py.AppendFloat(e.buf, v)
	}
}

func (s *Summary) encode(e *encoder) {
	e.open(true)
	e.key("version")
	e.int(FormatVersion)
	e.key("rewards")
	e.buf = append(e.buf, '[')
	for i, r := range s.rewards {
		e.sep(i)
		e.str(r)
	}
	e.buf = append(e.buf, ']')
	e.key("lines")
	e.open(false)
	for _, f := range []struct {
		name string
		v    uint64
	}{{"read", s.Lines.Read}, {"written", s.Lines.Written}, {"skipped", s.Lines.Skipped},
		{"failed", s.Lines.Failed}, {"blank", s.Lines.Blank}, {"fallback", s.Lines.Fallback}} {
		e.key(f.name)
		e.uint(f.v)
	}
	e.close()
	e.key("elapsed_seconds")
	e.float(s.ElapsedSeconds, true)
	e.key("lines_per_second")
	e.float(float64(s.Lines.Read)/s.ElapsedSeconds, s.ElapsedSeconds > 0)

	e.key("total")
	s.total.encode(e)
	e.key("by_reward")
	e.open(true)
	for i, r := range s.rewards {
		e.key(r)
		s.byReward[i].encode(e)
	}
	e.close()
	e.key("by_method")
	e.open(true)
	for _, m := range s.Methods() {
		e.key(m)
		s.byMethod[m].encode(e)
	}
	e.close()
	if s.groups != nil {
		e.key("groups")
		e.open(true)
		e.key("by_reward")
		e.open(true)
		for i, r := range s.rewards {
			e.key(r)
			s.groups[i].encode(e)
		}
		e.close()
		e.key("total")
		s.groups[len(s.rewards)].encode(e)
		e.key("per_prompt")
		e.open(true)
		e.key("pass_threshold")
		e.float(PassThreshold, true)
		e.key("series")
		e.open(true)
		for i, name := range s.promptNames() {
			e.key(name)
			s.prompts[i].encode(e)
		}
		e.close()
		e.close()
		e.close()
	}
	e.close()
}

func (p *PromptMetrics) encode(e *encoder) {
	e.open(true)
	for _, m := range p.Metrics() {
		e.key(m.Name)
		e.open(false)
		e.key("groups")
		e.uint(m.Groups)
		e.key("value")
		e.float(m.Value, true)
		e.key("sum")
		e.str(p.metrics[m.Name].sum.dyadic().String())
		e.close()
	}
	e.close()
}

func (s *Series) encode(e *encoder) {
	st := s.Stats()
	defined := st.Count > 0
	ranked := st.Count > st.NaN
	e.open(true)
	e.key("count")
	e.uint(st.Count)
	e.key("errors")
	e.uint(st.Errors)
	e.key("nan")
	e.uint(st.NaN)
	for _, f := range []struct {
		name    string
		v       float64
		defined bool
	}{{"mean", st.Mean, defined}, {"std", st.Std, defined}, {"min", st.Min, ranked},
		{"max", st.Max, ranked}, {"p50", st.P50, ranked}, {"p90", st.P90, ranked},
		{"p99", st.P99, ranked}, {"quantile_error", st.QuantileError, true}} {
		e.key(f.name)
		e.float(f.v, f.defined)
	}
	e.key("histogram")
	if h := st.Histogram; h == nil {
		e.buf = append(e.buf, "null"...)
	} else {
		e.open(false)
		e.key("edges")
		e.buf = append(e.buf, '[')
		for i, v := range h.Edges {
			e.sep(i)
			e.float(v, true)
		}
		e.buf = append(e.buf, ']')
		e.key("counts")
		e.buf = append(e.buf, '[')
		for i, v := range h.Counts {
			e.sep(i)
			e.uint(v)
		}
		e.buf = append(e.buf, ']')
		e.close()
	}
	e.key("sketch")
	e.open(false)
	e.key("sum")
	e.str(s.sum.dyadic().String())
	e.key("sum_squares")
	e.str(s.sumSq.dyadic().String())
	if s.dist.exact != nil {
		e.key("values")
		e.buf = append(e.buf, '[')
		for i, st := range s.dist.steps() {
			e.sep(i)
			e.buf = append(e.buf, '[')
			e.float(st.value, true)
			e.sep(1)
			e.uint(st.count)
			e.buf = append(e.buf, ']')
		}
		e.buf = append(e.buf, ']')
	} else {
		e.key("mantissa_bits")
		e.int(SketchBits)
		e.key("buckets")
		e.buf = append(e.buf, '[')
		keys := make([]int32, 0, len(s.dist.buckets))
		for k := range s.dist.buckets {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for i, k := range keys {
			b := s.dist.buckets[k]
			e.sep(i)
			e.buf = append(e.buf, '[')
			e.int(int64(k))
			e.sep(1)
			e.uint(b.count)
			e.sep(1)
			e.float(b.min, true)
			e.sep(1)
			e.float(b.max, true)
			e.buf = append(e.buf, ']')
		}
		e.buf = append(e.buf, ']')
	}
	e.close()
	e.close()
}

func (g *GroupSeries) encode(e *encoder) {
	st := g.Stats()
	e.open(true)
	for _, f := range []struct {
		name string
		v    uint64
	}{{"groups", st.Groups}, {"scored", st.Scored}, {"ties", st.Ties},
		{"singletons", st.Singletons}, {"invalid", st.Invalid}} {
		e.key(f.name)
		e.uint(f.v)
	}
	e.key("mean_size")
	e.float(st.MeanSize, st.Groups > 0)
	e.key("tie_fraction")
	e.float(st.TieFraction, st.Scored > 0)
	e.key("mean_std")
	e.float(st.MeanStd, st.Scored > 0)
	e.key("sketch")
	e.open(false)
	e.key("lines")
	e.uint(g.lines)
	e.key("std_sum")
	e.str(g.stdSum.dyadic().String())
	e.close()
	e.close()
}
