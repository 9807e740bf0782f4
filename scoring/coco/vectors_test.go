package coco

import (
	"math"
	"strconv"
	"testing"

	"github.com/grpo-score/grpo-score/internal/jsonltest"
)

// vector is one line of testdata/vectors.jsonl, written by
// testdata/gen_vectors.py from the reference COCOeval and numpy 1.24.
type vector struct {
	Kind  string   `json:"kind"`
	GTs   [][]any  `json:"gts"`   // image, category, x, y, w, h, area, iscrowd
	DTs   [][]any  `json:"dts"`   // image, category, x, y, w, h, score
	Stats []string `json:"stats"` // repr of each float
}

func parseRepr(t testing.TB, v any) float64 {
	t.Helper()
	s, ok := v.(string)
	if !ok {
		t.Fatalf("float %v is not a repr string", v)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	return f
}

func loadVectors(t testing.TB) []vector {
	t.Helper()
	return jsonltest.Read[vector](t, "testdata/vectors.jsonl")
}

func (v vector) inputs(t testing.TB) ([]GroundTruth, []Detection) {
	gts := make([]GroundTruth, len(v.GTs))
	for i, g := range v.GTs {
		gts[i] = GroundTruth{
			ImageID:    int64(g[0].(float64)),
			CategoryID: int64(g[1].(float64)),
			Box:        Box{parseRepr(t, g[2]), parseRepr(t, g[3]), parseRepr(t, g[4]), parseRepr(t, g[5])},
			Area:       parseRepr(t, g[6]),
			Crowd:      g[7].(float64) != 0,
		}
	}
	dts := make([]Detection, len(v.DTs))
	for i, d := range v.DTs {
		dts[i] = Detection{
			ImageID:    int64(d[0].(float64)),
			CategoryID: int64(d[1].(float64)),
			Box:        Box{parseRepr(t, d[2]), parseRepr(t, d[3]), parseRepr(t, d[4]), parseRepr(t, d[5])},
			Score:      parseRepr(t, d[6]),
		}
	}
	return gts, dts
}

// sameFloat compares bits, except that -0.0 equals 0.0.
func sameFloat(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || (a == 0 && b == 0)
}

// TestReferenceVectors checks all 12 statistics of every vector bit for
// bit against the reference. One Evaluator serves all vectors, so stale
// scratch state would show up here too.
func TestReferenceVectors(t *testing.T) {
	vs := loadVectors(t)
	if len(vs) < 900 {
		t.Fatalf("only %d vectors", len(vs))
	}
	var e Evaluator
	agree, nontrivial := 0, 0
	for i, v := range vs {
		gts, dts := v.inputs(t)
		got := e.Evaluate(gts, dts)
		ok := true
		for s, want := range v.Stats {
			w := parseRepr(t, want)
			if !sameFloat(got.Stats[s], w) {
				ok = false
				t.Errorf("vector %d (%s) stats[%d] = %v, want %v", i+1, v.Kind, s, got.Stats[s], w)
			}
			if w != -1 && w != 0 && w != 1 {
				nontrivial++
			}
		}
		if ok {
			agree++
		}
		if fresh := Evaluate(gts, dts); fresh != got {
			t.Errorf("vector %d: a reused Evaluator gives %v, a fresh one %v", i+1, got.Stats, fresh.Stats)
		}
	}
	t.Logf("%d/%d vectors agree on all 12 stats (%d non-trivial values)", agree, len(vs), nontrivial)
}
