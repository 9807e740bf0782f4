package mathverify

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/grpo-score/grpo-score/internal/jsonltest"
)

type rollout struct {
	ID         string          `json:"id"`
	Method     string          `json:"accu_reward_method"`
	Solution   json.RawMessage `json:"solution"`
	Completion json.RawMessage `json:"completion"`
}

func textOf(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var chat []struct {
		Content string `json:"content"`
	}
	if json.Unmarshal(raw, &chat) == nil && len(chat) > 0 {
		return chat[0].Content
	}
	return string(raw)
}

// wrapSolution is the trainer's solution transformation for string
// solutions: drop the tags, strip, wrap again.
func wrapSolution(s string) string {
	s = strings.NewReplacer("<answer>", "", "</answer>", "").Replace(s)
	return "<answer> " + strings.TrimFunc(s, isPySpace) + " </answer>"
}

type goldenCase struct {
	id, method, completion, solution string
	accuracy                         float64
}

func loadGolden(t testing.TB) []goldenCase {
	acc := map[string]float64{}
	type golden struct {
		ID      string                     `json:"id"`
		Rewards map[string]json.RawMessage `json:"rewards"`
	}
	for _, g := range jsonltest.Read[golden](t, "../../testdata/golden/golden.jsonl") {
		var v float64
		if json.Unmarshal(g.Rewards["accuracy"], &v) == nil {
			acc[g.ID] = v
		}
	}
	var out []goldenCase
	for _, r := range jsonltest.Read[rollout](t, "../../testdata/golden/rollouts.jsonl") {
		if r.Method != "math" && r.Method != "default" {
			continue
		}
		a, ok := acc[r.ID]
		if !ok {
			continue
		}
		out = append(out, goldenCase{r.ID, r.Method, textOf(r.Completion), wrapSolution(textOf(r.Solution)), a})
	}
	return out
}

func TestGoldenMath(t *testing.T) {
	agree, total := 0, 0
	for _, g := range loadGolden(t) {
		if g.method != "math" {
			continue
		}
		total++
		got := ComputeScore(cleanText(g.completion), cleanText(g.solution))
		if got == g.accuracy {
			agree++
		} else if _, known := knownGoldenDiffs[g.id]; !known {
			t.Errorf("%s: got %v want %v (completion %q, solution %q)", g.id, got, g.accuracy, cleanText(g.completion), cleanText(g.solution))
		}
	}
	t.Logf("golden math: %d/%d agree", agree, total)
	if agree < goldenMathFloor {
		t.Errorf("golden math parity regressed: %d/%d, floor %d", agree, total, goldenMathFloor)
	}
	if total != 360 {
		t.Errorf("expected 360 math lines, found %d", total)
	}
}

var (
	firstAnswerRe = regexp.MustCompile(`<answer>(.*?)</answer>`)
	lastAnswerRe  = regexp.MustCompile(`(?s)<answer>(.*?)</answer>`)
)

// TestGoldenDefaultVerify measures how often the first step of the default
// method (verify on the last answer block vs the ground truth) already
// gives the golden 1.0.
func TestGoldenDefaultVerify(t *testing.T) {
	ones, hits, falsePos := 0, 0, 0
	for _, g := range loadGolden(t) {
		if g.method != "default" {
			continue
		}
		gt := strings.TrimFunc(g.solution, isPySpace)
		if m := firstAnswerRe.FindStringSubmatch(g.solution); m != nil {
			gt = strings.TrimFunc(m[1], isPySpace)
		}
		student := strings.TrimFunc(g.completion, isPySpace)
		if m := lastAnswerRe.FindAllStringSubmatch(g.completion, -1); len(m) > 0 {
			student = strings.TrimFunc(m[len(m)-1][1], isPySpace)
		}
		ok := Verify(Parse(student), Parse(gt))
		if g.accuracy == 1.0 {
			ones++
			if ok {
				hits++
			}
		} else if ok {
			falsePos++
			t.Errorf("%s: verify true but golden accuracy %v (student %q, gt %q)", g.id, g.accuracy, student, gt)
		}
	}
	t.Logf("golden default: verify true on %d of %d lines whose accuracy is 1.0; %d lines with verify true and accuracy < 1", hits, ones, falsePos)
	if hits < goldenDefaultVerifyFloor {
		t.Errorf("default verify hits regressed: %d, floor %d", hits, goldenDefaultVerifyFloor)
	}
}

// knownGoldenDiffs lists golden math lines the port does not reproduce,
// with the reason. It is empty: all 360 agree.
var knownGoldenDiffs = map[string]string{}

const (
	goldenMathFloor          = 360
	goldenDefaultVerifyFloor = 149
)
