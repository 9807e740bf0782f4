package coco

// Detail explains an evaluation for area range "all" and maxDets 100: what
// each category scored and how each image's detections were matched.
// Indices refer to the input slices (the COCO id is index+1).
type Detail struct {
	IoUThresholds [numIoU]float64
	Categories    []CategoryDetail // ascending category id
}

// CategoryDetail is one category's share of the evaluation.
type CategoryDetail struct {
	CategoryID int64
	NumGT      int // ground truths not ignored (npig)
	// Precision[t] is the mean interpolated precision over the 101 recall
	// thresholds at IoU threshold t (Precision[0] is this category's AP50);
	// Recall[t] is the recall reached. Both are -1 without ground truth.
	Precision [numIoU]float64
	Recall    [numIoU]float64
	Images    []ImageDetail // ascending image id
}

// ImageDetail is evaluateImg's result for one image and category.
type ImageDetail struct {
	ImageID  int64
	GT       []int       // gt indices in matching order: not ignored first
	GTIgnore []bool      // per GT entry
	DT       []int       // dt indices by descending score, at most 100
	IoU      [][]float64 // IoU[d][g] for DT[d] and GT[g]; nil when either is empty
	// Match[t][d] is the gt index DT[d] matched at IoU threshold t, or -1;
	// DTIgnore[t][d] says whether it is left out of precision and recall.
	Match    [numIoU][]int
	DTIgnore [numIoU][]bool
}

// Explain is Evaluate plus the per-category and per-image detail. It
// allocates; use it for one line at a time, not in the scoring loop.
func (e *Evaluator) Explain(gts []GroundTruth, dts []Detection) (Result, *Detail) {
	d := new(Detail)
	res := e.run(gts, dts, d)
	return res, d
}

// detail copies the current area's ("all") matching state of one image.
func (s *imageScratch) detail(gts []GroundTruth, dts []Detection, gs, ds []int32, img int64) ImageDetail {
	G, D := len(gs), len(ds)
	out := ImageDetail{
		ImageID:  img,
		GT:       make([]int, G),
		GTIgnore: make([]bool, G),
		DT:       make([]int, D),
	}
	for i, g := range s.order {
		out.GT[i] = int(gs[g])
		out.GTIgnore[i] = s.ordIgn[i]
	}
	for d, di := range ds {
		out.DT[d] = int(di)
	}
	if G > 0 && D > 0 {
		out.IoU = make([][]float64, D)
		for d := range D {
			row := make([]float64, G)
			for i, g := range s.order {
				row[i] = s.ious[d*G+int(g)]
			}
			out.IoU[d] = row
		}
	}
	for t := range numIoU {
		out.Match[t] = make([]int, D)
		out.DTIgnore[t] = make([]bool, D)
		for d, di := range ds {
			m := s.dtMatch[t*D+d]
			if m < 0 {
				out.Match[t][d] = -1
				out.DTIgnore[t][d] = outside(float64(dts[di].Box.W*dts[di].Box.H), 0)
				continue
			}
			out.Match[t][d] = int(gs[s.order[m]])
			out.DTIgnore[t][d] = s.ordIgn[m]
		}
	}
	return out
}
