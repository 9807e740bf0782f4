package cmd

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	json "github.com/goccy/go-json"
	"github.com/spf13/cobra"
)

// Version is set at build time with -ldflags "-X .../cmd.Version=v1.2.3".
var Version = "dev"

// reference names the upstream code whose values this build reproduces.
const reference = "om-ai-lab/VLM-R1 90052f478646e38bc67363862f699b7afca6b337 (grpo_jsonl.py, qwen_module.py)"

// version is this build's version: -ldflags, else the module version.
func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && Version == "dev" && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return Version
}

func versionText() string {
	return fmt.Sprintf("grpo-score %s (%s %s/%s)\nreference: %s\n", version(), runtime.Version(), runtime.GOOS, runtime.GOARCH, reference)
}

func newVersionCmd(e *env) *cobra.Command {
	var jsonOut bool
	c := &cobra.Command{
		Use:   "version",
		Short: "Print the version and the reference code it reproduces",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if !jsonOut {
				_, err := fmt.Fprint(e.stdout, versionText())
				return err
			}
			return writeJSON(e.stdout, map[string]string{
				"version": version(), "go": runtime.Version(), "os": runtime.GOOS, "arch": runtime.GOARCH, "reference": reference,
			})
		},
	}
	c.Flags().BoolVar(&jsonOut, "json", false, "write the version as JSON")
	return c
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
