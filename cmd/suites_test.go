package cmd

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// withRewards reads a dump and copies the recorded reward fields into a
// "rewards" object under the names check recomputes them as (the JSONL
// equivalent of reading them where the trainer wrote them), changing the
// value of line drift (1-based; 0 for none).
func withRewards(t *testing.T, path string, names map[string]string, drift int) string {
	t.Helper()
	f, err := os.Open(path)
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
		rewards := map[string]any{}
		for field, name := range names {
			v := line[field]
			if f, ok := v.(float64); ok && n == drift {
				v = f + 0.5
			}
			rewards[name] = v
		}
		line["rewards"] = rewards
		out, _ := json.Marshal(line)
		b.Write(out)
		b.WriteByte('\n')
	}
	return b.String()
}

// verlDumpWithRewards is testdata/verl/generations.jsonl (a verl dump whose
// score verl's default_compute_score wrote) with each line's score copied
// into a "rewards" object under the name check recomputes it as, and the
// score of line drift (1-based; 0 for none) changed.
func verlDumpWithRewards(t *testing.T, drift int) string {
	return withRewards(t, "../testdata/verl/generations.jsonl", map[string]string{"score": "verl:score"}, drift)
}

// TestCheckVerlDump recomputes a mixed verl dump's score with the verl suite
// (dispatching on data_source) and finds no drift, then finds a planted one.
// The preset compares with "score"; --rewards-field points check at the
// copies instead.
func TestCheckVerlDump(t *testing.T) {
	out, errs, code := run(t, verlDumpWithRewards(t, 0), "check", "--preset", "verl", "-r", "verl:score", "--key", "", "--rewards-field", "rewards")
	if code != 0 || !strings.Contains(out+errs, "26 lines checked") {
		t.Fatalf("clean dump: exit %d\n%s%s", code, out, errs)
	}
	out, errs, code = run(t, verlDumpWithRewards(t, 3), "check", "--preset", "verl", "-r", "verl:score", "--key", "", "--rewards-field", "rewards")
	if code != 1 {
		t.Fatalf("planted drift: exit %d, want 1\n%s%s", code, out, errs)
	}
	// The preset's own comparison, with verl's score, finds no drift: the
	// planted one is only in the copies.
	out, errs, code = run(t, verlDumpWithRewards(t, 3), "check", "--preset", "verl", "-r", "verl:score", "--key", "")
	if code != 0 {
		t.Fatalf("against score: exit %d, want 0\n%s%s", code, out, errs)
	}
}

// TestCheckTRLTable recomputes the reward columns of a TRL completions table
// (testdata/trl/completions_00010.jsonl, written by TRL's own functions;
// null where accuracy_reward returned None) and finds no drift, then finds a
// planted one.
func TestCheckTRLTable(t *testing.T) {
	names := map[string]string{}
	for _, n := range []string{"think_format_reward", "accuracy_reward", "reasoning_accuracy_reward"} {
		names[n] = "trl:" + n
	}
	args := []string{"check", "-r", "trl:think_format_reward,trl:accuracy_reward,trl:reasoning_accuracy_reward", "--key", ""}
	in := withRewards(t, "../testdata/trl/completions_00010.jsonl", names, 0)
	out, errs, code := run(t, in, args...)
	if code != 0 || !strings.Contains(out+errs, "16 lines checked") {
		t.Fatalf("clean table: exit %d\n%s%s", code, out, errs)
	}
	out, errs, code = run(t, withRewards(t, "../testdata/trl/completions_00010.jsonl", names, 2), args...)
	if code != 1 {
		t.Fatalf("planted drift: exit %d, want 1\n%s%s", code, out, errs)
	}
}
