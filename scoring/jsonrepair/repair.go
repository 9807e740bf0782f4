// Package jsonrepair ports repair_json from the Python json_repair library
// (mangiucugna/json_repair 0.61.7), the function VLM-R1's repetition reward uses
// to rescue a bbox JSON block that json.loads rejects.
//
// Repair returns the exact string repair_json(s) returns with default arguments:
// input that json.loads accepts is only re-serialised; anything else goes through
// the library's heuristic parser; several top-level values come back as a list;
// the result is written like json.dumps (", " and ": " separators, non-ASCII
// escaped as \uXXXX, NaN and Infinity bare).
package jsonrepair

import (
	"fmt"

	"github.com/grpo-score/grpo-score/scoring/pyjson"
)

// Repair returns what repair_json(s) returns. Where the Python function raises
// (nesting deeper than its recursion limit, or an internal assertion) Repair
// returns "", which json.loads rejects just as the caller's except clause would.
func Repair(s string) string {
	out, err := RepairErr(s)
	if err != nil {
		return ""
	}
	return out
}

// RepairErr is Repair that also reports the exception repair_json would raise.
func RepairErr(s string) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = "", fmt.Errorf("jsonrepair: internal error: %v", r)
		}
	}()
	out, perr := repair(s)
	if perr != nil {
		return "", fmt.Errorf("jsonrepair: repair_json raises %w", perr)
	}
	return out, nil
}

// repair is the port proper; it lets Go runtime panics through so that tests
// and the fuzzer see them.
func repair(s string) (string, *pyError) {
	v, lerr := pyjson.Loads(s)
	if lerr != nil {
		if err := fromPyjson(lerr); err.kind == errRecursion {
			return "", err
		}
		p := &parser{s: pyjson.Str(s).Runes()}
		if err := catch(func() { v = p.parseTopLevel() }); err != nil {
			return "", err
		}
	}
	if isStr(v, "") {
		return "", nil
	}
	return pyDumps(v), nil
}
