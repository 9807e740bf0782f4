package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goccy/go-json"
)

// withDrift copies a dump to a temporary file with field's value on line
// (1-based) increased by 0.5.
func withDrift(t *testing.T, path, field string, line int) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	var obj map[string]any
	if err := json.Unmarshal([]byte(lines[line-1]), &obj); err != nil {
		t.Fatal(err)
	}
	obj[field] = obj[field].(float64) + 0.5
	b, _ := json.Marshal(obj)
	lines[line-1] = string(b)
	out := filepath.Join(t.TempDir(), filepath.Base(path))
	if err := os.WriteFile(out, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCheckVerlDump recomputes the score of a mixed verl dump
// (testdata/verl/generations.jsonl, scores by verl's own
// default_compute_score, geo3k's included, stored as float32 as verl stores
// them) with the verl suite, dispatching on data_source, reads the recorded
// score where verl wrote it (--preset verl) and finds no drift; compared in
// float64 the seven geo3k values of 0.9 and 0.1 drift; then a planted drift
// is found.
func TestCheckVerlDump(t *testing.T) {
	const dump = "../testdata/verl/generations.jsonl"
	out, errs, code := run(t, "", "check", "--preset", "verl", "-r", "verl:score", dump)
	if code != 0 || !strings.Contains(out, "verl:score  46        0        0") || !strings.Contains(out, "46 lines checked") {
		t.Fatalf("clean dump: exit %d\n%s%s", code, out, errs)
	}
	out, errs, code = run(t, "", "check", "--preset", "verl", "--recorded-float32=false", "-r", "verl:score", dump)
	if code != 1 || !strings.Contains(out, "verl:score  46        7        0") || !strings.Contains(out, "0.8999999761581421   0.9") {
		t.Fatalf("float64 comparison: exit %d, want 1 with 7 drifts\n%s%s", code, out, errs)
	}
	out, errs, code = run(t, "", "check", "--preset", "verl", "-r", "verl:score", withDrift(t, dump, "score", 3))
	if code != 1 {
		t.Fatalf("planted drift: exit %d, want 1\n%s%s", code, out, errs)
	}
	// A --golden file of grpo-score's own rewards holds float64 values: the
	// preset's float32 rounding is for the trainer's recorded fields only.
	scored, errs, code := run(t, "", "score", "-q", "--preset", "verl", "-r", "verl:score", dump)
	if code != 0 {
		t.Fatalf("score: exit %d\n%s", code, errs)
	}
	golden := filepath.Join(t.TempDir(), "golden.jsonl")
	if err := os.WriteFile(golden, []byte(scored), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code = run(t, "", "check", "--preset", "verl", "-r", "verl:score", "--golden", golden, "--key", "", dump)
	if code != 0 || !strings.Contains(out, "verl:score  46        0        0") {
		t.Fatalf("--golden of our own rewards: exit %d, want 0 with no drift\n%s%s", code, out, errs)
	}
	out, errs, code = run(t, "", "check", "--recorded-float32", "-r", "verl:score", "--golden", golden, "--key", "", dump)
	if code != 2 || !strings.Contains(errs, "--recorded-float32") {
		t.Fatalf("explicit --recorded-float32 with --golden: exit %d, want a usage error naming the flag\n%s%s", code, out, errs)
	}
}

// TestCheckTRLTable recomputes the reward columns of a TRL completions table
// (testdata/trl/completions_00010.jsonl, written by TRL's own functions with
// math_verify 0.8.0; null where accuracy_reward returned None), read where
// TRL wrote them (--preset trl), and finds no drift; then finds a planted
// one. The Parquet form of such a table is checked in formats_test.go.
func TestCheckTRLTable(t *testing.T) {
	const table = "../testdata/trl/completions_00010.jsonl"
	args := []string{"check", "--preset", "trl", "-r", "trl:think_format_reward,trl:accuracy_reward,trl:reasoning_accuracy_reward"}
	out, errs, code := run(t, "", append(args, table)...)
	if code != 0 || !strings.Contains(out, "16 lines checked") || strings.Count(out, "  16        0        0") != 3 {
		t.Fatalf("clean table: exit %d\n%s%s", code, out, errs)
	}
	out, errs, code = run(t, "", append(args, withDrift(t, table, "think_format_reward", 2))...)
	if code != 1 {
		t.Fatalf("planted drift: exit %d, want 1\n%s%s", code, out, errs)
	}
}

// TestMathRulerCorrections: verl:geo3k (and verl:score's geometry3k lines)
// reproduce MathRuler's bugs by default: a truncating _str_to_int
// (\boxed{2.99999999\,} is 2) and \frac rendered without parentheses
// (\frac{1}{1+\sqrt{2}} is 1/1+sqrt(2)), so only the format counts;
// --mathruler-round-int and --mathruler-frac-parens correct them.
func TestMathRulerCorrections(t *testing.T) {
	line := func(out, gts string) string {
		return `{"input": "Find x.", "step": 1, "output": "<think>x</think> \\boxed{` + out + `}", "gts": "` + gts + `", "data_source": "hiyouga/geometry3k"}` + "\n"
	}
	for _, c := range []struct {
		line, flag string
	}{
		{line(`2.99999999\\,`, "3"), "--mathruler-round-int"},
		{line(`\\frac{1}{1+\\sqrt{2}}`, `\\sqrt{2}-1`), "--mathruler-frac-parens"},
	} {
		args := []string{"score", "-q", "--preset", "verl", "-r", "verl:geo3k,verl:score"}
		for _, v := range []struct {
			flags []string
			want  string
		}{
			{nil, `"rewards": {"verl:geo3k": 0.1, "verl:score": 0.1}`},
			{[]string{c.flag}, `"rewards": {"verl:geo3k": 1.0, "verl:score": 1.0}`},
		} {
			out, errs, code := run(t, c.line, append(args, v.flags...)...)
			if code != 0 || !strings.Contains(out, v.want) {
				t.Errorf("%s %v: exit %d, want %s in\n%s%s", c.line, v.flags, code, v.want, out, errs)
			}
		}
	}
}
