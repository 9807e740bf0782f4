package vlmr1

import (
	"math"
	"sync"

	"github.com/grpo-score/grpo-score/scoring/coco"
	"github.com/grpo-score/grpo-score/scoring/py"
	"github.com/grpo-score/grpo-score/scoring/pyjson"

	"github.com/grpo-score/grpo-score/scoring"
)

// mapScorer runs calculate_map. It keeps COCO evaluators (which reuse their
// buffers) in a pool owned by the method, so concurrent lines never share
// one.
type mapScorer struct {
	pool sync.Pool
	// evaluate replaces COCOeval in tests of the code around it.
	evaluate func(gts []coco.GroundTruth, dts []coco.Detection) coco.Result
}

func newMapScorer() *mapScorer {
	return &mapScorer{pool: sync.Pool{New: func() any { return new(coco.Evaluator) }}}
}

// mapMethod is the map method: map_reward on the whole completion and
// solution, so the last ```json block anywhere (the think part included)
// holds the predictions.
func mapMethod() accuracyMethod {
	m := newMapScorer()
	return func(content, sol string, tr *scoring.Trace) (float64, error) {
		return m.mapReward(content, sol, false, coco.StatAP, tr)
	}
}

// odMethod is od_reward with score_type 0 (od_ap, AP@[.5:.95]) or 1
// (od_ap50, AP@.5): map_reward on the last answer block of the completion
// and the first of the solution, with two literal "None" answers scoring 1.
func odMethod(scoreType int) accuracyMethod {
	m := newMapScorer()
	return func(content, sol string, tr *scoring.Trace) (float64, error) {
		return m.odReward(content, sol, false, scoreType, tr)
	}
}

// odLengthMethod is odLength_reward: od_ap times gt/pred when there are
// more predicted boxes than ground-truth ones.
func odLengthMethod() accuracyMethod {
	m := newMapScorer()
	return func(content, sol string, tr *scoring.Trace) (float64, error) {
		return m.odReward(content, sol, true, coco.StatAP, tr)
	}
}

// mapOnSample, odOnSample and odLengthOnSample are the same methods reading
// the Sample, so that they share one COCO evaluation per line.
func mapOnSample() sampleMethod { return newMapScorer().mapSample() }

func odOnSample(scoreType int) sampleMethod { return newMapScorer().odSample(false, scoreType) }

func odLengthOnSample() sampleMethod { return newMapScorer().odSample(true, coco.StatAP) }

func (m *mapScorer) mapSample() sampleMethod {
	return func(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
		return m.mapRewardOn(s, s.Completion, s.Solution, false, coco.StatAP, tr)
	}
}

func (m *mapScorer) odSample(lengthReward bool, scoreType int) sampleMethod {
	return func(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
		return m.odRewardOn(s, s.Completion, s.Solution, lengthReward, scoreType, tr)
	}
}

func (m *mapScorer) odReward(content, sol string, lengthReward bool, scoreType int, tr *scoring.Trace) (float64, error) {
	return m.odRewardOn(nil, content, sol, lengthReward, scoreType, tr)
}

// odRewardOn is od_reward; with a Sample, its map_reward evaluation is
// shared (mapRewardOn).
func (m *mapScorer) odRewardOn(s *scoring.Sample, content, sol string, lengthReward bool, scoreType int, tr *scoring.Trace) (float64, error) {
	gt, gtOK := firstAnswer(sol)
	student, ok := lastAnswer(content)
	if !ok {
		tr.Add("no <answer> block in the completion", 0.0)
		return 0.0, nil
	}
	student = py.Strip(student)
	if !gtOK {
		// map_reward runs re.findall on the None ground truth.
		return 0, &scoring.PyError{Type: "TypeError", Msg: "expected string or bytes-like object, got 'NoneType'"}
	}
	gt = py.Strip(gt)
	if gt == "None" && student == "None" {
		tr.Add("both answers are \"None\"", 1.0)
		return 1.0, nil
	}
	return m.mapRewardOn(s, student, gt, lengthReward, scoreType, tr)
}

// mapReward is map_reward(content, sol, length_reward, score_type).
func (m *mapScorer) mapReward(content, sol string, lengthReward bool, scoreType int, tr *scoring.Trace) (float64, error) {
	return m.mapRewardOn(nil, content, sol, lengthReward, scoreType, tr)
}

// mapEvaluationKey names map_reward's work up to the choice of stat and
// the length factor. Its params are the two strings map_reward reads, so
// od_ap, od_ap50 and odLength (the answer blocks) share one evaluation per
// line, in one configuration or across compare's configurations; map
// reads the whole texts, which never equal their own answer blocks, so it
// shares only with itself.
var mapEvaluationKey = scoring.NewMemoKey[mapEvaluation]("map_reward's COCO evaluation")

// mapRewardOn is map_reward; with a Sample (and no trace, which wants
// every step) the evaluation is computed once per line and inputs.
func (m *mapScorer) mapRewardOn(s *scoring.Sample, content, sol string, lengthReward bool, scoreType int, tr *scoring.Trace) (float64, error) {
	var e mapEvaluation
	if s == nil || tr.On() {
		e = m.evaluation(nil, content, sol, tr)
	} else {
		e = scoring.RememberBy(s, mapEvaluationKey, [2]string{content, sol}, func() mapEvaluation {
			return m.evaluation(s, content, sol, nil)
		})
	}
	if e.err != nil {
		return 0, e.err
	}
	reward := e.reward
	if e.evaluated {
		reward = e.stats[scoreType]
	}
	if !lengthReward {
		return reward, nil
	}
	lengthScore := 1.0
	if e.nGT < e.nPred {
		lengthScore = float64(e.nGT) / float64(e.nPred)
	}
	if tr.On() {
		tr.Add("length score", lengthScore)
	}
	return reward * lengthScore, nil
}

// mapEvaluation is what map_reward computes before it picks a stat and
// applies the length factor: the same for every score type and for
// length_reward on or off.
type mapEvaluation struct {
	err        error
	nPred, nGT int
	evaluated  bool                   // COCOeval ran: the reward is stats[score_type]
	stats      [coco.NumStats]float64 // when evaluated
	reward     float64                // when not evaluated
}

// evaluation reads the boxes of the last ```json block of each side and
// runs calculate_map when both have some. With a Sample, the completion's
// JSON is decoded once for it and repetition (sharedLoads).
func (m *mapScorer) evaluation(s *scoring.Sample, content, sol string, tr *scoring.Trace) mapEvaluation {
	var gts []pyjson.Value
	if js, ok := lastJSONFence(sol); ok {
		if js = py.Strip(js); js != "" {
			v, err := sharedLoads(s, js)
			if err != nil {
				return mapEvaluation{err: pyErr(err)}
			}
			if gts, err = pyjson.Iter(v); err != nil {
				return mapEvaluation{err: pyErr(err)}
			}
		}
	}
	var preds []pyjson.Value
	if js, ok := lastJSONFence(content); ok {
		if v, err := sharedLoads(s, py.Strip(js)); err == nil {
			if items, err := pyjson.Iter(v); err == nil {
				preds = items
			}
		}
	}
	if tr.On() {
		tr.Add("predicted boxes (last ```json block)", reprAll(preds))
		tr.Add("ground-truth boxes", reprAll(gts))
	}
	e := mapEvaluation{nPred: len(preds), nGT: len(gts)}
	switch {
	case len(preds) > 0 && len(gts) > 0:
		e.stats, e.evaluated, e.err = m.calculateMap(preds, gts, tr)
	case len(preds) == 0 && len(gts) == 0:
		e.reward = 1.0
	default:
		e.reward = 0.0
	}
	return e
}

// calculateMap is calculate_map: categories numbered by first appearance
// of each ground-truth label (Python dict semantics: 1, 1.0 and True are
// one label), ground truths converted to [x, y, w, h] with Python
// arithmetic (a failure raises), predictions with an unknown label or a
// bad box dropped, and COCOeval's stats (score_type picks one). Without a
// detection left COCOeval does not run (false) and the reward is 0.
func (m *mapScorer) calculateMap(preds, gtItems []pyjson.Value, tr *scoring.Trace) ([coco.NumStats]float64, bool, error) {
	var none [coco.NumStats]float64
	cats := map[pyjson.Key]int64{}
	gts := make([]coco.GroundTruth, 0, len(gtItems))
	// Converting a box to doubles (an int beyond the float range) fails
	// only inside COCOeval, after the no-detection early return.
	var convErr error
	for _, item := range gtItems {
		label, err := pyjson.GetItem(item, keyLabel)
		if err != nil {
			return none, false, pyErr(err)
		}
		key, err := pyjson.HashKey(label)
		if err != nil {
			return none, false, pyErr(err)
		}
		id, ok := cats[key]
		if !ok {
			id = int64(len(cats))
			cats[key] = id
		}
		box, area, err, boxConvErr := cocoFloatBox(item)
		if err != nil {
			return none, false, pyErr(err)
		}
		g := coco.GroundTruth{ImageID: 0, CategoryID: id, Area: area, Box: box}
		if boxConvErr != nil && convErr == nil {
			convErr = pyErr(boxConvErr)
		}
		gts = append(gts, g)
	}
	dts := make([]coco.Detection, 0, len(preds))
	for _, item := range preds {
		// The whole dict literal sits in a bare try: any failure drops it.
		label, err := pyjson.GetItem(item, keyLabel)
		if err != nil {
			continue
		}
		key, err := pyjson.HashKey(label)
		if err != nil {
			continue
		}
		id, ok := cats[key]
		if !ok {
			continue
		}
		box, _, err, boxConvErr := cocoFloatBox(item)
		if err != nil {
			continue
		}
		d := coco.Detection{ImageID: 0, CategoryID: id, Score: 1.0, Box: box}
		if boxConvErr != nil && convErr == nil {
			convErr = pyErr(boxConvErr)
		}
		dts = append(dts, d)
	}
	if tr.On() && len(dts) < len(preds) {
		tr.Add("predictions dropped (unknown label or bad box)", len(preds)-len(dts))
	}
	if len(dts) == 0 {
		tr.Add("no detection with a ground-truth label", 0.0)
		return none, false, nil
	}
	if convErr != nil {
		return none, false, convErr
	}
	if m.evaluate != nil {
		return m.evaluate(gts, dts).Stats, true, nil
	}
	ev := m.pool.Get().(*coco.Evaluator)
	defer m.pool.Put(ev)
	var res coco.Result
	if tr.On() {
		var detail *coco.Detail
		res, detail = ev.Explain(gts, dts)
		tr.Add("COCO ground truths [x, y, w, h, area, category]", cocoGTRows(gts))
		tr.Add("COCO detections [x, y, w, h, category]", cocoDTRows(dts))
		tr.Add("per-category precision/recall by IoU threshold", detail.Categories)
		tr.Add("COCO stats", res.Stats)
	} else {
		res = ev.Evaluate(gts, dts)
	}
	return res.Stats, true, nil
}

// cocoFloatBox is cocoBox and then floatBox: the box in doubles, its area,
// the exception of the Python arithmetic (err) and that of the conversion
// to doubles (convErr, which COCOeval raises later). A bbox_2d list whose
// first four items are pnums takes pnum arithmetic, the same operations,
// making no Python values; it cannot raise.
func cocoFloatBox(item pyjson.Value) (b coco.Box, area float64, err, convErr error) {
	if bb, e := pyjson.GetItem(item, keyBBox); e == nil {
		if l, ok := bb.(pyjson.List); ok && len(l) >= 4 {
			var n [4]pnum
			for i := range n {
				if n[i], ok = toPnum(l[i]); !ok {
					break
				}
			}
			if ok {
				w, h := n[2].sub(n[0]), n[3].sub(n[1])
				return coco.Box{X: n[0].float(), Y: n[1].float(), W: w.float(), H: h.float()}, w.mul(h).float(), nil, nil
			}
		}
	}
	box, area, err := cocoBox(item)
	if err != nil {
		return coco.Box{}, 0, err, nil
	}
	b, convErr = floatBox(box)
	return b, area, nil, convErr
}

// cocoBox computes [x1, y1, x2-x1, y2-y1] and (x2-x1)*(y2-y1) from
// item["bbox_2d"] with Python arithmetic, in the reference's evaluation
// order so that the first failure is the one Python raises.
func cocoBox(item pyjson.Value) (box [4]pyjson.Value, area float64, err error) {
	bb, err := pyjson.GetItem(item, keyBBox)
	if err != nil {
		return box, 0, err
	}
	var c [4]pyjson.Value
	for _, i := range [...]int{0, 1, 2} {
		if c[i], err = pyjson.GetItem(bb, pyjson.IntOf(int64(i))); err != nil {
			return box, 0, err
		}
	}
	w, err := pyjson.Sub(c[2], c[0])
	if err != nil {
		return box, 0, err
	}
	if c[3], err = pyjson.GetItem(bb, pyjson.IntOf(3)); err != nil {
		return box, 0, err
	}
	h, err := pyjson.Sub(c[3], c[1])
	if err != nil {
		return box, 0, err
	}
	a, err := pyjson.Mul(w, h)
	if err != nil {
		return box, 0, err
	}
	return [4]pyjson.Value{c[0], c[1], w, h}, areaFloat(a), nil
}

// areaFloat is an area as COCOeval compares it with the area ranges. An
// int too large for a float still compares correctly as an infinity.
func areaFloat(a pyjson.Value) float64 {
	f, err := pyjson.ToFloat(a)
	if err == nil {
		return f
	}
	if neg, _ := pyjson.Less(a, pyjson.IntOf(0)); neg {
		return math.Inf(-1)
	}
	return math.Inf(1)
}

// floatBox is np.array(box, dtype=np.double).
func floatBox(b [4]pyjson.Value) (coco.Box, error) {
	var f [4]float64
	for i, v := range b {
		x, err := pyjson.ToFloat(v)
		if err != nil {
			return coco.Box{}, err
		}
		f[i] = x
	}
	return coco.Box{X: f[0], Y: f[1], W: f[2], H: f[3]}, nil
}

func cocoGTRows(gts []coco.GroundTruth) [][6]float64 {
	out := make([][6]float64, len(gts))
	for i, g := range gts {
		out[i] = [6]float64{g.Box.X, g.Box.Y, g.Box.W, g.Box.H, g.Area, float64(g.CategoryID)}
	}
	return out
}

func cocoDTRows(dts []coco.Detection) [][5]float64 {
	out := make([][5]float64, len(dts))
	for i, d := range dts {
		out[i] = [5]float64{d.Box.X, d.Box.Y, d.Box.W, d.Box.H, float64(d.CategoryID)}
	}
	return out
}
