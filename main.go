// Command grpo-score scores GRPO rollout dumps with VLM-R1's reward
// functions, reproducing the trainer's values exactly.
package main

import (
	"os"
	"os/signal"
	"syscall"

	"github.com/grpo-score/grpo-score/cmd"
)

func main() {
	// A reader that goes away (| head) must end the run quietly: with SIGPIPE
	// ignored, writes fail with EPIPE and the command exits 0.
	signal.Ignore(syscall.SIGPIPE)
	os.Exit(cmd.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
