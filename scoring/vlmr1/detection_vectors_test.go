package vlmr1

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"testing"

	"github.com/grpo-score/grpo-score/internal/jsonltest"

	"github.com/grpo-score/grpo-score/scoring/coco"
	"github.com/grpo-score/grpo-score/scoring/py"

	"github.com/grpo-score/grpo-score/scoring"
)

// testdata/detection_vectors.jsonl holds random adversarial inputs scored by
// the reference's own functions (see gen_detection_vectors.py): the
// weighted_sum, map, od_ap, od_ap50 and odLength branches of
// accuracy_reward, repetition_reward and Qwen2VLModule.iou_reward. Values
// must agree bit for bit and exceptions by type and message. For the mAP
// methods COCOeval is a stub on both sides (stats[i] = 0.125 + i) and what
// calculate_map hands it must agree too.
func TestDetectionVectors(t *testing.T) {
	type vector struct {
		Kind         string          `json:"kind"`
		Completion   string          `json:"completion"`
		Solution     string          `json:"solution"`
		ImageWidth   float64         `json:"image_width"`
		ImageHeight  float64         `json:"image_height"`
		ImageGridTHW []float64       `json:"image_grid_thw"`
		Value        json.RawMessage `json:"value"`
		Error        string          `json:"error"`
		COCO         *struct {
			GT [][]any `json:"gt"`
			DT [][]any `json:"dt"`
		} `json:"coco"`
	}
	var captured *[2][][]string
	stub := newMapScorer()
	stub.evaluate = func(gts []coco.GroundTruth, dts []coco.Detection) coco.Result {
		var c [2][][]string
		for _, g := range gts {
			c[0] = append(c[0], []string{strconv.FormatInt(g.CategoryID, 10), py.FormatFloat(g.Box.X), py.FormatFloat(g.Box.Y),
				py.FormatFloat(g.Box.W), py.FormatFloat(g.Box.H), py.FormatFloat(g.Area)})
		}
		for _, d := range dts {
			c[1] = append(c[1], []string{strconv.FormatInt(d.CategoryID, 10), py.FormatFloat(d.Box.X), py.FormatFloat(d.Box.Y),
				py.FormatFloat(d.Box.W), py.FormatFloat(d.Box.H)})
		}
		captured = &c
		var r coco.Result
		for i := range r.Stats {
			r.Stats[i] = 0.125 + float64(i)
		}
		return r
	}
	weighted := weightedSum(scoring.DefaultOptions().Detection)
	counts := map[string][2]int{}
	// Each vector is checked in its own function, whose returns and deferred
	// count update end that vector only.
	for _, v := range jsonltest.Read[vector](t, "testdata/detection_vectors.jsonl") {
		func() {
			s := scoring.Sample{Completion: v.Completion, Solution: v.Solution}
			var got float64
			var err error
			captured = nil
			switch v.Kind {
			case "map":
				got, err = stub.mapReward(v.Completion, v.Solution, false, 0, nil)
			case "od_ap":
				got, err = stub.odReward(v.Completion, v.Solution, false, 0, nil)
			case "od_ap50":
				got, err = stub.odReward(v.Completion, v.Solution, false, 1, nil)
			case "odLength":
				got, err = stub.odReward(v.Completion, v.Solution, true, 0, nil)
			case "weighted_sum":
				got, err = weighted(v.Completion, v.Solution, nil)
			case "repetition":
				got, err = repetitionReward(&s, nil)
			case "rec_iou":
				s.REC = &scoring.RECInfo{ImageWidth: v.ImageWidth, ImageHeight: v.ImageHeight,
					GridTHW: [3]float64{v.ImageGridTHW[0], v.ImageGridTHW[1], v.ImageGridTHW[2]}}
				got, err = recIoU(&s, nil)
			default:
				t.Fatalf("unknown kind %q", v.Kind)
			}
			c := counts[v.Kind]
			c[1]++
			defer func() { counts[v.Kind] = c }()
			if want := cocoRows(v.COCO); want != nil || captured != nil {
				if got := fmt.Sprint(captured); want == nil || got != fmt.Sprint(want) {
					t.Errorf("%s(%q, %q): COCO input %s, want %v", v.Kind, v.Completion, v.Solution, got, want)
					return
				}
			}
			if v.Error != "" {
				if err == nil {
					t.Errorf("%s(%q, %q) = %v, want %s", v.Kind, v.Completion, v.Solution, got, v.Error)
				} else if err.Error() != v.Error {
					t.Errorf("%s(%q, %q): error %q, want %q", v.Kind, v.Completion, v.Solution, err, v.Error)
				} else {
					c[0]++
				}
				return
			}
			want := math.NaN()
			if string(v.Value) != `"nan"` {
				if err := json.Unmarshal(v.Value, &want); err != nil {
					t.Fatalf("value %s: %v", v.Value, err)
				}
			}
			switch {
			case err != nil:
				t.Errorf("%s(%q, %q): error %v, want %v", v.Kind, v.Completion, v.Solution, err, want)
			case !sameFloat(got, want) || math.Signbit(got) != math.Signbit(want):
				t.Errorf("%s(%q, %q) = %v, want %v", v.Kind, v.Completion, v.Solution, got, want)
			default:
				c[0]++
			}
		}()
	}
	for kind, c := range counts {
		t.Logf("%-13s %4d/%4d agree", kind, c[0], c[1])
	}
	if len(counts) != 7 {
		t.Errorf("vectors cover %d kinds, want 7", len(counts))
	}
}

// cocoRows turns the recorded COCO input into the layout the stub captures.
func cocoRows(c *struct {
	GT [][]any `json:"gt"`
	DT [][]any `json:"dt"`
}) *[2][][]string {
	if c == nil {
		return nil
	}
	var out [2][][]string
	for i, rows := range [][][]any{c.GT, c.DT} {
		for _, row := range rows {
			var r []string
			for _, x := range row {
				r = append(r, fmt.Sprint(x))
			}
			out[i] = append(out[i], r)
		}
	}
	return &out
}
