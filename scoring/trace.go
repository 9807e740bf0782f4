package scoring

import "fmt"

// Trace collects the steps that produced a reward, for `grpo-score explain`.
// A nil *Trace is valid and records nothing, so rewards can call its methods
// unconditionally in cold paths and guard hot ones with On.
type Trace struct {
	Steps []Step
}

// Step is one named intermediate value.
type Step struct {
	Name  string `json:"step"`
	Value any    `json:"value"`
}

// On reports whether steps are being recorded.
func (t *Trace) On() bool { return t != nil }

// Add records a step; a no-op on a nil Trace.
func (t *Trace) Add(name string, value any) {
	if t == nil {
		return
	}
	t.Steps = append(t.Steps, Step{Name: name, Value: value})
}

// Addf records a formatted text step; a no-op on a nil Trace.
func (t *Trace) Addf(name, format string, args ...any) {
	if t == nil {
		return
	}
	t.Steps = append(t.Steps, Step{Name: name, Value: fmt.Sprintf(format, args...)})
}
