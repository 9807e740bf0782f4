// Package levenshtein computes python-Levenshtein's ratio (versions 0.21 and
// later): the normalised Indel similarity 1 - (insertions + deletions) /
// (len(a) + len(b)) over code points, via a bit-parallel longest common
// subsequence so that long answers stay cheap.
package levenshtein

import (
	"math/bits"
	"unicode/utf8"
)

// Ratio returns 1 - indel(a, b) / (len(a) + len(b)) with lengths in code
// points; two empty strings are identical (1.0).
func Ratio(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	total := len(ra) + len(rb)
	if total == 0 {
		return 1.0
	}
	dist := total - 2*LCS(ra, rb)
	return 1.0 - float64(dist)/float64(total)
}

// RatioString is Ratio without converting ASCII strings to runes.
func RatioString(a, b string) float64 {
	if !isASCII(a) || !isASCII(b) {
		return Ratio(a, b)
	}
	total := len(a) + len(b)
	if total == 0 {
		return 1.0
	}
	return 1.0 - float64(total-2*lcsBytes(a, b))/float64(total)
}

// LCS is the length of the longest common subsequence of a and b
// (Allison–Dix / Hyyrö bit-vector recurrence, one machine word per 64
// symbols of a).
func LCS(a, b []rune) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	words := (len(a) + 63) / 64
	peq := map[rune][]uint64{}
	for i, r := range a {
		m := peq[r]
		if m == nil {
			m = make([]uint64, words)
			peq[r] = m
		}
		m[i/64] |= 1 << (i % 64)
	}
	v := make([]uint64, words)
	for i := range v {
		v[i] = ^uint64(0)
	}
	for _, r := range b {
		if m := peq[r]; m != nil {
			step(v, m)
		}
	}
	return countLCS(v, len(a))
}

func lcsBytes(a, b string) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	words := (len(a) + 63) / 64
	var peq [128][]uint64
	backing := make([]uint64, 0, words*8)
	for i := 0; i < len(a); i++ {
		c := a[i]
		if peq[c] == nil {
			if cap(backing)-len(backing) < words {
				backing = make([]uint64, 0, words*8)
			}
			backing = backing[:len(backing)+words]
			peq[c] = backing[len(backing)-words:]
		}
		peq[c][i/64] |= 1 << (i % 64)
	}
	v := make([]uint64, words)
	for i := range v {
		v[i] = ^uint64(0)
	}
	for i := 0; i < len(b); i++ {
		if m := peq[b[i]]; m != nil {
			step(v, m)
		}
	}
	return countLCS(v, len(a))
}

// step applies V' = (V + U) | (V - U) with U = V & M; since U is a subset of
// V, V - U is V &^ U and only the addition carries between words.
func step(v, m []uint64) {
	var carry uint64
	for w := range v {
		u := v[w] & m[w]
		sum, c := bits.Add64(v[w], u, carry)
		carry = c
		v[w] = sum | (v[w] &^ u)
	}
}

// countLCS counts the zero bits of V among the first n positions.
func countLCS(v []uint64, n int) int {
	zeros := 0
	for w, x := range v {
		valid := 64
		if rest := n - w*64; rest < 64 {
			valid = rest
		}
		mask := ^uint64(0)
		if valid < 64 {
			mask = (1 << valid) - 1
		}
		zeros += bits.OnesCount64(^x & mask)
	}
	return zeros
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
