package vlmr1

import (
	"github.com/grpo-score/grpo-score/scoring/py"
	"github.com/grpo-score/grpo-score/scoring/pyjson"

	"github.com/grpo-score/grpo-score/scoring"
)

// weightedSum is the weighted_sum branch of accuracy_reward: both sides go
// through clean_text; a ground truth of "none" wants a completion of
// "none", anything else is scored by detection_score.
func weightedSum(p scoring.DetectionParams) accuracyMethod {
	onSample := weightedSumOnSample(p)
	return func(content, sol string, tr *scoring.Trace) (float64, error) {
		return onSample(&scoring.Sample{Completion: content, Solution: sol}, tr)
	}
}

// weightedSumOnSample is weightedSum reading the Sample, whose clean texts
// and detection_score the length reward computes too.
func weightedSumOnSample(p scoring.DetectionParams) sampleMethod {
	return func(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
		c, sol := cleanSides(s)
		if sol == "none" {
			if tr.On() {
				tr.Add("clean_text(solution) is \"none\"; clean_text(completion)", c)
			}
			return boolReward(c == "none"), nil
		}
		return sharedDetectionScore(s, p, tr)
	}
}

// detectionBoxes reads the first ```json block of clean_text(t) and lists
// it: the prediction side of detection_score, where any failure gives no
// boxes. With a Sample, the text is decoded once for the line (sharedLoads:
// map, od and repetition may decode the same text).
func detectionBoxes(s *scoring.Sample, t string) []pyjson.Value {
	js, ok := firstJSONFence(cleanText(t))
	if !ok {
		return nil
	}
	if js = py.Strip(js); js == "" {
		return nil
	}
	v, err := sharedLoads(s, js)
	if err != nil {
		return nil
	}
	items, err := pyjson.Iter(v)
	if err != nil {
		return nil
	}
	return items
}

// groundTruthBoxes is the ground-truth side: the same reading, but a JSON
// or iteration error propagates.
func groundTruthBoxes(s *scoring.Sample, t string) ([]pyjson.Value, error) {
	js, ok := firstJSONFence(cleanText(t))
	if !ok {
		return nil, nil
	}
	if js = py.Strip(js); js == "" {
		return nil, nil
	}
	v, err := sharedLoads(s, js)
	if err != nil {
		return nil, pyErr(err)
	}
	items, err := pyjson.Iter(v)
	if err != nil {
		return nil, pyErr(err)
	}
	return items, nil
}

// detectionMatch is one greedy match of detection_score.
type detectionMatch struct {
	Pred         int     `json:"pred"`
	GT           int     `json:"gt"`
	IoU          float64 `json:"iou"`
	LabelCorrect bool    `json:"label_correct"`
}

// detectionScore is the reference's detection_score(content, sol, ...): the
// predicted and ground-truth boxes of the first ```json block of each
// side (after clean_text), a greedy one-to-one matching by IoU, and a
// weighted sum of the mean matched IoU (zero for a wrong label), the label
// accuracy and a completeness score. Its quirks are kept: a matched
// prediction without a usable label raises UnboundLocalError when no
// earlier match set pred_label, and otherwise reuses that earlier label.
func detectionScore(content, sol string, p scoring.DetectionParams, tr *scoring.Trace) (float64, error) {
	return detectionScoreOn(nil, content, sol, p, tr)
}

// detectionScoreOn is detectionScore with the JSON texts decoded once for
// the Sample s (nil: no sharing).
func detectionScoreOn(s *scoring.Sample, content, sol string, p scoring.DetectionParams, tr *scoring.Trace) (float64, error) {
	preds := detectionBoxes(s, content)
	gts, err := groundTruthBoxes(s, sol)
	if err != nil {
		return 0, err
	}
	if tr.On() {
		tr.Add("predicted boxes", reprAll(preds))
		tr.Add("ground-truth boxes", reprAll(gts))
	}
	if len(gts) == 0 {
		return boolReward(len(preds) == 0), nil
	}
	if len(preds) == 0 {
		return 0.0, nil
	}

	// Each box is read once; the matrix is one allocation.
	predBoxes, gtBoxes := make([]guardedBox, len(preds)), make([]guardedBox, len(gts))
	for i, pb := range preds {
		predBoxes[i] = readGuardedBox(pb)
	}
	for j, gb := range gts {
		gtBoxes[j] = readGuardedBox(gb)
	}
	cells := make([]float64, len(preds)*len(gts))
	ious := make([][]float64, len(preds))
	for i := range preds {
		ious[i] = cells[i*len(gts) : (i+1)*len(gts) : (i+1)*len(gts)]
		for j := range gts {
			ious[i][j] = predBoxes[i].iou(&gtBoxes[j])
		}
	}
	if tr.On() {
		tr.Add("IoU matrix (rows: predictions)", ious)
	}

	unmatchedPreds := indices(len(preds))
	unmatchedGTs := indices(len(gts))
	var matches []detectionMatch
	var predLabel string // pred_label persists across iterations
	predBound := false
	for len(unmatchedPreds) > 0 && len(unmatchedGTs) > 0 {
		maxIoU, maxPred, maxGT := -1.0, -1, -1
		for _, pi := range unmatchedPreds {
			for _, gi := range unmatchedGTs {
				if v := ious[pi][gi]; v > maxIoU {
					maxIoU, maxPred, maxGT = v, pi, gi
				}
			}
		}
		if maxIoU < p.IoUThreshold {
			break
		}
		if l, ok := lowerLabel(at(preds, maxPred)); ok {
			predLabel, predBound = l, true
		}
		gtLabel, _ := lowerLabel(at(gts, maxGT)) // "" where it raises
		if !predBound {
			return 0, &scoring.PyError{Type: "UnboundLocalError", Msg: "cannot access local variable 'pred_label' where it is not associated with a value"}
		}
		m := detectionMatch{Pred: maxPred, GT: maxGT, LabelCorrect: predLabel == gtLabel}
		if m.LabelCorrect {
			m.IoU = maxIoU
		}
		matches = append(matches, m)
		var removed bool
		if unmatchedPreds, removed = removeValue(unmatchedPreds, maxPred); !removed {
			return 0, &scoring.PyError{Type: "ValueError", Msg: "list.remove(x): x not in list"}
		}
		if unmatchedGTs, removed = removeValue(unmatchedGTs, maxGT); !removed {
			return 0, &scoring.PyError{Type: "ValueError", Msg: "list.remove(x): x not in list"}
		}
	}
	if tr.On() {
		tr.Add("greedy matches", matches)
	}

	nGT, nPred := float64(len(gts)), float64(len(preds))
	position, label := 0.0, 0.0
	if len(matches) > 0 {
		// Python's sum(): left to right from 0.
		for _, m := range matches {
			position += m.IoU
			if m.LabelCorrect {
				label += 1.0
			}
		}
		position /= nGT
		label /= nGT
	}
	missRate := float64(len(unmatchedGTs)) / nGT
	falseAlarmRate := float64(len(unmatchedPreds)) / nPred
	completeness := 1.0 - float64(missRate+falseAlarmRate)/2.0
	weights := float64(p.Alpha+p.Beta) + p.Gamma
	if weights == 0 {
		return 0, &scoring.PyError{Type: "ZeroDivisionError", Msg: "float division by zero"}
	}
	// Explicit conversions keep each product rounded, as in Python (no FMA).
	final := (float64(float64(p.Alpha*position)+float64(p.Beta*label)) + float64(p.Gamma*completeness)) / weights
	if tr.On() {
		tr.Add("position score (mean matched IoU)", position)
		tr.Add("label score", label)
		tr.Add("completeness score", completeness)
	}
	return final, nil
}

// guardedBox is what the guarded iou(pred_box["bbox_2d"],
// gt_box["bbox_2d"]) reads of one box, read once for all its pairs: any
// exception gives an IoU of 0.0, so only whether the reads fail matters.
type guardedBox struct {
	ok     bool // box["bbox_2d"][0] to [3] exist
	coords [4]pyjson.Value
	nums   bool // and all four are pnums
	n      [4]pnum
}

func readGuardedBox(box pyjson.Value) guardedBox {
	var g guardedBox
	b, err := pyjson.GetItem(box, keyBBox)
	if err != nil || boxCoords(b, g.coords[:]) != nil {
		return g
	}
	g.ok, g.nums = true, true
	for i, x := range g.coords {
		var ok bool
		if g.n[i], ok = toPnum(x); !ok {
			g.nums = false
			break
		}
	}
	return g
}

// iou is the guarded iou of prediction g and ground truth gt, as boxIoU
// computes it.
func (g *guardedBox) iou(gt *guardedBox) float64 {
	if !g.ok || !gt.ok {
		return 0.0
	}
	var v float64
	var err error
	if g.nums && gt.nums {
		v, err = iouPnum([8]pnum{g.n[0], g.n[1], g.n[2], g.n[3], gt.n[0], gt.n[1], gt.n[2], gt.n[3]}, true)
	} else {
		v, err = iouGeneric([8]pyjson.Value{g.coords[0], g.coords[1], g.coords[2], g.coords[3], gt.coords[0], gt.coords[1], gt.coords[2], gt.coords[3]}, true)
	}
	if err != nil {
		return 0.0
	}
	return v
}

// lowerLabel is box["label"].lower(), false where that raises: the label
// is missing or not a str. Both labels of a match are then strs, compared
// as strings. An ASCII label is lower-cased without a new Python value.
func lowerLabel(box pyjson.Value) (string, bool) {
	l, err := pyjson.GetItem(box, keyLabel)
	if err != nil {
		return "", false
	}
	s, ok := l.(pyjson.Str)
	if !ok {
		return "", false
	}
	if py.IsASCII(string(s)) {
		return py.Lower(string(s)), true
	}
	low, err := pyjson.Lower(s)
	if err != nil {
		return "", false
	}
	return string(low.(pyjson.Str)), true
}

// at is Python's xs[i] for an index the loop produced: -1 (no pair above
// the initial max_iou) is the last item.
func at(xs []pyjson.Value, i int) pyjson.Value {
	if i < 0 {
		i += len(xs)
	}
	return xs[i]
}

func indices(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// removeValue is list.remove(v): drop the first occurrence.
func removeValue(xs []int, v int) ([]int, bool) {
	for i, x := range xs {
		if x == v {
			return append(xs[:i], xs[i+1:]...), true
		}
	}
	return xs, false
}

func reprAll(vs []pyjson.Value) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = pyjson.Repr(v)
	}
	return out
}
