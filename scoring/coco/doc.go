// Package coco is a port of the bounding-box evaluation of pycocotools'
// COCOeval (evaluate, accumulate, summarize) as VLM-R1 vendors and calls it
// for its mAP rewards.
//
// Parity with the Python reference is the goal, bit for bit: every value
// that numpy decides (linspace thresholds, stable mergesort orders,
// np.spacing(1) in the precision, the precision envelope, searchsorted and
// np.mean's buffered pairwise summation) is reproduced in the same order in
// IEEE double arithmetic, and so is the C routine bbIou behind
// pycocotools.mask.iou, including its crowd rule and its NaN behaviour.
//
// Identifiers follow COCO.loadRes and VLM-R1's calculate_map: the ground
// truth at index i has id i+1 and the detection at index i has id i+1.
// Detections get iscrowd 0 and the area W*H, as loadRes assigns them.
package coco
