package scoring

// Several rewards of one line may need the same value computed from the
// same inputs: VLM-R1's length and weighted_sum accuracy both run
// clean_text on both sides and detection_score on the results. Remember
// computes such a value once per Sample. The memo lives in the Sample, so
// the pipeline, which only makes Samples and calls Score, knows nothing of
// it.
//
// A Sample is scored by every reward configuration of a run (compare scores
// several), so a value that depends on options carries them as params: it
// is shared only between callers that pass equal params.

// MemoKey names one kind of shared value of type T. Keys are compared by
// identity: make each once, at package level.
type MemoKey[T any] struct{ name string }

// NewMemoKey makes a key; name is for debugging only.
func NewMemoKey[T any](name string) *MemoKey[T] { return &MemoKey[T]{name: name} }

// NoParams is the params of a value that depends on the Sample alone.
type NoParams struct{}

type memoEntry struct {
	key, params, value any
}

// memoCap is the room made at a Sample's first memo entry: the VLM-R1
// rewards of one line keep up to five values, so the slice is not regrown.
const memoCap = 6

// Remember returns the value for key and params on s, calling compute the
// first time. params must be comparable (a struct of options, or nil).
func Remember[T any](s *Sample, key *MemoKey[T], params any, compute func() T) T {
	return RememberBy(s, key, params, compute)
}

// RememberBy is Remember with params of a static type, which a lookup then
// compares without boxing them.
func RememberBy[T any, P comparable](s *Sample, key *MemoKey[T], params P, compute func() T) T {
	for i := range s.memo {
		if e := &s.memo[i]; e.key == any(key) && sameParams(e.params, params) {
			return e.value.(T)
		}
	}
	v := compute()
	if s.memo == nil {
		s.memo = make([]memoEntry, 0, memoCap)
	}
	s.memo = append(s.memo, memoEntry{key: key, params: params, value: v})
	return v
}

// sameParams reports whether stored params equal p. A nil interface is
// not a P even when P is an interface type, hence the second test.
func sameParams[P comparable](stored any, p P) bool {
	if q, ok := stored.(P); ok {
		return q == p
	}
	return stored == nil && any(p) == nil
}
