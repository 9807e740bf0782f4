// Package scoring is what every reward suite shares: the Reward interface,
// the Sample a reward sees, Options, Trace and the registry that addresses
// rewards as SUITE:NAME. The suites themselves live in sub-packages, one per
// trainer (scoring/vlmr1, ...), assembled by scoring/suites.
//
// A reward sees one Sample and returns a float64, or an error where the
// reference raises. Rewards never read the JSON line themselves: the pipeline
// turns lines into Samples, so a reward is a pure function of its inputs.
package scoring

import (
	"errors"
	"fmt"
)

// Sample is one rollout as the rewards see it, after the trainer's own
// preprocessing: Completion is completions[i][0]["content"] and Solution is
// already wrapped as "<answer> ... </answer>" (see Solution).
// Its fields must not change once a reward has seen it: rewards of the same
// line share values computed from them (see Remember).
type Sample struct {
	Completion string
	Solution   string
	// SolutionErr is set when the line has no usable solution; rewards that
	// read Solution return it (an *InputError) instead of scoring.
	SolutionErr error
	// Answer is the solution as trainers other than VLM-R1 pass it: the
	// field's string unwrapped, or Python's str() of a non-string value, in
	// which case AnswerNotStr is set (a Python str method on it would raise,
	// and it equals no str).
	Answer       string
	AnswerNotStr bool
	// AnswerJSON is the solution field's JSON text when it is not a string
	// (verl's search-R1 ground truth is an object of targets).
	AnswerJSON []byte
	// TokenCount is the completion's token count from the line
	// (--token-count-field) when HasTokenCount; otherwise the rewards
	// tokenize the completion.
	TokenCount    int
	HasTokenCount bool
	// DataSource is the line's data_source (verl's dispatch key); empty when
	// the line has none.
	DataSource string
	// Method is the line's accu_reward_method; empty means "use the default".
	Method string
	// REC holds what the REC IoU reward reads; nil when the line has none.
	REC *RECInfo

	memo []memoEntry // values shared between rewards (Remember)
}

// RECInfo is the image geometry the REC IoU reward needs: the original image
// size and Qwen2-VL's image_grid_thw (the model saw grid*14 pixels).
type RECInfo struct {
	ImageWidth, ImageHeight float64
	GridTHW                 [3]float64
}

// Reward scores one sample. tr is nil unless the caller asked for an
// explanation; rewards guard every trace step with tr.On() so that scoring
// without a trace does no extra work.
type Reward interface {
	Score(s *Sample, tr *Trace) (float64, error)
}

// RewardFunc adapts a plain function to Reward.
type RewardFunc func(s *Sample, tr *Trace) (float64, error)

// Score calls f.
func (f RewardFunc) Score(s *Sample, tr *Trace) (float64, error) { return f(s, tr) }

// PyError is an exception the Python reference raises on a sample. In the
// trainer it would end the run; here it makes the reward null for that line.
type PyError struct {
	Type string // Python exception class, e.g. "KeyError"
	Msg  string
}

func (e *PyError) Error() string {
	if e.Msg == "" {
		return e.Type
	}
	return e.Type + ": " + e.Msg
}

// Raise builds a PyError with a formatted message.
func Raise(typ, format string, args ...any) error {
	return &PyError{Type: typ, Msg: fmt.Sprintf(format, args...)}
}

// Fallback, returned together with a value, says that the reward could not
// compute the value the intended way and gave the reference's own fallback
// instead (the LLM judge did not answer: exact match). The value stands; the
// pipeline marks the line ("reward_fallbacks") and counts it.
type Fallback struct {
	Reason string
}

func (f *Fallback) Error() string { return f.Reason }

// Unavailable says that a reward needs a service that did not answer and
// was told not to fall back (--llm-strict): the value is null and the run
// fails.
type Unavailable struct {
	Err error
}

func (u *Unavailable) Error() string { return u.Err.Error() + " (--llm-strict)" }
func (u *Unavailable) Unwrap() error { return u.Err }

// Waiter is a Reward that, on some samples, waits on a remote service
// rather than computing (the LLM judge): the pipeline scores those samples
// of a batch concurrently instead of one after another.
type Waiter interface {
	Reward
	Waits(s *Sample) bool
}

// InputError reports that a line lacks what a reward needs (a field, or a
// value of the wrong shape). Unlike PyError it is a problem with the input
// file, handled by the pipeline's --on-error policy.
type InputError struct {
	Msg string
}

func (e *InputError) Error() string { return e.Msg }

// IsInputError reports whether err is (or wraps) an InputError.
func IsInputError(err error) bool {
	var ie *InputError
	return errors.As(err, &ie)
}

// NoneError is a reward the reference returns as None: open-r1's and TRL's
// accuracy rewards do so to skip a sample whose gold does not parse (TRL
// logs it as NaN). It is written as null, like a raised exception.
type NoneError struct {
	Reason string
}

func (e *NoneError) Error() string { return "None: " + e.Reason }

// GroupReward is a reward whose value depends on the other samples of its
// group, as open-r1's len_reward depends on the batch it is called with:
// here the batch is the line's group (--group-field). Part computes what
// the group stage needs of one sample; Finish turns the parts of one
// group, in line order, into the values (a nil part is a line whose Part
// failed, which gets no value).
type GroupReward interface {
	Reward
	Part(s *Sample, tr *Trace) (any, error)
	Finish(parts []any) []float64
}
