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
