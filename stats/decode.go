package stats

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"

	json "github.com/goccy/go-json"
)

// UnmarshalJSON reads statistics written by MarshalJSON or WriteJSON. Only
// the merge state is read (counts, "sketch", lines, elapsed time); the
// derived figures are recomputed, so a file whose state was edited by hand
// cannot disagree with itself. The state is checked: an error is returned
// for anything MarshalJSON could not have written.
func (s *Summary) UnmarshalJSON(data []byte) error {
	var in summaryJSON
	if err := json.Unmarshal(data, &in); err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	out, err := in.summary()
	if err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	*s = *out
	return nil
}

// maxCount bounds the counts read, far above any real input, so that sums
// of counts cannot wrap around.
const maxCount = 1 << 50

type summaryJSON struct {
	Version        *int                   `json:"version"`
	Rewards        []string               `json:"rewards"`
	Lines          *linesJSON             `json:"lines"`
	ElapsedSeconds jsonFloat              `json:"elapsed_seconds"`
	Total          *seriesJSON            `json:"total"`
	ByReward       map[string]*seriesJSON `json:"by_reward"`
	ByMethod       map[string]*seriesJSON `json:"by_method"`
	Groups         *struct {
		ByReward  map[string]*groupJSON `json:"by_reward"`
		Total     *groupJSON            `json:"total"`
		PerPrompt *promptsJSON          `json:"per_prompt"`
	} `json:"groups"`
}

type promptsJSON struct {
	PassThreshold *jsonFloat                       `json:"pass_threshold"`
	Series        map[string]map[string]promptJSON `json:"series"`
}

type promptJSON struct {
	Groups uint64 `json:"groups"`
	Sum    string `json:"sum"`
}

type linesJSON struct {
	Read, Written, Skipped, Failed, Blank uint64
	Fallback                              uint64 // absent before the llm judge's fallbacks were counted
}

type seriesJSON struct {
	Count  *uint64 `json:"count"`
	Errors uint64  `json:"errors"`
	NaN    uint64  `json:"nan"`
	Sketch *struct {
		Sum          string        `json:"sum"`
		SumSquares   string        `json:"sum_squares"`
		Values       []valueCount  `json:"values"`
		MantissaBits *int          `json:"mantissa_bits"`
		Buckets      []bucketEntry `json:"buckets"`
	} `json:"sketch"`
}

type groupJSON struct {
	Groups, Scored, Ties, Singletons, Invalid uint64
	Sketch                                    *struct {
		Lines  uint64 `json:"lines"`
		StdSum string `json:"std_sum"`
	} `json:"sketch"`
}

// jsonFloat reads a JSON number or one of the strings "nan", "inf", "-inf".
type jsonFloat float64

func (f *jsonFloat) UnmarshalJSON(b []byte) error {
	var v float64
	switch string(b) {
	case `"nan"`:
		v = math.NaN()
	case `"inf"`:
		v = math.Inf(1)
	case `"-inf"`:
		v = math.Inf(-1)
	default:
		if err := json.Unmarshal(b, &v); err != nil {
			return fmt.Errorf("invalid float %s", b)
		}
	}
	*f = jsonFloat(v)
	return nil
}

// valueCount is one [value, count] pair of an exact distribution.
type valueCount struct {
	v float64
	n uint64
}

func (p *valueCount) UnmarshalJSON(b []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil || len(raw) != 2 {
		return fmt.Errorf("invalid [value, count] pair %.40s", b)
	}
	var v jsonFloat
	if err := json.Unmarshal(raw[0], &v); err != nil {
		return err
	}
	p.v = float64(v)
	return json.Unmarshal(raw[1], &p.n)
}

// bucketEntry is one [key, count, min, max] sketch bucket.
type bucketEntry struct {
	key int32
	b   bucket
}

func (p *bucketEntry) UnmarshalJSON(b []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil || len(raw) != 4 {
		return fmt.Errorf("invalid [key, count, min, max] bucket %.40s", b)
	}
	var lo, hi jsonFloat
	for i, dst := range []any{&p.key, &p.b.count, &lo, &hi} {
		if err := json.Unmarshal(raw[i], dst); err != nil {
			return err
		}
	}
	p.b.min, p.b.max = float64(lo), float64(hi)
	return nil
}

func (in *summaryJSON) summary() (*Summary, error) {
	if in.Version == nil {
		return nil, errors.New(`no "version": not a statistics file`)
	}
	if *in.Version != FormatVersion {
		return nil, fmt.Errorf("format version %d, this build reads version %d", *in.Version, FormatVersion)
	}
	for i, r := range in.Rewards {
		if slices.Contains(in.Rewards[:i], r) {
			return nil, fmt.Errorf("reward %q listed twice", r)
		}
	}
	s := New(in.Rewards...)
	if in.Lines == nil {
		return nil, errors.New(`no "lines"`)
	}
	s.Lines = Lines(*in.Lines)
	el := float64(in.ElapsedSeconds)
	if !(el >= 0) || math.IsInf(el, 1) {
		return nil, fmt.Errorf("invalid elapsed_seconds %v", el)
	}
	s.ElapsedSeconds = el
	var err error
	if s.total, err = in.Total.series("total"); err != nil {
		return nil, err
	}
	if len(in.ByReward) != len(in.Rewards) {
		return nil, errors.New(`"by_reward" does not list exactly the rewards`)
	}
	for i, r := range in.Rewards {
		if s.byReward[i], err = in.ByReward[r].series("reward " + strconv.Quote(r)); err != nil {
			return nil, err
		}
	}
	if len(in.ByMethod) > 0 && s.accuracy < 0 {
		return nil, errors.New(`"by_method" without the accuracy reward`)
	}
	for m, sj := range in.ByMethod {
		if s.byMethod[m], err = sj.series("method " + strconv.Quote(m)); err != nil {
			return nil, err
		}
	}
	if g := in.Groups; g != nil {
		if len(g.ByReward) != len(in.Rewards) {
			return nil, errors.New(`"groups.by_reward" does not list exactly the rewards`)
		}
		s.groups = make([]*GroupSeries, len(in.Rewards)+1)
		for i, r := range in.Rewards {
			if s.groups[i], err = g.ByReward[r].groupSeries("groups of reward " + strconv.Quote(r)); err != nil {
				return nil, err
			}
		}
		if s.groups[len(in.Rewards)], err = g.Total.groupSeries("groups of the total"); err != nil {
			return nil, err
		}
		if s.prompts, err = s.readPrompts(g.PerPrompt); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// readPrompts reads groups.per_prompt, which must hold the series this
// summary computes, at this build's PassThreshold.
func (s *Summary) readPrompts(in *promptsJSON) ([]*PromptMetrics, error) {
	if in == nil || in.PassThreshold == nil {
		return nil, errors.New(`"groups" without "per_prompt" or its "pass_threshold"`)
	}
	if float64(*in.PassThreshold) != PassThreshold {
		return nil, fmt.Errorf("per-prompt metrics at pass threshold %v, this build uses %v", float64(*in.PassThreshold), PassThreshold)
	}
	names := s.promptNames()
	if len(in.Series) != len(names) {
		return nil, fmt.Errorf(`"per_prompt.series" must list exactly %q`, names)
	}
	out := make([]*PromptMetrics, len(names))
	for i, name := range names {
		ms, ok := in.Series[name]
		if !ok {
			return nil, fmt.Errorf(`"per_prompt.series" must list exactly %q`, names)
		}
		p := newPromptMetrics()
		for mname, m := range ms {
			if _, _, ok := splitMetricName(mname); !ok || m.Groups == 0 || m.Groups > maxCount {
				return nil, fmt.Errorf("per-prompt metric %q of %s: unknown name or bad group count", mname, name)
			}
			d, err := parseDyadic(m.Sum)
			if err != nil || !d.fits() {
				return nil, fmt.Errorf("per-prompt metric %q of %s: invalid sum %q", mname, name, m.Sum)
			}
			ps := &promptSum{groups: m.Groups}
			ps.sum.addDyadic(d)
			p.metrics[mname] = ps
		}
		out[i] = p
	}
	return out, nil
}

func (in *seriesJSON) series(what string) (*Series, error) {
	bad := func(format string, a ...any) (*Series, error) {
		return nil, fmt.Errorf("%s: %s", what, fmt.Sprintf(format, a...))
	}
	if in == nil {
		return bad("missing")
	}
	if in.Count == nil || in.Sketch == nil {
		return bad(`no "count" or no "sketch"`)
	}
	sk := in.Sketch
	if *in.Count > maxCount || in.Errors > maxCount || in.NaN > maxCount {
		return bad("count out of range")
	}
	s := NewSeries()
	s.count, s.errors, s.nan = *in.Count, in.Errors, in.NaN
	for _, f := range []struct {
		text string
		acc  *accumulator
	}{{sk.Sum, &s.sum}, {sk.SumSquares, &s.sumSq}} {
		d, err := parseDyadic(f.text)
		if err != nil {
			return bad("%v", err)
		}
		f.acc.addDyadic(d)
	}
	if s.sumSq.dyadic().m.Sign() < 0 {
		return bad("negative sum of squares")
	}
	n := s.nan
	switch {
	case sk.Buckets == nil && sk.MantissaBits == nil:
		prev := uint64(0)
		for i, p := range sk.Values {
			b := math.Float64bits(p.v)
			if math.IsNaN(p.v) || p.n == 0 || i > 0 && orderKey(b) <= prev {
				return bad("values not sorted, or NaN, or a zero count")
			}
			prev = orderKey(b)
			s.dist.exact[b] = p.n
			n += min(p.n, maxCount)
		}
		if len(s.dist.exact) > ExactDistinct {
			s.dist.sketch()
		}
	case sk.Values == nil && sk.MantissaBits != nil:
		if *sk.MantissaBits != SketchBits {
			return bad("sketch of %d mantissa bits, this build uses %d", *sk.MantissaBits, SketchBits)
		}
		s.dist.exact = nil
		s.dist.buckets = make(map[int32]bucket, len(sk.Buckets))
		for i, e := range sk.Buckets {
			b := e.b
			if b.count == 0 || math.IsNaN(b.min) || math.IsNaN(b.max) || less(b.max, b.min) ||
				bucketKey(b.min) != e.key || bucketKey(b.max) != e.key ||
				i > 0 && e.key <= sk.Buckets[i-1].key {
				return bad("invalid bucket %d", e.key)
			}
			s.dist.buckets[e.key] = b
			n += min(b.count, maxCount)
		}
	default:
		return bad(`"sketch" needs either "values" or "mantissa_bits" and "buckets"`)
	}
	if n != s.count {
		return bad("count %d, but the values add up to %d", s.count, n)
	}
	return s, nil
}

func (in *groupJSON) groupSeries(what string) (*GroupSeries, error) {
	if in == nil || in.Sketch == nil {
		return nil, fmt.Errorf("%s: missing, or no \"sketch\"", what)
	}
	g := &GroupSeries{groups: in.Groups, scored: in.Scored, ties: in.Ties,
		singletons: in.Singletons, invalid: in.Invalid, lines: in.Sketch.Lines}
	d, err := parseDyadic(in.Sketch.StdSum)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", what, err)
	}
	if g.groups > maxCount || g.lines > maxCount || d.m.Sign() < 0 || g.ties > g.scored || g.lines < g.groups ||
		g.scored+g.singletons+g.invalid != g.groups || g.scored > g.groups {
		return nil, fmt.Errorf("%s: inconsistent counts", what)
	}
	g.stdSum.addDyadic(d)
	return g, nil
}
