package vlmr1

import (
	"fmt"
	"math"
	"testing"

	"github.com/grpo-score/grpo-score/scoring/coco"
	"github.com/grpo-score/grpo-score/scoring/pyjson"
)

// refBoxPairIoU is the former guarded IoU of detection_score, kept as the
// reference of guardedBox: every pair reads both boxes again.
func refBoxPairIoU(pred, gt pyjson.Value) float64 {
	pb, err := pyjson.GetItem(pred, keyBBox)
	if err != nil {
		return 0.0
	}
	gb, err := pyjson.GetItem(gt, keyBBox)
	if err != nil {
		return 0.0
	}
	v, err := boxIoU(pb, gb)
	if err != nil {
		return 0.0
	}
	return v
}

// FuzzIoUFastPaths: the all-int IoU equals the pnum and the pyjson
// arithmetic, and a guarded box read once gives the IoU of reading it per
// pair, on any coordinates (big ints, floats, bools, strings).
func FuzzIoUFastPaths(f *testing.F) {
	f.Add(int64(0), int64(0), int64(10), int64(10), int64(5), int64(5), int64(15), int64(15), "1.5", "null")
	f.Add(int64(3), int64(3), int64(3), int64(3), int64(3), int64(3), int64(3), int64(3), "true", "\"a\"")
	f.Add(int64(-1<<30+1), int64(1<<30-1), int64(1<<30-1), int64(-1<<30+1), int64(7), int64(-9), int64(0), int64(1), "1e400", "100000000000000000000")
	f.Fuzz(func(t *testing.T, a0, a1, a2, a3, b0, b1, b2, b3 int64, x, y string) {
		c := [8]int64{a0, a1, a2, a3, b0, b1, b2, b3}
		var n [8]pnum
		var v [8]pyjson.Value
		for i := range c {
			c[i] %= pnumIntMax
			n[i] = pnum{i: c[i]}
			v[i] = pyjson.IntOf(c[i])
		}
		for _, inclusive := range []bool{true, false} {
			got, err := iouInts(n, inclusive)
			want, werr := iouMixed(n, inclusive)
			gen, gerr := iouGeneric(v, inclusive)
			if !sameOutcome(got, err, want, werr) || !sameOutcome(got, err, gen, gerr) {
				t.Fatalf("%v inclusive %v: ints %v, %v; pnum %v, %v; generic %v, %v", c, inclusive, got, err, want, werr, gen, gerr)
			}
		}
		// Boxes of ints, of the fuzzed JSON texts x and y and of broken
		// shapes; a text that does not parse leaves its box out.
		var boxes []pyjson.Value
		for _, js := range []string{
			fmt.Sprintf(`{"bbox_2d": [%d, %d, %d, %d]}`, c[0], c[1], c[2], c[3]),
			fmt.Sprintf(`{"bbox_2d": [%d, %d, %d, %d], "label": "a"}`, c[4], c[5], c[6], c[7]),
			fmt.Sprintf(`{"bbox_2d": [%d, %s, %d, %d]}`, c[0], x, c[2], c[3]),
			fmt.Sprintf(`{"bbox_2d": [%s, %d, %s, %d]}`, y, c[1], x, c[7]),
			fmt.Sprintf(`{"bbox_2d": [%d, %d, %d]}`, c[0], c[1], c[2]),
			fmt.Sprintf(`{"bbox_2d": [%s, %s, %s, %s, %s]}`, x, y, x, y, x),
			fmt.Sprintf(`{"bbox_2d": %s}`, x),
			fmt.Sprintf(`{"bbox": [%d, %d, %d, %d]}`, c[0], c[1], c[2], c[3]),
			x, y, `"bbox_2d"`,
		} {
			if b, err := pyjson.Loads(js); err == nil {
				boxes = append(boxes, b)
			}
		}
		for _, p := range boxes {
			for _, g := range boxes {
				pb, gb := readGuardedBox(p), readGuardedBox(g)
				if got, want := pb.iou(&gb), refBoxPairIoU(p, g); math.Float64bits(got) != math.Float64bits(want) {
					t.Fatalf("iou(%s, %s) = %v; reference %v", pyjson.Repr(p), pyjson.Repr(g), got, want)
				}
			}
		}
	})
}

// FuzzCOCOFloatBox: the pnum box of map_reward equals cocoBox's Python
// arithmetic followed by floatBox, value for value and exception for
// exception, on boxes of fuzzed JSON items.
func FuzzCOCOFloatBox(f *testing.F) {
	for _, s := range []string{"1", "1.5", "true", "-0.0", "1e400", "NaN", "-Infinity", "null", `"a"`, "100000000000000000000", "1073741823", "-1073741825", "[]"} {
		f.Add(int64(3), s, int64(10), "20")
	}
	f.Fuzz(func(t *testing.T, a int64, b string, c int64, d string) {
		for _, js := range []string{
			fmt.Sprintf(`{"bbox_2d": [%d, %s, %d, %s]}`, a, b, c, d),
			fmt.Sprintf(`{"bbox_2d": [%s, %d, %s, %d, 7]}`, b, a, d, c),
			fmt.Sprintf(`{"bbox_2d": [%d, %s, %d]}`, a, b, c),
			fmt.Sprintf(`{"bbox_2d": %s}`, b),
		} {
			item, err := pyjson.Loads(js)
			if err != nil {
				continue
			}
			box, area, err, convErr := cocoFloatBox(item)
			wbox, warea, werr := cocoBox(item)
			var wfb coco.Box
			var wconv error
			if werr == nil {
				wfb, wconv = floatBox(wbox)
			}
			same := func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) || x != x && y != y }
			if (err == nil) != (werr == nil) || (convErr == nil) != (wconv == nil) ||
				!same(box.X, wfb.X) || !same(box.Y, wfb.Y) || !same(box.W, wfb.W) || !same(box.H, wfb.H) || werr == nil && !same(area, warea) {
				t.Fatalf("%s: %v %v %v %v; reference %v %v %v %v", js, box, area, err, convErr, wfb, warea, werr, wconv)
			}
			if err != nil && err.Error() != werr.Error() || convErr != nil && convErr.Error() != wconv.Error() {
				t.Fatalf("%s: errors %v, %v; reference %v, %v", js, err, convErr, werr, wconv)
			}
		}
	})
}

// refLowerLabel is the former label reading: pyjson.Lower's value.
func refLowerLabel(box pyjson.Value) (pyjson.Value, bool) {
	l, err := pyjson.GetItem(box, keyLabel)
	if err != nil {
		return nil, false
	}
	l, err = pyjson.Lower(l)
	return l, err == nil
}

// FuzzLowerLabel: labels read as strings (ASCII lower-cased here) are
// equal exactly when the former pyjson values are, and raise alike.
func FuzzLowerLabel(f *testing.F) {
	for _, s := range []string{`"Cat"`, `"cat"`, `"İ"`, `"\ud800"`, `"ΣΑΣ"`, `5`, `null`, `["a"]`, `"A\u0000b"`} {
		f.Add(s, `"CAT"`)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		boxes := make([]pyjson.Value, 0, 3)
		for _, js := range []string{`{"label": ` + a + `}`, `{"label": ` + b + `}`, `{"bbox_2d": 1}`} {
			if v, err := pyjson.Loads(js); err == nil {
				boxes = append(boxes, v)
			}
		}
		for _, x := range boxes {
			for _, y := range boxes {
				lx, okx := lowerLabel(x)
				ly, oky := lowerLabel(y)
				rx, rokx := refLowerLabel(x)
				ry, roky := refLowerLabel(y)
				if okx != rokx || oky != roky {
					t.Fatalf("%s, %s: raises %v %v; reference %v %v", pyjson.Repr(x), pyjson.Repr(y), !okx, !oky, !rokx, !roky)
				}
				if !okx || !oky {
					continue
				}
				if (lx == ly) != pyjson.Equal(rx, ry) || lx != string(rx.(pyjson.Str)) {
					t.Fatalf("%s, %s: %q %q; reference %s %s", pyjson.Repr(x), pyjson.Repr(y), lx, ly, pyjson.Repr(rx), pyjson.Repr(ry))
				}
			}
		}
	})
}
