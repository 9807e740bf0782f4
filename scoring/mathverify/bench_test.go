package mathverify

import "testing"

// BenchmarkGoldenMath runs Parse+Verify (the verify step of compute_score)
// over the 360 golden math lines; ns/op is per line.
func BenchmarkGoldenMath(b *testing.B) {
	var cases [][2]string
	for _, g := range loadGolden(b) {
		if g.method == "math" {
			cases = append(cases, [2]string{cleanText(g.completion), cleanText(g.solution)})
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c := cases[i%len(cases)]
		Verify(Parse(c[0]), Parse(c[1]))
	}
}

// BenchmarkComputeScoreVectors runs the whole compute_score over the vectors.
func BenchmarkComputeScoreVectors(b *testing.B) {
	vs := loadVectors(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v := vs[i%len(vs)]
		ComputeScore(v.Pred, v.Gold)
	}
}

// BenchmarkParseShapes runs Parse on the answer shapes that dominate the
// default method: a bare number, plain words, a bounding-box list, a
// boxed LaTeX answer.
func BenchmarkParseShapes(b *testing.B) {
	for _, c := range []struct{ name, in string }{
		{"integer", "12"},
		{"words", "The cat is on the mat"},
		{"bbox", `{"bbox_2d": [290.9, 390.1, 549.0, 404.8], "label": "carrot"}`},
		{"boxed", `The answer is $\boxed{\frac{3}{4}}$.`},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				Parse(c.in)
			}
		})
	}
}
