//go:build !cgo

package py

// LibmCos reports whether Cos is the C library's cos.
const LibmCos = false

// Cos is math.cos. Without cgo it cannot call the C library as CPython
// does, so it is correctly rounded instead (see correctlyRoundedCos).
func Cos(x float64) float64 { return correctlyRoundedCos(x) }
