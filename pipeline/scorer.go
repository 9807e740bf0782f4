package pipeline

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/grpo-score/grpo-score/jsonlio"
	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/py"
)

// outputNames are the members a scored line gets, each behind
// Config.Prefix; an input that already has them (a re-scored file) has them
// replaced, not duplicated. With a prefix the trainer's own members stay.
type outputNames struct {
	rewards, total, errors, fallbacks, advantage string // JSON-quoted
	replaced                                     []string
	// reward[i] is `"NAME": ` of the run's i-th reward, written on every line.
	reward []string
}

func newOutputNames(prefix string, rewards []NamedReward) *outputNames {
	n := &outputNames{}
	for _, nr := range rewards {
		n.reward = append(n.reward, string(jsonlio.AppendString(nil, nr.Name))+": ")
	}
	for _, p := range []struct {
		dst  *string
		name string
	}{{&n.rewards, "rewards"}, {&n.total, "reward"}, {&n.errors, "reward_errors"}, {&n.fallbacks, "reward_fallbacks"}, {&n.advantage, "advantage"}} {
		*p.dst = string(jsonlio.AppendString(nil, prefix+p.name))
		n.replaced = append(n.replaced, prefix+p.name)
	}
	return n
}

// isReplaced runs for every member of every line: five comparisons, most
// ending at the length, cost less than hashing the key.
func (n *outputNames) isReplaced(key string) bool { return slices.Contains(n.replaced, key) }

// scorer is one worker's state: reusable buffers, never shared.
type scorer struct {
	cfg      *Config
	shared   map[string]sharedScore // this line's results of keyed rewards (Config.Sets)
	names    *outputNames
	interned interner        // method and data source names
	spare    *jsonlio.Object // an Object no line holds, to parse the next line into
	slab     []byte          // rendered members, shared by the lines of a block
	// values and errs are the rest of the blocks scoreSlices cuts from.
	values []float64
	errs   []error
	// readsSample is false when nothing reads a line's sample (no
	// rewards, as in -r none): lines are then only checked, not decoded.
	readsSample bool
}

func newScorer(cfg *Config) *scorer {
	reads := len(cfg.Rewards) > 0 || len(cfg.Sets) > 0 || cfg.Trace || cfg.MethodOf != nil
	return &scorer{cfg: cfg, names: newOutputNames(cfg.Prefix, cfg.Rewards), readsSample: reads}
}

// scoreBatch scores the lines of b, stopping early (and marking b cut) once
// ctx is done, so that an interrupted run does not wait for slow rewards.
// Lines a reward waits on (the LLM judge) are scored concurrently, up to
// Config.WaitConcurrency at a time, after the others.
func (sc *scorer) scoreBatch(ctx context.Context, b *batch) {
	b.outs = make([]Outcome, len(b.lines))
	// The lines' samples, in one allocation: a sample is handed to the
	// rewards, so it lives on the heap anyway.
	ps := make([]prepared, len(b.lines))
	var waiting []*prepared
	cut := -1
	for i, line := range b.lines {
		if ctx.Err() != nil {
			cut = i
			break
		}
		o := &b.outs[i]
		o.File, o.Line, o.raw, o.crlf = b.file, b.linenos[i], line, b.crlf[i]
		if err := b.errs[i]; err != nil {
			sc.invalid(o, err)
			o.unreadable = true
			continue
		}
		p := &ps[i]
		if !sc.prepare(line, o, p) {
			continue
		}
		if sc.waits(&p.s) {
			p.o, p.idx = o, i
			waiting = append(waiting, p)
			continue
		}
		sc.finish(p.obj, &p.s, o)
		if o.obj == nil {
			// Nothing holds the parsed line (only a group reward's line
			// waits for its group): the next line is read into it.
			sc.spare, p.obj = p.obj, nil
		}
	}
	if len(waiting) > 0 {
		sc.finishConcurrently(waiting)
		if ctx.Err() != nil {
			// Their remote calls were cut short: the output ends before
			// the first of them.
			if first := waiting[0].idx; cut < 0 || first < cut {
				cut = first
			}
		}
	}
	if cut >= 0 {
		b.outs, b.cut = b.outs[:cut], true
	}
}

// prepared is a parsed line waiting to be scored.
type prepared struct {
	obj *jsonlio.Object
	s   scoring.Sample
	o   *Outcome
	idx int // in the batch
}

// waits reports whether a reward waits on a remote service for s.
func (sc *scorer) waits(s *scoring.Sample) bool {
	if sc.cfg.WaitConcurrency <= 1 {
		return false
	}
	for _, nr := range sc.cfg.Rewards {
		if w, ok := nr.Reward.(scoring.Waiter); ok && w.Waits(s) {
			return true
		}
	}
	return false
}

// finishConcurrently scores the waiting lines on WaitConcurrency
// goroutines, each with its own buffers.
func (sc *scorer) finishConcurrently(waiting []*prepared) {
	next := make(chan *prepared)
	var wg sync.WaitGroup
	for k := 0; k < min(sc.cfg.WaitConcurrency, len(waiting)); k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			own := newScorer(sc.cfg)
			for p := range next {
				own.finish(p.obj, &p.s, p.o)
			}
		}()
	}
	for _, p := range waiting {
		next <- p
	}
	close(next)
	wg.Wait()
}

func (sc *scorer) scoreLine(line []byte, o *Outcome) {
	var p prepared
	if sc.prepare(line, o, &p) {
		sc.finish(p.obj, &p.s, o)
	}
}

// prepare parses a line into its sample in p; false when the line is
// blank or invalid (o says which).
func (sc *scorer) prepare(line []byte, o *Outcome, p *prepared) bool {
	if jsonlio.IsBlank(line) {
		o.Status = Blank
		return false
	}
	obj := sc.spare
	if obj == nil {
		obj = new(jsonlio.Object)
	}
	sc.spare = nil
	if err := obj.Parse(line); err != nil {
		sc.spare = obj
		sc.invalid(o, err)
		return false
	}
	cfg := sc.cfg
	var err error
	if cfg.Join != nil {
		if obj, err = cfg.Join.apply(obj); err != nil {
			sc.invalid(o, err)
			return false
		}
	}
	if cfg.Fields.Group != nil {
		key, ok := groupKey(obj, cfg.Fields.Group)
		if !ok {
			sc.invalid(o, fmt.Errorf("missing group field %q", cfg.Fields.Group))
			return false
		}
		o.Group = key
	}
	p.obj = obj
	if sc.readsSample {
		err = cfg.Fields.sample(obj, cfg.StrOf, &p.s, &sc.interned)
	} else {
		err = cfg.Fields.check(obj)
	}
	if err != nil {
		sc.invalid(o, err)
		return false
	}
	return true
}

// finish scores a prepared sample and renders the output line.
func (sc *scorer) finish(obj *jsonlio.Object, s *scoring.Sample, o *Outcome) {
	cfg := sc.cfg
	if cfg.Trace {
		o.Traces = make([]*scoring.Trace, len(cfg.Rewards))
		o.Sample = s
	}
	grouped := cfg.Fields.Group != nil
	o.Values, o.Errs = sc.scoreSlices(len(cfg.Rewards))
	if err := scoreRewards(cfg.Rewards, s, o.Traces, &o.Scores, grouped, nil); err != nil {
		sc.invalid(o, err)
		return
	}
	if cfg.MethodOf != nil {
		o.Method = cfg.MethodOf(s)
	}
	if len(cfg.Sets) > 0 {
		o.Sets = make([]Scores, len(cfg.Sets))
		if sc.shared == nil {
			sc.shared = map[string]sharedScore{}
		}
		clear(sc.shared)
		for i, set := range cfg.Sets {
			out := &o.Sets[i]
			if err := scoreRewards(set.Rewards, s, nil, out, grouped, sc.shared); err != nil {
				*out = Scores{InputErr: err}
				continue
			}
			if set.MethodOf != nil {
				out.Method = set.MethodOf(s)
			}
		}
	}
	o.Status = Scored
	if cfg.Discard {
		return
	}
	if o.Scores.parts != nil {
		o.obj = obj // rendered when the group is finished
		return
	}
	sc.renderLine(obj, o)
}

// renderLine renders the scored line: the input with the appended
// members. Only the members are new bytes; the input's stay where they
// are, and the writer copies both to the output once.
func (sc *scorer) renderLine(obj *jsonlio.Object, o *Outcome) {
	head, tail, sep := obj.Split(sc.names.isReplaced)
	start := len(sc.slab)
	if sep {
		sc.slab = append(sc.slab, ", "...)
	}
	sc.slab = sc.render(sc.slab, o)
	o.out, o.extra, o.tail = head, sc.slab[start:len(sc.slab):len(sc.slab)], tail
	if cap(sc.slab)-len(sc.slab) < 512 {
		// Fresh room for the next lines' members; the rendered lines keep
		// the old slab alive as long as they need it.
		sc.slab = make([]byte, 0, slabBytes)
	}
}

// scoreSlices hands out a line's zeroed Values and Errs, cut from blocks
// shared by many lines instead of two allocations per line.
func (sc *scorer) scoreSlices(n int) ([]float64, []error) {
	if n == 0 {
		return nil, nil
	}
	if len(sc.values) < n {
		sc.values = make([]float64, slabLines*n)
		sc.errs = make([]error, slabLines*n)
	}
	v, e := sc.values[:n:n], sc.errs[:n:n]
	sc.values, sc.errs = sc.values[n:], sc.errs[n:]
	return v, e
}

// slabLines is how many lines' scores a block of scoreSlices holds.
const slabLines = 256

// slabBytes is the size of the blocks a scorer renders members into: one
// allocation for the members of a few hundred lines.
const slabBytes = 32 << 10

// scoreRewards scores s with rewards into out, recording each reward's
// trace when traces is not nil. An input error (a field a reward needs) is
// returned; a reward that raised is null and makes the total null. When
// grouped, a group reward only computes its part here: its value and the
// total wait for the group (finishGroup).
//
// shared, when not nil, holds the line's results of rewards with a Key, so
// that a reward several sets share is scored once.
func scoreRewards(rewards []NamedReward, s *scoring.Sample, traces []*scoring.Trace, out *Scores, grouped bool, shared map[string]sharedScore) error {
	if len(out.Values) != len(rewards) || len(out.Errs) != len(rewards) {
		out.Values = make([]float64, len(rewards))
		out.Errs = make([]error, len(rewards))
	}
	total, totalOK := 0.0, true
	for i, nr := range rewards {
		var tr *scoring.Trace
		if traces != nil {
			tr = &scoring.Trace{}
			traces[i] = tr
		}
		if gr, ok := nr.Reward.(scoring.GroupReward); ok && grouped {
			part, err := gr.Part(s, tr)
			if err != nil {
				if scoring.IsInputError(err) {
					return fmt.Errorf("reward %s: %w", nr.Name, err)
				}
				out.Errs[i] = err
				totalOK = false
				continue
			}
			if out.parts == nil {
				out.parts = make([]any, len(rewards))
			}
			out.parts[i] = part
			continue
		}
		var v float64
		var err error
		if r, ok := shared[nr.Key]; ok && nr.Key != "" {
			v, err = r.v, r.err
		} else {
			v, err = nr.Reward.Score(s, tr)
			if shared != nil && nr.Key != "" {
				shared[nr.Key] = sharedScore{v, err}
			}
		}
		if err != nil {
			// (errors.As's targets escape: declared here, they are only
			// allocated for a reward that failed.)
			var fb *scoring.Fallback
			if errors.As(err, &fb) {
				if out.Fallbacks == nil {
					out.Fallbacks = make([]string, len(rewards))
				}
				out.Fallbacks[i] = fb.Reason
				err = nil
			}
			var un *scoring.Unavailable
			if errors.As(err, &un) {
				out.Unavailable = true
			}
		}
		if err == nil && (math.IsNaN(v) || math.IsInf(v, 0)) {
			err = fmt.Errorf("value %s cannot be written as JSON", py.FormatFloat(v))
		}
		if err != nil {
			if scoring.IsInputError(err) {
				return fmt.Errorf("reward %s: %w", nr.Name, err)
			}
			out.Errs[i] = err
			totalOK = false
			continue
		}
		out.Values[i] = v
		total += nr.Weight * v
	}
	out.Total, out.TotalOK = total, totalOK
	return nil
}

// sharedScore is one line's result of a reward with a Key.
type sharedScore struct {
	v   float64
	err error
}

// finishGroup gives the group rewards of a complete group their values
// (Finish over the members' parts, in line order) and recomputes the
// members' totals, for the scores that scoresOf selects.
func finishGroup(rewards []NamedReward, members []*Outcome, scoresOf func(*Outcome) *Scores) {
	for i, nr := range rewards {
		gr, ok := nr.Reward.(scoring.GroupReward)
		if !ok {
			continue
		}
		var parts []any
		var who []*Scores
		for _, o := range members {
			if sc := scoresOf(o); sc.parts != nil && sc.parts[i] != nil {
				parts = append(parts, sc.parts[i])
				who = append(who, sc)
			}
		}
		if len(parts) == 0 {
			continue
		}
		for k, v := range gr.Finish(parts) {
			who[k].Values[i] = v
		}
	}
	for _, o := range members {
		sc := scoresOf(o)
		if sc.parts == nil {
			continue
		}
		total, ok := 0.0, true
		for i, nr := range rewards {
			if sc.Errs[i] != nil {
				ok = false
				continue
			}
			total += nr.Weight * sc.Values[i]
		}
		sc.Total, sc.TotalOK = total, ok
		sc.parts = nil
	}
}

func (sc *scorer) invalid(o *Outcome, err error) {
	o.Status = Invalid
	o.Err = err
	o.Values, o.Errs, o.Traces = nil, nil, nil
}

// render writes the appended members: rewards, the weighted total, and the
// reasons of failed rewards.
func (sc *scorer) render(dst []byte, o *Outcome) []byte {
	dst = append(dst, sc.names.rewards...)
	dst = append(dst, ": {"...)
	for i := range sc.cfg.Rewards {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		dst = append(dst, sc.names.reward[i]...)
		if o.Errs[i] != nil {
			dst = append(dst, "null"...)
		} else {
			dst = py.AppendFloat(dst, o.Values[i])
		}
	}
	dst = append(dst, "}, "...)
	dst = append(dst, sc.names.total...)
	dst = append(dst, ": "...)
	if o.TotalOK {
		dst = py.AppendFloat(dst, o.Total)
	} else {
		dst = append(dst, "null"...)
	}
	if !o.TotalOK {
		dst = sc.appendReasons(dst, sc.names.errors, func(i int) string {
			if o.Errs[i] == nil {
				return ""
			}
			return o.Errs[i].Error()
		})
	}
	if o.Fallbacks != nil {
		dst = sc.appendReasons(dst, sc.names.fallbacks, func(i int) string { return o.Fallbacks[i] })
	}
	return dst
}

// appendReasons appends `, KEY: {"reward": "reason", ...}` for the rewards
// whose reason is not ""; key is already JSON-quoted.
func (sc *scorer) appendReasons(dst []byte, key string, reason func(i int) string) []byte {
	dst = append(dst, ", "...)
	dst = append(dst, key...)
	dst = append(dst, ": {"...)
	n := 0
	for i, nr := range sc.cfg.Rewards {
		r := reason(i)
		if r == "" {
			continue
		}
		if n > 0 {
			dst = append(dst, ", "...)
		}
		n++
		dst = jsonlio.AppendString(dst, nr.Name)
		dst = append(dst, ": "...)
		dst = jsonlio.AppendString(dst, r)
	}
	return append(dst, '}')
}

// ScoreLine scores one line outside a run, with traces when cfg.Trace is
// set: what explain shows. The outcome's Status tells whether the line was
// usable.
func ScoreLine(cfg *Config, file string, lineno int, line []byte) *Outcome {
	o := &Outcome{File: file, Line: lineno, raw: line}
	newScorer(cfg).scoreLine(line, o)
	return o
}

// Output is the line as score writes it (without the newline and without a
// group advantage).
func (o *Outcome) Output() []byte {
	if o.extra == nil && o.tail == nil {
		return o.out
	}
	return append(append(append([]byte(nil), o.out...), o.extra...), o.tail...)
}

// Input is the line as it was read.
func (o *Outcome) Input() []byte { return o.raw }
