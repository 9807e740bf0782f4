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
		sorted := e.byScore(recs)
		for t := range numIoU {
			e.precisionCurve(sorted, t, npig, prec[t*numRecall*K:], K)
		}
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
	i := 0
	for ri, thr := range recallThresholds {
		for i < nd && rc[i] < thr {
			i++
		}
		if i >= nd {
			for ; ri < numRecall; ri++ {
				q[ri*stride] = 0
			}
			return
		}
		q[ri*stride] = pr[i]
	}
}

func fill(s []float64, v float64) {
	for i := range s {
		s[i] = v
	}
}
