package coco

import "slices"

// accumulate is COCOeval.accumulate for category k (of K): the recall of
// every area range and maxDets, and the precision at the 101 recall
// thresholds for maxDets 100 (the only one summarize reads). Settings
// without any evaluated image or without a non-ignored gt are -1 in the
// reference; here they are marked invalid in e.valid and left unwritten.
func (e *Evaluator) accumulate(k, K int, cd *CategoryDetail) {
	for a := range numAreas {
		// Category k's entries in area a, K apart (see Evaluator.prec).
		prec := e.prec[a*numIoU*numRecall*K+k:]
		valid := e.nonEmpty[a] && e.npig[a] > 0
		e.valid[a*K+k] = valid
		if valid != e.valid[k] {
			e.areaSame[a] = false // a is not area "all" again (see precisionCurves)
		}
		if !valid {
			if a == 0 && cd != nil {
				fill(cd.Precision[:], -1)
				fill(cd.Recall[:], -1)
			}
			continue
		}
		e.validCount[a]++
		npig := float64(e.npig[a])
		recs := e.recs[a]
		for m, md := range maxDets {
			var tps [numIoU]int
			nd := 0
			for _, r := range recs {
				if int(r.rank) >= md {
					continue
				}
				nd++
				for t := range numIoU {
					tps[t] += int(r.tp >> t & 1)
				}
			}
			rec := e.recall[(a*numMaxDet+m)*numIoU*K+k:]
			for t := range numIoU {
				rec[t*K] = 0
				if nd > 0 {
					rec[t*K] = float64(tps[t]) / npig
				}
			}
		}
		e.precisionCurves(a, k, K, npig, prec)
		if a == 0 && cd != nil {
			cd.NumGT = e.npig[a]
			q := make([]float64, numRecall)
			for t := range numIoU {
				for r := range q {
					q[r] = prec[(t*numRecall+r)*K]
				}
				cd.Precision[t] = npMean(q)
				cd.Recall[t] = e.recall[((a*numMaxDet+numMaxDet-1)*numIoU+t)*K+k]
			}
		}
	}
}

// precisionCurves fills category k's precision block of area a: ten
// curves, K apart. An area whose records and npig are those of area "all"
// would get the same curves, so its block is left for later: while that
// holds for every category, summarize reuses area "all"'s statistics and
// never reads it; otherwise fillSkipped copies it before summarize runs.
// e.reference turns the shortcut off (the tests' reference).
func (e *Evaluator) precisionCurves(a, k, K int, npig float64, prec []float64) {
	recs := e.recs[a]
	if a > 0 && !e.reference && e.valid[k] && e.npig[a] == e.npig[0] && slices.Equal(recs, e.recs[0]) {
		e.skipped[a*K+k] = true
		return
	}
	if a > 0 {
		e.areaSame[a] = false
	}
	sorted := e.byScore(recs)
	for t := range numIoU {
		e.precisionCurve(sorted, t, npig, prec[t*numRecall*K:], K)
	}
}

// fillSkipped copies area "all"'s precision blocks into the blocks
// precisionCurves left out of areas whose statistics summarize computes.
func (e *Evaluator) fillSkipped(K int) {
	for a := 1; a < numAreas; a++ {
		for k := range K {
			if !e.skipped[a*K+k] {
				continue
			}
			e.skipped[a*K+k] = false
			if e.areaSame[a] {
				continue
			}
			dst, src := e.prec[a*numIoU*numRecall*K+k:], e.prec[k:]
			for i := 0; i < numIoU*numRecall*K; i += K {
				dst[i] = src[i]
			}
		}
	}
}

// byScore is np.argsort(-dtScores, kind='mergesort') applied to the
// concatenated records: a stable sort, NaN scores last. The records of one
// image are already in that order, so the common case copies nothing.
func (e *Evaluator) byScore(recs []dtRecord) []dtRecord {
	if slices.IsSortedFunc(recs, compareScores) {
		return recs
	}
	e.sorted = append(e.sorted[:0], recs...)
	slices.SortStableFunc(e.sorted, compareScores)
	return e.sorted
}

func compareScores(a, b dtRecord) int {
	switch {
	case scoreBefore(a.score, b.score):
		return -1
	case scoreBefore(b.score, a.score):
		return 1
	}
	return 0
}

// precisionCurve fills q[0], q[stride], ... q[100*stride] with the interpolated precision at the recall
// thresholds for IoU threshold t: cumulative tp/fp counts, recall tp/npig,
// precision tp/(fp+tp+np.spacing(1)), the right-to-left envelope, then
// searchsorted(rc, recThrs, side='left'). Thresholds past the last
// detection keep 0, as the reference's IndexError leaves them.
func (e *Evaluator) precisionCurve(recs []dtRecord, t int, npig float64, q []float64, stride int) {
	nd := len(recs)
	e.rc = grow(e.rc, nd)
	e.pr = grow(e.pr, nd)
	rc, pr := e.rc, e.pr
	tp, fp := 0.0, 0.0
	for i, r := range recs {
		tp += float64(r.tp >> t & 1)
		fp += float64(r.fp >> t & 1)
		rc[i] = tp / npig
		pr[i] = tp / (fp + tp + eps)
	}
	for i := nd - 1; i > 0; i-- {
		if pr[i] > pr[i-1] {
			pr[i-1] = pr[i]
		}
	}
	// The thresholds that searchsorted maps to i are those in
	// (rc[i-1], rc[i]] (rc never decreases): fill them run by run.
	ri := 0
	for i := 0; i < nd && ri < numRecall; i++ {
		end := thresholdsUpTo(rc[i])
		for ; ri < end; ri++ {
			q[ri*stride] = pr[i]
		}
	}
	for ; ri < numRecall; ri++ {
		q[ri*stride] = 0
	}
}

// thresholdsUpTo is the number of recall thresholds <= x. The thresholds
// are within an ulp of r/100, so x*100 is a guess that the loops correct.
func thresholdsUpTo(x float64) int {
	if !(x >= 0) {
		return 0
	}
	n := numRecall
	if x < 1 {
		n = int(x*100) + 1
	}
	for n < numRecall && recallThresholds[n] <= x {
		n++
	}
	for n > 0 && recallThresholds[n-1] > x {
		n--
	}
	return n
}

func fill(s []float64, v float64) {
	for i := range s {
		s[i] = v
	}
}
