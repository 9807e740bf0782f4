package pipeline

import (
	"context"
	"sync"
)

// budget bounds the input bytes in flight between the reader and the
// writer. The window of batches alone bounds their number, not their size:
// a batch holds at least one line, and lines may be hundreds of MB. A batch
// larger than the whole budget takes all of it, so it waits until nothing
// else is in flight.
type budget struct {
	mu    sync.Mutex
	max   int64
	used  int64
	freed chan struct{} // closed and replaced on every release
}

// inflightBytes is the budget of a run: far above what the window of
// ordinary 1 MB batches uses, so it binds only on huge lines.
const inflightBytes = 64 << 20

func newBudget(max int64) *budget {
	return &budget{max: max, freed: make(chan struct{})}
}

// acquire takes n bytes (at most the whole budget), waiting for releases;
// it returns what it took, or false when ctx ended first.
func (b *budget) acquire(ctx context.Context, n int64) (int64, bool) {
	n = min(n, b.max)
	for {
		b.mu.Lock()
		if b.used+n <= b.max {
			b.used += n
			b.mu.Unlock()
			return n, true
		}
		freed := b.freed
		b.mu.Unlock()
		select {
		case <-freed:
		case <-ctx.Done():
			return 0, false
		}
	}
}

func (b *budget) release(n int64) {
	if n == 0 {
		return
	}
	b.mu.Lock()
	b.used -= n
	close(b.freed)
	b.freed = make(chan struct{})
	b.mu.Unlock()
}
