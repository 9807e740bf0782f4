package mathverify

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/grpo-score/grpo-score/internal/jsonltest"

	"encoding/json"
	"testing"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

type vector struct {
	Gold   string          `json:"gold"`
	Pred   string          `json:"pred"`
	Verify json.RawMessage `json:"verify"`
	Math   json.RawMessage `json:"math"`
	Source string          `json:"source"`
	Form   string          `json:"form"`
	Parsed json.RawMessage `json:"parsed"`
	line   int
}

func loadVectors(t testing.TB) []vector {
	return loadVectorFile(t, "../../testdata/mathverify/vectors.jsonl")
}

func loadVectorFile(t testing.TB, path string) []vector {
	out := jsonltest.Read[vector](t, path)
	for i := range out {
		out[i].line = i + 1
	}
	return out
}

func TestVerifyVectors(t *testing.T) {
	vs := loadVectors(t)
	agree := 0
	for _, v := range vs {
		want := string(v.Verify) == "true"
		got := Verify(Parse(v.Pred), Parse(v.Gold))
		if got == want {
			agree++
			continue
		}
		t.Errorf("line %d [%s]: verify(parse(pred), parse(gold)) = %v, want %v (gold %q, pred %q; got parses %q / %q; python %s)",
			v.line, v.Form, got, want, v.Gold, v.Pred, Parse(v.Gold).Strings(), Parse(v.Pred).Strings(), v.Parsed)
	}
	t.Logf("verify: %d/%d agree", agree, len(vs))
	if agree < verifyFloor {
		t.Errorf("verify parity regressed: %d/%d agree, floor %d", agree, len(vs), verifyFloor)
	}
}

// Agreement floors reached on testdata/mathverify/vectors.jsonl; there are
// no known differences left on these vectors.
const (
	verifyFloor = 3994
	mathFloor   = 3994
)

var answerBlockRe = regexp.MustCompile(`(?s)<answer>(.*?)</answer>`)

// cleanText is VLM-R1's clean_text, for the parity tests only (the real one
// lives in package scoring).
func cleanText(text string) string {
	if m := answerBlockRe.FindAllStringSubmatch(text, -1); len(m) > 0 {
		text = m[len(m)-1][1]
	}
	for _, ch := range []rune{'\n', '\r'} {
		rs := []rune(text)
		var pass1 []rune
		for i, r := range rs {
			if r == ch && i > 0 && unicode.IsSpace(rs[i-1]) || r == ch && i > 0 && isPySpace(rs[i-1]) {
				continue
			}
			pass1 = append(pass1, r)
		}
		var pass2 []rune
		for i, r := range pass1 {
			if r == ch && (i == 0 || !isPySpace(pass1[i-1])) {
				pass2 = append(pass2, ' ')
				continue
			}
			pass2 = append(pass2, r)
		}
		text = string(pass2)
	}
	text = strings.TrimFunc(text, isPySpace)
	text = strings.TrimRight(text, ".")
	return cases.Lower(language.Und).String(text)
}

func TestMathVectors(t *testing.T) {
	vs := loadVectors(t)
	agree := 0
	for _, v := range vs {
		want := string(v.Math) == "1.0"
		completion := "<think>..</think><answer>" + v.Pred + "</answer>"
		solution := "<answer> " + v.Gold + " </answer>"
		got := ComputeScore(cleanText(completion), cleanText(solution)) == 1.0
		if got == want {
			agree++
			continue
		}
		t.Errorf("line %d [%s]: math = %v, want %v (gold %q, pred %q)", v.line, v.Form, got, want, v.Gold, v.Pred)
	}
	t.Logf("math: %d/%d agree", agree, len(vs))
	if agree < mathFloor {
		t.Errorf("math parity regressed: %d/%d agree, floor %d", agree, len(vs), mathFloor)
	}
}

// TestConcurrentUse runs the same comparisons from several goroutines.
func TestConcurrentUse(t *testing.T) {
	vs := loadVectors(t)
	if len(vs) > 400 {
		vs = vs[:400]
	}
	done := make(chan int)
	for w := 0; w < 4; w++ {
		go func() {
			bad := 0
			for _, v := range vs {
				if Verify(Parse(v.Pred), Parse(v.Gold)) != (string(v.Verify) == "true") {
					bad++
				}
			}
			done <- bad
		}()
	}
	for w := 0; w < 4; w++ {
		if bad := <-done; bad != 0 {
			t.Errorf("worker saw %d mismatches", bad)
		}
	}
}
