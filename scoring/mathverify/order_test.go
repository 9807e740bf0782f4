package mathverify

import (
	"cmp"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// orderMatchesReference is the plain stable sort orderMatches shortcuts.
func orderMatchesReference(ms []foundMatch) {
	slices.SortStableFunc(ms, func(a, b foundMatch) int {
		if a.end != b.end {
			return cmp.Compare(b.end, a.end)
		}
		return cmp.Compare(a.start, b.start)
	})
}

func TestOrderMatchesMatchesStableSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 5000; trial++ {
		n := rng.IntN(8)
		ms := make([]foundMatch, n)
		pos := 0
		for i := range ms {
			if rng.IntN(3) == 0 { // sometimes a second pattern's matches, out of order
				pos = rng.IntN(20)
			}
			start := pos + rng.IntN(3)
			ms[i] = foundMatch{start: start, end: start + 1 + rng.IntN(4), target: extractor(i)}
			pos = ms[i].end
		}
		got, want := slices.Clone(ms), slices.Clone(ms)
		orderMatches(got)
		orderMatchesReference(want)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("orderMatches(%v) = %v, stable sort %v", ms, got, want)
		}
	}
}
