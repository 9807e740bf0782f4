package mathverify

import (
	"errors"
	"time"
)

// DefaultTimeout is math_verify's per-call limit (signal.alarm(5) around
// each parse and each pairwise comparison).
const DefaultTimeout = 5 * time.Second

// errTimeout aborts a parse or comparison whose budget ran out.
var errTimeout = errors.New("mathverify: time budget exceeded")

// budget bounds one parse or one comparison: a deadline checked every few
// hundred steps plus a hard cap on steps, so that work is bounded even when
// the clock is not consulted. It is owned by one call and never shared.
type budget struct {
	deadline time.Time
	steps    int
	maxSteps int
	expired  bool
}

func newBudget(d time.Duration) *budget {
	return &budget{deadline: time.Now().Add(d), maxSteps: 50_000_000}
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
		b.expired = true
		return true
	}
	if b.steps&1023 < n || n >= 1024 {
		if time.Now().After(b.deadline) {
			b.expired = true
		}
	}
	return b.expired
}
