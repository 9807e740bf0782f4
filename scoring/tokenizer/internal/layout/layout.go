// Package layout is the in-memory form of a byte-level BPE tokenizer, laid
// out as one little-endian byte string so that a tokenizer embedded in the
// binary is used where it lies: opening it reads a fixed header and checks
// sizes, and every lookup reads the string directly. Nothing is decoded,
// hashed or allocated per token at start-up.
//
// The string, after a 48-byte header:
//
//	byte ids    256 × int32: the token of each single byte, -1 if none
//	merge slots 2^slotBits × uint64: open addressing on left<<20|right;
//	            a slot holds key<<24 | rank, or all ones if unused
//	results     ranks × int32: the token a merge of that rank yields
//	tokens      (tokens+1) × uint32: where each token's text starts in
//	            the text area, with its spec.Kind in the top two bits
//	added       added × 4 × uint32: id, flags, content start, content length
//	text        the tokens' texts, then the added tokens' contents
package layout

import (
	"errors"
	"fmt"
	"math/bits"

	"github.com/grpo-score/grpo-score/scoring/tokenizer/internal/spec"
)

const magic = "grpo-score/bpe/2"

const headerLen = 48

// Limits of the form: ids and ranks must fit their fields of a slot.
const (
	MaxTokens = 1<<20 - 1
	MaxMerges = 1<<24 - 1
	maxText   = 1<<30 - 1
)

const (
	flagNFC = 1 << iota
	flagIgnoreMerges
	flagMonotone
)

const (
	addedSingleWord = 1 << iota
	addedLStrip
	addedRStrip
	addedNormalized
	addedSpecial
)

const (
	emptySlot = ^uint64(0)
	rankMask  = 1<<24 - 1
	kindShift = 30
	offMask   = 1<<kindShift - 1
)

// NoMerge is the rank Lookup gives a pair without a merge.
const NoMerge = int32(1<<31 - 1)

// Table is an opened layout. Its methods only read.
type Table struct {
	s               string
	nTokens, nRanks int
	nAdded          int
	slotMask        int
	shift           uint
	flags           uint32
	slots, results  int // offsets of the sections in s
	tokens, added   int
	text, addedText int
}

func le32(s string, i int) uint32 {
	return uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16 | uint32(s[i+3])<<24
}

func le64(s string, i int) uint64 {
	_ = s[i+7]
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

func put32(b []byte, v uint32) []byte {
	return append(b, byte(v), byte(v>>8), byte(v>>16), byte(v>>24))
}

func put64(b []byte, v uint64) []byte {
	return put32(put32(b, uint32(v)), uint32(v>>32))
}

// Open checks the header and section sizes of s and returns the table over
// it. It reads nothing else: accessors stay within s on any input.
func Open(s string) (*Table, error) {
	if len(s) < headerLen || s[:len(magic)] != magic {
		return nil, errors.New("tokenizer layout: bad magic")
	}
	h := func(i int) int { return int(le32(s, len(magic)+4*i)) }
	t := &Table{s: s, flags: uint32(h(0)), nTokens: h(1), nRanks: h(2), nAdded: h(5)}
	slotBits, textLen, addedTextLen := h(3), h(4), h(6)
	if t.nTokens > MaxTokens || t.nRanks > MaxMerges || slotBits < 4 || slotBits > 26 ||
		textLen > maxText || addedTextLen > maxText || t.nAdded > MaxTokens {
		return nil, errors.New("tokenizer layout: header out of range")
	}
	t.slotMask, t.shift = 1<<slotBits-1, uint(64-slotBits)
	t.slots = headerLen + 256*4
	t.results = t.slots + 8<<slotBits
	t.tokens = t.results + 4*t.nRanks
	t.added = t.tokens + 4*(t.nTokens+1)
	t.text = t.added + 16*t.nAdded
	t.addedText = t.text + textLen
	if end := t.addedText + addedTextLen; end != len(s) {
		return nil, fmt.Errorf("tokenizer layout: %d bytes, header says %d", len(s), end)
	}
	for i := range t.nAdded {
		if off, n := t.addedField(i, 2), t.addedField(i, 3); n == 0 || off+n > addedTextLen {
			return nil, fmt.Errorf("tokenizer layout: added token %d: bad content", i)
		}
	}
	return t, nil
}

func (t *Table) NFC() bool          { return t.flags&flagNFC != 0 }
func (t *Table) IgnoreMerges() bool { return t.flags&flagIgnoreMerges != 0 }

// Monotone reports whether every merge's operands are produced only by
// merges of lower rank, so that a merge never enables one of lower or equal
// rank: BPE can then apply merges rank by rank.
func (t *Table) Monotone() bool { return t.flags&flagMonotone != 0 }

// Ranks is the number of merge ranks; every rank Lookup returns is below it.
func (t *Table) Ranks() int { return t.nRanks }

// Tokens is the number of ids with a vocabulary entry (absent ones included).
func (t *Table) Tokens() int { return t.nTokens }

// ByteID is the token of the single byte b, -1 if none.
func (t *Table) ByteID(b byte) int32 { return int32(le32(t.s, headerLen+4*int(b))) }

func (t *Table) home(key uint64) int { return int((key * 0x9E3779B97F4A7C15) >> t.shift) }

// Lookup returns the rank and result of merging left and right, or NoMerge
// and -1.
func (t *Table) Lookup(left, right int32) (rank, result int32) {
	key := uint64(uint32(left))<<20 | uint64(uint32(right))
	for i, n := t.home(key), 0; n <= t.slotMask; i, n = (i+1)&t.slotMask, n+1 {
		slot := le64(t.s, t.slots+8*i)
		if slot>>24 == key {
			r := int(slot & rankMask)
			if r >= t.nRanks {
				break
			}
			return int32(r), int32(le32(t.s, t.results+4*r))
		}
		if slot == emptySlot {
			break
		}
	}
	return NoMerge, -1
}

func (t *Table) tokenStart(id int) int { return int(le32(t.s, t.tokens+4*id) & offMask) }

// Token returns the text and kind of id: raw bytes for spec.Bytes, the text
// as written for spec.Verbatim, "" and spec.Absent for an unused or unknown id.
func (t *Table) Token(id int) (string, spec.Kind) {
	if id < 0 || id >= t.nTokens {
		return "", spec.Absent
	}
	v := le32(t.s, t.tokens+4*id)
	start, end := t.text+int(v&offMask), t.text+t.tokenStart(id+1)
	if start > end || end > t.addedText {
		return "", spec.Absent // only a damaged layout gets here
	}
	return t.s[start:end], spec.Kind(v >> kindShift)
}

func (t *Table) addedField(i, f int) int { return int(le32(t.s, t.added+16*i+4*f)) }

// Added returns the added tokens in file order.
func (t *Table) Added() []spec.AddedToken {
	out := make([]spec.AddedToken, t.nAdded)
	for i := range out {
		f := t.addedField(i, 1)
		off := t.addedText + t.addedField(i, 2)
		out[i] = spec.AddedToken{
			ID: int32(t.addedField(i, 0)), Content: t.s[off : off+t.addedField(i, 3)],
			SingleWord: f&addedSingleWord != 0, LStrip: f&addedLStrip != 0, RStrip: f&addedRStrip != 0,
			Normalized: f&addedNormalized != 0, Special: f&addedSpecial != 0,
		}
	}
	return out
}

// Build lays s out. A pair listed twice keeps its last rank, as Hugging
// Face's loader does.
func Build(s *spec.Spec) (string, error) {
	if len(s.Tokens) > MaxTokens {
		return "", fmt.Errorf("%d tokens: at most %d are supported", len(s.Tokens), MaxTokens)
	}
	if len(s.Merges) > MaxMerges {
		return "", fmt.Errorf("%d merges: at most %d are supported", len(s.Merges), MaxMerges)
	}
	for i, m := range s.Merges {
		for _, id := range []int32{m.Left, m.Right, m.Result} {
			if id < 0 || int(id) >= len(s.Tokens) {
				return "", fmt.Errorf("merge %d uses id %d, outside the vocabulary", i, id)
			}
		}
	}
	for _, a := range s.Added {
		if a.ID < 0 || a.ID > MaxTokens || a.Content == "" {
			return "", fmt.Errorf("added token %q: id %d unsupported", a.Content, a.ID)
		}
	}
	slotBits := max(bits.Len(uint(len(s.Merges)+len(s.Merges)/4)), 4) // load factor <= 4/5
	slots := make([]uint64, 1<<slotBits)
	for i := range slots {
		slots[i] = emptySlot
	}
	t := &Table{slotMask: len(slots) - 1, shift: uint(64 - slotBits)}
	for rank, m := range s.Merges {
		key := uint64(m.Left)<<20 | uint64(m.Right)
		for i := t.home(key); ; i = (i + 1) & t.slotMask {
			if slots[i] == emptySlot || slots[i]>>24 == key {
				slots[i] = key<<24 | uint64(rank)
				break
			}
		}
	}

	var flags uint32
	if s.NFC {
		flags |= flagNFC
	}
	if s.IgnoreMerges {
		flags |= flagIgnoreMerges
	}
	if monotone(s, slots) {
		flags |= flagMonotone
	}

	var text, addedText []byte
	for _, tok := range s.Tokens {
		text = append(text, tok.Text...)
	}
	for _, a := range s.Added {
		addedText = append(addedText, a.Content...)
	}
	if len(text) > maxText || len(addedText) > maxText {
		return "", errors.New("token texts too long")
	}

	b := make([]byte, 0, headerLen+1024+8*len(slots)+4*len(s.Merges)+4*len(s.Tokens)+16*len(s.Added)+len(text)+len(addedText)+4)
	b = append(b, magic...)
	for _, v := range []int{int(flags), len(s.Tokens), len(s.Merges), slotBits, len(text), len(s.Added), len(addedText), 0} {
		b = put32(b, uint32(v))
	}
	byteIDs := [256]int32{}
	for i := range byteIDs {
		byteIDs[i] = -1
	}
	for id, tok := range s.Tokens {
		if tok.Kind == spec.Bytes && len(tok.Text) == 1 {
			byteIDs[tok.Text[0]] = int32(id)
		}
	}
	for _, id := range byteIDs {
		b = put32(b, uint32(id))
	}
	for _, v := range slots {
		b = put64(b, v)
	}
	for _, m := range s.Merges {
		b = put32(b, uint32(m.Result))
	}
	off := 0
	for _, tok := range s.Tokens {
		b = put32(b, uint32(off)|uint32(tok.Kind)<<kindShift)
		off += len(tok.Text)
	}
	b = put32(b, uint32(off))
	off = 0
	for _, a := range s.Added {
		var f uint32
		for bit, on := range []bool{a.SingleWord, a.LStrip, a.RStrip, a.Normalized, a.Special} {
			if on {
				f |= 1 << bit
			}
		}
		b = put32(put32(put32(put32(b, uint32(a.ID)), f), uint32(off)), uint32(len(a.Content)))
		off += len(a.Content)
	}
	b = append(append(b, text...), addedText...)
	return string(b), nil
}

// monotone reports whether each effective merge (the last rank of its pair)
// has operands that only merges of lower rank produce.
func monotone(s *spec.Spec, slots []uint64) bool {
	produced := make([]int64, len(s.Tokens)) // highest rank yielding each id, -1 if none
	for i := range produced {
		produced[i] = -1
	}
	for _, slot := range slots {
		if slot != emptySlot {
			r := int64(slot & rankMask)
			res := s.Merges[r].Result
			produced[res] = max(produced[res], r)
		}
	}
	for _, slot := range slots {
		if slot != emptySlot {
			r := int64(slot & rankMask)
			m := s.Merges[r]
			if produced[m.Left] >= r || produced[m.Right] >= r {
				return false
			}
		}
	}
	return true
}
