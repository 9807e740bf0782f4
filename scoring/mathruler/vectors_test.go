package mathruler

import (
	"bufio"
	"errors"
	"os"
	"testing"

	"github.com/goccy/go-json"
)

type vector struct {
	Kind     string `json:"kind"`
	Given    string `json:"given"`
	GT       string `json:"gt"`
	Grade    *bool  `json:"grade"`
	Grade111 *bool  `json:"grade_1_11"`
	Solution string `json:"solution"`
	Extract  string `json:"extract"`
	Acc      float64
}

func readVectors(t *testing.T) []vector {
	t.Helper()
	f, err := os.Open("testdata/vectors.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []vector
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var v vector
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

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
