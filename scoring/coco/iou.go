package coco

// boxIoU is one cell of pycocotools' C routine bbIou: the IoU of detection
// d with ground truth g, in the C code's order of operations. A crowd
// ground truth divides by the detection's area instead of the union.
// NaN coordinates fall through the `<= 0` tests and propagate, as in C.
// The explicit float64 conversions keep Go from fusing a multiply and an
// add, which C (compiled without FMA) does not do.
func boxIoU(d, g Box, crowd bool) float64 {
	ga := float64(g.W * g.H)
	da := float64(d.W * d.H)
	w := cFmin(d.W+d.X, g.W+g.X) - cFmax(d.X, g.X)
	if w <= 0 {
		return 0
	}
	h := cFmin(d.H+d.Y, g.H+g.Y) - cFmax(d.Y, g.Y)
	if h <= 0 {
		return 0
	}
	i := float64(w * h)
	u := da
	if !crowd {
		u = float64(da+ga) - i
	}
	return i / u
}

// cFmin is C's fmin: when one operand is NaN it returns the other.
// (Go's min returns NaN.) The sign of a zero result never matters here:
// a zero width or height is rejected either way.
func cFmin(x, y float64) float64 {
	switch {
	case x != x:
		return y
	case y != y:
		return x
	case y < x:
		return y
	}
	return x
}

// cFmax is C's fmax: when one operand is NaN it returns the other.
func cFmax(x, y float64) float64 {
	switch {
	case x != x:
		return y
	case y != y:
		return x
	case y > x:
		return y
	}
	return x
}
