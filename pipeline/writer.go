package pipeline

import (
	"fmt"
	"io"
	"math"

	"github.com/grpo-score/grpo-score/scoring/py"
)

// writer runs on one goroutine: it emits lines in order, reports bad lines,
// holds back the lines of open groups until their advantages are known, and
// feeds the sink.
//
// Groups live within one input file and need not be contiguous in it: a
// group is complete when its file ends (verl writes one file per step and
// reorders its rows). Lines are held from the first line of the oldest open
// group; when more than Config.GroupBuffer bytes are held, the oldest open
// group is closed early, and a later line of it stops the run with an
// error naming both places. With Config.GroupContiguous a group closes as
// soon as another key follows, so lines stream out group by group.
type writer struct {
	cfg    *Config
	render *scorer // renders the lines a group reward held back; names the advantage
	out    *lineOut
	msgs   io.Writer
	counts Counts
	failed bool
	// atOpen are the counts just before the open group's first line: an
	// interrupted run ends its output there.
	atOpen Counts

	// grouping state, per input file
	file      string
	held      []heldLine // lines not yet written, in input order
	heldBytes int64
	open      map[string]*group
	order     []*group          // open groups, oldest first line first
	finished  map[string]string // groups closed early → where they ended
}

type heldLine struct {
	o    *Outcome
	g    *group // nil: the line waits for nothing but the lines before it
	size int64  // what it adds to heldBytes
}

type group struct {
	key     string
	members []*Outcome
	closed  bool
}

// heldOverhead approximates what a held line costs besides its bytes.
const heldOverhead = 256

func newWriter(cfg *Config, out, msgs io.Writer) *writer {
	return &writer{cfg: cfg, render: newScorer(cfg), out: newLineOut(out), msgs: msgs, open: map[string]*group{}, finished: map[string]string{}}
}

func (w *writer) batch(b *batch) error {
	for i := range b.outs {
		if err := w.line(&b.outs[i]); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) line(o *Outcome) error {
	if o.File != w.file {
		// Groups never span files: each step file is its own batch.
		if err := w.closeAll(); err != nil {
			return err
		}
		w.file = o.File
		clear(w.finished)
	}
	w.counts.Read++
	switch o.Status {
	case Blank:
		w.counts.Blank++
		w.counts.Skipped++
		return nil
	case Invalid:
		return w.bad(o)
	}
	if w.cfg.Fields.Group == nil {
		if w.cfg.Sink != nil {
			w.cfg.Sink.Line(o)
		}
		return w.emit(o)
	}
	if w.cfg.GroupContiguous {
		if where, seen := w.finished[o.Group]; seen {
			o.Status = Invalid
			o.Err = fmt.Errorf("group %q was already closed at %s: with --group-contiguous a group's lines must be contiguous", o.Group, where)
			return w.bad(o)
		}
		if n := len(w.order); n > 0 && w.order[n-1].key != o.Group {
			prev := w.order[n-1]
			last := prev.members[len(prev.members)-1]
			w.finished[prev.key] = fmt.Sprintf("%s:%d", last.File, last.Line)
			if err := w.closeAll(); err != nil {
				return err
			}
		}
	} else if where, seen := w.finished[o.Group]; seen {
		o.Status = Invalid
		o.Err = fmt.Errorf("group %q was closed at %s when the group buffer (%d bytes, --group-buffer) filled: its lines are too far apart in %s", o.Group, where, w.cfg.groupBuffer(), o.File)
		w.counts.Invalid++
		w.counts.Failed++
		w.failed = true
		fmt.Fprintf(w.msgs, "%s:%d: %v\n", o.File, o.Line, o.Err)
		if err := w.closeAll(); err != nil {
			return err
		}
		return errStop
	}
	g := w.open[o.Group]
	if g == nil {
		g = &group{key: o.Group}
		w.open[o.Group] = g
		w.order = append(w.order, g)
	}
	g.members = append(g.members, o)
	w.hold(o, g)
	for w.heldBytes > w.cfg.groupBuffer() && len(w.order) > 0 {
		oldest := w.order[0]
		last := oldest.members[len(oldest.members)-1]
		w.finished[oldest.key] = fmt.Sprintf("%s:%d", last.File, last.Line)
		w.order = w.order[1:]
		if err := w.closeGroup(oldest); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) hold(o *Outcome, g *group) {
	if len(w.held) == 0 {
		w.atOpen = w.counts
		w.atOpen.Read--
	}
	// out and tail share raw's bytes unless members were replaced, but the
	// rendered line is counted as a copy of its own, as when it was one:
	// --group-buffer then closes groups early at the same lines as before.
	size := int64(len(o.out)+len(o.extra)+len(o.tail)+len(o.raw)) + heldOverhead
	w.held = append(w.held, heldLine{o: o, g: g, size: size})
	w.heldBytes += size
}

// bad reports an input error and applies the --on-error policy.
func (w *writer) bad(o *Outcome) error {
	w.counts.Invalid++
	fmt.Fprintf(w.msgs, "%s:%d: %v\n", o.File, o.Line, o.Err)
	switch w.cfg.OnError {
	case Skip:
		w.counts.Skipped++
		return nil
	case Fail:
		w.counts.Failed++
		w.failed = true
		if err := w.closeAll(); err != nil {
			return err
		}
		return errStop
	}
	if o.unreadable {
		// A line over the length cap was never held in memory: it is left
		// out whatever the policy.
		w.counts.Skipped++
		return nil
	}
	o.out = o.raw // --on-error keep: the line as it came
	if len(w.held) > 0 {
		w.hold(o, nil)
		return nil
	}
	return w.emit(o)
}

// closeAll closes every open group, oldest first, and writes what is held.
func (w *writer) closeAll() error {
	order := w.order
	w.order = nil
	for _, g := range order {
		if err := w.closeGroup(g); err != nil {
			return err
		}
	}
	return w.drain()
}

// closeGroup computes a group's advantages, feeds the sink, and writes the
// held lines that no longer wait for an open group.
func (w *writer) closeGroup(g *group) error {
	g.closed = true
	delete(w.open, g.key)
	finishGroup(w.cfg.Rewards, g.members, func(o *Outcome) *Scores { return &o.Scores })
	for _, o := range g.members {
		if o.obj != nil {
			w.render.renderLine(o.obj, o)
			o.obj = nil
		}
	}
	setAdvantages(g.members, func(o *Outcome) *Scores { return &o.Scores })
	for i := range w.cfg.Sets {
		finishGroup(w.cfg.Sets[i].Rewards, g.members, func(o *Outcome) *Scores { return &o.Sets[i] })
		setAdvantages(g.members, func(o *Outcome) *Scores { return &o.Sets[i] })
	}
	if w.cfg.Sink != nil {
		for _, o := range g.members {
			w.cfg.Sink.Line(o)
		}
		w.cfg.Sink.Group(g.key, g.members)
	}
	return w.drain()
}

// drain writes held lines from the front until one waits for an open group.
func (w *writer) drain() error {
	i := 0
	for ; i < len(w.held); i++ {
		h := w.held[i]
		if h.g != nil && !h.g.closed {
			break
		}
		w.heldBytes -= h.size
		if err := w.emit(h.o); err != nil {
			return err
		}
		w.held[i] = heldLine{}
	}
	w.held = w.held[i:]
	if len(w.held) == 0 {
		w.held = nil
	}
	return nil
}

// setAdvantages is the trainer's (r - mean) / (std + 1e-4) with Bessel's
// std over the group's totals, for the scores of each member that scoresOf
// selects. Lines whose total is null get none.
func setAdvantages(members []*Outcome, scoresOf func(*Outcome) *Scores) {
	n, sum := 0, 0.0
	for _, o := range members {
		if sc := scoresOf(o); sc.TotalOK {
			n++
			sum += sc.Total
		}
	}
	if n == 0 {
		return
	}
	mean := sum / float64(n)
	ss := 0.0
	for _, o := range members {
		if sc := scoresOf(o); sc.TotalOK {
			d := sc.Total - mean
			ss += d * d
		}
	}
	std := math.NaN() // torch.std of one element
	if n > 1 {
		std = math.Sqrt(ss / float64(n-1))
	}
	for _, o := range members {
		if sc := scoresOf(o); sc.TotalOK {
			sc.Advantage = (sc.Total - mean) / (std + 1e-4)
			sc.AdvantageOK = true
		}
	}
}

func (w *writer) emit(o *Outcome) error {
	if o.Status == Invalid && o.out == nil {
		return nil
	}
	if o.Status == Scored {
		if o.Fallbacks != nil {
			w.counts.Fallback++
		}
		if o.Unavailable {
			w.counts.Unavailable++
		}
	}
	if w.cfg.Discard {
		w.out.written++ // counted as score would count it, never rendered
		return w.written(nil)
	}
	if o.AdvantageOK && o.Status == Scored {
		// Insert the advantage before the closing brace.
		var tmp [64]byte
		adv := append(append(append(tmp[:0], ", "...), w.render.names.advantage...), ": "...)
		if math.IsNaN(o.Advantage) || math.IsInf(o.Advantage, 0) {
			adv = append(adv, "null"...)
		} else {
			adv = py.AppendFloat(adv, o.Advantage)
		}
		return w.written(w.out.line(o.crlf, o.out, o.extra, adv, o.tail))
	}
	return w.written(w.out.line(o.crlf, o.out, o.extra, o.tail))
}

// flush passes the buffered output on.
func (w *writer) flush() error {
	err := w.out.flush()
	w.counts.Written = w.out.written
	return err
}

// written keeps Counts.Written at the lines that reached the output.
func (w *writer) written(err error) error {
	w.counts.Written = w.out.written
	return err
}

// finish writes what is still held back and flushes: the open groups,
// unless the run stopped at a bad line (which closed them already) or was
// interrupted, which ends the output before the first held line, whose
// group's advantages are not known.
func (w *writer) finish(stopped, interrupted bool) error {
	switch {
	case interrupted && len(w.held) > 0:
		w.counts = w.atOpen
		w.held, w.order = nil, nil
	case !stopped:
		if err := w.closeAll(); err != nil {
			return err
		}
	}
	err := w.out.flush()
	w.counts.Written = w.out.written
	return err
}
