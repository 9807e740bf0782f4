package vlmr1

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/py"
)

// refLengthScore is the former length reward, kept as the reference of the
// fast path: clean_text of both sides and detection_score on every line
// whose clean solution is not "none", whatever the options.
func refLengthScore(c *cosineLength, s *scoring.Sample) (float64, error) {
	if s.SolutionErr != nil {
		return 0, s.SolutionErr
	}
	content, sol := cleanText(s.Completion), cleanText(s.Solution)
	var acc float64
	if sol == "none" {
		acc = boolReward(content == "none")
	} else {
		var err error
		if acc, err = detectionScore(content, sol, c.det, nil); err != nil {
			return 0, err
		}
	}
	n := c.tok.Count(s.Completion)
	if !c.p.UseAccuracy {
		acc = 1.0
	}
	return cosineReward(n, acc, c.p), nil
}

// refWeightedSum is the former weighted_sum method, for the same check
// when accuracy and length share a Sample.
func refWeightedSum(s *scoring.Sample, p scoring.DetectionParams) (float64, error) {
	c, sol := cleanText(s.Completion), cleanText(s.Solution)
	if sol == "none" {
		return boolReward(c == "none"), nil
	}
	return detectionScore(c, sol, p, nil)
}

func sameOutcome(v1 float64, err1 error, v2 float64, err2 error) bool {
	if (err1 == nil) != (err2 == nil) || err1 != nil && err1.Error() != err2.Error() {
		return false
	}
	return math.Float64bits(v1) == math.Float64bits(v2)
}

var lengthSeeds = [][2]string{
	{"<think>x</think><answer>none</answer>", "<answer> none </answer>"},
	{"<answer>```json\n[{\"bbox_2d\": [1, 2, 30, 40], \"label\": \"cat\"}]\n```</answer>", "<answer> ```json\n[{\"bbox_2d\": [1, 2, 30, 40], \"label\": \"Cat\"}]\n``` </answer>"},
	{"<answer>```json\n[{\"bbox_2d\": [1, 2, 30, 40]}]\n```</answer>", "<answer> ```json\n[{\"bbox_2d\": [1, 2, 30, 40], \"label\": \"cat\"}]\n``` </answer>"},
	{"x", "<answer> ```json\n[{'bbox_2d': [1,2,3,4]}]\n``` </answer>"},
	{"x", "<answer> ```JSON\n[1]\n``` </answer>"},
	{"x", "<ANSWER> ```JSON\n5\n``` </ANSWER>"},
	{"x", "```js\non\n5```"},
	{"x", "``` json 5```"},
	{"x", "```\r\njson 5```"},
	{"x", "<answer>a</answer><answer>```json 5```</answer>"},
	{"x", "<answer>a```json</answer> 5```"},
	{"İ\u212a", "```\u212aSON 5```"},
	{"ΣΑΣ ς", "```json [{\"bbox_2d\": [0, 0, 10, 10], \"label\": \"ΣΑΣ\"}]```"},
	{"\xff\xfe", "```json \xff```"},
	{"a.", "<answer> . . ```json [] ``` . . </answer>"},
	{"a", "```json 1e999999```"},
	{"a", "```json [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[```"},
}

// checkLength compares the length reward, alone and after weighted_sum on
// the same Sample, with the reference.
func checkLength(t *testing.T, completion, solution string) {
	t.Helper()
	o := scoring.DefaultOptions()
	for _, useAcc := range []bool{false, true} {
		p := o.Cosine
		p.UseAccuracy = useAcc
		c := &cosineLength{tok: fixedCount(len(completion)), p: p, det: o.Detection}
		ws := weightedSumOnSample(o.Detection)
		ref := scoring.Sample{Completion: completion, Solution: solution}
		want, wantErr := refLengthScore(c, &ref)
		wsWant, wsWantErr := refWeightedSum(&ref, o.Detection)

		s := scoring.Sample{Completion: completion, Solution: solution}
		got, err := c.Score(&s, nil)
		if !sameOutcome(got, err, want, wantErr) {
			t.Fatalf("use accuracy %v: %+q %+q: %v, %v; reference %v, %v", useAcc, completion, solution, got, err, want, wantErr)
		}
		wsGot, wsErr := ws(&s, nil) // after length, sharing its memo
		if !sameOutcome(wsGot, wsErr, wsWant, wsWantErr) {
			t.Fatalf("weighted_sum after length: %+q %+q: %v, %v; reference %v, %v", completion, solution, wsGot, wsErr, wsWant, wsWantErr)
		}
		s = scoring.Sample{Completion: completion, Solution: solution}
		wsGot, wsErr = ws(&s, nil)
		got, err = c.Score(&s, nil)
		if !sameOutcome(got, err, want, wantErr) || !sameOutcome(wsGot, wsErr, wsWant, wsWantErr) {
			t.Fatalf("length after weighted_sum: %+q %+q: %v, %v / %v, %v; reference %v, %v / %v, %v",
				completion, solution, got, err, wsGot, wsErr, want, wantErr, wsWant, wsWantErr)
		}
	}
}

func TestLengthMatchesReference(t *testing.T) {
	for _, sd := range lengthSeeds {
		checkLength(t, sd[0], sd[1])
	}
	for _, l := range loadGolden(t) {
		checkLength(t, l.Completion, l.Solution)
	}
}

// FuzzLengthMatchesReference: the length reward skips detection_score
// where it cannot raise, and shares it with weighted_sum; either way the
// values and exceptions are the reference's, for any pair of texts.
func FuzzLengthMatchesReference(f *testing.F) {
	for _, sd := range lengthSeeds {
		f.Add(sd[0], sd[1])
	}
	f.Fuzz(func(t *testing.T, completion, solution string) {
		checkLength(t, completion, solution)
		// The lemma behind mayHoldJSONFence, on its own.
		if c := cleanText(solution); !mayHoldJSONFence(c) {
			if js, ok := firstJSONFence(cleanText(c)); ok {
				t.Fatalf("%+q: clean_text %+q holds no ```json, but clean_text of it finds %+q", solution, c, js)
			}
		}
	})
}

// TestLowerMakesNoFenceLetters checks, for every code point, what
// mayHoldJSONFence relies on: lower-casing makes no ASCII capital, and no
// '`', 'j', 's', 'o' or 'n' out of anything but those letters and their
// capitals.
func TestLowerMakesNoFenceLetters(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		in := string(r)
		for _, s := range []string{in, "a" + in + "a", in + "a"} { // final sigma takes context
			low := py.Lower(s)
			if strings.ContainsAny(low, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
				t.Errorf("Lower(%+q) = %+q has a capital", s, low)
			}
			if !strings.ContainsRune("`jJsSoOnN", r) && strings.ContainsAny(strings.ReplaceAll(low, "a", ""), "`json") {
				t.Errorf("Lower(%+q) = %+q makes a fence letter", s, low)
			}
		}
	}
}
