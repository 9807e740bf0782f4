package tokenizer

import (
	"math/bits"

	"github.com/grpo-score/grpo-score/scoring/tokenizer/internal/spec"
)

// mergeTable maps a pair of token ids to its merge rank and result, in an
// open-addressing hash table (the BPE loop's only lookup).
type mergeTable struct {
	slots []mergeSlot
	shift uint
}

type mergeSlot struct {
	key          uint64 // left<<32 | right; emptyKey if unused
	rank, result int32
}

const emptyKey = ^uint64(0)

func pairKey(left, right int32) uint64 { return uint64(uint32(left))<<32 | uint64(uint32(right)) }

func (t *mergeTable) home(key uint64) int {
	return int((key * 0x9E3779B97F4A7C15) >> t.shift)
}

// newMergeTable builds the table for merges given in rank order. A pair
// listed twice keeps its last rank, as Hugging Face's loader does.
func newMergeTable(merges []spec.Merge) *mergeTable {
	size := 1 << bits.Len(uint(len(merges)+len(merges)/4)) // load factor <= 4/5
	size = max(size, 16)
	t := &mergeTable{slots: make([]mergeSlot, size), shift: uint(64 - bits.TrailingZeros(uint(size)))}
	for i := range t.slots {
		t.slots[i].key = emptyKey
	}
	mask := size - 1
	for rank, m := range merges {
		key := pairKey(m.Left, m.Right)
		for i := t.home(key); ; i = (i + 1) & mask {
			s := &t.slots[i]
			if s.key == emptyKey || s.key == key {
				*s = mergeSlot{key: key, rank: int32(rank), result: m.Result}
				break
			}
		}
	}
	return t
}

// noMerge is the rank of a pair that has no merge.
const noMerge = int32(1<<31 - 1)

// lookup returns the rank and result of merging left and right, or noMerge.
func (t *mergeTable) lookup(left, right int32) (rank, result int32) {
	key := pairKey(left, right)
	mask := len(t.slots) - 1
	for i := t.home(key); ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.key == key {
			return s.rank, s.result
		}
		if s.key == emptyKey {
			return noMerge, -1
		}
	}
}
