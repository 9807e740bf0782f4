package coco

import (
	"math"
	"slices"
)

// imageScratch holds evaluateImg's per-image arrays between calls.
type imageScratch struct {
	ious      []float64 // [d*G+g], detections by score, gts in input order
	ignored   []bool    // per gt in input order, for the current area range
	order     []int32   // gt positions with ignored ones last (gtind)
	ordIgn    []bool    // ignored flags in gtind order (gtIg)
	gtMatched []bool    // [t*G+i], i in gtind order (gtm > 0)
	dtMatch   []int32   // [t*D+d], position in gtind order, -1 unmatched

	// The matching depends on the area range only through the ignored
	// flags: an area whose flags equal the previous area's, or area
	// "all"'s, has its matches already (allIgnored, allMatch).
	prevIgnored, allIgnored []bool
	allMatch                []int32
	// reach[d] is detection d's largest IoU (+Inf if one is NaN, which
	// the matching accepts): below a threshold it matches nothing there.
	reach  []float64
	hasNaN bool // some IoU of the image is NaN: no shortcut in match
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
	s.reach = grow(s.reach, D)
	s.hasNaN = false
	for d, di := range ds {
		reach := math.Inf(-1)
		for g, gi := range gs {
			v := boxIoU(dts[di].Box, gts[gi].Box, gts[gi].Crowd)
			s.ious[d*G+g] = v
			if v != v {
				reach, s.hasNaN = math.Inf(1), true
			}
			reach = max(reach, v)
		}
		s.reach[d] = reach
	}
	s.ignored = grow(s.ignored, G)
	s.ordIgn = grow(s.ordIgn, G)
	s.gtMatched = grow(s.gtMatched, numIoU*G)
	s.dtMatch = grow(s.dtMatch, numIoU*D)
	s.prevIgnored = grow(s.prevIgnored, G)
	s.allIgnored = grow(s.allIgnored, G)
	s.allMatch = grow(s.allMatch, numIoU*D)

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
		switch {
		case a > 0 && !e.reference && slices.Equal(s.ignored[:G], s.prevIgnored):
			// dtMatch holds this matching already
		case a > 0 && !e.reference && slices.Equal(s.ignored[:G], s.allIgnored):
			copy(s.dtMatch, s.allMatch)
		default:
			clear(s.gtMatched)
			for i := range s.dtMatch {
				s.dtMatch[i] = -1
			}
			if G > 0 && D > 0 {
				s.match(gts, gs, G, D, !e.reference)
			}
		}
		copy(s.prevIgnored, s.ignored[:G])
		if a == 0 {
			copy(s.allIgnored, s.ignored[:G])
			copy(s.allMatch, s.dtMatch)
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
//
// With shortcuts, a threshold repeats the previous one's matching when
// every pair matched there has an IoU of at least the new threshold: by
// induction over the detections, each then sees the same gts taken, its
// candidates shrink only by gts below the new threshold, none of which it
// took or could have taken instead, so it makes the same choice (and an
// unmatched one had no candidate at all). NaN IoUs, which pass every
// threshold test, turn the shortcut off.
func (s *imageScratch) match(gts []GroundTruth, gs []int32, G, D int, shortcuts bool) {
	lowest := math.Inf(1) // the smallest IoU matched at the previous threshold
	for t := range numIoU {
		// min([t, 1-1e-10]) in the reference.
		floor := min(iouThresholds[t], 1-1e-10)
		taken := s.gtMatched[t*G : (t+1)*G]
		if shortcuts && t > 0 && !s.hasNaN && lowest >= floor {
			copy(taken, s.gtMatched[(t-1)*G:t*G])
			copy(s.dtMatch[t*D:(t+1)*D], s.dtMatch[(t-1)*D:t*D])
			continue
		}
		lowest = math.Inf(1)
		for d := range D {
			if shortcuts && s.reach[d] < floor {
				continue // every IoU of d is below floor: unmatched
			}
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
			lowest = min(lowest, s.ious[d*G+int(s.order[m])])
		}
	}
}
