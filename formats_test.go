package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The tests in this file run the binary on the fixtures of testdata/formats,
// which are written the way each trainer writes its dumps (see the gen_*
// scripts there), with one command and no glue.

type verlRow struct {
	Input string  `json:"input"`
	Score float64 `json:"score"`
	Step  int     `json:"step"`
}

// TestVerlRolloutDirGroupsByStepAndInput scores verl's rollout directory
// and checks the group statistics and advantages against a by-hand
// grouping of the lines by (step, input) within each step file.
func TestVerlRolloutDirGroupsByStepAndInput(t *testing.T) {
	dir := filepath.Join("testdata", "formats", "verl", "rollout")
	statsPath := filepath.Join(t.TempDir(), "stats.json")
	out, errs, code := runBin(t, nil, "score", "-q", "--preset", "verl", "-r", "verl:gsm8k", dir, "--stats", statsPath)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}

	// By hand: the files in step order, lines grouped by (step, input).
	type group struct{ scores []float64 }
	var order []string
	groups := map[string]*group{}
	var lines []verlRow
	for _, f := range []string{"1.jsonl", "2.jsonl", "10.jsonl"} {
		fh, err := os.Open(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var r verlRow
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatal(err)
			}
			key := f + "\x00" + r.Input
			if groups[key] == nil {
				groups[key] = &group{}
				order = append(order, key)
			}
			groups[key].scores = append(groups[key].scores, r.Score)
			lines = append(lines, r)
		}
		fh.Close()
	}
	stdOf := func(xs []float64) (mean, std float64) {
		for _, x := range xs {
			mean += x
		}
		mean /= float64(len(xs))
		ss := 0.0
		for _, x := range xs {
			ss += (x - mean) * (x - mean)
		}
		return mean, math.Sqrt(ss / float64(len(xs)-1))
	}
	ties, stdSum, size := 0, 0.0, 0
	for _, k := range order {
		g := groups[k].scores
		size += len(g)
		_, sd := stdOf(g)
		stdSum += sd
		if sd == 0 {
			ties++
		}
	}
	if len(order) != 9 {
		t.Fatalf("%d groups by hand, want 9 (3 steps x 3 prompts)", len(order))
	}

	var st struct {
		Groups struct {
			Total struct {
				Groups      int     `json:"groups"`
				Ties        int     `json:"ties"`
				MeanSize    float64 `json:"mean_size"`
				TieFraction float64 `json:"tie_fraction"`
				MeanStd     float64 `json:"mean_std"`
			} `json:"total"`
		} `json:"groups"`
	}
	if err := json.Unmarshal(readFile(t, statsPath), &st); err != nil {
		t.Fatal(err)
	}
	g := st.Groups.Total
	want := float64(size) / float64(len(order))
	if g.Groups != len(order) || g.Ties != ties || g.MeanSize != want || g.TieFraction != float64(ties)/float64(len(order)) {
		t.Errorf("stats %+v, by hand %d groups, %d ties, mean size %v", g, len(order), ties, want)
	}
	if math.Abs(g.MeanStd-stdSum/float64(len(order))) > 1e-15 {
		t.Errorf("mean std %v, by hand %v", g.MeanStd, stdSum/float64(len(order)))
	}

	// Every line's advantage is (score - mean) / (std + 1e-4) of its group.
	outLines := strings.Split(strings.TrimSpace(out), "\n")
	if len(outLines) != len(lines) {
		t.Fatalf("%d lines out, %d in", len(outLines), len(lines))
	}
	files := []string{"1.jsonl", "2.jsonl", "10.jsonl"}
	for i, l := range outLines {
		var got struct {
			Advantage float64 `json:"advantage"`
			Step      int     `json:"step"`
			Input     string  `json:"input"`
			Score     float64 `json:"score"`
		}
		if err := json.Unmarshal([]byte(l), &got); err != nil {
			t.Fatal(err)
		}
		file := files[map[int]int{1: 0, 2: 1, 10: 2}[got.Step]]
		mean, sd := stdOf(groups[file+"\x00"+got.Input].scores)
		if want := (got.Score - mean) / (sd + 1e-4); got.Advantage != want || got.Step != lines[i].Step {
			t.Errorf("line %d: advantage %v, by hand %v", i+1, got.Advantage, want)
		}
	}
}

// TestVerlRolloutDirChecksScore compares verl's recorded score with the
// recomputed gsm8k reward.
func TestVerlRolloutDirChecksScore(t *testing.T) {
	out, errs, code := runBin(t, nil, "check", "--preset", "verl", "-r", "verl:gsm8k", filepath.Join("testdata", "formats", "verl", "rollout"))
	if code != 0 || !strings.Contains(out, "clean: 36 lines checked") {
		t.Errorf("exit %d\n%s%s", code, out, errs)
	}
}

// TestVLMR1DebugLogsCheckClean recomputes every reward VLM-R1 logged with
// DEBUG_MODE=true: accuracy in $LOG_PATH, format in its _format.txt
// sibling, repetition in its _repetition.txt sibling.
func TestVLMR1DebugLogsCheckClean(t *testing.T) {
	for _, tc := range []struct{ file, reward string }{
		{"debug_log.txt", "accuracy"},
		{"debug_log_format.txt", "format"},
		{"debug_log.txt_repetition.txt", "repetition"},
	} {
		out, errs, code := runBin(t, nil, "check", filepath.Join("testdata", "formats", "vlm-r1", tc.file), "-r", tc.reward)
		if code != 0 || !strings.Contains(out, "clean: 9 lines checked, 0 without recorded rewards, 0 invalid") {
			t.Errorf("%s: exit %d\n%s%s", tc.file, code, out, errs)
		}
	}
}

// TestVLMR1DebugLogAlteredRewardIsCaught changes one logged accuracy and
// expects check to name the block.
func TestVLMR1DebugLogAlteredRewardIsCaught(t *testing.T) {
	log := string(readFile(t, filepath.Join("testdata", "formats", "vlm-r1", "debug_log.txt")))
	lines := strings.SplitAfter(log, "\n")
	at := -1
	for i, l := range lines {
		if strings.HasSuffix(l, " Accuracy reward: 0.0 -------------\n") {
			lines[i] = strings.Replace(l, "reward: 0.0 ", "reward: 0.25 ", 1)
			at = i + 1
			break
		}
	}
	if at < 0 {
		t.Fatal("no block with reward 0.0 in the fixture")
	}
	path := filepath.Join(t.TempDir(), "debug_log.txt")
	writeFile(t, path, []byte(strings.Join(lines, "")))
	out, errs, code := runBin(t, nil, "check", path, "-r", "accuracy")
	if code != 1 || !strings.Contains(out, fmt.Sprintf("%s:%d", path, at)) || !strings.Contains(out, "DRIFT in 1 values") {
		t.Errorf("exit %d, want 1 naming %s:%d\n%s%s", code, path, at, out, errs)
	}
}

// TestTRLParquetScoresAndChecks reads TRL's completions directory (Parquet,
// pandas' schema) and compares its reward columns.
func TestTRLParquetScoresAndChecks(t *testing.T) {
	dir := filepath.Join("testdata", "formats", "trl", "completions")
	rewards := "trl:accuracy_reward,trl:think_format_reward"
	out, errs, code := runBin(t, nil, "check", "--preset", "trl", "-r", rewards, dir)
	if code != 0 || !strings.Contains(out, "clean: 16 lines checked, 0 without recorded rewards, 0 invalid") {
		t.Errorf("check: exit %d\n%s%s", code, out, errs)
	}
	out, errs, code = runBin(t, nil, "score", "-q", "--preset", "trl", "-r", rewards, dir)
	if code != 0 {
		t.Fatalf("score: exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 16 || !strings.HasPrefix(lines[0], `{"step": 1, "prompt": "What is 7 * 8?", "completion": "<think>\nLet me compute it carefully.\n</think>\nThe answer is $\\boxed{56}$.", "accuracy_reward": 1.0, "think_format_reward": 1.0, "solution": "56", "rewards": {"trl:accuracy_reward": 1.0, "trl:think_format_reward": 1.0}`) {
		t.Errorf("%d lines; first %s", len(lines), lines[0])
	}
	// The same table piped through standard input, gzip-compressed.
	pq := readFile(t, filepath.Join(dir, "completions_00002.parquet"))
	out2, errs, code := runBin(t, compressed(t, "gzip", pq), "score", "-q", "--preset", "trl", "-r", rewards)
	if code != 0 || out2 != strings.Join(lines[8:], "\n")+"\n" {
		t.Errorf("stdin: exit %d: %s\n%s", code, errs, out2)
	}
}

// TestJoinBringsTheSolution scores a TRL table that lacks the solution by
// joining TRL's dataset on the prompt, and reports a prompt the dataset
// lacks with its FILE:LINE.
func TestJoinBringsTheSolution(t *testing.T) {
	dir := filepath.Join("testdata", "formats", "trl", "completions-no-solution")
	dataset := filepath.Join("testdata", "formats", "trl", "dataset.jsonl")
	rewards := "trl:accuracy_reward,trl:think_format_reward"
	out, errs, code := runBin(t, nil, "check", "--preset", "trl", "-r", rewards, dir, "--join", dataset, "--on", "prompt")
	if code != 0 || !strings.Contains(out, "clean: 16 lines checked") {
		t.Errorf("check --join: exit %d\n%s%s", code, out, errs)
	}
	_, errs, code = runBin(t, nil, "check", "--preset", "trl", "-r", rewards, dir)
	if code == 0 {
		t.Errorf("without --join the solution is missing, yet exit 0: %s", errs)
	}
	// A dataset that lacks one prompt.
	short := filepath.Join(t.TempDir(), "short.jsonl")
	data := string(readFile(t, dataset))
	writeFile(t, short, []byte(data[:strings.LastIndex(strings.TrimSpace(data), "\n")+1]))
	_, errs, code = runBin(t, nil, "score", "-q", "--preset", "trl", "-r", rewards, dir, "--join", short, "--on", "prompt", "--on-error", "fail")
	if code != 3 || !strings.Contains(errs, filepath.Join(dir, "completions_00002.parquet")+":5: no line of "+short+` has "prompt" = "What is the sum of the first ten positive integers?" (--join)`) {
		t.Errorf("exit %d: %s", code, errs)
	}
}

// TestVLMR1EvalOutputs scores the eval scripts' JSON with their presets and
// checks a scored run against a later one.
func TestVLMR1EvalOutputs(t *testing.T) {
	rec := filepath.Join("testdata", "formats", "vlm-r1", "rec_results_refcoco_val_qwen2_5vl_3b_200.json")
	out, errs, code := runBin(t, nil, "score", "-q", "--preset", "vlm-r1-eval-rec", "-r", "accuracy", rec)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.Contains(lines[2], `"correct": 0, "rewards": {"accuracy": 0.9388443910451995}`) {
		t.Errorf("%d lines:\n%s", len(lines), out)
	}
	scored := filepath.Join(t.TempDir(), "scored.jsonl")
	writeFile(t, scored, []byte(out))
	out, errs, code = runBin(t, nil, "check", "--preset", "vlm-r1-eval-rec", "-r", "accuracy", rec, "--golden", scored, "--key", "question")
	if code != 0 || !strings.Contains(out, "clean: 3 lines checked") {
		t.Errorf("check --golden: exit %d\n%s%s", code, out, errs)
	}
	od := filepath.Join("testdata", "formats", "vlm-r1", "refcoco_val_od_r1.json")
	out, errs, code = runBin(t, nil, "score", "-q", "--preset", "vlm-r1-eval-od", "-r", "format", od)
	if code != 0 || strings.Count(out, "\n") != 2 || !strings.HasPrefix(out, `{"question": "Please carefully check the image`) {
		t.Errorf("od: exit %d: %s\n%s", code, errs, out)
	}
}
