package scoring

import (
	"fmt"
	"sort"
	"strings"
)

// Method is one accuracy method, called as the trainer calls it with the raw
// completion content and the wrapped solution.
type Method func(content, sol string, tr *Trace) (float64, error)

// MethodInfo describes an accuracy method. Fn is nil for a method this build
// does not implement yet; naming it is then an error, never a silent 0.
type MethodInfo struct {
	Name string
	Doc  string
	Fn   Method
}

// RewardInfo describes a reward and builds it from options.
type RewardInfo struct {
	Name string
	Doc  string
	// New is nil when the reward is not implemented in this build.
	New func(o *Options, methods map[string]MethodInfo) (Reward, error)
}

// Registry maps reward and method names to their implementations. It is built
// fresh from Options, so two runs with different options never share state.
type Registry struct {
	opts    Options
	rewards map[string]RewardInfo
	methods map[string]MethodInfo
}

// NewRegistry returns the built-in rewards and methods configured by o.
func NewRegistry(o Options) *Registry {
	r := &Registry{opts: o, rewards: map[string]RewardInfo{}, methods: map[string]MethodInfo{}}
	for _, m := range builtinMethods(&r.opts) {
		r.methods[m.Name] = m
	}
	for _, ri := range builtinRewards() {
		r.rewards[ri.Name] = ri
	}
	return r
}

// Rewards lists the rewards in name order.
func (r *Registry) Rewards() []RewardInfo {
	out := make([]RewardInfo, 0, len(r.rewards))
	for _, ri := range r.rewards {
		out = append(out, ri)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Methods lists the accuracy methods in name order.
func (r *Registry) Methods() []MethodInfo {
	out := make([]MethodInfo, 0, len(r.methods))
	for _, m := range r.methods {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Build returns the reward called name. With task type "rec", accuracy and
// format are the REC rewards, as in the trainer.
func (r *Registry) Build(name string) (Reward, error) {
	key := name
	if r.opts.TaskType == "rec" {
		switch name {
		case "accuracy":
			key = "rec_iou"
		case "format":
			key = "rec_format"
		}
	} else if r.opts.TaskType != "" && r.opts.TaskType != "default" {
		return nil, fmt.Errorf("unknown task type %q (known: default, rec)", r.opts.TaskType)
	}
	ri, ok := r.rewards[key]
	if !ok {
		return nil, fmt.Errorf("unknown reward %q (known: %s)", name, strings.Join(r.names(), ", "))
	}
	if ri.New == nil {
		return nil, fmt.Errorf("reward %q is not implemented in this build", name)
	}
	if name == "accuracy" && key == "accuracy" {
		m, ok := r.methods[r.opts.Method]
		if !ok {
			return nil, fmt.Errorf("unknown accuracy method %q", r.opts.Method)
		}
		if m.Fn == nil {
			return nil, fmt.Errorf("accuracy method %q is not implemented in this build", r.opts.Method)
		}
	}
	return ri.New(&r.opts, r.methods)
}

func (r *Registry) names() []string {
	var names []string
	for _, ri := range r.Rewards() {
		names = append(names, ri.Name)
	}
	return names
}

// MethodOf names the accuracy method a sample is scored with: its own
// accu_reward_method, else the configured one; a name the trainer does not
// know falls through to "default", as accuracy_reward does.
func (r *Registry) MethodOf(s *Sample) string {
	if r.opts.TaskType == "rec" {
		return "rec"
	}
	name := s.Method
	if name == "" {
		name = r.opts.Method
	}
	if _, ok := r.methods[name]; !ok {
		return "default"
	}
	return name
}
