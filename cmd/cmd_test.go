package cmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run drives the CLI in-process.
func run(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

func TestScoreNonStringSolution(t *testing.T) {
	for _, tt := range []struct{ sol, want string }{
		{"3.0", "<answer>3.0</answer>"}, {"1e16", "<answer>1e+16</answer>"}, {"true", "<answer>True</answer>"},
		{"null", "<answer>None</answer>"}, {"-0", "<answer>0</answer>"}, {"1E2", "<answer>100.0</answer>"},
	} {
		in := `{"completion":"` + tt.want + `","solution":` + tt.sol + "}\n"
		out, errs, code := run(t, in, "score", "-q", "-r", "accuracy", "-m", "all_match")
		if code != 0 || !strings.Contains(out, `"accuracy": 1.0`) {
			t.Errorf("solution %s: exit %d, %s %s", tt.sol, code, out, errs)
		}
	}
}

func TestBadLines(t *testing.T) {
	in := strings.Join([]string{
		`{"completion":"<think>a</think><answer>b</answer>"}`,
		``,
		`not json`,
		`[1, 2]`,
		`{"completion": 5}`,
		"{\"completion\": \"\xff\"}",
		`{"solution": "x"}`,
		`{"completion":"x"}`,
		`{"completion": "trunc`,
	}, "\n")
	for _, tt := range []struct {
		policy         string
		written        int
		code           int
		messages       int
		lastLineInFile string
	}{
		{"keep", 8, 0, 6, "{\"completion\": \"trunc"},
		{"skip", 2, 0, 6, `{"completion":"x", "rewards": {"format": 0.0}, "reward": 0.0}`},
		{"fail", 1, ExitInput, 1, `{"completion":"<think>a</think><answer>b</answer>", "rewards": {"format": 1.0}, "reward": 1.0}`},
	} {
		out, errs, code := run(t, in, "score", "-r", "format", "--on-error", tt.policy)
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if code != tt.code || len(lines) != tt.written {
			t.Errorf("%s: exit %d, %d lines written; want %d, %d\n%s", tt.policy, code, len(lines), tt.code, tt.written, out)
		}
		if lines[len(lines)-1] != tt.lastLineInFile {
			t.Errorf("%s: last line %s", tt.policy, lines[len(lines)-1])
		}
		n := strings.Count(errs, "<stdin>:")
		if n != tt.messages {
			t.Errorf("%s: %d messages, want %d:\n%s", tt.policy, n, tt.messages, errs)
		}
	}
	_, errs, _ := run(t, in, "score", "-r", "format")
	for _, want := range []string{
		"<stdin>:3: not a JSON object",
		"<stdin>:4: not a JSON object",
		`<stdin>:5: field "completion": is a JSON number`,
		"<stdin>:6: invalid UTF-8",
		`<stdin>:7: missing field "completion"`,
		"<stdin>:9: truncated JSON",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
}

func TestGroupsAndAdvantage(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"a","completion":"<think>a</think><answer>b</answer>"}`,
		`{"id":"a","completion":"no"}`,
		`{"id":"b","completion":"no"}`,
		`{"id":"a","completion":"no"}`,
	}, "\n") + "\n"
	out, errs, code := run(t, in, "score", "-q", "-r", "format", "--group-field", "id")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	// Group a (lines 1, 2 and 4: groups need not be contiguous): rewards
	// 1, 0, 0; mean 1/3 and Bessel's std, computed as torch does.
	r := []float64{1, 0, 0}
	mean := (r[0] + r[1] + r[2]) / 3
	d0, d1 := r[0]-mean, r[1]-mean
	std, eps := math.Sqrt((d0*d0+d1*d1+d1*d1)/2), 1e-4
	for i, want := range []float64{(1 - mean) / (std + eps), (0 - mean) / (std + eps), math.NaN(), (0 - mean) / (std + eps)} {
		var got struct{ Advantage *float64 }
		if err := json.Unmarshal([]byte(lines[i]), &got); err != nil {
			t.Fatal(err)
		}
		if math.IsNaN(want) {
			if got.Advantage != nil {
				t.Errorf("line %d: advantage %v, want null (a group of one)", i+1, *got.Advantage)
			}
		} else if got.Advantage == nil || *got.Advantage != want {
			t.Errorf("line %d: advantage %s, want %v", i+1, lines[i], want)
		}
	}
	if len(lines) != 4 || errs != "" {
		t.Errorf("%d lines out, stderr %q", len(lines), errs)
	}
}

func TestGroupBufferOverflowIsAnError(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"id":"a","completion":"x"}` + "\n")
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&b, `{"id":"b%d","completion":"%s"}`+"\n", i, strings.Repeat("y", 100))
	}
	b.WriteString(`{"id":"a","completion":"x"}` + "\n")
	_, errs, code := run(t, b.String(), "score", "-q", "-r", "format", "--group-field", "id", "--group-buffer", "4K")
	if code != ExitInput {
		t.Errorf("exit %d, want %d", code, ExitInput)
	}
	if !strings.Contains(errs, `<stdin>:52: group "a" was closed at <stdin>:1 when the group buffer (4096 bytes, --group-buffer) filled`) {
		t.Errorf("stderr: %s", errs)
	}
}

func TestJobsDoNotChangeOutput(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "golden", "rollouts.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	rewards := "accuracy,format,length,repetition"
	one, _, c1 := run(t, string(data), "score", "-q", "-r", rewards, "-j", "1")
	eight, _, c8 := run(t, string(data), "score", "-q", "-r", rewards, "-j", "8")
	if c1 != 0 || c8 != 0 || one != eight {
		t.Fatalf("-j 1 and -j 8 differ (exit %d, %d)", c1, c8)
	}
	if n := strings.Count(one, "\n"); n != 3000 {
		t.Errorf("%d lines", n)
	}
}

func TestCheckCatchesInjectedDrift(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "golden", "rollouts.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	scored, _, code := run(t, string(data), "score", "-q", "-r", "format,rec_format")
	if code != 0 {
		t.Fatalf("score: exit %d", code)
	}
	if out, errs, code := run(t, scored, "check", "-r", "format,rec_format"); code != 0 || !strings.Contains(out, "clean:") {
		t.Fatalf("clean file: exit %d\n%s%s", code, out, errs)
	}
	lines := strings.Split(scored, "\n")
	target := 1234
	if !strings.Contains(lines[target], `"format": 1.0`) {
		t.Fatalf("line %d has no format 1.0", target+1)
	}
	lines[target] = strings.Replace(lines[target], `"format": 1.0`, `"format": 0.9999999999999999`, 1)
	out, _, code := run(t, strings.Join(lines, "\n"), "check", "-r", "format,rec_format", "--json")
	if code != ExitDrift {
		t.Fatalf("exit %d, want %d", code, ExitDrift)
	}
	var report struct {
		Clean  bool
		Drifts []struct {
			Line   int
			Reward string
			Old    *float64
			New    *float64
		}
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatalf("--json does not parse: %v\n%s", err, out)
	}
	if report.Clean || len(report.Drifts) != 1 {
		t.Fatalf("report: %+v", report)
	}
	d := report.Drifts[0]
	if d.Line != target+1 || d.Reward != "format" || *d.Old != 0.9999999999999999 || *d.New != 1 {
		t.Errorf("drift %+v", d)
	}
	// A tolerance absorbs it.
	if _, _, code := run(t, strings.Join(lines, "\n"), "check", "-r", "format,rec_format", "--atol", "1e-12"); code != 0 {
		t.Errorf("--atol 1e-12: exit %d", code)
	}
}

func TestStatsOfAScoredFileEqualScoreStats(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "sample.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	statsPath := filepath.Join(dir, "s.json")
	scored, errs, code := run(t, string(data), "score", "-q", "-r", "accuracy,format,length,repetition", "--stats", statsPath)
	if code != 0 {
		t.Fatalf("score: exit %d: %s", code, errs)
	}
	fromFile, errs, code := run(t, scored, "stats", "--json")
	if code != 0 {
		t.Fatalf("stats: exit %d: %s", code, errs)
	}
	want, _ := os.ReadFile(statsPath)
	strip := func(s string) string {
		var keep []string
		for _, l := range strings.Split(s, "\n") {
			if !strings.Contains(l, "elapsed_seconds") && !strings.Contains(l, "lines_per_second") {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	}
	if strip(fromFile) != strip(string(want)) {
		t.Errorf("stats of the scored file differ from score --stats:\n%s\n---\n%s", strip(fromFile), strip(string(want)))
	}
	table, _, code := run(t, scored, "stats", "--table", "-j", "3")
	if code != 0 || !strings.Contains(table, "od_ap") || !strings.Contains(table, "110 read") {
		t.Errorf("table: exit %d\n%s", code, table)
	}
}

func TestCheckRecordedUnderTrainerNames(t *testing.T) {
	in := `{"completion":"<think>a</think><answer>b</answer>","accuracy_reward":0.0,"format_reward":1.0,"solution":"b","m":{"acc":1.0}}` + "\n"
	for _, tc := range []struct {
		args  []string
		code  int
		drift string
	}{
		{[]string{"--recorded", "{}_reward"}, ExitDrift, "accuracy"},
		{[]string{"--recorded", "accuracy=m.acc,{}_reward"}, 0, ""},
		{[]string{"--recorded", "accuracy=m.acc,format=format_reward"}, 0, ""},
	} {
		out, errs, code := run(t, in, append([]string{"check", "-r", "accuracy,format", "-m", "all_match"}, tc.args...)...)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d\n%s%s", tc.args, code, tc.code, out, errs)
		}
		if tc.drift != "" && !strings.Contains(out, "<stdin>:1\t\t"+tc.drift) && !strings.Contains(out, tc.drift+"  ") {
			t.Errorf("%v: no drift of %s in\n%s", tc.args, tc.drift, out)
		}
	}
	if _, errs, code := run(t, in, "check", "-r", "format", "--recorded", "accuracy=x"); code != ExitUsage || !strings.Contains(errs, `names "accuracy", which is not among the rewards`) {
		t.Errorf("exit %d: %s", code, errs)
	}
}

func TestPresetVerlGroupsByUIDWhereALineHasOne(t *testing.T) {
	// One step, one prompt, two uids (two rollouts batches of the same
	// prompt): uid wins over (step, input).
	in := strings.Join([]string{
		`{"input": "q", "output": "<think>a</think><answer>4</answer>", "gts": "4", "score": 1.0, "step": 1, "uid": "u1"}`,
		`{"input": "q", "output": "<think>a</think><answer>5</answer>", "gts": "4", "score": 0.0, "step": 1, "uid": "u2"}`,
		`{"input": "q", "output": "<think>a</think><answer>5</answer>", "gts": "4", "score": 0.0, "step": 1, "uid": "u1"}`,
		`{"input": "q", "output": "<think>a</think><answer>5</answer>", "gts": "4", "score": 0.0, "step": 1, "uid": "u2"}`,
	}, "\n") + "\n"
	out, errs, code := run(t, in, "score", "-q", "--preset", "verl", "-r", "accuracy", "-m", "all_match")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	// u1: 1, 0 → ±0.707...; u2: 0, 0 → 0.
	for i, want := range []string{`"advantage": 0.7070`, `"advantage": 0.0}`, `"advantage": -0.7070`, `"advantage": 0.0}`} {
		if !strings.Contains(lines[i], want) {
			t.Errorf("line %d: %s, want %s", i+1, lines[i], want)
		}
	}
}
