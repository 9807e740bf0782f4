package cmd

import (
	"os"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// startProgress shows a progress bar on standard error when it is a terminal
// and --quiet is not given. The reader only stores a byte count; a ticker
// reads it, so the hot path never touches the bar. It returns nil when no
// bar is shown, else a function that stops it.
func startProgress(e *env, quiet bool, args []string, done *atomic.Int64) func() {
	f, ok := e.stderr.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	total := int64(0)
	for _, a := range args {
		st, err := os.Stat(a)
		if a == "-" || err != nil || !st.Mode().IsRegular() {
			total = -1
			break
		}
		total += st.Size()
	}
	bar := progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(f),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetDescription("scoring"),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
	stop := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				_ = bar.Set64(done.Load())
			case <-stop:
				_ = bar.Finish()
				return
			}
		}
	}()
	return func() {
		close(stop)
		<-finished
	}
}
