package cmd

import (
	"io"

	"github.com/grpo-score/grpo-score/pipeline"
	"github.com/grpo-score/grpo-score/stats"
)

// summary feeds the pipeline's outcomes into a stats.Summary: the adapter
// between the writer goroutine and the statistics.
type summary struct {
	s     *stats.Summary
	group []stats.Line
}

func newSummary(rewards []pipeline.NamedReward) *summary {
	names := make([]string, len(rewards))
	for i, r := range rewards {
		names[i] = r.Name
	}
	return &summary{s: stats.New(names...)}
}

// line converts an outcome; the slices are reused, so the result is valid
// until the next call.
func (sm *summary) line(o *pipeline.Outcome) stats.Line {
	l := stats.Line{Rewards: o.Values, Total: o.Total, TotalFailed: !o.TotalOK, Method: o.Method}
	if !o.TotalOK {
		failed := make([]bool, len(o.Errs))
		for i, err := range o.Errs {
			failed[i] = err != nil
		}
		l.Failed = failed
	}
	return l
}

// Line implements pipeline.Sink.
func (sm *summary) Line(o *pipeline.Outcome) { sm.s.AddLine(sm.line(o)) }

// Group implements pipeline.Sink.
func (sm *summary) Group(_ string, members []*pipeline.Outcome) {
	sm.group = sm.group[:0]
	for _, o := range members {
		sm.group = append(sm.group, sm.line(o))
	}
	sm.s.AddGroup(sm.group)
}

// finish records the line counts: skipped lines are those --on-error
// dropped (or the one that stopped the run), so read = written + skipped +
// blank.
func (sm *summary) finish(res *pipeline.Result) {
	if res == nil {
		return
	}
	c := res.Counts
	sm.s.Lines = stats.Lines{
		Read:    uint64(c.Read),
		Written: uint64(c.Written),
		Skipped: uint64(c.Skipped - c.Blank + c.Failed),
		Failed:  uint64(c.Invalid),
		Blank:   uint64(c.Blank),

		Fallback: uint64(c.Fallback),
	}
	sm.s.ElapsedSeconds = res.Elapsed.Seconds()
}

func (sm *summary) writeTable(w io.Writer) { _ = sm.s.WriteTable(w) }
