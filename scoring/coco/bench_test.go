package coco

import "testing"

// typicalLine is one rollout's worth of boxes: three ground truths in two
// categories and four predictions (one duplicate, one slightly off).
func typicalLine() ([]GroundTruth, []Detection) {
	gts := []GroundTruth{
		{CategoryID: 0, Box: xyxy(733, 732, 1202, 1246), Area: 469 * 514},
		{CategoryID: 1, Box: xyxy(320, 721, 528, 1450), Area: 208 * 729},
		{CategoryID: 0, Box: xyxy(1193, 1209, 1332, 1460), Area: 139 * 251},
	}
	dts := []Detection{
		{CategoryID: 0, Box: xyxy(740, 730, 1200, 1250), Score: 1},
		{CategoryID: 1, Box: xyxy(322, 719, 530, 1449), Score: 1},
		{CategoryID: 0, Box: xyxy(1190, 1215, 1340, 1455), Score: 1},
		{CategoryID: 0, Box: xyxy(740, 730, 1200, 1250), Score: 1},
	}
	return gts, dts
}

func BenchmarkEvaluate(b *testing.B) {
	gts, dts := typicalLine()
	var e Evaluator
	b.ReportAllocs()
	for b.Loop() {
		e.Evaluate(gts, dts)
	}
}

func BenchmarkEvaluateFresh(b *testing.B) {
	gts, dts := typicalLine()
	b.ReportAllocs()
	for b.Loop() {
		Evaluate(gts, dts)
	}
}

func BenchmarkExplain(b *testing.B) {
	gts, dts := typicalLine()
	var e Evaluator
	b.ReportAllocs()
	for b.Loop() {
		e.Explain(gts, dts)
	}
}
