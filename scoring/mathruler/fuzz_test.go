package mathruler

import (
	"testing"
	"time"
)

// FuzzGradeAnswer: an answer always grades equal to itself (the mathd
// normalisation of both sides is the same string), grading is
// deterministic, and it is quick (the algebra is bounded).
func FuzzGradeAnswer(f *testing.F) {
	for _, s := range [][2]string{{`2\sqrt{221}`, `\sqrt{884}`}, {`\frac{40}{3}`, `13.33`}, {`(1, 2)`, `[1,2)`}, {`x^2+2x+1`, `(x+1)^2`},
		{`\frac{1}{1+\sqrt{2}}`, `\sqrt{2}-1`}, {`5\pi`, `15.71`}, {`1e3`, `1,000`}, {`\hat{x}`, `\mathbb{R}`}, {`\frac`, `\sqrt`}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if ok, err := GradeAnswer(a, a); !ok || err != nil {
			t.Fatalf("grade_answer(%q, itself) = %v, %v", a, ok, err)
		}
		start := time.Now()
		ok1, err1 := GradeAnswer(a, b)
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("grade_answer(%q, %q) took %v", a, b, d)
		}
		ok2, err2 := GradeAnswer(a, b)
		if ok1 != ok2 || (err1 == nil) != (err2 == nil) {
			t.Fatalf("grade_answer(%q, %q) not deterministic: %v/%v, %v/%v", a, b, ok1, ok2, err1, err2)
		}
	})
}
