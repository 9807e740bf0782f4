package scoring

import "fmt"

// accuracy is accuracy_reward: it dispatches on the line's
// accu_reward_method, falling back to the configured method. As in the
// trainer, a method name it does not know selects default_accuracy_reward.
type accuracy struct {
	fallback string
	methods  map[string]MethodInfo
}

func newAccuracy(o *Options, methods map[string]MethodInfo) (Reward, error) {
	return &accuracy{fallback: o.Method, methods: methods}, nil
}

func (a *accuracy) Score(s *Sample, tr *Trace) (float64, error) {
	if s.SolutionErr != nil {
		return 0, s.SolutionErr
	}
	name := s.Method
	if name == "" {
		name = a.fallback
	}
	m, ok := a.methods[name]
	if !ok {
		m = a.methods["default"]
	}
	if m.Fn == nil {
		return 0, &InputError{Msg: fmt.Sprintf("accuracy method %q is not implemented in this build", m.Name)}
	}
	tr.Add("method", m.Name)
	return m.Fn(s.Completion, s.Solution, tr)
}
