package mathverify

import (
	"errors"
	"sync"
	"time"

	"github.com/dlclark/regexp2"
)

// DefaultTimeout is math_verify's per-call limit (signal.alarm(5) around
// each parse and each pairwise comparison).
const DefaultTimeout = 5 * time.Second

// errTimeout aborts a parse or comparison whose budget ran out.
var errTimeout = errors.New("mathverify: time budget exceeded")

// Line is the time budget of all the work on one answer: every parse,
// comparison, LaTeX normalisation, boxed extraction, regular expression and
// the Hendrycks step draw on the same deadline. Work that finds it passed
// gets math_verify's timeout outcome (no parse, a false comparison) and the
// line is marked, so that callers can count such lines. A Line belongs to
// one goroutine; the zero deadline (nil *Line) means no line budget.
type Line struct {
	deadline time.Time
	timedOut bool
}

// NewLine starts a line budget of d.
func NewLine(d time.Duration) *Line { return &Line{deadline: time.Now().Add(d)} }

// TimedOut reports whether some work on the line ran out of time, the line
// budget or math_verify's own 5 s per call.
func (l *Line) TimedOut() bool { return l != nil && l.timedOut }

// budget bounds one parse or one comparison: a deadline checked every few
// hundred steps plus a hard cap on steps, so that work is bounded even when
// the clock is not consulted. It is owned by one call and never shared.
type budget struct {
	deadline time.Time
	steps    int
	maxSteps int
	expired  bool
	line     *Line
}

// newBudget is the budget of one call: d, cut short by the line's deadline.
func newBudget(d time.Duration, line *Line) *budget {
	b := &budget{deadline: time.Now().Add(d), maxSteps: 50_000_000, line: line}
	if line != nil && line.deadline.Before(b.deadline) {
		b.deadline = line.deadline
	}
	return b
}

// spend charges n steps and reports whether the budget is exhausted.
func (b *budget) spend(n int) bool {
	if b == nil {
		return false
	}
	if b.expired {
		return true
	}
	b.steps += n
	if b.steps > b.maxSteps {
		b.expire()
		return true
	}
	if b.steps&1023 < n || n >= 1024 {
		if time.Now().After(b.deadline) {
			b.expire()
		}
	}
	return b.expired
}

func (b *budget) expire() {
	b.expired = true
	if b.line != nil {
		b.line.timedOut = true
	}
}

// left is the time the budget still allows; nil budgets allow DefaultTimeout.
func (b *budget) left() time.Duration {
	if b == nil {
		return DefaultTimeout
	}
	if b.expired {
		return 0
	}
	d := time.Until(b.deadline)
	if d <= 0 {
		b.expire()
		return 0
	}
	return d
}

// boundedRe is a compiled pattern whose every run is limited by the
// caller's budget. regexp2 reads the match timeout from the Regexp value,
// so a run borrows a private copy and sets the time left on it. The copies
// live in a free list that, unlike a sync.Pool, the garbage collector does
// not empty: recompiling the large extraction patterns after every GC cycle
// cost more than the matching itself. The list holds at most as many copies
// as there were concurrent runs.
type boundedRe struct {
	src string
	opt regexp2.RegexOptions
	// may, when set, is a cheap necessary condition for a match in a text:
	// where it fails, normRun skips the run (normprefilter_test.go checks
	// each against regexp2).
	may func(string) bool

	mu   sync.Mutex
	free []*regexp2.Regexp
}

func newBoundedRe(p string, opt regexp2.RegexOptions) *boundedRe {
	return &boundedRe{src: p, opt: opt, free: []*regexp2.Regexp{regexp2.MustCompile(p, opt)}}
}

// get takes a copy from the free list, compiling one when none is free.
func (r *boundedRe) get() *regexp2.Regexp {
	r.mu.Lock()
	if n := len(r.free); n > 0 {
		re := r.free[n-1]
		r.free = r.free[:n-1]
		r.mu.Unlock()
		return re
	}
	r.mu.Unlock()
	return regexp2.MustCompile(r.src, r.opt)
}

func (r *boundedRe) put(re *regexp2.Regexp) {
	r.mu.Lock()
	r.free = append(r.free, re)
	r.mu.Unlock()
}

// with runs f on a copy of the pattern whose timeout is what b has left,
// and turns regexp2's timeout into errTimeout.
func (r *boundedRe) with(b *budget, f func(re *regexp2.Regexp) error) error {
	d := b.left()
	if d <= 0 {
		return errTimeout
	}
	re := r.get()
	defer r.put(re)
	re.MatchTimeout = d
	err := f(re)
	if err != nil && b.left() <= 0 {
		return errTimeout
	}
	return err
}

// GetGroupNames lists the pattern's group names.
func (r *boundedRe) GetGroupNames() []string {
	re := r.get()
	defer r.put(re)
	return re.GetGroupNames()
}

// String is the pattern's source.
func (r *boundedRe) String() string { return r.src }
