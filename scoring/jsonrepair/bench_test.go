package jsonrepair

import "testing"

func benchmarkSource(b *testing.B, source string) {
	var inputs []string
	for _, v := range loadVectors(b) {
		if v.Source == source {
			inputs = append(inputs, v.Input)
		}
	}
	if len(inputs) == 0 {
		b.Fatalf("no %s vectors", source)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Repair(inputs[i%len(inputs)])
	}
}

// BenchmarkRepairBBoxMutation: one op repairs one bbox-mutation input.
func BenchmarkRepairBBoxMutation(b *testing.B) { benchmarkSource(b, "bbox-mutation") }

// BenchmarkRepairLLMStyle: one op repairs one llm-style input.
func BenchmarkRepairLLMStyle(b *testing.B) { benchmarkSource(b, "llm-style") }
