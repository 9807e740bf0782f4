package vlmr1

import (
	"errors"
	"strings"

	"github.com/grpo-score/grpo-score/scoring/pyjson"

	"github.com/grpo-score/grpo-score/scoring"
)

// pyErr turns an exception of package pyjson into a PyError; other errors
// pass through unchanged.
func pyErr(err error) error {
	var pe *pyjson.Error
	if errors.As(err, &pe) {
		return &scoring.PyError{Type: pe.Type, Msg: pe.Msg}
	}
	return err
}

// loads is json.loads with the exception as a PyError.
func loads(s string) (pyjson.Value, error) {
	v, err := pyjson.Loads(s)
	if err != nil {
		return nil, pyErr(err)
	}
	return v, nil
}

const (
	jsonFenceOpen = "```json"
	fence         = "```"
)

// fenceAt finds the first open...``` block at or after from, as the search
// of `open(.*?)```` with DOTALL does, and returns its inner text and the end
// of the block.
func fenceAt(s string, from int, open string) (inner string, end int, ok bool) {
	i := strings.Index(s[from:], open)
	if i < 0 {
		return "", 0, false
	}
	start := from + i + len(open)
	j := strings.Index(s[start:], fence)
	if j < 0 {
		return "", 0, false
	}
	return s[start : start+j], start + j + len(fence), true
}

// firstJSONFence is re.search(r'```json(.*?)```', s, re.DOTALL).group(1).
func firstJSONFence(s string) (string, bool) {
	inner, _, ok := fenceAt(s, 0, jsonFenceOpen)
	return inner, ok
}

// lastJSONFence is re.findall(r'```json(.*?)```', s, re.DOTALL)[-1].
func lastJSONFence(s string) (string, bool) {
	last, found := "", false
	for from := 0; ; {
		inner, end, ok := fenceAt(s, from, jsonFenceOpen)
		if !ok {
			return last, found
		}
		last, found, from = inner, true, end
	}
}

// The keys are held as interface values so that passing them does not
// allocate a fresh interface per lookup.
var (
	keyBBox  pyjson.Value = pyjson.Str("bbox_2d")
	keyLabel pyjson.Value = pyjson.Str("label")
)
