package coco

// Box is a COCO box: top-left corner, width and height.
type Box struct {
	X, Y, W, H float64
}

// GroundTruth is one ground-truth annotation.
type GroundTruth struct {
	ImageID    int64
	CategoryID int64
	Box        Box
	// Area decides the area-range filtering; COCO takes it from the
	// annotation, not from the box. A negative area ignores the box in
	// every range.
	Area float64
	// Crowd marks an iscrowd region: it is ignored, may match several
	// detections, and its IoU divides by the detection's area.
	Crowd bool
}

// Detection is one detection result. Its area is always Box.W*Box.H.
type Detection struct {
	ImageID    int64
	CategoryID int64
	Box        Box
	Score      float64
}

// Indices of Result.Stats, in the order of COCOeval.summarize.
const (
	StatAP       = iota // AP @[IoU=0.50:0.95 | area=all | maxDets=100]
	StatAP50            // AP @[IoU=0.50 | area=all | maxDets=100]
	StatAP75            // AP @[IoU=0.75 | area=all | maxDets=100]
	StatAPSmall         // AP @[IoU=0.50:0.95 | area=small | maxDets=100]
	StatAPMedium        // AP @[IoU=0.50:0.95 | area=medium | maxDets=100]
	StatAPLarge         // AP @[IoU=0.50:0.95 | area=large | maxDets=100]
	StatAR1             // AR @[IoU=0.50:0.95 | area=all | maxDets=1]
	StatAR10            // AR @[IoU=0.50:0.95 | area=all | maxDets=10]
	StatAR100           // AR @[IoU=0.50:0.95 | area=all | maxDets=100]
	StatARSmall         // AR @[IoU=0.50:0.95 | area=small | maxDets=100]
	StatARMedium        // AR @[IoU=0.50:0.95 | area=medium | maxDets=100]
	StatARLarge         // AR @[IoU=0.50:0.95 | area=large | maxDets=100]
	NumStats
)

// Result is what COCOeval.stats holds after summarize. A statistic with no
// ground truth to measure against is -1.
type Result struct {
	Stats [NumStats]float64
}
