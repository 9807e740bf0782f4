package cmd

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the explain golden files under testdata/explain")

// TestExplainGolden pins the explanation of one golden line per reward and
// accuracy method. Run with -update after an intended change of a trace.
func TestExplainGolden(t *testing.T) {
	rollouts := filepath.Join("..", "testdata", "golden", "rollouts.jsonl")
	cases := []struct {
		name string
		args []string
	}{
		{"accuracy-default", []string{"--id", "pub-default-00185", "-r", "accuracy"}},
		{"accuracy-math", []string{"--id", "pub-math-00001", "-r", "accuracy"}},
		{"accuracy-mcq", []string{"--id", "pub-mcq-00001", "-r", "accuracy"}},
		{"accuracy-yes_no", []string{"--id", "pub-yes_no-00160", "-r", "accuracy"}},
		{"accuracy-all_match", []string{"--id", "pub-all_match-00001", "-r", "accuracy"}},
		{"accuracy-weighted_sum", []string{"--id", "pub-weighted_sum-00001", "-r", "accuracy"}},
		{"accuracy-od_ap", []string{"--id", "pub-od_ap-00001", "-r", "accuracy"}},
		{"accuracy-od_ap50", []string{"--id", "pub-od_ap50-00059", "-r", "accuracy"}},
		{"accuracy-map", []string{"--id", "pub-map-00001", "-r", "accuracy"}},
		{"accuracy-odLength", []string{"--id", "pub-odLength-00001", "-r", "accuracy"}},
		{"format", []string{"--id", "pub-default-00185", "-r", "format"}},
		{"length", []string{"--id", "pub-weighted_sum-00001", "-r", "length"}},
		{"repetition", []string{"--id", "pub-default-00185", "-r", "repetition"}},
		{"rec", []string{"--id", "pub-rec-00058", "-r", "accuracy,format", "--task-type", "rec"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, errs, code := run(t, "", append([]string{"explain", rollouts}, tc.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			path := filepath.Join("..", "testdata", "explain", tc.name+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if out != string(want) {
				t.Errorf("explain output changed; diff against %s:\n%s", path, out)
			}
		})
	}
}
