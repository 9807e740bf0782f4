package jsonrepair

import (
	"strings"
	"testing"
)

// Expected strings were produced by json_repair 0.61.7 (repair_json with defaults).
func TestRepair(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		// Valid JSON is only re-serialised by json.dumps.
		{"valid compact", `{"a":1,"b":[true,null]}`, `{"a": 1, "b": [true, null]}`},
		{"valid top-level string", `"abc"`, `"abc"`},
		{"valid number", `123`, `123`},
		{"valid null", `null`, `null`},
		{"empty string result", `""`, ``},
		{"leading zero", `{"a": 01}`, `{"a": 1}`},
		{"byte order mark", "\ufeff{\"a\": 1}", `{"a": 1}`},
		// json.dumps escaping and number rendering.
		{"ensure_ascii", "{'a': 'é😀\x7f\x00\x1f'}", `{"a": "\u00e9\ud83d\ude00\u007f\u0000\u001f"}`},
		{"lone surrogate kept", `["\ud83d\ude00", "\ud800", "\udc00x"`, `["\ud83d\ude00", "\ud800", "\udc00x"]`},
		{"escape normalisation", `{"a": "\x41\u0042\uD800"`, `{"a": "AB\ud800"}`},
		{"float repr", `[1.0, -0.0, 1e16, 1e-5, 0.0001, 123456789012345678.0, 1.5e300`,
			`[1.0, -0.0, 1e+16, 1e-05, 0.0001, 1.2345678901234568e+17, 1.5e+300]`},
		{"float forms", `[1e5, 1E5, .5, 5., -.5, 1.e3]`, `[100000.0, 100000.0, 0.5, 5.0, -0.5, 1000.0]`},
		{"overflow", `{"a": 1e999`, `{"a": Infinity}`},
		{"non-finite", `[NaN, Infinity, -Infinity]`, `[NaN, Infinity, -Infinity]`},
		{"number-like strings", `[1_000, 2/3, 1,000]`, `[1000, "2/3", 1, 0]`},
		{"thousands separator", `{"a": 1,000}`, `{"a": "1,000"}`},
		{"dangling exponent", `{"a": 12e}`, `{"a": 12}`},
		{"lone minus", `{"a": -}`, `{"a": ""}`},
		{"int digit limit", `{"a": ` + strings.Repeat("1", 4301) + `, }`, `{"a": "` + strings.Repeat("1", 4301) + `"}`},
		// Several top-level values.
		{"same shape replaces", `{"a":1}{"a":2}`, `{"a": 2}`},
		{"comma separated list", `{"a":1},{"a":2}`, `[{"a": 1}, {"a": 2}]`},
		{"empty values skipped", `[],[],{}`, `[]`},
		{"array then object", `[]{"key":"value"}`, `{"key": "value"}`},
		{"literals outside containers", `true false`, ``},
		// Tuples, comments, prose.
		{"tuple", `(1, 2)`, `[1, 2]`},
		{"grouped value", `(1)`, `1`},
		{"inline parenthesis", "x (1)\n", ``},
		{"comments", "# c\n{\"a\": 1} // d", `{"a": 1}`},
		{"trailing prose", `{"a": "b"} trailing`, `{"a": "b"}`},
		{"python whitespace", "\x1c[1,\x1c2]", `[1, 2]`},
		// Typical bbox faults.
		{"truncated", `[{"bbox_2d": [10, 20, 30, 40], "label": "ca`, `[{"bbox_2d": [10, 20, 30, 40], "label": "ca"}]`},
		{"single quotes", `[{'bbox_2d': [1, 2, 3, 4], 'label': 'dog'}]`, `[{"bbox_2d": [1, 2, 3, 4], "label": "dog"}]`},
		{"unquoted keys", `[{bbox_2d: [1, 2, 3, 4], label: dog}]`, `[{"bbox_2d": [1, 2, 3, 4], "label": "dog"}]`},
		{"missing comma between objects", `[{"label": "a"} {"label": "b"}]`, `[{"label": "a"}, {"label": "b"}]`},
		{"valid duplicate key", `[{"label": "a", "label": "b"}]`, `[{"label": "b"}]`},
		{"duplicate key without comma splits", `[{"label": "a" "label": "b"}]`, `[{"label": "a"}, {"label": "b"}]`},
		{"fenced", "Here:\n```json\n[{\"label\": \"a\"}]\n```", `[{"label": "a"}]`},
		{"nothing", `no json here`, ``},
		{"empty input", ``, ``},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := RepairErr(tc.in)
			if err != nil {
				t.Fatalf("RepairErr(%q) error %v", tc.in, err)
			}
			if got != tc.want {
				t.Errorf("Repair(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

// Where repair_json raises (recursion limit), Repair returns "" and RepairErr the error.
// The depths are those at which a script calling repair_json directly fails.
func TestRepairRecursionLimit(t *testing.T) {
	tests := []struct {
		name  string
		in    func(n int) string
		fails int // smallest failing nesting
	}{
		{"open arrays", func(n int) string { return strings.Repeat("[", n) }, 332},
		{"open objects", func(n int) string { return strings.Repeat(`{"a": `, n) }, 248},
		{"valid arrays", func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }, 995},
		{"valid arrays after prose", func(n int) string { return "x" + strings.Repeat("[", n) + strings.Repeat("]", n) }, 993},
		{"open tuples", func(n int) string { return strings.Repeat("(", n) }, 249},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := RepairErr(tc.in(tc.fails - 1)); err != nil {
				t.Errorf("depth %d: unexpected error %v", tc.fails-1, err)
			}
			if _, err := RepairErr(tc.in(tc.fails)); err == nil {
				t.Errorf("depth %d: want a recursion error", tc.fails)
			}
			if got := Repair(tc.in(tc.fails)); got != "" {
				t.Errorf("depth %d: Repair = %q, want \"\"", tc.fails, got)
			}
		})
	}
}

// Repair's output is json.dumps output, so repairing it again changes nothing.
func TestRepairIdempotent(t *testing.T) {
	for _, v := range loadVectors(t) {
		out := Repair(v.Input)
		if again := Repair(out); again != out {
			t.Errorf("Repair(Repair(%q)) = %q, want %q", v.Input, again, out)
		}
	}
}
