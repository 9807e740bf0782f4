//go:build cgo

package py

/*
#cgo LDFLAGS: -lm
#include <math.h>

static double libm_cos(double x) { return cos(x); }
*/
import "C"

// LibmCos reports whether Cos is the C library's cos.
const LibmCos = true

// Cos is math.cos: CPython calls the C library's cos, so this does too, and
// the cosine length reward gets the trainer's last bit on the same libm.
func Cos(x float64) float64 { return float64(C.libm_cos(C.double(x))) }
