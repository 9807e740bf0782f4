package mathverify

import "testing"

func TestMatchNumberAt(t *testing.T) {
	tests := []struct {
		in      string
		pos     int
		ok      bool
		end     int
		integer string // first non-empty of integer1..3
		decimal string // first non-empty of decimal1..3
		percent string
	}{
		{"3", 0, true, 1, "3", "", ""},
		{"x 3", 1, true, 3, "3", "", ""},
		{"x 3", 0, false, 0, "", "", ""},
		{"=-12.5%", 0, true, 7, "-12", ".5", "%"},
		{" 1,234,567.89 percent", 0, true, 21, "1,234,567", ".89", " percent"},
		{" 1234,567", 0, true, 9, "1234", ",567", ""},
		{" 1,2345", 0, true, 6, "1,234", "", ""},
		{"**$5 Pct", 0, true, 8, "5", "", " Pct"},
		{" .5", 0, true, 3, "", ".5", ""},
		{" -.5", 0, false, 0, "", "", ""},
		{" €\u0663\u0664", 0, true, 4, "\u0663\u0664", "", ""},
		{"a3", 1, false, 0, "", "", ""},
		{" 7 percentage", 0, true, 10, "7", "", " percent"},
	}
	for _, tt := range tests {
		runes := []rune(tt.in)
		var n numberMatch
		end, ok := matchNumberAt(runes, tt.pos, &n)
		if ok != tt.ok || (ok && end != tt.end) {
			t.Errorf("matchNumberAt(%q, %d) = %d, %v; want %d, %v", tt.in, tt.pos, end, ok, tt.end, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		fm := foundMatch{num: &n}
		first := func(names ...string) string {
			for _, name := range names {
				if s := fm.group(name); s != "" {
					return s
				}
			}
			return ""
		}
		integer, decimal := first("integer1", "integer2", "integer3"), first("decimal1", "decimal2", "decimal3")
		if integer != tt.integer || decimal != tt.decimal || fm.group("percent") != tt.percent {
			t.Errorf("matchNumberAt(%q, %d): integer %q decimal %q percent %q; want %q %q %q",
				tt.in, tt.pos, integer, decimal, fm.group("percent"), tt.integer, tt.decimal, tt.percent)
		}
	}
}
