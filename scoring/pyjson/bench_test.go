package pyjson

import (
	"strings"
	"testing"
)

func BenchmarkLoadsBoxes(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("[")
	for i := 0; i < 10; i++ {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(`{"bbox_2d": [12, 34.5, 120, 240], "label": "traffic light"}`)
	}
	sb.WriteString("]")
	s := sb.String()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		if _, err := Loads(s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReprBoxes(b *testing.B) {
	v, _ := Loads(`[{"bbox_2d": [12, 34.5, 120, 240], "label": "traffic light"}, {"bbox_2d": [1e16, -0.0, 3, 4], "label": "it's"}]`)
	for b.Loop() {
		_ = Repr(v)
	}
}
