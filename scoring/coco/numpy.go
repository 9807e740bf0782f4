package coco

import "math"

// eps is np.spacing(1), added to the precision denominator.
const eps = 2.220446049250313e-16

// linspace is np.linspace(start, stop, num) with endpoint=True and num >= 2:
// i*step + start, rounded after each operation, and exactly stop last.
func linspace(start, stop float64, num int) []float64 {
	out := make([]float64, num)
	div := num - 1
	step := (stop - start) / float64(div)
	for i := range div {
		out[i] = float64(float64(i)*step) + start
	}
	out[div] = stop
	return out
}

// pairwiseSum is numpy's pairwise_sum for float64: a plain sum below 8
// items, eight running sums up to 128 items, halves (cut at a multiple of
// 8) above.
func pairwiseSum(a []float64) float64 {
	n := len(a)
	switch {
	case n < 8:
		res := 0.0
		for _, v := range a {
			res += v
		}
		return res
	case n <= 128:
		var r [8]float64
		copy(r[:], a[:8])
		whole := n - n%8
		for i := 8; i < whole; i += 8 {
			r[0] += a[i]
			r[1] += a[i+1]
			r[2] += a[i+2]
			r[3] += a[i+3]
			r[4] += a[i+4]
			r[5] += a[i+5]
			r[6] += a[i+6]
			r[7] += a[i+7]
		}
		res := ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
		for i := whole; i < n; i++ {
			res += a[i]
		}
		return res
	default:
		n2 := n / 2
		n2 -= n2 % 8
		return pairwiseSum(a[:n2]) + pairwiseSum(a[n2:])
	}
}

// bufSize is numpy's default ufunc buffer size: a reduction hands the
// inner loop at most this many items at a time.
const bufSize = 8192

// npSum is np.add.reduce of a contiguous float64 array: the reduction
// starts from 0.0 and adds the pairwise sum of each 8192-item block, the
// buffer size numpy's iterator hands to the inner loop. (Checked against
// numpy 1.24.2: summing longer arrays in one pairwise pass differs in the
// last bits.)
func npSum(a []float64) float64 {
	sum := 0.0
	for start := 0; start < len(a); start += bufSize {
		end := min(start+bufSize, len(a))
		sum += pairwiseSum(a[start:end])
	}
	return sum
}

// npMean is np.mean of a non-empty contiguous float64 array.
func npMean(a []float64) float64 {
	if len(a) == 0 {
		return math.NaN() // numpy warns and returns nan; never reached here
	}
	return npSum(a) / float64(len(a))
}

// scoreBefore orders detections as np.argsort(-scores, kind='mergesort')
// does: by descending score with NaN last. Ties keep their order when used
// with a stable sort.
func scoreBefore(a, b float64) bool {
	ka, kb := -a, -b
	return ka < kb || (kb != kb && ka == ka)
}
