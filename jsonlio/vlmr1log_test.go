package jsonlio

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestVLMR1LogBlocks(t *testing.T) {
	// A REC iou block (qwen_module.py: no method line, the solution a
	// Python list), a block whose content holds "Solution: " lines, and a
	// format block of two pairs.
	log := "------------- 03-14-05-09-000001 Accuracy reward: 0.5 -------------\n" +
		"image_path: ['/a.jpg']\nproblem: the cat\nContent: <answer>[1, 2, 3, 4]</answer>\nSolution: [1, 2, 3, 4]\n" +
		"------------- 03-14-05-09-000002 Accuracy reward: nan -------------\n" +
		"accu_reward_method: all_match\nimage_path: None\nproblem: two\nlines\nContent: a\nSolution: b\n\nSolution: c\nd\n"
	got, lines, format := readAll(t, "debug_log.txt", log, ReadOptions{})
	want := []string{
		`{"time": "03-14-05-09-000001", "image_path": "['/a.jpg']", "problem": "the cat", "completion": "<answer>[1, 2, 3, 4]</answer>", "solution": "[1, 2, 3, 4]", "rewards": {"accuracy": 0.5}}`,
		`{"time": "03-14-05-09-000002", "accu_reward_method": "all_match", "image_path": "None", "problem": "two\nlines", "completion": "a\nSolution: b\n", "solution": "c\nd", "rewards": {"accuracy": NaN}}`,
	}
	if !slices.Equal(got, want) || !slices.Equal(lines, []int{1, 6}) || format != FormatVLMR1Log {
		t.Errorf("got %q at %v (%s)", got, lines, format)
	}

	fmtLog := "------------- 03-14-05-09-000003 Format reward -------------\n" +
		"Content: <think>x</think>\n<answer>y</answer>\nHas format: True\nContent: no\nHas format: False\n"
	got, lines, _ = readAll(t, "debug_log_format.txt", fmtLog, ReadOptions{})
	want = []string{
		`{"time": "03-14-05-09-000003", "completion": "<think>x</think>\n<answer>y</answer>", "rewards": {"format": 1.0}}`,
		`{"time": "03-14-05-09-000003", "completion": "no", "rewards": {"format": 0.0}}`,
	}
	if !slices.Equal(got, want) || !slices.Equal(lines, []int{2, 5}) {
		t.Errorf("got %q at %v", got, lines)
	}

	// The cosine and repetition files record under the reward's name.
	got, _, _ = readAll(t, "debug_log.txt_cosine.txt", log[:strings.Index(log, "------------- 03-14-05-09-000002")], ReadOptions{})
	if len(got) != 1 || !strings.HasSuffix(got[0], `"rewards": {"length": 0.5}}`) {
		t.Errorf("cosine file: %q", got)
	}
}

func TestVLMR1LogErrorsNameTheLine(t *testing.T) {
	path := writeTemp(t, "debug_log.txt", "------------- 03-14-05-09-000001 Accuracy reward: 1.0 -------------\nimage_path: x\nContent: no problem line\nSolution: s\n")
	r, err := OpenRecords(path, nil, ReadOptions{Format: FormatVLMR1Log})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, n, err := r.Next(); err == nil || n != 1 || !strings.Contains(err.Error(), `lacks its "problem: " line`) {
		t.Errorf("line %d: %v", n, err)
	}
}

func writeTemp(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
