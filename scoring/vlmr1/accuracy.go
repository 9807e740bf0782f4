package vlmr1

import (
	"fmt"

	"github.com/grpo-score/grpo-score/scoring"
)

// accuracyMethod is one accuracy method, called as the trainer calls it with
// the raw completion content and the wrapped solution.
type accuracyMethod func(content, sol string, tr *scoring.Trace) (float64, error)

// sampleMethod is an accuracy method that reads the Sample itself, to share
// per-line work with other rewards (see shared.go).
type sampleMethod func(s *scoring.Sample, tr *scoring.Trace) (float64, error)

// methodInfo describes an accuracy method. Fn is nil for a method this build
// does not implement yet; naming it is then an error, never a silent 0.
// OnSample, when set, is what accuracy calls instead of Fn: the same method
// reading the Sample.
type methodInfo struct {
	Name     string
	Doc      string
	Fn       accuracyMethod
	OnSample sampleMethod
}

func methodSet(ms []methodInfo) map[string]methodInfo {
	out := make(map[string]methodInfo, len(ms))
	for _, m := range ms {
		out[m.Name] = m
	}
	return out
}

// methodName is the one place of the fallback rule: a line's own
// accu_reward_method, else the configured one; a name the trainer does not
// know selects "default", as accuracy_reward does.
func methodName(s *scoring.Sample, fallback string, methods map[string]methodInfo) string {
	name := s.Method
	if name == "" {
		name = fallback
	}
	if _, ok := methods[name]; !ok {
		return "default"
	}
	return name
}

// accuracy is accuracy_reward: it dispatches on the line's method.
type accuracy struct {
	fallback string
	methods  map[string]methodInfo
}

func newAccuracy(o *scoring.Options) (scoring.Reward, error) {
	methods := methodSet(builtinMethods(o))
	m, ok := methods[o.Method]
	if !ok {
		return nil, fmt.Errorf("unknown accuracy method %q", o.Method)
	}
	if m.Fn == nil {
		return nil, fmt.Errorf("accuracy method %q is not implemented in this build", o.Method)
	}
	return &accuracy{fallback: o.Method, methods: methods}, nil
}

func (a *accuracy) Score(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	if s.SolutionErr != nil {
		return 0, s.SolutionErr
	}
	m := a.methods[methodName(s, a.fallback, a.methods)]
	if m.Fn == nil {
		return 0, &scoring.InputError{Msg: fmt.Sprintf("accuracy method %q is not implemented in this build", m.Name)}
	}
	tr.Add("method", m.Name)
	if m.OnSample != nil {
		return m.OnSample(s, tr)
	}
	return m.Fn(s.Completion, s.Solution, tr)
}

// Waits reports whether the sample is judged by the LLM, a remote call the
// pipeline overlaps with the other lines' instead of waiting it out.
func (a *accuracy) Waits(s *scoring.Sample) bool {
	return methodName(s, a.fallback, a.methods) == "llm"
}
