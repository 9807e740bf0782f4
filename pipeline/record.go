package pipeline

import (
	"fmt"
	"math"
	"strconv"

	"github.com/grpo-score/grpo-score/jsonlio"
	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/pyjson"
)

// Fields names where a line keeps what the rewards read.
type Fields struct {
	Completion jsonlio.Path
	Solution   jsonlio.Path
	// Conversations is the fallback for lines without a solution field: a
	// VLM-R1 dataset line, whose conversations[1].value is the answer.
	Conversations jsonlio.Path
	Method        jsonlio.Path
	ImageWidth    jsonlio.Path
	ImageHeight   jsonlio.Path
	GridTHW       jsonlio.Path
	// DataSource is verl's data_source field, which default_compute_score
	// dispatches on; DefaultDataSource stands in where a line has none.
	DataSource        jsonlio.Path
	DefaultDataSource string
	// TokenCount is a field with the completion's token count, or its token
	// ids (a list, whose length counts); nil: the rewards tokenize.
	TokenCount jsonlio.Path
	// InputSize, when set, is the model input's [height, width] in pixels
	// (VLM-R1's eval output), used where a line has no GridTHW.
	InputSize jsonlio.Path
	// Group is the GRPO group key (e.g. a prompt id); nil when not grouping.
	Group GroupKey
}

// DefaultFields are the field names of DESIGN.md.
func DefaultFields() Fields {
	return Fields{
		Completion:    jsonlio.Path{"completion"},
		Solution:      jsonlio.Path{"solution"},
		Conversations: jsonlio.Path{"conversations", "1", "value"},
		Method:        jsonlio.Path{"accu_reward_method"},
		ImageWidth:    jsonlio.Path{"image_width"},
		ImageHeight:   jsonlio.Path{"image_height"},
		GridTHW:       jsonlio.Path{"image_grid_thw"},
		DataSource:    jsonlio.Path{"data_source"},
	}
}

// Sample builds what the rewards see from a line, applying the trainer's
// preprocessing. A missing or unusable solution is recorded in
// Sample.SolutionErr, so that only the rewards that read it fail.
func (f *Fields) Sample(obj *jsonlio.Object, strOf func(jsonlio.Value) (string, error)) (scoring.Sample, error) {
	var s scoring.Sample
	err := f.sample(obj, strOf, &s, nil)
	return s, err
}

// check is Sample for a run in which nothing reads the sample (no
// rewards): the same input errors, without decoding a string.
func (f *Fields) check(obj *jsonlio.Object) error { return f.sample(obj, nil, nil, nil) }

// sample fills s, or only checks the line when s is nil. Short values
// that recur on every line (the method, the data source) come from names
// when it is not nil.
func (f *Fields) sample(obj *jsonlio.Object, strOf func(jsonlio.Value) (string, error), s *scoring.Sample, names *interner) error {
	c, ok := obj.Get(f.Completion)
	if !ok {
		return fmt.Errorf("missing field %q", f.Completion)
	}
	content, err := completionValue(c)
	if err != nil {
		return fmt.Errorf("field %q: %w", f.Completion, err)
	}
	if s != nil {
		if s.Completion, err = content.String(); err != nil {
			return fmt.Errorf("field %q: %w", f.Completion, err)
		}
		if err := f.solution(obj, s, strOf); err != nil {
			s.SolutionErr = err
		}
		if m, ok := obj.Get(f.Method); ok {
			if str, err := names.string(m); err == nil {
				s.Method = str
			} else {
				// None or a non-string selects default_accuracy_reward in the trainer.
				s.Method = "default"
			}
		}
		s.REC = f.rec(obj)
	}
	if v, ok := obj.Get(f.TokenCount); ok {
		n, err := tokenCount(v)
		if err != nil {
			return fmt.Errorf("field %q: %v", f.TokenCount, err)
		}
		if s != nil {
			s.TokenCount, s.HasTokenCount = n, true
		}
	}
	if s != nil {
		s.DataSource = f.DefaultDataSource
		if d, ok := obj.Get(f.DataSource); ok {
			if str, err := names.string(d); err == nil {
				s.DataSource = str
			}
		}
	}
	return nil
}

// interner hands out one copy of each short string value it has seen, so
// that the few method and data source names of a dump are decoded once per
// worker instead of once per line. It holds at most maxInterned values.
type interner struct{ seen map[string]string }

const (
	maxInterned    = 1024
	maxInternedLen = 64
)

// string is v.String(), from the interner when it has v (a nil interner
// has nothing).
func (in *interner) string(v jsonlio.Value) (string, error) {
	if in == nil || len(v) > maxInternedLen {
		return v.String()
	}
	if s, ok := in.seen[string(v)]; ok {
		return s, nil
	}
	s, err := v.String()
	if err == nil && len(in.seen) < maxInterned {
		if in.seen == nil {
			in.seen = map[string]string{}
		}
		in.seen[string(v)] = s
	}
	return s, err
}

// solution applies the trainer's transformation to the line's answer.
func (f *Fields) solution(obj *jsonlio.Object, s *scoring.Sample, strOf func(jsonlio.Value) (string, error)) error {
	path := f.Solution
	v, found := obj.Get(f.Solution)
	if !found && f.Conversations != nil {
		v, found = obj.Get(f.Conversations)
		path = f.Conversations
	}
	if !found {
		return &scoring.InputError{Msg: fmt.Sprintf("missing field %q (or %q)", f.Solution, f.Conversations)}
	}
	if v.Kind() == "string" {
		str, err := v.String()
		if err != nil {
			return &scoring.InputError{Msg: fmt.Sprintf("field %q: %v", path, err)}
		}
		s.Solution = scoring.WrapSolution(str)
		s.Answer = str
		return nil
	}
	if strOf == nil {
		strOf = pythonStr
	}
	str, err := strOf(v)
	if err != nil {
		return &scoring.InputError{Msg: fmt.Sprintf("field %q: %v", path, err)}
	}
	s.Solution = scoring.WrapNonString(str)
	s.Answer, s.AnswerNotStr, s.AnswerJSON = str, true, v
	return nil
}

// tokenCount reads a token count: a non-negative integer, or a list of ids.
func tokenCount(v jsonlio.Value) (int, error) {
	if v.Kind() == "array" {
		els, err := v.Elements()
		return len(els), err
	}
	f, err := v.Float()
	if err != nil || f < 0 || f != math.Trunc(f) || f > 1<<31 {
		return 0, fmt.Errorf("is not a token count (a non-negative integer or a list of ids)")
	}
	return int(f), nil
}

// completionValue is completions[i][0]["content"] for a chat list, or the
// string itself: the JSON string the completion text is.
func completionValue(v jsonlio.Value) (jsonlio.Value, error) {
	switch v.Kind() {
	case "string":
		return v, nil
	case "array":
		msgs, err := v.Elements()
		if err != nil {
			return nil, err
		}
		if len(msgs) == 0 {
			return nil, fmt.Errorf("empty chat list")
		}
		content, ok := msgs[0].Field("content")
		if !ok {
			return nil, fmt.Errorf("first message has no \"content\"")
		}
		if content.Kind() != "string" {
			_, err := content.String() // says what it is instead
			return nil, fmt.Errorf("first message's content %w", err)
		}
		return content, nil
	}
	return nil, fmt.Errorf("is a JSON %s; want a string or a chat list", v.Kind())
}

// rec reads the REC geometry; nil unless all three fields are usable.
func (f *Fields) rec(obj *jsonlio.Object) *scoring.RECInfo {
	w, ok1 := obj.Get(f.ImageWidth)
	h, ok2 := obj.Get(f.ImageHeight)
	g, ok3 := obj.Get(f.GridTHW)
	if !ok3 && f.InputSize != nil {
		g, ok3 = inputSizeGrid(obj, f.InputSize)
	}
	if !ok1 || !ok2 || !ok3 {
		return nil
	}
	var info scoring.RECInfo
	var err error
	if info.ImageWidth, err = w.Float(); err != nil {
		return nil
	}
	if info.ImageHeight, err = h.Float(); err != nil {
		return nil
	}
	els, err := g.Elements()
	if err != nil || len(els) != 3 {
		return nil
	}
	for i, e := range els {
		if info.GridTHW[i], err = e.Float(); err != nil || math.IsNaN(info.GridTHW[i]) {
			return nil
		}
	}
	return &info
}

// inputSizeGrid turns an input size [height, width], which the eval
// scripts compute as image_grid_thw[1:]*14, back into a grid [1, h/14,
// w/14]. The sizes are multiples of 14, so the REC reward's int(grid*14)
// gives them back exactly.
func inputSizeGrid(obj *jsonlio.Object, p jsonlio.Path) (jsonlio.Value, bool) {
	v, ok := obj.Get(p)
	if !ok {
		return nil, false
	}
	els, err := v.Elements()
	if err != nil || len(els) != 2 {
		return nil, false
	}
	grid := []byte("[1")
	for _, e := range els {
		x, err := e.Float()
		if err != nil {
			return nil, false
		}
		grid = append(grid, ", "...)
		grid = strconv.AppendFloat(grid, x/14, 'g', -1, 64)
	}
	return jsonlio.Value(append(grid, ']')), true
}

// pythonStr is Python's str() of a JSON value as json.loads reads it:
// integers keep their digits, other numbers are floats in repr form,
// true/false/null are True/False/None, lists and dicts print their repr.
func pythonStr(v jsonlio.Value) (string, error) { return pyjson.StrOfJSON(v) }
