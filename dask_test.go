package main

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestDaskScaleOut runs the README's Dask recipe (scripts/dask_score.py) on a
// LocalCluster of three worker processes: the dump's partitions are piped
// through the binary, their --stats merged with 'stats merge', and the
// result must equal one run over the whole dump, as must the scored lines.
// Debian's python3-distributed is needed; .ci/run installs it.
func TestDaskScaleOut(t *testing.T) {
	python := "/usr/bin/python3"
	if out, err := exec.Command(python, "-c", "import dask.bag, distributed").CombinedOutput(); err != nil {
		t.Fatalf("Dask is not installed (apt-get install python3-distributed; .ci/run does): %v\n%s", err, out)
	}
	dir := t.TempDir()
	// The golden rollouts, several times over: enough lines for many
	// partitions of a small block size.
	var dump []byte
	for i := 0; i < 4; i++ {
		dump = append(dump, golden(t)...)
	}
	dumpPath := filepath.Join(dir, "dump.jsonl")
	writeFile(t, dumpPath, dump)
	args := []string{"-r", "accuracy,format,length,repetition"}

	single := filepath.Join(dir, "single.stats.json")
	singleOut, errs, code := runBin(t, nil, append([]string{"score", "-q", dumpPath, "--stats", single}, args...)...)
	if code != 0 {
		t.Fatalf("single run: exit %d: %s", code, errs)
	}

	merged := filepath.Join(dir, "merged.stats.json")
	scored := filepath.Join(dir, "scored.jsonl")
	c := exec.Command(python, append([]string{filepath.Join("scripts", "dask_score.py"), "--binary", binary,
		"--workers", "3", "--blocksize", "1MiB", dumpPath, "-o", scored, "--stats", merged, "--"}, args...)...)
	out, err := c.CombinedOutput()
	if err != nil {
		t.Fatalf("dask_score.py: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "on 3 local workers") {
		t.Errorf("dask_score.py said:\n%s", out)
	}
	parts := 0
	for _, l := range strings.Split(string(out), "\n") {
		if strings.Contains(l, "partitions scored on") {
			fmt.Sscanf(l, "%d", &parts)
		}
	}
	if parts < 4 {
		t.Errorf("want several partitions, got %q", out)
	}
	if got := string(readFile(t, scored)); got != singleOut {
		t.Errorf("the scored lines differ from one run's (%d vs %d bytes)", len(got), len(singleOut))
	}
	a, b := statsWithoutTimings(t, single), statsWithoutTimings(t, merged)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("merged statistics differ from one run's:\nsingle %v\nmerged %v", a, b)
	}
}

// statsWithoutTimings reads a stats JSON without its wall-clock fields.
func statsWithoutTimings(t *testing.T, path string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(readFile(t, path), &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "elapsed_seconds")
	delete(m, "lines_per_second")
	return m
}
