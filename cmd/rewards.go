package cmd

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/grpo-score/grpo-score/pipeline"
	"github.com/grpo-score/grpo-score/scoring"
)

func newRewardsCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "rewards",
		Short: "List the rewards and accuracy methods, marking what this build implements",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			reg := scoring.NewRegistry(scoring.DefaultOptions())
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "REWARD\tSTATUS\tDESCRIPTION")
			for _, r := range reg.Rewards() {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", r.Name, status(r.New != nil), r.Doc)
			}
			fmt.Fprintln(tw, "\nACCURACY METHOD\tSTATUS\tDESCRIPTION")
			for _, m := range reg.Methods() {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", m.Name, status(m.Fn != nil), m.Doc)
			}
			return tw.Flush()
		},
	}
}

func status(ok bool) string {
	if ok {
		return "yes"
	}
	return "not yet"
}

// methodOf reports a line's accuracy method for statistics, when accuracy
// is among the rewards.
func methodOf(reg *scoring.Registry, rewards []pipeline.NamedReward) func(*scoring.Sample) string {
	for _, r := range rewards {
		if r.Name == "accuracy" {
			return reg.MethodOf
		}
	}
	return nil
}
