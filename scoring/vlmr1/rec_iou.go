package vlmr1

import (
	"math"
	"math/big"

	"github.com/grpo-score/grpo-score/scoring/py"
	"github.com/grpo-score/grpo-score/scoring/pyjson"

	"github.com/grpo-score/grpo-score/scoring"
)

// recIoU is Qwen2VLModule.iou_reward: the first [x1, y1, x2, y2] of the
// first answer block (Unicode digits allowed, no space after '['), rescaled
// from the model's input size (image_grid_thw * 14) to the image size, and
// its inclusive-pixel IoU with the box in the solution's last answer block.
// The solution is parsed outside the reference's try, so a solution that
// is not JSON raises; every failure after that scores 0.0.
func recIoU(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	if s.REC == nil {
		return 0, &scoring.InputError{Msg: "rec_iou needs the fields image_width, image_height and image_grid_thw"}
	}
	inputH, err := pyIntOfFloat(s.REC.GridTHW[1] * 14)
	if err != nil {
		return 0, err
	}
	inputW, err := pyIntOfFloat(s.REC.GridTHW[2] * 14)
	if err != nil {
		return 0, err
	}
	sol, err := solutionBox(s.Solution, tr)
	if err != nil {
		return 0, err
	}
	box, ok := recPredictedBox(s.Completion, s.REC, inputH, inputW, tr)
	if !ok {
		return 0.0, nil
	}
	v, err := boxIoU(box, sol)
	if err != nil {
		if tr.On() {
			tr.Add("iou raised (caught)", err.Error())
		}
		return 0.0, nil
	}
	return v, nil
}

// solutionBox is json.loads of the solution's last answer block, stripped,
// which every module's iou_reward does outside its try: it raises.
func solutionBox(sol string, tr *scoring.Trace) (pyjson.Value, error) {
	answers := allAnswers(sol)
	if len(answers) == 0 {
		return nil, &scoring.PyError{Type: "IndexError", Msg: "list index out of range"}
	}
	v, err := loads(py.Strip(answers[len(answers)-1]))
	if err != nil {
		return nil, err
	}
	if tr.On() {
		tr.Add("ground-truth box", pyjson.Repr(v))
	}
	return v, nil
}

// recPredictedBox extracts and rescales the predicted box; false where the
// reference finds none or its try block catches an exception.
func recPredictedBox(content string, rec *scoring.RECInfo, inputH, inputW *big.Int, tr *scoring.Trace) (pyjson.List, bool) {
	coords, ok := answerBox(content, tr)
	if !ok {
		return nil, false
	}
	// The image size is an int from PIL, exact in a float64.
	scale := [4]struct {
		input *big.Int
		image float64
	}{{inputW, rec.ImageWidth}, {inputH, rec.ImageHeight}, {inputW, rec.ImageWidth}, {inputH, rec.ImageHeight}}
	box := make(pyjson.List, 4)
	for i, c := range coords {
		q, err := pyjson.TrueDiv(pyjson.BigIntOf(c), pyjson.BigIntOf(scale[i].input))
		if err != nil {
			if tr.On() {
				tr.Add("resize raised (caught)", err.Error())
			}
			return nil, false
		}
		box[i] = pyjson.Float(float64(q.(pyjson.Float)) * scale[i].image)
	}
	if tr.On() {
		tr.Add("predicted box (model input pixels)", pyjson.Repr(bigList(coords)))
		tr.Add("model input size [height, width]", []string{inputH.String(), inputW.String()})
		tr.Add("predicted box (image pixels)", pyjson.Repr(box))
	}
	return box, true
}

// answerBox is the predicted box of every module's iou_reward: the first
// \[(\d+),\s*(\d+),\s*(\d+),\s*(\d+)] of the first answer block, read with
// int(); false where there is none or int() raises.
func answerBox(content string, tr *scoring.Trace) ([4]*big.Int, bool) {
	ans, ok := firstAnswer(content)
	if !ok {
		tr.Add("no <answer> block in the completion", nil)
		return [4]*big.Int{}, false
	}
	ans = py.Strip(ans)
	start, end, ok := findBoxPattern(ans, 0, true)
	if !ok {
		if tr.On() {
			tr.Add("no [d, d, d, d] in the answer", ans)
		}
		return [4]*big.Int{}, false
	}
	coords, ok := boxDigits(ans[start:end])
	if !ok {
		return coords, false // int() raised: more digits than CPython converts
	}
	return coords, true
}

// maxIntDigits is CPython 3.11's limit for int() of a decimal string.
const maxIntDigits = 4300

// boxDigits reads the four digit runs of a matched [d,\s*d,\s*d,\s*d] with
// Python's int(): any Unicode decimal digits, arbitrary size.
func boxDigits(m string) ([4]*big.Int, bool) {
	var out [4]*big.Int
	n := 0
	var cur []byte
	flush := func() bool {
		if len(cur) > maxIntDigits {
			return false
		}
		v, _ := new(big.Int).SetString(string(cur), 10)
		out[n] = v
		n++
		cur = cur[:0]
		return true
	}
	for _, r := range m {
		if d, ok := py.DigitValue(r); ok {
			cur = append(cur, byte('0'+d))
			continue
		}
		if len(cur) > 0 && !flush() {
			return out, false
		}
	}
	return out, n == 4
}

func bigList(xs [4]*big.Int) pyjson.List {
	out := make(pyjson.List, len(xs))
	for i, x := range xs {
		out[i] = pyjson.BigIntOf(x)
	}
	return out
}

// pyIntOfFloat is int(x) for a float: truncation, with Python's exceptions
// for NaN and the infinities.
func pyIntOfFloat(x float64) (*big.Int, error) {
	switch {
	case math.IsNaN(x):
		return nil, &scoring.PyError{Type: "ValueError", Msg: "cannot convert float NaN to integer"}
	case math.IsInf(x, 0):
		return nil, &scoring.PyError{Type: "OverflowError", Msg: "cannot convert float infinity to integer"}
	}
	n, _ := new(big.Float).SetFloat64(math.Trunc(x)).Int(nil)
	return n, nil
}
