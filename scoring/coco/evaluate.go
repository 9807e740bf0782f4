package coco

import (
	"cmp"
	"slices"
)

// Evaluator runs COCO bounding-box evaluations. It keeps its scratch
// buffers from one evaluation to the next, so a long-lived Evaluator
// evaluates without allocating. The zero value is ready to use; an
// Evaluator is not safe for concurrent use: give each goroutine its own.
type Evaluator struct {
	gtIdx, dtIdx []int32 // input indices grouped by (category, image)
	cats         []int64 // sorted ground-truth categories: p.catIds

	img imageScratch

	// Per area range, the records of the current category's detections,
	// image after image (the concatenation order of accumulate).
	recs     [numAreas][]dtRecord
	nonEmpty [numAreas]bool // some image had a gt or a dt: E is not empty
	npig     [numAreas]int  // ground truths not ignored
	sorted   []dtRecord

	// Laid out [a][t][r][k] and [a][m][t][k] so that summarize's C-order
	// flattening of precision[:, :, :, a, m] is a contiguous run.
	// Entries of category k in area a are meaningful only if valid[a*K+k]:
	// the reference holds -1 there.
	prec       []float64
	recall     []float64
	valid      []bool
	validCount [numAreas]int
	// areaSame[a]: area a's precision and recall entries equal area
	// "all"'s for every category, so do its statistics. skipped[a*K+k]:
	// precisionCurves left that block unwritten (see there).
	areaSame  [numAreas]bool
	skipped   []bool
	reference bool // no shortcuts: the plain computation the tests compare with
	rc, pr    []float64
	seq       []float64
}

// dtRecord is one detection's row of evaluateImg's output, reduced to what
// accumulate reads.
type dtRecord struct {
	score float64
	rank  int32  // position among its image's detections of the category
	tp    uint16 // bit t: matched and not ignored at IoU threshold t
	fp    uint16 // bit t: unmatched and not ignored at IoU threshold t
}

// Evaluate runs COCOeval's evaluate, accumulate and summarize for bounding
// boxes with the default parameters, as calculate_map does. The images are
// the distinct image ids of both inputs, the categories those of the
// ground truths. It never panics, whatever the floats.
func Evaluate(gts []GroundTruth, dts []Detection) Result {
	var e Evaluator
	return e.Evaluate(gts, dts)
}

// Evaluate is the package-level Evaluate reusing e's buffers.
func (e *Evaluator) Evaluate(gts []GroundTruth, dts []Detection) Result {
	return e.run(gts, dts, nil)
}

func (e *Evaluator) run(gts []GroundTruth, dts []Detection, detail *Detail) Result {
	e.group(gts, dts)
	K := len(e.cats)
	e.prec = grow(e.prec, numAreas*K*numIoU*numRecall)
	e.recall = grow(e.recall, numAreas*numMaxDet*K*numIoU)
	e.valid = grow(e.valid, numAreas*K)
	e.validCount = [numAreas]int{}
	e.areaSame = [numAreas]bool{true, true, true, true}
	e.skipped = grow(e.skipped, numAreas*K)
	clear(e.skipped)
	if detail != nil {
		detail.IoUThresholds = IoUThresholds()
		detail.Categories = make([]CategoryDetail, K)
	}
	gs, ds := e.gtIdx, e.dtIdx
	for k, cat := range e.cats {
		ng := 0
		for ng < len(gs) && gts[gs[ng]].CategoryID == cat {
			ng++
		}
		nd := 0
		for nd < len(ds) && dts[ds[nd]].CategoryID == cat {
			nd++
		}
		var cd *CategoryDetail
		if detail != nil {
			cd = &detail.Categories[k]
			cd.CategoryID = cat
		}
		e.evaluateCategory(gts, dts, gs[:ng], ds[:nd], cd)
		e.accumulate(k, K, cd)
		gs, ds = gs[ng:], ds[nd:]
	}
	e.fillSkipped(K)
	return e.summarize(K)
}

// group fills gtIdx and dtIdx with input indices ordered by (category,
// image) and, within a group, in input order, which is the order of
// COCO's per-image annotation lists. Detections of a category without
// ground truth are dropped, as getAnnIds(catIds=p.catIds) drops them;
// such a category would only add -1 entries anyway.
func (e *Evaluator) group(gts []GroundTruth, dts []Detection) {
	e.gtIdx = e.gtIdx[:0]
	for i := range gts {
		e.gtIdx = append(e.gtIdx, int32(i))
	}
	slices.SortStableFunc(e.gtIdx, func(a, b int32) int {
		ga, gb := &gts[a], &gts[b]
		if c := cmp.Compare(ga.CategoryID, gb.CategoryID); c != 0 {
			return c
		}
		return cmp.Compare(ga.ImageID, gb.ImageID)
	})
	e.cats = e.cats[:0]
	for _, i := range e.gtIdx {
		if c := gts[i].CategoryID; len(e.cats) == 0 || e.cats[len(e.cats)-1] != c {
			e.cats = append(e.cats, c)
		}
	}
	e.dtIdx = e.dtIdx[:0]
	for i := range dts {
		if _, ok := slices.BinarySearch(e.cats, dts[i].CategoryID); ok {
			e.dtIdx = append(e.dtIdx, int32(i))
		}
	}
	slices.SortStableFunc(e.dtIdx, func(a, b int32) int {
		da, db := &dts[a], &dts[b]
		if c := cmp.Compare(da.CategoryID, db.CategoryID); c != 0 {
			return c
		}
		return cmp.Compare(da.ImageID, db.ImageID)
	})
}

// evaluateCategory runs evaluateImg for one category over its images in
// ascending id order, for the four area ranges, and collects the records
// accumulate needs. Images with neither a gt nor a dt give None in the
// reference and are skipped here.
func (e *Evaluator) evaluateCategory(gts []GroundTruth, dts []Detection, gs, ds []int32, cd *CategoryDetail) {
	for a := range numAreas {
		e.recs[a] = e.recs[a][:0]
		e.nonEmpty[a] = false
		e.npig[a] = 0
	}
	for len(gs) > 0 || len(ds) > 0 {
		var img int64
		switch {
		case len(gs) == 0:
			img = dts[ds[0]].ImageID
		case len(ds) == 0:
			img = gts[gs[0]].ImageID
		default:
			img = min(gts[gs[0]].ImageID, dts[ds[0]].ImageID)
		}
		ng := 0
		for ng < len(gs) && gts[gs[ng]].ImageID == img {
			ng++
		}
		nd := 0
		for nd < len(ds) && dts[ds[nd]].ImageID == img {
			nd++
		}
		e.evaluateImage(gts, dts, gs[:ng], ds[:nd], img, cd)
		gs, ds = gs[ng:], ds[nd:]
	}
}

// grow returns s resized to n, reusing its storage when it can.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}
