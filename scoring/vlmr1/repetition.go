package vlmr1

import (
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/grpo-score/grpo-score/scoring/jsonrepair"
	"github.com/grpo-score/grpo-score/scoring/py"
	"github.com/grpo-score/grpo-score/scoring/pyjson"

	"github.com/grpo-score/grpo-score/scoring"
)

// repetition is the registered repetition reward: repetitionReward with
// n-gram counters kept for reuse across lines.
type repetition struct{ counters sync.Pool }

func newRepetition() (scoring.Reward, error) {
	r := &repetition{}
	r.counters.New = func() any { return newNgramCounter() }
	return r, nil
}

func (r *repetition) Score(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	c := r.counters.Get().(*ngramCounter)
	defer r.counters.Put(c)
	return repetitionWith(c, s, tr)
}

// repetitionReward is repetition_reward: for a bbox JSON list, minus the share of
// repeated f"{bbox_2d}_{label}" items; otherwise minus the share of
// repeated word 6-grams. No repetition gives -0.0 (0.0 * -1.0), as in the
// reference.
func repetitionReward(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	return repetitionWith(newNgramCounter(), s, tr)
}

func repetitionWith(c *ngramCounter, s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	content := s.Completion
	if content == "" {
		return 0.0, nil
	}
	if js, ok := repetitionJSONText(content); ok {
		if tr.On() {
			tr.Add("JSON candidate", js)
		}
		data, err := repetitionLoads(s, js)
		if err != nil {
			return 0, err
		}
		if list, ok := data.(pyjson.List); ok && len(list) > 0 {
			return repetitionOfItems(c, list, tr)
		}
	}
	return repetitionOfWords(c, content, tr), nil
}

// repetitionJSONText finds the text the reference tries as JSON: the first
// ```json block, else the first ``` block, else the first
// \[\s*{.*?"bbox_2d".*?"label".*?}\s*\] (DOTALL); false when it is empty.
func repetitionJSONText(content string) (string, bool) {
	if inner, _, ok := fenceAt(content, 0, jsonFenceOpen); ok {
		js := py.Strip(inner)
		return js, js != ""
	}
	if inner, _, ok := fenceAt(content, 0, fence); ok {
		if js := py.Strip(inner); js != "" {
			return js, true
		}
	}
	return bboxArrayMatch(content)
}

// bboxArrayMatch is re.search(r'\[\s*{.*?"bbox_2d".*?"label".*?}\s*\]', s,
// re.DOTALL).group(0). Only the first '[' that is followed by optional
// whitespace and '{' can start a match: each later candidate leaves a
// suffix of the text, and the lazy gaps succeed on a suffix only if they
// succeed on the whole. Within it the earliest "bbox_2d", then the earliest
// "label", then the earliest '}' closed by whitespace and ']' win.
func bboxArrayMatch(s string) (string, bool) {
	for from := 0; from < len(s); {
		k := strings.IndexByte(s[from:], '[')
		if k < 0 {
			return "", false
		}
		p := from + k
		q := skipSpace(s, p+1)
		if q >= len(s) || s[q] != '{' {
			from = p + 1
			continue
		}
		i1 := strings.Index(s[q+1:], `"bbox_2d"`)
		if i1 < 0 {
			return "", false
		}
		x := q + 1 + i1 + len(`"bbox_2d"`)
		i2 := strings.Index(s[x:], `"label"`)
		if i2 < 0 {
			return "", false
		}
		for y := x + i2 + len(`"label"`); ; {
			i3 := strings.IndexByte(s[y:], '}')
			if i3 < 0 {
				return "", false
			}
			e := skipSpace(s, y+i3+1)
			if e < len(s) && s[e] == ']' {
				return s[p : e+1], true
			}
			y += i3 + 1
		}
	}
	return "", false
}

// repetitionLoads is json.loads with json_repair as the fallback for a
// JSONDecodeError. Other exceptions of the first json.loads propagate; a
// failure after the repair gives None.
func repetitionLoads(s *scoring.Sample, js string) (pyjson.Value, error) {
	v, err := sharedLoads(s, js)
	if err == nil {
		return v, nil
	}
	if pe, ok := err.(*pyjson.Error); !ok || pe.Type != "JSONDecodeError" {
		return nil, pyErr(err)
	}
	v, err = pyjson.Loads(jsonrepair.Repair(js))
	if err != nil {
		return pyjson.None, nil
	}
	return v, nil
}

// repetitionOfItems is the JSON branch (n-gram size 1). Items holding both
// keys (by Python's `in`, so a str item is searched as text) are compared
// as f"{bbox_2d}_{label}"; a TypeError, e.g. `'bbox_2d' in 1`, propagates.
// The keys are written one after the other into c's buffer and counted by
// their hashes, as the n-grams are.
func repetitionOfItems(c *ngramCounter, list pyjson.List, tr *scoring.Trace) (float64, error) {
	c.keys, c.keyEnds = c.keys[:0], c.keyEnds[:0]
	for _, item := range list {
		hasBox, err := pyjson.Contains(item, keyBBox)
		if err != nil {
			return 0, pyErr(err)
		}
		if !hasBox {
			continue
		}
		hasLabel, err := pyjson.Contains(item, keyLabel)
		if err != nil {
			return 0, pyErr(err)
		}
		if !hasLabel {
			continue
		}
		box, err := pyjson.GetItem(item, keyBBox)
		if err != nil {
			return 0, pyErr(err)
		}
		label, err := pyjson.GetItem(item, keyLabel)
		if err != nil {
			return 0, pyErr(err)
		}
		c.keys = appendStr(c.keys, box)
		c.keys = append(c.keys, '_')
		c.keys = appendStr(c.keys, label)
		c.keyEnds = append(c.keyEnds, len(c.keys))
	}
	keys, total := bytesView(c.keys), len(c.keyEnds)
	key := func(i int) string {
		start := 0
		if i > 0 {
			start = c.keyEnds[i-1]
		}
		return keys[start:c.keyEnds[i]]
	}
	c.hashes = c.hashes[:0]
	for i := range total {
		c.hashes = append(c.hashes, c.hash(key(i)))
	}
	distinct := c.count(total, func(i, j int) bool { return key(i) == key(j) })
	if tr.On() {
		items := make([]string, total)
		for i := range items {
			items[i] = strings.Clone(key(i))
		}
		tr.Add("bbox items", total)
		tr.Add("distinct bbox items", distinct)
		tr.Add("repeated items (count)", repeated(items))
	}
	if total == 0 {
		return 0.0, nil
	}
	return (1 - float64(distinct)/float64(total)) * -1.0, nil
}

// appendStr appends str(v) to dst. A str, and a list of numbers (a bbox),
// are written here without an intermediate string (TestAppendStr).
func appendStr(dst []byte, v pyjson.Value) []byte {
	switch v := v.(type) {
	case pyjson.Str:
		return append(dst, v...)
	case pyjson.List:
		mark := len(dst)
		dst = append(dst, '[')
		for i, x := range v {
			if i > 0 {
				dst = append(dst, ", "...)
			}
			switch x := x.(type) {
			case pyjson.Int:
				n, ok := x.Int64()
				if !ok {
					return append(dst[:mark], pyjson.ToStr(v)...)
				}
				dst = strconv.AppendInt(dst, n, 10)
			case pyjson.Float:
				dst = py.AppendFloat(dst, float64(x))
			default:
				return append(dst[:mark], pyjson.ToStr(v)...)
			}
		}
		return append(dst, ']')
	}
	return append(dst, pyjson.ToStr(v)...)
}

// repetitionOfWords is the plain-text branch: word 6-grams of the
// lower-cased text, counted by c without building them (the trace, for
// explain, still spells them out). An ASCII text is lower-cased into c's
// buffer.
func repetitionOfWords(c *ngramCounter, content string, tr *scoring.Trace) float64 {
	const n = 6
	if !hasWords(content, n) {
		tr.Add("fewer than 6 words", 0.0)
		return 0.0
	}
	var lower string
	if py.IsASCII(content) {
		c.lower = py.AppendLower(c.lower[:0], content)
		lower = bytesView(c.lower)
	} else {
		lower = py.Lower(content)
	}
	distinct, total := c.distinct(lower, n)
	if tr.On() {
		words := py.Split(py.Lower(content))
		grams := make([]string, total)
		for i := range grams {
			// Words hold no whitespace, so a space joins them unambiguously.
			grams[i] = strings.Join(words[i:i+n], " ")
		}
		tr.Add("word 6-grams", total)
		tr.Add("distinct word 6-grams", distinct)
		tr.Add("repeated 6-grams (count)", repeated(grams))
	}
	return (1 - float64(distinct)/float64(total)) * -1.0
}

// repeatedItem is an n-gram or bbox item seen more than once, for explain.
type repeatedItem struct {
	Item  string `json:"item"`
	Count int    `json:"count"`
}

// repeated lists the items that occur more than once, most frequent first
// (then in order of first appearance), at most 20.
func repeated(items []string) []repeatedItem {
	counts := map[string]int{}
	var order []string
	for _, it := range items {
		if counts[it] == 0 {
			order = append(order, it)
		}
		counts[it]++
	}
	var out []repeatedItem
	for _, it := range order {
		if c := counts[it]; c > 1 {
			out = append(out, repeatedItem{Item: it, Count: c})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	if len(out) > 20 {
		out = out[:20]
	}
	return out
}
