package coco

import "slices"

// imageScratch holds evaluateImg's per-image arrays between calls.
type imageScratch struct {
	ious      []float64 // [d*G+g], detections by score, gts in input order
	ignored   []bool    // per gt in input order, for the current area range
	order     []int32   // gt positions with ignored ones last (gtind)
	ordIgn    []bool    // ignored flags in gtind order (gtIg)
	gtMatched []bool    // [t*G+i], i in gtind order (gtm > 0)
	dtMatch   []int32   // [t*D+d], position in gtind order, -1 unmatched
}

// evaluateImage is computeIoU plus evaluateImg for one image and one
// category, for all four area ranges (maxDet 100). gs and ds are input
// indices in input order; ds is reordered in place.
func (e *Evaluator) evaluateImage(gts []GroundTruth, dts []Detection, gs, ds []int32, img int64, cd *CategoryDetail) {
	slices.SortStableFunc(ds, func(a, b int32) int {
		sa, sb := dts[a].Score, dts[b].Score
		switch {
		case scoreBefore(sa, sb):
			return -1
		case scoreBefore(sb, sa):
			return 1
		}
		return 0
	})
	if len(ds) > maxDet {
		ds = ds[:maxDet]
	}
	G, D := len(gs), len(ds)
	s := &e.img
	s.ious = grow(s.ious, D*G)
	for d, di := range ds {
		for g, gi := range gs {
			s.ious[d*G+g] = boxIoU(dts[di].Box, gts[gi].Box, gts[gi].Crowd)
		}
	}
	s.ignored = grow(s.ignored, G)
	s.ordIgn = grow(s.ordIgn, G)
	s.gtMatched = grow(s.gtMatched, numIoU*G)
	s.dtMatch = grow(s.dtMatch, numIoU*D)

	for a := range numAreas {
		e.nonEmpty[a] = true
		s.order = s.order[:0]
		for g, gi := range gs {
			ign := gts[gi].Crowd || outside(gts[gi].Area, a)
			s.ignored[g] = ign
			if !ign {
				s.order = append(s.order, int32(g))
			}
		}
		e.npig[a] += len(s.order)
		for g := range gs {
			if s.ignored[g] {
				s.order = append(s.order, int32(g))
			}
		}
		for i, g := range s.order {
			s.ordIgn[i] = s.ignored[g]
		}
		clear(s.gtMatched)
		for i := range s.dtMatch {
			s.dtMatch[i] = -1
		}
		if G > 0 && D > 0 {
			s.match(gts, gs, G, D)
		}
		for d, di := range ds {
			out := outside(float64(dts[di].Box.W*dts[di].Box.H), a)
			r := dtRecord{score: dts[di].Score, rank: int32(d)}
			for t := range numIoU {
				m := s.dtMatch[t*D+d]
				switch {
				case m >= 0 && !s.ordIgn[m]:
					r.tp |= 1 << t
				case m < 0 && !out:
					r.fp |= 1 << t
				}
			}
			e.recs[a] = append(e.recs[a], r)
		}
		if a == 0 && cd != nil {
			cd.Images = append(cd.Images, s.detail(gts, dts, gs, ds, img))
		}
	}
}

// match is evaluateImg's greedy matching loop, with its continue and break
// rules as written: detections in score order each take the best-IoU gt
// not yet taken (crowd gts can be taken again), a regular match is never
// traded for an ignored gt, and a tie keeps the later gt.
func (s *imageScratch) match(gts []GroundTruth, gs []int32, G, D int) {
	for t := range numIoU {
		// min([t, 1-1e-10]) in the reference.
		floor := min(iouThresholds[t], 1-1e-10)
		taken := s.gtMatched[t*G : (t+1)*G]
		for d := range D {
			best, m := floor, -1
			for i, g := range s.order {
				if taken[i] && !gts[gs[g]].Crowd {
					continue
				}
				if m > -1 && !s.ordIgn[m] && s.ordIgn[i] {
					break
				}
				v := s.ious[d*G+int(g)]
				if v < best {
					continue
				}
				best, m = v, i
			}
			if m == -1 {
				continue
			}
			s.dtMatch[t*D+d] = int32(m)
			taken[m] = true
		}
	}
}
