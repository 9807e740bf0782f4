package cmd

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// verlDumpWithRewards is testdata/verl/generations.jsonl (a verl dump whose
// score verl's default_compute_score wrote) with each line's score copied
// into a "rewards" object under the name check recomputes it as, and the
// score of line drift (1-based; 0 for none) changed.
func verlDumpWithRewards(t *testing.T, drift int) string {
	t.Helper()
	f, err := os.Open("../testdata/verl/generations.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		var line map[string]any
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatal(err)
		}
		score := line["score"].(float64)
		if n == drift {
			score += 0.5
		}
		line["rewards"] = map[string]any{"verl:score": score}
		out, _ := json.Marshal(line)
		b.Write(out)
		b.WriteByte('\n')
	}
	return b.String()
}

// TestCheckVerlDump recomputes a mixed verl dump's score with the verl suite
// (dispatching on data_source) and finds no drift, then finds a planted one.
func TestCheckVerlDump(t *testing.T) {
	out, errs, code := run(t, verlDumpWithRewards(t, 0), "check", "--preset", "verl", "-r", "verl:score", "--key", "")
	if code != 0 || !strings.Contains(out+errs, "26 lines checked") {
		t.Fatalf("clean dump: exit %d\n%s%s", code, out, errs)
	}
	out, errs, code = run(t, verlDumpWithRewards(t, 3), "check", "--preset", "verl", "-r", "verl:score", "--key", "")
	if code != 1 {
		t.Fatalf("planted drift: exit %d, want 1\n%s%s", code, out, errs)
	}
}
