package mathruler

import (
	"errors"
	"testing"

	"github.com/grpo-score/grpo-score/internal/jsonltest"
)

type vector struct {
	Kind     string `json:"kind"`
	Given    string `json:"given"`
	GT       string `json:"gt"`
	Grade    *bool  `json:"grade"`
	Grade111 *bool  `json:"grade_1_11"`
	Solution string `json:"solution"`
	Extract  string `json:"extract"`
}

func readVectors(t *testing.T) []vector { return jsonltest.Read[vector](t, "testdata/vectors.jsonl") }

// maxUndecided bounds the vectors whose sympy step the port declines
// (listed in testdata/README.md); every decided one must match.
const maxUndecided = 1

func TestGradeAnswerVectors(t *testing.T) {
	var n, match, undecided int
	for _, v := range readVectors(t) {
		if v.Kind != "grade" {
			continue
		}
		n++
		if v.Grade111 == nil || *v.Grade111 != *v.Grade {
			// testdata/README.md: sympy 1.11.1 and 1.13.1 agree on every line.
			t.Errorf("grade_answer(%q, %q): sympy 1.13.1 %v, 1.11.1 %v", v.Given, v.GT, *v.Grade, v.Grade111)
		}
		got, err := GradeAnswer(v.Given, v.GT)
		if err != nil {
			if !errors.Is(err, ErrUndecided) {
				t.Errorf("grade_answer(%q, %q): unexpected error %v", v.Given, v.GT, err)
			}
			undecided++
			t.Logf("undecided: grade_answer(%q, %q) = %v in Python: %v", v.Given, v.GT, *v.Grade, err)
			continue
		}
		if got != *v.Grade {
			t.Errorf("grade_answer(%q, %q) = %v, Python %v", v.Given, v.GT, got, *v.Grade)
			continue
		}
		match++
	}
	t.Logf("grade_answer: %d/%d match, %d undecided (input errors)", match, n, undecided)
	if n < 2000 || undecided > maxUndecided {
		t.Errorf("grade_answer: %d vectors, %d undecided (max %d)", n, undecided, maxUndecided)
	}
}

func TestExtractBoxedContentVectors(t *testing.T) {
	var n int
	for _, v := range readVectors(t) {
		if v.Kind != "score" {
			continue
		}
		n++
		if got := ExtractBoxedContent(v.Solution); got != v.Extract {
			t.Errorf("extract_boxed_content(%q) = %q, Python %q", v.Solution, got, v.Extract)
		}
	}
	t.Logf("extract_boxed_content: %d vectors", n)
}
