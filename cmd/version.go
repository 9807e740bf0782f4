package cmd

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Version is set at build time with -ldflags "-X .../cmd.Version=v1.2.3".
var Version = "dev"

// reference names the upstream code whose values this build reproduces.
const reference = "om-ai-lab/VLM-R1 90052f478646e38bc67363862f699b7afca6b337 (grpo_jsonl.py, qwen_module.py)"

func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version and the reference code it reproduces",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			v := Version
			if info, ok := debug.ReadBuildInfo(); ok && v == "dev" && info.Main.Version != "" && info.Main.Version != "(devel)" {
				v = info.Main.Version
			}
			fmt.Fprintf(e.stdout, "grpo-score %s (%s %s/%s)\nreference: %s\n", v, runtime.Version(), runtime.GOOS, runtime.GOARCH, reference)
			return nil
		},
	}
}
