package judge

import (
	"sync"
	"time"
)

// breaker declares the judge down after threshold consecutive failed
// requests, so that a dead endpoint costs each line nothing instead of its
// timeouts and retries. While down, one request every probe interval tries
// it again; a success closes the breaker.
type breaker struct {
	mu        sync.Mutex
	threshold int
	probe     time.Duration
	now       func() time.Time

	failures  int
	open      bool
	nextProbe time.Time
}

func newBreaker(threshold int, probe time.Duration, now func() time.Time) *breaker {
	return &breaker{threshold: threshold, probe: probe, now: now}
}

// allow reports whether a request may go out: always while closed; while
// open, the first caller after each probe interval.
func (b *breaker) allow() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.open {
		return true
	}
	if now := b.now(); !now.Before(b.nextProbe) {
		b.nextProbe = now.Add(b.probe)
		return true
	}
	return false
}

// success records an answer; it reports whether the breaker was open.
func (b *breaker) success() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	wasOpen := b.open
	b.failures, b.open = 0, false
	return wasOpen
}

// failure records a failed request; it reports whether this one opened
// the breaker.
func (b *breaker) failure() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.failures++
	if b.open || b.threshold <= 0 || b.failures < b.threshold {
		if b.open {
			b.nextProbe = b.now().Add(b.probe)
		}
		return false
	}
	b.open = true
	b.nextProbe = b.now().Add(b.probe)
	return true
}
