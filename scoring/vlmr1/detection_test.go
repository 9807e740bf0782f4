package vlmr1

import (
	"encoding/json"
	"math"
	"regexp"
	"testing"

	"github.com/grpo-score/grpo-score/scoring/py"
	"github.com/grpo-score/grpo-score/scoring/pyjson"

	"github.com/grpo-score/grpo-score/scoring"
)

// quirkCase is one behaviour from testdata/golden/QUIRKS.txt: an input and
// the reference's value, or the exception it raises.
type quirkCase struct {
	name      string
	content   string
	sol       string
	want      float64
	wantErr   string // full "Type: message" when the reference raises
	wantMinus bool   // a zero value is -0.0
}

func checkQuirk(t *testing.T, c quirkCase, got float64, err error) {
	t.Helper()
	if c.wantErr != "" {
		if err == nil || err.Error() != c.wantErr {
			t.Errorf("%s: got %v, %v; want error %s", c.name, got, err, c.wantErr)
		}
		return
	}
	if err != nil {
		t.Errorf("%s: error %v, want %v", c.name, err, c.want)
		return
	}
	if got != c.want || (got == 0 && math.Signbit(got) != c.wantMinus) {
		t.Errorf("%s: got %v (signbit %v), want %v (signbit %v)", c.name, got, math.Signbit(got), c.want, c.wantMinus)
	}
}

const catSol = "<answer> ```json\n[{\"bbox_2d\": [10, 10, 50, 50], \"label\": \"cat\"}]\n``` </answer>"

func TestWeightedSumQuirks(t *testing.T) {
	ws := weightedSum(scoring.DefaultOptions().Detection)
	for _, c := range []quirkCase{
		{name: "first match without label", content: "<answer>```json\n[{\"bbox_2d\": [10, 10, 50, 50]}]\n```</answer>", sol: catSol,
			wantErr: "UnboundLocalError: cannot access local variable 'pred_label' where it is not associated with a value"},
		{name: "later match reuses label",
			content: "<answer>```json\n[{\"bbox_2d\": [10, 10, 50, 50], \"label\": \"cat\"}, {\"bbox_2d\": [100, 100, 150, 150]}]\n```</answer>",
			sol:     "<answer> ```json\n[{\"bbox_2d\": [10, 10, 50, 50], \"label\": \"cat\"}, {\"bbox_2d\": [100, 100, 150, 150], \"label\": \"cat\"}]\n``` </answer>", want: 1.0},
		{name: "labels lower-cased", content: "<answer>```json\n[{\"bbox_2d\": [10, 10, 50, 50], \"label\": \"CAT\"}]\n```</answer>", sol: catSol, want: 1.0},
		{name: "gt None", content: "<answer> NONE. </answer>", sol: "<answer> None </answer>", want: 1.0},
		{name: "gt dict iterates keys", content: "<answer>```json\n[{\"bbox_2d\": [1, 1, 9, 9], \"label\": \"cat\"}]\n```</answer>",
			sol: "<answer> ```json\n{\"bbox_2d\": [1, 1, 9, 9], \"label\": \"cat\"}\n``` </answer>", want: 0.0},
		{name: "malformed gt", content: "<answer>x</answer>", sol: "<answer> ```json\n[{'bbox_2d': [1,2,3,4], 'label': 'a'}]\n``` </answer>",
			wantErr: "JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 3 (char 2)"},
		{name: "no boxes either side", content: "<answer>a</answer>", sol: "<answer> b </answer>", want: 1.0},
		{name: "gt not iterable", content: "<answer>a</answer>", sol: "<answer> ```json\n5\n``` </answer>", wantErr: "TypeError: 'int' object is not iterable"},
	} {
		got, err := ws(c.content, c.sol, nil)
		checkQuirk(t, c, got, err)
	}
}

func TestBoxIoU(t *testing.T) {
	for _, c := range []struct {
		a, b    string
		want    float64
		wantErr bool
	}{
		{"[5, 5, 6, 6]", "[5, 5, 6, 6]", 0.0, false},
		{"[0, 0, 10, 10]", "[0, 0, 10, 10]", 1.0, false},
		{"[3, 3, 3, 3]", "[3, 3, 3, 3]", 0, true},
		{"[0, 0, 10, 10]", "[5, 5, 15, 15]", 25.0 / 175.0, false},
		{"[0.5, 0, 10, 10]", "[0, 0, 10, 10]", 0.95, false},
		{"[0, 0, 10, 10]", "[0, 0, 10, \"10\"]", 0, true},
		{"[0, 0, 10]", "[0, 0, 10, 10]", 0, true},
		{"[true, 0, 10, 10]", "[0, 0, 10, 10]", 81.0 / 90.0, false},
		{"[0, 0, 100000000000000000000, 10]", "[0, 0, 10, 10]", 1e-19, false},
	} {
		a, _ := pyjson.Loads(c.a)
		b, _ := pyjson.Loads(c.b)
		got, err := boxIoU(a, b)
		if (err != nil) != c.wantErr || (!c.wantErr && got != c.want) {
			t.Errorf("iou(%s, %s) = %v, %v; want %v (error %v)", c.a, c.b, got, err, c.want, c.wantErr)
		}
	}
}

func TestMapQuirks(t *testing.T) {
	methods := map[string]accuracyMethod{"od_ap": odMethod(0), "od_ap50": odMethod(1), "map": mapMethod(), "odLength": odLengthMethod()}
	two := "<answer>```json\n[{\"bbox_2d\": [10, 10, 50, 50], \"label\": \"cat\"}, {\"bbox_2d\": [60, 60, 90, 90], \"label\": \"cat\"}]\n```</answer>"
	for _, c := range []struct {
		method string
		quirkCase
	}{
		{"od_ap", quirkCase{name: "single perfect box", content: "<answer>```json\n[{\"bbox_2d\": [10, 10, 50, 50], \"label\": \"cat\"}]\n```</answer>", sol: catSol, want: 0.9999999999999998}},
		{"od_ap", quirkCase{name: "two perfect boxes", content: two, sol: "<answer> " + two[len("<answer>"):len(two)-len("</answer>")] + " </answer>", want: 1.0}},
		{"od_ap", quirkCase{name: "negative-area gt ignored", content: "<answer>```json\n[{\"bbox_2d\": [10, 10, 50, 50], \"label\": \"cat\"}]\n```</answer>",
			sol: "<answer> ```json\n[{\"bbox_2d\": [50, 10, 10, 50], \"label\": \"cat\"}]\n``` </answer>", want: -1.0}},
		{"od_ap", quirkCase{name: "None vs None", content: "<answer> None </answer>", sol: "<answer> None </answer>", want: 1.0}},
		{"od_ap", quirkCase{name: "none vs None", content: "<answer>none</answer>", sol: "<answer> None </answer>", want: 1.0}},
		{"od_ap", quirkCase{name: "no answer tags", content: "```json\n[{\"bbox_2d\": [10, 10, 50, 50], \"label\": \"cat\"}]\n```", sol: catSol, want: 0.0}},
		{"map", quirkCase{name: "json in think", content: "<think>```json\n[{\"bbox_2d\": [10, 10, 50, 50], \"label\": \"cat\"}]\n```</think><answer>none</answer>", sol: catSol, want: 0.9999999999999998}},
		{"odLength", quirkCase{name: "length penalty", content: "<answer>```json\n[{\"bbox_2d\": [10, 10, 50, 50], \"label\": \"cat\"}, {\"bbox_2d\": [10, 10, 50, 50], \"label\": \"cat\"}]\n```</answer>", sol: catSol, want: 0.4999999999999999}},
		{"od_ap", quirkCase{name: "unknown label dropped", content: "<answer>```json\n[{\"bbox_2d\": [10, 10, 50, 50], \"label\": \"dog\"}]\n```</answer>", sol: catSol, want: 0.0}},
		{"od_ap", quirkCase{name: "case-sensitive labels", content: "<answer>```json\n[{\"bbox_2d\": [10, 10, 50, 50], \"label\": \"Cat\"}]\n```</answer>", sol: catSol, want: 0.0}},
		{"od_ap", quirkCase{name: "gt without label", content: "<answer>```json\n[{\"bbox_2d\": [1, 1, 9, 9], \"label\": \"cat\"}]\n```</answer>",
			sol: "<answer> ```json\n[{\"bbox_2d\": [1, 1, 9, 9]}]\n``` </answer>", wantErr: "KeyError: 'label'"}},
		{"od_ap", quirkCase{name: "1 and 1.0 and true are one label", content: "<answer>```json\n[{\"bbox_2d\": [10, 10, 50, 50], \"label\": true}]\n```</answer>",
			sol: "<answer> ```json\n[{\"bbox_2d\": [10, 10, 50, 50], \"label\": 1.0}]\n``` </answer>", want: 0.9999999999999998}},
		{"od_ap", quirkCase{name: "unhashable gt label", content: "<answer>```json\n[{\"bbox_2d\": [10, 10, 50, 50], \"label\": 1}]\n```</answer>",
			sol: "<answer> ```json\n[{\"bbox_2d\": [10, 10, 50, 50], \"label\": [1]}]\n``` </answer>", wantErr: "TypeError: unhashable type: 'list'"}},
		{"od_ap", quirkCase{name: "gt box too short", content: "<answer>```json\n[{\"bbox_2d\": [10, 10, 50, 50], \"label\": \"cat\"}]\n```</answer>",
			sol: "<answer> ```json\n[{\"bbox_2d\": [10, 10, 50], \"label\": \"cat\"}]\n``` </answer>", wantErr: "IndexError: list index out of range"}},
		{"od_ap", quirkCase{name: "gt box beyond float, no detection", content: "<answer>```json\n[{\"bbox_2d\": [10, 10, 50, 50], \"label\": \"dog\"}]\n```</answer>",
			sol: "<answer> ```json\n[{\"bbox_2d\": [0, 0, 1" + repeatDigits(400) + ", 10], \"label\": \"cat\"}]\n``` </answer>", want: 0.0}},
		{"od_ap", quirkCase{name: "gt box beyond float", content: "<answer>```json\n[{\"bbox_2d\": [10, 10, 50, 50], \"label\": \"cat\"}]\n```</answer>",
			sol: "<answer> ```json\n[{\"bbox_2d\": [0, 0, 1" + repeatDigits(400) + ", 10], \"label\": \"cat\"}]\n``` </answer>", wantErr: "OverflowError: int too large to convert to float"}},
		{"od_ap", quirkCase{name: "gt list of str", content: "<answer>```json\n[{\"bbox_2d\": [10, 10, 50, 50], \"label\": \"cat\"}]\n```</answer>",
			sol: "<answer> ```json\n[\"cat\"]\n``` </answer>", wantErr: "TypeError: string indices must be integers, not 'str'"}},
	} {
		got, err := methods[c.method](c.content, c.sol, nil)
		c.name = c.method + ": " + c.name
		checkQuirk(t, c.quirkCase, got, err)
	}
}

func TestRepetitionQuirks(t *testing.T) {
	for _, c := range []quirkCase{
		{name: "no repeats", content: "one two three four five six seven", want: 0, wantMinus: true},
		{name: "few words", content: "a b c", want: 0},
		{name: "empty", content: "", want: 0},
		{name: "list of ints", content: "```json\n[1, 2, 3]\n```", wantErr: "TypeError: argument of type 'int' is not iterable"},
		{name: "list of str", content: "```json\n[\"bbox_2d label\"]\n```", wantErr: "TypeError: string indices must be integers, not 'str'"},
		{name: "1 vs 1.0", content: "```json\n[{\"bbox_2d\": [1, 2, 3, 4], \"label\": \"cat\"}, {\"bbox_2d\": [1.0, 2, 3, 4], \"label\": \"cat\"}]\n```", want: 0, wantMinus: true},
		{name: "duplicates", content: "```json\n[{\"bbox_2d\": [1, 2, 3, 4], \"label\": \"cat\"}, {\"bbox_2d\": [1, 2, 3, 4], \"label\": \"cat\"}, {\"bbox_2d\": [1, 2, 3, 4], \"label\": \"cat\"}, {\"bbox_2d\": [1, 2, 3, 4], \"label\": \"cat\"}]\n```", want: -0.75, wantMinus: true},
		{name: "no usable item", content: "```json\n[{\"bbox_2d\": [1,2,3,4]}]\n```", want: 0},
		{name: "json_repair", content: "```json\n[{'bbox_2d': [1, 2, 3, 4], 'label': 'a'}, {'bbox_2d': [1, 2, 3, 4], 'label': 'a'}]\n```", want: -0.5, wantMinus: true},
		{name: "generic fence", content: "```\n[{\"bbox_2d\": [1, 2, 3, 4], \"label\": \"cat\"}, {\"bbox_2d\": [1, 2, 3, 4], \"label\": \"cat\"}]\n```", want: -0.5, wantMinus: true},
		{name: "empty json fence", content: "``````json``` a b c d e f a b c d e f", want: -0.125, wantMinus: true},
		{name: "bare array", content: "see [ {\"bbox_2d\": [1, 2, 3, 4], \"label\": \"cat\"}, {\"bbox_2d\": [1, 2, 3, 4], \"label\": \"cat\"} ] ok", want: -0.5, wantMinus: true},
		{name: "too many digits", content: "```json\n[1" + repeatDigits(4400) + "]\n```", wantErr: "ValueError: Exceeds the limit (4300 digits) for integer string conversion: value has 4401 digits; use sys.set_int_max_str_digits() to increase the limit"},
	} {
		got, err := repetitionReward(&scoring.Sample{Completion: c.content}, nil)
		checkQuirk(t, c, got, err)
	}
}

func repeatDigits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = '7'
	}
	return string(b)
}

func TestRECIoUQuirks(t *testing.T) {
	rec := &scoring.RECInfo{ImageWidth: 640, ImageHeight: 480, GridTHW: [3]float64{1, 34, 46}}
	sol := "<answer> [10, 20, 300, 400] </answer>"
	for _, c := range []quirkCase{
		{name: "fullwidth digits", content: "<answer>{\"bbox_2d\": [１０, ２０, 300, 400]}</answer>", sol: sol, want: 0.9842720422499049},
		{name: "newline after [", content: "<answer>{\"bbox_2d\": [\n 10, 20, 300, 400]}</answer>", sol: sol, want: 0.0},
		{name: "first block, first box", content: "<answer>[0, 0, 1, 1] then [10, 20, 300, 400]</answer><answer>[10, 20, 300, 400]</answer>", sol: sol, want: 0.0},
		{name: "solution not JSON", content: "<answer>[1, 2, 3, 4]</answer>", sol: "<answer> (1, 2, 3, 4) </answer>",
			wantErr: "JSONDecodeError: Expecting value: line 1 column 1 (char 0)"},
		{name: "no solution block", content: "<answer>[1, 2, 3, 4]</answer>", sol: "[1, 2, 3, 4]", wantErr: "IndexError: list index out of range"},
	} {
		s := &scoring.Sample{Completion: c.content, Solution: c.sol, REC: rec}
		got, err := recIoU(s, nil)
		checkQuirk(t, c, got, err)
	}
	// The quirk's image size: 0.9842720422499049 holds for a 640x480 image.
	if _, err := recIoU(&scoring.Sample{Completion: "x", Solution: sol}, nil); !scoring.IsInputError(err) {
		t.Errorf("missing REC info: %v, want an InputError", err)
	}
	zero := &scoring.RECInfo{ImageWidth: 640, ImageHeight: 480, GridTHW: [3]float64{1, 34, 0}}
	if got, err := recIoU(&scoring.Sample{Completion: "<answer>[1, 2, 3, 4]</answer>", Solution: sol, REC: zero}, nil); err != nil || got != 0 {
		t.Errorf("zero grid width: %v, %v; want 0 (ZeroDivisionError caught)", got, err)
	}
}

// TestTraces checks that explanations are recorded and serialise to JSON.
func TestTraces(t *testing.T) {
	two := "<answer>```json\n[{\"bbox_2d\": [10, 10, 50, 50], \"label\": \"cat\"}, {\"bbox_2d\": [60, 60, 90, 90], \"label\": \"dog\"}]\n```</answer>"
	for name, run := range map[string]func(tr *scoring.Trace) (float64, error){
		"weighted_sum": func(tr *scoring.Trace) (float64, error) {
			return weightedSum(scoring.DefaultOptions().Detection)(two, catSol, tr)
		},
		"od_ap":    func(tr *scoring.Trace) (float64, error) { return odMethod(0)(two, catSol, tr) },
		"odLength": func(tr *scoring.Trace) (float64, error) { return odLengthMethod()(two, catSol, tr) },
		"repetition": func(tr *scoring.Trace) (float64, error) {
			return repetitionReward(&scoring.Sample{Completion: two}, tr)
		},
		"rec_iou": func(tr *scoring.Trace) (float64, error) {
			return recIoU(&scoring.Sample{Completion: "<answer>[1, 2, 30, 40]</answer>", Solution: "<answer> [1, 2, 30, 40] </answer>",
				REC: &scoring.RECInfo{ImageWidth: 640, ImageHeight: 480, GridTHW: [3]float64{1, 34, 46}}}, tr)
		},
	} {
		var tr scoring.Trace
		want, _ := run(nil)
		got, err := run(&tr)
		if err != nil || got != want {
			t.Errorf("%s: traced %v, %v; untraced %v", name, got, err, want)
		}
		if len(tr.Steps) < 2 {
			t.Errorf("%s: %d trace steps", name, len(tr.Steps))
		}
		if _, err := json.Marshal(tr.Steps); err != nil {
			t.Errorf("%s: trace does not marshal: %v", name, err)
		}
	}
}

// bboxArrayRE is the reference's pattern with Python's \s spelled out.
var bboxArrayRE = regexp.MustCompile(`(?s)\[` + pyS + `*\{.*?"bbox_2d".*?"label".*?\}` + pyS + `*\]`)

const pyS = `[\t\n\v\f\r\x1c-\x1f \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]`

func TestBBoxArrayMatch(t *testing.T) {
	for _, s := range []string{
		`x [ {"bbox_2d": 1, "label": 2} ] y`, `[{"label" "bbox_2d"}]`, `[ [ {"bbox_2d" "label" } x } ]`, `[{ "bbox_2d" "label" }` + "\u3000]",
		`[{"bbox_2d""label"}}]`, `[ x [{"bbox_2d" "label"}]`, `[{"bbox_2d" "label"} ] [{"bbox_2d" "label"}]`, `no match`, `[{"bbox_2d"`,
	} {
		checkBBoxArray(t, s)
	}
}

func checkBBoxArray(t *testing.T, s string) {
	t.Helper()
	want := bboxArrayRE.FindString(s)
	wantOK := bboxArrayRE.MatchString(s)
	got, ok := bboxArrayMatch(s)
	if ok != wantOK || got != want {
		t.Errorf("bboxArrayMatch(%q) = %q, %v; regexp gives %q, %v", s, got, ok, want, wantOK)
	}
}

func FuzzBBoxArrayMatch(f *testing.F) {
	for _, s := range []string{`x [ {"bbox_2d": 1, "label": 2} ] y`, `[ [ {"bbox_2d" "label" } x } ]`, "[\u3000{\"bbox_2d\"\"label\"}\v]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkBBoxArray(t, s) })
}

// boxRE is the REC pattern \[(\d+),\s*(\d+),\s*(\d+),\s*(\d+)] with
// Python's Unicode \d and \s.
var boxRE = regexp.MustCompile(`\[(\p{Nd}+),` + pyS + `*(\p{Nd}+),` + pyS + `*(\p{Nd}+),` + pyS + `*(\p{Nd}+)\]`)

func FuzzRECBox(f *testing.F) {
	for _, s := range []string{"[1, 2, 3, 4]", "[１０, ２０, 300, 400]", "[[1,2,3,4]", "[1,\u30002,\v3,4] [5, 6, 7, 8]", "[1, 2, 3]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m := boxRE.FindStringSubmatchIndex(s)
		start, end, ok := findBoxPattern(s, 0, true)
		if ok != (m != nil) || (ok && (start != m[0] || end != m[1])) {
			t.Fatalf("findBoxPattern(%q) = %d, %d, %v; regexp %v", s, start, end, ok, m)
		}
		if !ok {
			return
		}
		coords, ok := boxDigits(s[start:end])
		if !ok {
			return // more than 4300 digits
		}
		for i := 0; i < 4; i++ {
			var want []byte
			for _, r := range s[m[2+2*i]:m[3+2*i]] {
				d, _ := pyDigit(r)
				want = append(want, byte('0'+d))
			}
			w := string(want)
			for len(w) > 1 && w[0] == '0' {
				w = w[1:]
			}
			if coords[i].String() != w {
				t.Fatalf("coordinate %d of %q = %s, want %s", i, s, coords[i], w)
			}
		}
	})
}

func pyDigit(r rune) (int, bool) { return py.DigitValue(r) }

// FuzzDetectionMethods feeds arbitrary completions and ground truths to the
// detection rewards: they may raise Python exceptions, never panic or fail
// otherwise.
func FuzzDetectionMethods(f *testing.F) {
	f.Add("<answer>```json\n[{\"bbox_2d\": [10, 10, 50, 50], \"label\": \"cat\"}]\n```</answer>", catSol)
	f.Add("```json\n[{'bbox_2d': [1, 2, 3, 4], 'label': 'a'}]\n```", "<answer> [1, 2, 3, 4] </answer>")
	f.Add("<answer>[1, 2, 3, 4]</answer>", "<answer> ```json\n[{\"bbox_2d\": [1, 1e400, true, null], \"label\": NaN}]\n``` </answer>")
	methods := []accuracyMethod{weightedSum(scoring.DefaultOptions().Detection), odMethod(0), odMethod(1), mapMethod(), odLengthMethod()}
	rec := &scoring.RECInfo{ImageWidth: 640, ImageHeight: 480, GridTHW: [3]float64{1, 34, 46}}
	f.Fuzz(func(t *testing.T, content, sol string) {
		check := func(name string, err error) {
			if _, ok := err.(*scoring.PyError); err != nil && !ok {
				t.Fatalf("%s: error %T %v", name, err, err)
			}
		}
		for _, m := range methods {
			_, err := m(content, sol, nil)
			check("method", err)
		}
		s := &scoring.Sample{Completion: content, Solution: sol, REC: rec}
		_, err := repetitionReward(s, nil)
		check("repetition", err)
		_, err = recIoU(s, nil)
		check("rec_iou", err)
	})
}
