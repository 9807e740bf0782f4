package coco

// The default detection parameters of COCOeval (Params.setDetParams).
const (
	numIoU    = 10  // len(iouThrs)
	numRecall = 101 // len(recThrs)
	numAreas  = 4   // all, small, medium, large
	numMaxDet = 3   // maxDets 1, 10, 100
	maxDet    = 100 // maxDets[-1]: detections kept per image and category
)

// The tables are built once and only read afterwards.
var (
	// iouThresholds is np.linspace(.5, 0.95, 10): its ninth value is
	// 0.8999999999999999, not 0.9.
	iouThresholds = linspace(0.5, 0.95, numIoU)
	// recallThresholds is np.linspace(.0, 1.00, 101).
	recallThresholds = linspace(0, 1, numRecall)
)

// maxDets are the per-image detection limits of the summary.
var maxDets = [numMaxDet]int{1, 10, 100}

// areaRanges are [0, 1e5**2], [0, 32**2], [32**2, 96**2], [96**2, 1e5**2].
var areaRanges = [numAreas][2]float64{
	{0, 1e10},
	{0, 1024},
	{1024, 9216},
	{9216, 1e10},
}

// IoUThresholds returns the ten IoU thresholds, bit for bit as numpy has them.
func IoUThresholds() [numIoU]float64 {
	var t [numIoU]float64
	copy(t[:], iouThresholds)
	return t
}

// outside reports whether area falls outside range a, as
// `area < aRng[0] or area > aRng[1]` (false for NaN).
func outside(area float64, a int) bool {
	return area < areaRanges[a][0] || area > areaRanges[a][1]
}
