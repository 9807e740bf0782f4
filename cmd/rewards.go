package cmd

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/grpo-score/grpo-score/pipeline"
	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/suites"
)

func newRewardsCmd(e *env) *cobra.Command {
	var jsonOut bool
	c := &cobra.Command{
		Use:   "rewards",
		Short: "List the reward suites, their rewards and accuracy methods, marking what this build implements",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			reg := suites.NewRegistry(scoring.DefaultOptions())
			if jsonOut {
				return writeRewardsJSON(e, reg)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "SUITE\tDESCRIPTION")
			for _, s := range reg.Suites() {
				fmt.Fprintf(tw, "%s\t%s\n", s.Name, s.Doc)
			}
			fmt.Fprintln(tw, "\nREWARD\tSTATUS\tDESCRIPTION")
			for _, s := range reg.Suites() {
				for _, r := range s.SortedRewards() {
					doc := r.Doc
					if r.New == nil && r.Unavailable != "" {
						doc += " (" + r.Unavailable + ")"
					}
					fmt.Fprintf(tw, "%s:%s\t%s\t%s\n", s.Name, r.Name, status(r.New != nil, r.Unavailable), doc)
				}
			}
			for _, s := range reg.Suites() {
				if len(s.Methods) == 0 {
					continue
				}
				fmt.Fprintf(tw, "\nACCURACY METHOD (%s:%s)\tSTATUS\tDESCRIPTION\n", s.Name, s.MethodReward)
				for _, m := range s.SortedMethods() {
					fmt.Fprintf(tw, "%s\t%s\t%s\n", m.Name, status(m.Implemented, ""), m.Doc)
				}
			}
			return tw.Flush()
		},
	}
	c.Flags().BoolVar(&jsonOut, "json", false, "write the list as JSON")
	return c
}

func writeRewardsJSON(e *env, reg *scoring.Registry) error {
	type entry struct {
		Name        string `json:"name"`
		Implemented bool   `json:"implemented"`
		Unavailable string `json:"unavailable,omitempty"`
		Doc         string `json:"doc"`
	}
	type suite struct {
		Name    string  `json:"name"`
		Doc     string  `json:"doc"`
		Rewards []entry `json:"rewards"`
		Methods []entry `json:"accuracy_methods,omitempty"`
	}
	out := []suite{}
	for _, s := range reg.Suites() {
		js := suite{Name: s.Name, Doc: s.Doc, Rewards: []entry{}}
		for _, r := range s.SortedRewards() {
			js.Rewards = append(js.Rewards, entry{Name: r.Name, Implemented: r.New != nil, Unavailable: r.Unavailable, Doc: r.Doc})
		}
		for _, m := range s.SortedMethods() {
			js.Methods = append(js.Methods, entry{Name: m.Name, Implemented: m.Implemented, Doc: m.Doc})
		}
		out = append(out, js)
	}
	return writeJSON(e.stdout, map[string]any{"suites": out})
}

func status(ok bool, unavailable string) string {
	switch {
	case ok:
		return "yes"
	case unavailable != "":
		return "not available"
	}
	return "not yet"
}

// methodOf reports a line's accuracy method for statistics, when a reward
// that dispatches on it is among the rewards.
func methodOf(reg *scoring.Registry, rewards []pipeline.NamedReward) func(*scoring.Sample) string {
	for _, r := range rewards {
		if f := reg.MethodOf(r.Name); f != nil {
			return f
		}
	}
	return nil
}
