package scoring

import (
	"fmt"
	"sort"
	"strings"
)

// Suite is one trainer's reward set (VLM-R1, open-r1, TRL, verl), built for
// one set of Options. Rewards are addressed as SUITE:NAME; a bare name means
// the registry's first suite.
type Suite struct {
	Name string // "vlm-r1"
	Doc  string
	// Rewards lists the suite's rewards, including those this build cannot
	// compute (New nil), so that naming one is an error that says why.
	Rewards []RewardInfo
	// Methods lists the accuracy methods of the suite's accuracy reward, for
	// `grpo-score rewards`; empty for suites without them.
	Methods []MethodInfo
	// Resolve maps a requested name to the reward built for it, as VLM-R1's
	// --task-type rec swaps accuracy and format; nil keeps the name.
	Resolve func(name string) (string, error)
	// MethodReward names the reward whose lines MethodOf classifies.
	MethodReward string
	// MethodOf names the accuracy method a sample is scored with, for
	// statistics; nil when the suite has none.
	MethodOf func(s *Sample) string
}

// RewardInfo describes a reward and builds it.
type RewardInfo struct {
	Name string
	Doc  string
	// New is nil when the reward is not implemented in this build.
	New func() (Reward, error)
	// Unavailable says why New is nil.
	Unavailable string
}

// MethodInfo describes an accuracy method. A method this build does not
// implement is listed so that naming it is an error, never a silent 0.
type MethodInfo struct {
	Name        string
	Doc         string
	Implemented bool
}

// SuiteFunc builds a suite for the options of one run.
type SuiteFunc func(o *Options) Suite

// Registry maps SUITE:NAME to rewards. It is built fresh from Options, so two
// runs with different options never share state.
type Registry struct {
	opts   Options
	suites []Suite
}

// NewRegistry builds the given suites with o; the first is the one bare
// reward names refer to.
func NewRegistry(o Options, suites ...SuiteFunc) *Registry {
	r := &Registry{opts: o}
	for _, f := range suites {
		r.suites = append(r.suites, f(&r.opts))
	}
	return r
}

// Suites lists the suites, the default first.
func (r *Registry) Suites() []Suite { return r.suites }

// SortedRewards lists a suite's rewards in name order.
func (s *Suite) SortedRewards() []RewardInfo {
	out := append([]RewardInfo(nil), s.Rewards...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// SortedMethods lists a suite's accuracy methods in name order.
func (s *Suite) SortedMethods() []MethodInfo {
	out := append([]MethodInfo(nil), s.Methods...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// lookup splits SUITE:NAME; a bare name belongs to the first suite.
func (r *Registry) lookup(name string) (*Suite, string, error) {
	if len(r.suites) == 0 {
		return nil, "", fmt.Errorf("unknown reward %q (no reward suites)", name)
	}
	prefix, bare, qualified := strings.Cut(name, ":")
	if !qualified {
		return &r.suites[0], name, nil
	}
	for i := range r.suites {
		if r.suites[i].Name == prefix {
			return &r.suites[i], bare, nil
		}
	}
	var known []string
	for _, s := range r.suites {
		known = append(known, s.Name)
	}
	return nil, "", fmt.Errorf("unknown reward suite %q in %q (known: %s)", prefix, name, strings.Join(known, ", "))
}

// Build returns the reward called name (SUITE:NAME or a bare name).
func (r *Registry) Build(name string) (Reward, error) {
	s, bare, err := r.lookup(name)
	if err != nil {
		return nil, err
	}
	key := bare
	if s.Resolve != nil {
		if key, err = s.Resolve(bare); err != nil {
			return nil, err
		}
	}
	for _, ri := range s.Rewards {
		if ri.Name != key {
			continue
		}
		if ri.New == nil {
			if ri.Unavailable != "" {
				return nil, fmt.Errorf("reward %q is not available: %s", name, ri.Unavailable)
			}
			return nil, fmt.Errorf("reward %q is not implemented in this build", name)
		}
		return ri.New()
	}
	var names []string
	for _, ri := range s.SortedRewards() {
		names = append(names, ri.Name)
	}
	return nil, fmt.Errorf("unknown reward %q (known: %s)", name, strings.Join(names, ", "))
}

// MethodOf returns the classifier of accuracy methods for the reward called
// name, or nil when that reward has none.
func (r *Registry) MethodOf(name string) func(*Sample) string {
	s, bare, err := r.lookup(name)
	if err != nil || s.MethodOf == nil || bare != s.MethodReward {
		return nil
	}
	return s.MethodOf
}

// Stateless is RewardInfo.New for a reward that is a plain function.
func Stateless(f RewardFunc) func() (Reward, error) {
	return func() (Reward, error) { return f, nil }
}
