package pipeline

import (
	"fmt"
	"io"
	"math"

	"github.com/grpo-score/grpo-score/scoring/py"
)

// writer runs on one goroutine: it emits lines in order, reports bad lines,
// holds back the lines of an open group until its advantages are known, and
// feeds the sink.
type writer struct {
	cfg       *Config
	advantage string // the advantage's member name, JSON-quoted
	out       *lineOut
	msgs      io.Writer
	counts    Counts
	failed    bool
	// atOpen are the counts just before the open group's first line: an
	// interrupted run ends its output there.
	atOpen Counts

	// grouping state
	open     bool
	key      string
	pending  []*Outcome // every line since the group opened, in order
	members  []*Outcome
	finished map[string]string // group key → where it ended, to catch splits
}

func newWriter(cfg *Config, out, msgs io.Writer) *writer {
	return &writer{cfg: cfg, advantage: newOutputNames(cfg.Prefix).advantage, out: newLineOut(out), msgs: msgs, finished: map[string]string{}}
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
	if !w.open || o.Group != w.key {
		if where, seen := w.finished[o.Group]; seen {
			o.Status = Invalid
			o.Err = fmt.Errorf("group %q was already closed at %s: a group's lines must be contiguous", o.Group, where)
			return w.bad(o)
		}
		if err := w.closeGroup(); err != nil {
			return err
		}
		w.open, w.key = true, o.Group
		w.atOpen = w.counts
		w.atOpen.Read--
	}
	w.pending = append(w.pending, o)
	w.members = append(w.members, o)
	return nil
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
		if err := w.closeGroup(); err != nil {
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
	if w.open {
		w.pending = append(w.pending, o)
		return nil
	}
	return w.emit(o)
}

// closeGroup computes the open group's advantages and writes its lines.
func (w *writer) closeGroup() error {
	if !w.open {
		return nil
	}
	w.open = false
	if len(w.members) > 0 {
		last := w.members[len(w.members)-1]
		w.finished[w.key] = fmt.Sprintf("%s:%d", last.File, last.Line)
	}
	setAdvantages(w.members, func(o *Outcome) *Scores { return &o.Scores })
	for i := range w.cfg.Sets {
		setAdvantages(w.members, func(o *Outcome) *Scores { return &o.Sets[i] })
	}
	if w.cfg.Sink != nil {
		for _, o := range w.members {
			w.cfg.Sink.Line(o)
		}
		w.cfg.Sink.Group(w.key, w.members)
	}
	for _, o := range w.pending {
		if err := w.emit(o); err != nil {
			return err
		}
	}
	w.pending, w.members = w.pending[:0], w.members[:0]
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
	if w.cfg.Discard {
		w.out.written++ // counted as score would count it, never rendered
		return w.written(nil)
	}
	if o.AdvantageOK && o.Status == Scored {
		// Insert the advantage before the closing brace.
		var tmp [64]byte
		adv := append(append(append(tmp[:0], ", "...), w.advantage...), ": "...)
		if math.IsNaN(o.Advantage) || math.IsInf(o.Advantage, 0) {
			adv = append(adv, "null"...)
		} else {
			adv = py.AppendFloat(adv, o.Advantage)
		}
		return w.written(w.out.line(o.crlf, o.out[:o.extraAt], adv, o.out[o.extraAt:]))
	}
	return w.written(w.out.line(o.crlf, o.out))
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

// finish writes what is still held back and flushes: the open group, unless
// the run stopped at a bad line (which closed it already) or was
// interrupted, which ends the output before the open group, whose
// advantages are not known.
func (w *writer) finish(stopped, interrupted bool) error {
	switch {
	case interrupted && w.open:
		w.counts = w.atOpen
		w.pending, w.members = nil, nil
	case !stopped:
		if err := w.closeGroup(); err != nil {
			return err
		}
	}
	err := w.out.flush()
	w.counts.Written = w.out.written
	return err
}
