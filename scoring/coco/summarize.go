package coco

// summarize is COCOeval.summarize for bounding boxes: each statistic is
// np.mean(s[s>-1]) over the C-order flattening of a slice of the precision
// [T,R,K] or recall [T,K] array, or -1 when nothing in it is valid.
func (e *Evaluator) summarize(K int) Result {
	var res Result
	all := -1.0 // no IoU threshold selected: all ten
	res.Stats[StatAP] = e.precisionStat(K, all, 0)
	res.Stats[StatAP50] = e.precisionStat(K, .5, 0)
	res.Stats[StatAP75] = e.precisionStat(K, .75, 0)
	res.Stats[StatAR1] = e.recallStat(K, 0, 0)
	res.Stats[StatAR10] = e.recallStat(K, 0, 1)
	res.Stats[StatAR100] = e.recallStat(K, 0, 2)
	for a, stat := range [numAreas]int{-1, StatAPSmall, StatAPMedium, StatAPLarge} {
		if a == 0 {
			continue
		}
		if e.areaSame[a] && !e.reference {
			// The same valid entries in the same order: the same means.
			res.Stats[stat] = res.Stats[StatAP]
			res.Stats[stat+StatARSmall-StatAPSmall] = res.Stats[StatAR100]
			continue
		}
		res.Stats[stat] = e.precisionStat(K, all, a)
		res.Stats[stat+StatARSmall-StatAPSmall] = e.recallStat(K, a, 2)
	}
	return res
}

// thresholdRange is the run of IoU thresholds that s[t] selects:
// np.where(iouThr == p.iouThrs) when iouThr >= 0 (the thresholds increase,
// so the matches are one run, here of one), all of them otherwise.
func thresholdRange(iouThr float64) (lo, hi int) {
	if iouThr < 0 {
		return 0, numIoU
	}
	lo = 0
	for lo < numIoU && iouThresholds[lo] != iouThr {
		lo++
	}
	hi = lo
	for hi < numIoU && iouThresholds[hi] == iouThr {
		hi++
	}
	return lo, hi
}

// precisionStat averages precision[t, :, :, a, maxDets=100] over the
// selected thresholds, in (t, r, k) order.
func (e *Evaluator) precisionStat(K int, iouThr float64, a int) float64 {
	lo, hi := thresholdRange(iouThr)
	block := e.prec[a*numIoU*numRecall*K:]
	return e.validMean(block[lo*numRecall*K:hi*numRecall*K], K, a)
}

// recallStat averages recall[:, :, a, m] in (t, k) order.
func (e *Evaluator) recallStat(K int, a, m int) float64 {
	return e.validMean(e.recall[(a*numMaxDet+m)*numIoU*K:][:numIoU*K], K, a)
}

// validMean is `-1 if len(s[s>-1]) == 0 else np.mean(s[s>-1])` for a
// block of rows of K categories. Valid entries are never -1 or NaN (they
// are counts over counts), so s > -1 holds exactly for the valid
// categories' entries, in the same order.
func (e *Evaluator) validMean(s []float64, K, a int) float64 {
	switch e.validCount[a] {
	case 0:
		return -1
	case K:
		if len(s) == 0 {
			return -1
		}
		return npMean(s)
	}
	valid := e.valid[a*K:][:K]
	seq := e.seq[:0]
	for row := 0; row < len(s); row += K {
		for k, v := range s[row : row+K] {
			if valid[k] {
				seq = append(seq, v)
			}
		}
	}
	e.seq = seq
	if len(seq) == 0 {
		return -1
	}
	return npMean(seq)
}
