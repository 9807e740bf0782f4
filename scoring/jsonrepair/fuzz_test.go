package jsonrepair

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzRepair: no Go panic on any input, and whenever repair_json would return
// (rather than raise) the result is "" or JSON that json.loads accepts, bounded
// in size, and a fixed point of Repair.
func FuzzRepair(f *testing.F) {
	for i, v := range loadVectors(f) {
		if i%7 == 0 || v.Source == "llm-style" {
			f.Add(v.Input)
		}
	}
	for _, s := range []string{"", "[", "{", `{"a": "\`, "„x”", "```json\n[", "(", "/*", "{'a': [[1, 2], 3, 4] [5, 6]}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, perr := repair(s)
		if perr != nil {
			if out != "" {
				t.Fatalf("error %v with output %q", perr, out)
			}
			return
		}
		if out == "" {
			return
		}
		if limit := 16*len(s) + 16; len(out) > limit {
			t.Fatalf("Repair(%q) is %d bytes, over %d", s, len(out), limit)
		}
		if _, err := pythonLoads(out); err != nil {
			t.Fatalf("Repair(%q) = %q is not JSON: %v", s, out, err)
		}
		if !strings.Contains(out, "NaN") && !strings.Contains(out, "Infinity") && !json.Valid([]byte(out)) {
			// Without non-finite floats the output is standard JSON too.
			t.Fatalf("Repair(%q) = %q is not valid JSON for encoding/json", s, out)
		}
		if again, err := repair(out); err != nil || again != out {
			t.Fatalf("Repair(%q) = %q, but Repair of that = %q (%v)", s, out, again, err)
		}
	})
}
