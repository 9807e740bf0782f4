package coco

import (
	"bufio"
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"os"
	"regexp"
	"strings"
	"testing"
)

// This file is a test-only adapter from the golden rollouts to the package:
// od_reward, odLength_reward, map_reward and calculate_map of VLM-R1's
// grpo_jsonl.py, written just far enough to feed Evaluate. It decodes JSON
// with encoding/json, so lines whose JSON only Python accepts (NaN,
// Infinity) are skipped; the real adapter lives in the reward package.

var (
	answerRe = regexp.MustCompile(`(?s)<answer>(.*?)</answer>`)
	fenceRe  = regexp.MustCompile("(?s)```json(.*?)```")
)

// errPython marks inputs on which the reference raises an exception.
var errPython = errors.New("python raises")

// errOddJSON marks JSON that Python's json.loads accepts and Go's does not.
var errOddJSON = errors.New("json only Python reads")

func pyStrip(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		switch {
		case r >= '\t' && r <= '\r', r >= 0x1c && r <= 0x20, r == 0x85, r == 0xa0, r == 0x1680,
			r >= 0x2000 && r <= 0x200a, r == 0x2028, r == 0x2029, r == 0x202f, r == 0x205f, r == 0x3000:
			return true
		}
		return false
	})
}

func pyJSONLoads(s string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		if strings.Contains(s, "NaN") || strings.Contains(s, "Infinity") {
			return nil, errOddJSON
		}
		return nil, errPython
	}
	if strings.TrimLeft(s[dec.InputOffset():], " \t\r\n") != "" {
		return nil, errPython
	}
	return v, nil
}

// pyIter is `[item for item in data]`.
func pyIter(v any) ([]any, error) {
	switch v := v.(type) {
	case []any:
		return v, nil
	case map[string]any:
		out := make([]any, 0, len(v))
		for k := range v {
			out = append(out, k)
		}
		return out, nil
	case string:
		out := []any{}
		for _, r := range v {
			out = append(out, string(r))
		}
		return out, nil
	}
	return nil, errPython
}

// pyNum is a Python int (exact) or float.
type pyNum struct {
	i *big.Int // nil for a float
	f float64
}

func toPyNum(v any) (pyNum, error) {
	switch v := v.(type) {
	case bool:
		if v {
			return pyNum{i: big.NewInt(1)}, nil
		}
		return pyNum{i: big.NewInt(0)}, nil
	case json.Number:
		s := string(v)
		if strings.ContainsAny(s, ".eE") {
			f, _, err := big.ParseFloat(s, 10, 53, big.ToNearestEven)
			if err != nil {
				return pyNum{}, err
			}
			x, _ := f.Float64()
			return pyNum{f: x}, nil
		}
		i, ok := new(big.Int).SetString(s, 10)
		if !ok {
			return pyNum{}, errPython
		}
		return pyNum{i: i}, nil
	}
	return pyNum{}, errPython
}

func (n pyNum) float() (float64, error) {
	if n.i == nil {
		return n.f, nil
	}
	f, _ := new(big.Float).SetInt(n.i).Float64()
	if math.IsInf(f, 0) {
		return 0, errPython // OverflowError
	}
	return f, nil
}

func pySub(a, b pyNum) (pyNum, error) {
	if a.i != nil && b.i != nil {
		return pyNum{i: new(big.Int).Sub(a.i, b.i)}, nil
	}
	x, err1 := a.float()
	y, err2 := b.float()
	if err1 != nil || err2 != nil {
		return pyNum{}, errPython
	}
	return pyNum{f: x - y}, nil
}

func pyMul(a, b pyNum) (pyNum, error) {
	if a.i != nil && b.i != nil {
		return pyNum{i: new(big.Int).Mul(a.i, b.i)}, nil
	}
	x, err1 := a.float()
	y, err2 := b.float()
	if err1 != nil || err2 != nil {
		return pyNum{}, errPython
	}
	return pyNum{f: x * y}, nil
}

// labelKey gives equal keys to labels that are equal as Python dict keys
// (1 == 1.0 == True).
func labelKey(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return "s" + v, nil
	case nil:
		return "None", nil
	case bool, json.Number:
		n, err := toPyNum(v)
		if err != nil {
			return "", err
		}
		if n.i != nil {
			return "n" + n.i.String(), nil
		}
		if f := big.NewFloat(n.f); !math.IsInf(n.f, 0) && f.IsInt() {
			i, _ := f.Int(nil)
			return "n" + i.String(), nil
		}
		return "f" + big.NewFloat(n.f).Text('g', -1), nil
	}
	return "", errPython // unhashable
}

// annBox is calculate_map's bbox [x1, y1, x2-x1, y2-y1] and area, as floats.
func annBox(item map[string]any) (Box, float64, error) {
	raw, ok := item["bbox_2d"]
	if !ok {
		return Box{}, 0, errPython
	}
	list, ok := raw.([]any)
	if !ok || len(list) < 4 {
		return Box{}, 0, errPython
	}
	var n [4]pyNum
	for i := range n {
		var err error
		if n[i], err = toPyNum(list[i]); err != nil {
			return Box{}, 0, err
		}
	}
	w, err1 := pySub(n[2], n[0])
	h, err2 := pySub(n[3], n[1])
	if err1 != nil || err2 != nil {
		return Box{}, 0, errPython
	}
	area, err := pyMul(w, h)
	if err != nil {
		return Box{}, 0, err
	}
	var f [5]float64
	for i, v := range []pyNum{n[0], n[1], w, h, area} {
		if f[i], err = v.float(); err != nil {
			return Box{}, 0, err
		}
	}
	return Box{f[0], f[1], f[2], f[3]}, f[4], nil
}

func calculateMAP(e *Evaluator, preds, gtItems []any, scoreType int) (float64, error) {
	cats := map[string]int64{}
	var gts []GroundTruth
	for _, it := range gtItems {
		item, ok := it.(map[string]any)
		if !ok {
			return 0, errPython
		}
		label, ok := item["label"]
		if !ok {
			return 0, errPython
		}
		key, err := labelKey(label)
		if err != nil {
			return 0, err
		}
		if _, ok := cats[key]; !ok {
			cats[key] = int64(len(cats))
		}
		box, area, err := annBox(item)
		if err != nil {
			return 0, err
		}
		gts = append(gts, GroundTruth{CategoryID: cats[key], Box: box, Area: area})
	}
	var dts []Detection
	for _, it := range preds {
		item, ok := it.(map[string]any)
		if !ok {
			continue
		}
		key, err := labelKey(item["label"])
		if _, known := cats[key]; err != nil || !known {
			continue
		}
		box, _, err := annBox(item)
		if err != nil {
			continue
		}
		dts = append(dts, Detection{CategoryID: cats[key], Box: box, Score: 1})
	}
	if len(dts) == 0 {
		return 0, nil
	}
	return e.Evaluate(gts, dts).Stats[scoreType], nil
}

func mapReward(e *Evaluator, content, sol string, lengthReward bool, scoreType int) (float64, error) {
	var gtItems, preds []any
	if m := fenceRe.FindAllStringSubmatch(sol, -1); m != nil {
		if js := pyStrip(m[len(m)-1][1]); js != "" {
			data, err := pyJSONLoads(js)
			if err != nil {
				return 0, err
			}
			if gtItems, err = pyIter(data); err != nil {
				return 0, err
			}
		}
	}
	if m := fenceRe.FindAllStringSubmatch(content, -1); m != nil {
		data, err := pyJSONLoads(pyStrip(m[len(m)-1][1]))
		if errors.Is(err, errOddJSON) {
			return 0, err
		}
		if err == nil {
			preds, _ = pyIter(data)
		}
	}
	var reward float64
	switch {
	case len(preds) > 0 && len(gtItems) > 0:
		var err error
		if reward, err = calculateMAP(e, preds, gtItems, scoreType); err != nil {
			return 0, err
		}
	case len(preds) == 0 && len(gtItems) == 0:
		reward = 1
	}
	if lengthReward && len(gtItems) < len(preds) {
		reward *= float64(len(gtItems)) / float64(len(preds))
	}
	return reward, nil
}

func odReward(e *Evaluator, content, sol string, length bool, scoreType int) (float64, error) {
	sm := answerRe.FindStringSubmatch(sol)
	cm := answerRe.FindAllStringSubmatch(content, -1)
	if cm == nil {
		return 0, nil
	}
	student := pyStrip(cm[len(cm)-1][1])
	if sm == nil {
		return 0, errPython
	}
	truth := pyStrip(sm[1])
	if truth == "None" && student == "None" {
		return 1, nil
	}
	return mapReward(e, student, truth, length, scoreType)
}

// TestGoldenRollouts recomputes the accuracy of the golden mAP lines
// (od_ap, od_ap50, map, odLength) and compares float64 bits.
func TestGoldenRollouts(t *testing.T) {
	rf, err := os.Open("../../testdata/golden/rollouts.jsonl")
	if err != nil {
		t.Skip("golden data not present:", err)
	}
	defer rf.Close()
	gf, err := os.Open("../../testdata/golden/golden.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer gf.Close()
	rs, gs := bufio.NewScanner(rf), bufio.NewScanner(gf)
	rs.Buffer(make([]byte, 1<<20), 1<<26)
	gs.Buffer(make([]byte, 1<<20), 1<<26)
	var e Evaluator
	var lines, errLines, odd, agree int
	for rs.Scan() && gs.Scan() {
		var r struct {
			ID         string `json:"id"`
			Method     string `json:"accu_reward_method"`
			Solution   string `json:"solution"`
			Completion string `json:"completion"`
		}
		if err := json.Unmarshal(rs.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		var g struct {
			Rewards map[string]json.RawMessage `json:"rewards"`
		}
		if err := json.Unmarshal(gs.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		var got float64
		switch r.Method {
		case "od_ap":
			got, err = odReward(&e, r.Completion, r.Solution, false, StatAP)
		case "od_ap50":
			got, err = odReward(&e, r.Completion, r.Solution, false, StatAP50)
		case "odLength":
			got, err = odReward(&e, r.Completion, r.Solution, true, StatAP)
		case "map":
			got, err = mapReward(&e, r.Completion, r.Solution, false, StatAP)
		default:
			continue
		}
		lines++
		var want float64
		if json.Unmarshal(g.Rewards["accuracy"], &want) != nil {
			errLines++
			if err == nil {
				t.Errorf("%s: reference raised %s, adapter gave %v", r.ID, g.Rewards["accuracy"], got)
			}
			continue
		}
		switch {
		case errors.Is(err, errOddJSON):
			odd++
		case err != nil:
			t.Errorf("%s: adapter error %v, want %v", r.ID, err, want)
		case !sameFloat(got, want):
			t.Errorf("%s: got %v, want %v", r.ID, got, want)
		default:
			agree++
		}
	}
	t.Logf("%d mAP lines: %d agree bit for bit, %d reference errors, %d skipped (JSON only Python reads)",
		lines, agree, errLines, odd)
	// Every line whose value is a number agrees (906 of them in the
	// current golden data); the rest are reference exceptions.
	if lines != 930 || agree != lines-errLines-odd || agree < 906 {
		t.Errorf("agreement floor: %d lines, %d agree, %d errors, %d skipped", lines, agree, errLines, odd)
	}
}
