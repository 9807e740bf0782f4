package vlmr1

import (
	"github.com/grpo-score/grpo-score/scoring/pyjson"

	"github.com/grpo-score/grpo-score/scoring"
)

// boxIoU is the reference's iou(box1, box2) on Python values: the
// inclusive-pixel formula (coordinates minus one, extents plus one) with
// int arithmetic staying exact, float(inter) / union at the end, and every
// Python exception (a missing coordinate, a str, a zero union) returned.
// Both callers catch them all, so only failing matters, not which exception.
func boxIoU(b1, b2 pyjson.Value) (float64, error) { return boxIoUWith(b1, b2, true) }

// boxIoUWith is boxIoU with the pixel convention chosen: inclusive (Qwen's
// and InternVL's iou) or continuous (GLM's: no -1 on the far edges, no +1 on
// the extents).
func boxIoUWith(b1, b2 pyjson.Value, inclusive bool) (float64, error) {
	var v [8]pyjson.Value
	if err := boxCoords(b1, v[:4]); err != nil {
		return 0, err
	}
	if err := boxCoords(b2, v[4:]); err != nil {
		return 0, err
	}
	var n [8]pnum
	fast := true
	for i, x := range v {
		var ok bool
		if n[i], ok = toPnum(x); !ok {
			fast = false
			break
		}
	}
	if fast {
		return iouPnum(n, inclusive)
	}
	return iouGeneric(v, inclusive)
}

// boxCoords reads box[0] to box[3] into dst.
func boxCoords(box pyjson.Value, dst []pyjson.Value) error {
	if l, ok := box.(pyjson.List); ok && len(l) >= 4 {
		copy(dst, l[:4])
		return nil
	}
	for i := range dst {
		var err error
		if dst[i], err = pyjson.GetItem(box, pyjson.IntOf(int64(i))); err != nil {
			return err
		}
	}
	return nil
}

// pnum is a Python int (small enough that box arithmetic cannot overflow
// an int64) or float.
type pnum struct {
	isFloat bool
	i       int64
	f       float64
}

const pnumIntMax = 1 << 30

func toPnum(v pyjson.Value) (pnum, bool) {
	switch x := v.(type) {
	case pyjson.Float:
		return pnum{isFloat: true, f: float64(x)}, true
	case pyjson.Bool:
		if x {
			return pnum{i: 1}, true
		}
		return pnum{}, true
	case pyjson.Int:
		i, ok := x.Int64()
		if ok && i > -pnumIntMax && i < pnumIntMax {
			return pnum{i: i}, true
		}
	}
	return pnum{}, false
}

func (a pnum) float() float64 {
	if a.isFloat {
		return a.f
	}
	return float64(a.i)
}

func (a pnum) sub(b pnum) pnum {
	if !a.isFloat && !b.isFloat {
		return pnum{i: a.i - b.i}
	}
	return pnum{isFloat: true, f: a.float() - b.float()}
}

func (a pnum) add(b pnum) pnum {
	if !a.isFloat && !b.isFloat {
		return pnum{i: a.i + b.i}
	}
	return pnum{isFloat: true, f: a.float() + b.float()}
}

func (a pnum) mul(b pnum) pnum {
	if !a.isFloat && !b.isFloat {
		return pnum{i: a.i * b.i}
	}
	// The conversion rounds the product, so that no platform fuses it with
	// a following addition (Python never does).
	return pnum{isFloat: true, f: float64(a.float() * b.float())}
}

// less is a < b; ints below pnumIntMax convert to float exactly.
func (a pnum) less(b pnum) bool {
	if !a.isFloat && !b.isFloat {
		return a.i < b.i
	}
	return a.float() < b.float()
}

func pmax(a, b pnum) pnum {
	if a.less(b) { // max keeps a unless b > a
		return b
	}
	return a
}

func pmin(a, b pnum) pnum {
	if b.less(a) {
		return b
	}
	return a
}

// iouPnum is boxIoU when all eight coordinates are pnums: the same
// operations in the same order. Products of ints below 2^31 fit in an int64.
func iouPnum(n [8]pnum, inclusive bool) (float64, error) {
	ints := true
	for _, x := range n {
		ints = ints && !x.isFloat
	}
	if ints {
		return iouInts(n, inclusive)
	}
	return iouMixed(n, inclusive)
}

// iouMixed is iouPnum through pnum arithmetic, for boxes with floats.
func iouMixed(n [8]pnum, inclusive bool) (float64, error) {
	one := pnum{i: 1}
	edge := func(a pnum) pnum { return a }
	extent := edge
	if inclusive {
		edge = func(a pnum) pnum { return a.sub(one) }
		extent = func(a pnum) pnum { return a.add(one) }
	}
	x1 := pmax(n[0], n[4])
	y1 := pmax(n[1], n[5])
	x2 := pmin(edge(n[2]), edge(n[6]))
	y2 := pmin(edge(n[3]), edge(n[7]))
	inter := pnum{}
	if x1.less(x2) && y1.less(y2) {
		inter = extent(x2.sub(x1)).mul(extent(y2.sub(y1)))
	}
	area1 := n[2].sub(n[0]).mul(n[3].sub(n[1]))
	area2 := n[6].sub(n[4]).mul(n[7].sub(n[5]))
	union := area1.add(area2).sub(inter)
	d := union.float()
	if d == 0 {
		return 0, &scoring.PyError{Type: "ZeroDivisionError", Msg: "float division by zero"}
	}
	return float64(inter.float() / d), nil
}

// iouInts is iouPnum when all eight coordinates are ints.
func iouInts(n [8]pnum, inclusive bool) (float64, error) {
	var one int64
	if inclusive {
		one = 1
	}
	x1 := max(n[0].i, n[4].i)
	y1 := max(n[1].i, n[5].i)
	x2 := min(n[2].i-one, n[6].i-one)
	y2 := min(n[3].i-one, n[7].i-one)
	var inter int64
	if x1 < x2 && y1 < y2 {
		inter = (x2 - x1 + one) * (y2 - y1 + one)
	}
	union := (n[2].i-n[0].i)*(n[3].i-n[1].i) + (n[6].i-n[4].i)*(n[7].i-n[5].i) - inter
	if union == 0 {
		return 0, &scoring.PyError{Type: "ZeroDivisionError", Msg: "float division by zero"}
	}
	return float64(inter) / float64(union), nil
}

// iouGeneric is boxIoU through the Python operations of package pyjson,
// for big ints and values that are not numbers.
func iouGeneric(v [8]pyjson.Value, inclusive bool) (float64, error) {
	one := pyjson.IntOf(1)
	var err error
	step := func(f func(a, b pyjson.Value) (pyjson.Value, error), a, b pyjson.Value) pyjson.Value {
		if err != nil {
			return nil
		}
		var r pyjson.Value
		r, err = f(a, b)
		return r
	}
	edge := func(a pyjson.Value) pyjson.Value { return a }
	extent := edge
	if inclusive {
		edge = func(a pyjson.Value) pyjson.Value { return step(pyjson.Sub, a, one) }
		extent = func(a pyjson.Value) pyjson.Value { return step(pyjson.Add, a, one) }
	}
	x1 := step(pyjson.Max, v[0], v[4])
	y1 := step(pyjson.Max, v[1], v[5])
	x2 := step(pyjson.Min, edge(v[2]), edge(v[6]))
	y2 := step(pyjson.Min, edge(v[3]), edge(v[7]))
	if err != nil {
		return 0, pyErr(err)
	}
	var inter pyjson.Value = pyjson.IntOf(0)
	ltX, err := pyjson.Less(x1, x2)
	if err != nil {
		return 0, pyErr(err)
	}
	if ltX {
		ltY, err := pyjson.Less(y1, y2)
		if err != nil {
			return 0, pyErr(err)
		}
		if ltY {
			inter = step(pyjson.Mul, extent(step(pyjson.Sub, x2, x1)), extent(step(pyjson.Sub, y2, y1)))
		}
	}
	area1 := step(pyjson.Mul, step(pyjson.Sub, v[2], v[0]), step(pyjson.Sub, v[3], v[1]))
	area2 := step(pyjson.Mul, step(pyjson.Sub, v[6], v[4]), step(pyjson.Sub, v[7], v[5]))
	union := step(pyjson.Sub, step(pyjson.Add, area1, area2), inter)
	if err != nil {
		return 0, pyErr(err)
	}
	fi, err := pyjson.ToFloat(inter)
	if err != nil {
		return 0, pyErr(err)
	}
	q, err := pyjson.TrueDiv(pyjson.Float(fi), union)
	if err != nil {
		return 0, pyErr(err)
	}
	return float64(q.(pyjson.Float)), nil
}
