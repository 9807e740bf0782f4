// Package suites assembles the reward suites the CLI knows. It exists so that
// the registry (package scoring) and the suites, which import it, do not form
// an import cycle.
package suites

import (
	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/openr1"
	"github.com/grpo-score/grpo-score/scoring/trl"
	"github.com/grpo-score/grpo-score/scoring/verl"
	"github.com/grpo-score/grpo-score/scoring/vlmr1"
)

// All lists the suites; the first is the one bare reward names refer to.
func All() []scoring.SuiteFunc {
	return []scoring.SuiteFunc{vlmr1.Suite, openr1.Suite, trl.Suite, verl.Suite}
}

// NewRegistry is a registry of every suite, configured by o.
func NewRegistry(o scoring.Options) *scoring.Registry {
	return scoring.NewRegistry(o, All()...)
}
