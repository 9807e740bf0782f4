package coco

import (
	"encoding/binary"
	"math"
	"testing"
)

// fuzzFloats reads floats from fuzz bytes: a tag byte picks raw bits, a
// small integer, a special value or a quarter step, so that overlapping
// boxes are common and every IEEE corner is reachable.
type fuzzFloats struct{ b []byte }

var specials = []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), 0, 1e300, -1e300, 5e-324, 1024, 9216, 1e10}

func (f *fuzzFloats) byte() byte {
	if len(f.b) == 0 {
		return 0
	}
	c := f.b[0]
	f.b = f.b[1:]
	return c
}

func (f *fuzzFloats) float() float64 {
	switch tag := f.byte(); tag % 4 {
	case 0:
		if len(f.b) < 8 {
			return 0
		}
		v := math.Float64frombits(binary.LittleEndian.Uint64(f.b))
		f.b = f.b[8:]
		return v
	case 1:
		return float64(f.byte() % 64)
	case 2:
		return specials[int(f.byte())%len(specials)]
	default:
		return float64(f.byte()) / 4
	}
}

func (f *fuzzFloats) box() Box { return Box{f.float(), f.float(), f.float(), f.float()} }

func decodeFuzz(data []byte) ([]GroundTruth, []Detection) {
	f := &fuzzFloats{data}
	gts := make([]GroundTruth, f.byte()%12)
	for i := range gts {
		ids := f.byte()
		b := f.box()
		area := b.W * b.H
		if ids&0x80 != 0 {
			area = f.float()
		}
		gts[i] = GroundTruth{ImageID: int64(ids % 3), CategoryID: int64(ids >> 2 % 4), Box: b, Area: area, Crowd: ids&0x40 != 0}
	}
	dts := make([]Detection, f.byte()%16)
	for i := range dts {
		ids := f.byte()
		score := 1.0
		if ids&0x80 != 0 {
			score = f.float()
		}
		dts[i] = Detection{ImageID: int64(ids % 3), CategoryID: int64(ids >> 2 % 4), Box: f.box(), Score: score}
	}
	return gts, dts
}

// FuzzEvaluate checks that no input panics, that every statistic is -1 or
// in [0, 1], and that Explain, a reused Evaluator, a fresh one and one
// without shortcuts agree.
func FuzzEvaluate(f *testing.F) {
	f.Add([]byte{1, 0, 1, 10, 1, 10, 1, 40, 1, 40, 1, 0, 1, 10, 1, 10, 1, 40, 1, 40})
	f.Add([]byte{3, 0xc1, 2, 0, 1, 5, 1, 5, 1, 9, 1, 9, 2, 8, 4, 1, 1, 1, 1, 1, 1, 1, 1, 2, 0, 1, 3, 1, 4})
	f.Add([]byte{5, 0x85, 0, 0, 0, 0, 0, 0, 0, 0xf8, 0x7f, 2, 1, 2, 2, 2, 3, 2, 4})
	var e Evaluator
	f.Fuzz(func(t *testing.T, data []byte) {
		gts, dts := decodeFuzz(data)
		got := e.Evaluate(gts, dts)
		for i, s := range got.Stats {
			if !(s == -1 || (s >= 0 && s <= 1)) {
				t.Fatalf("stats[%d] = %v for %+v / %+v", i, s, gts, dts)
			}
		}
		if fresh := Evaluate(gts, dts); fresh != got {
			t.Fatalf("reused %v, fresh %v", got.Stats, fresh.Stats)
		}
		if ref := (&Evaluator{reference: true}).Evaluate(gts, dts); ref != got {
			t.Fatalf("with shortcuts %v, without %v", got.Stats, ref.Stats)
		}
		if res, _ := new(Evaluator).Explain(gts, dts); res != got {
			t.Fatalf("Explain %v, Evaluate %v", res.Stats, got.Stats)
		}
	})
}
