package spec

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/klauspost/compress/zstd"
)

// The compact form, before zstd compression:
//
//	magic "grpo-score/bpe/1\n"
//	uvarint flags (bit 0: NFC, bit 1: ignore merges)
//	uvarint token count, then per id: uvarint kind | len<<2, then len bytes
//	  (kind derived stores no bytes: the token is the first merge producing it)
//	uvarint merge count, then per merge: uvarint left, uvarint right,
//	  zigzag varint of result - previous result - 1 (previous starts at 255)
//	uvarint added count, then per token: uvarint id, uvarint len, content, flags byte
//
// In GPT-style vocabularies every token but the 256 bytes is the result of a
// merge, and merge n yields id 256+n, so the form is little more than the
// merge pairs.
const magic = "grpo-score/bpe/1\n"

const kindDerived = 3

const (
	flagNFC = 1 << iota
	flagIgnoreMerges
)

const (
	addedSingleWord = 1 << iota
	addedLStrip
	addedRStrip
	addedNormalized
	addedSpecial
)

// WriteBlob writes s in the compact form, zstd-compressed.
func (s *Spec) WriteBlob(w io.Writer) error {
	zw, err := zstd.NewWriter(w, zstd.WithEncoderLevel(zstd.SpeedBestCompression))
	if err != nil {
		return err
	}
	if _, err := zw.Write(s.marshal()); err != nil {
		zw.Close()
		return err
	}
	return zw.Close()
}

func (s *Spec) marshal() []byte {
	var b []byte
	b = append(b, magic...)
	flags := uint64(0)
	if s.NFC {
		flags |= flagNFC
	}
	if s.IgnoreMerges {
		flags |= flagIgnoreMerges
	}
	b = binary.AppendUvarint(b, flags)

	derivable := make([]bool, len(s.Tokens))
	for _, m := range s.Merges {
		if derivable[m.Result] {
			continue
		}
		l, r, res := s.Tokens[m.Left], s.Tokens[m.Right], s.Tokens[m.Result]
		derivable[m.Result] = l.Kind == Bytes && r.Kind == Bytes && res.Kind == Bytes && res.Text == l.Text+r.Text
	}
	b = binary.AppendUvarint(b, uint64(len(s.Tokens)))
	for id, t := range s.Tokens {
		switch {
		case t.Kind == Bytes && derivable[id]:
			b = binary.AppendUvarint(b, kindDerived)
		case t.Kind == Absent:
			b = binary.AppendUvarint(b, uint64(Absent))
		default:
			b = binary.AppendUvarint(b, uint64(t.Kind)|uint64(len(t.Text))<<2)
			b = append(b, t.Text...)
		}
	}

	b = binary.AppendUvarint(b, uint64(len(s.Merges)))
	prev := int64(255)
	for _, m := range s.Merges {
		b = binary.AppendUvarint(b, uint64(m.Left))
		b = binary.AppendUvarint(b, uint64(m.Right))
		b = binary.AppendVarint(b, int64(m.Result)-prev-1)
		prev = int64(m.Result)
	}

	b = binary.AppendUvarint(b, uint64(len(s.Added)))
	for _, a := range s.Added {
		b = binary.AppendUvarint(b, uint64(a.ID))
		b = binary.AppendUvarint(b, uint64(len(a.Content)))
		b = append(b, a.Content...)
		var f byte
		for bit, on := range []bool{a.SingleWord, a.LStrip, a.RStrip, a.Normalized, a.Special} {
			if on {
				f |= 1 << bit
			}
		}
		b = append(b, f)
	}
	return b
}

// ReadBlob reads what WriteBlob wrote.
func ReadBlob(blob []byte) (*Spec, error) {
	zr, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	raw, err := zr.DecodeAll(blob, nil)
	if err != nil {
		return nil, fmt.Errorf("tokenizer blob: %w", err)
	}
	s, err := unmarshal(raw)
	if err != nil {
		return nil, fmt.Errorf("tokenizer blob: %w", err)
	}
	return s, nil
}

// reader walks the uncompressed form; the first error sticks.
type reader struct {
	b   []byte
	err error
}

var errTruncated = errors.New("truncated")

func (r *reader) uvarint(limit uint64) uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errTruncated
		return 0
	}
	if v > limit {
		r.err = fmt.Errorf("value %d exceeds %d", v, limit)
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = errTruncated
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) bytes(n uint64) string {
	if r.err != nil {
		return ""
	}
	if n > uint64(len(r.b)) {
		r.err = errTruncated
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func unmarshal(raw []byte) (*Spec, error) {
	if !bytes.HasPrefix(raw, []byte(magic)) {
		return nil, errors.New("bad magic")
	}
	r := &reader{b: raw[len(magic):]}
	s := &Spec{}
	flags := r.uvarint(3)
	s.NFC = flags&flagNFC != 0
	s.IgnoreMerges = flags&flagIgnoreMerges != 0

	n := r.uvarint(maxVocab)
	s.Tokens = make([]Token, n)
	derived := make([]bool, n)
	for id := range s.Tokens {
		h := r.uvarint(1 << 40)
		switch kind := h & 3; kind {
		case kindDerived:
			derived[id] = true
		case uint64(Absent):
		default:
			s.Tokens[id] = Token{Kind: Kind(kind), Text: r.bytes(h >> 2)}
		}
	}

	nm := r.uvarint(uint64(len(r.b)))
	s.Merges = make([]Merge, nm)
	prev := int64(255)
	for i := range s.Merges {
		l, rt := r.uvarint(n-1), r.uvarint(n-1)
		res := prev + 1 + r.varint()
		if r.err == nil && (res < 0 || res >= int64(n)) {
			r.err = fmt.Errorf("merge %d yields id %d out of range", i, res)
		}
		s.Merges[i] = Merge{Left: int32(l), Right: int32(rt), Result: int32(res)}
		prev = res
	}

	na := r.uvarint(uint64(len(r.b)))
	s.Added = make([]AddedToken, na)
	for i := range s.Added {
		a := &s.Added[i]
		a.ID = int32(r.uvarint(2 * maxVocab))
		a.Content = r.bytes(r.uvarint(1 << 31))
		if r.err == nil && a.Content == "" {
			r.err = fmt.Errorf("added token %d is empty", a.ID)
		}
		f := r.uvarint(0xff)
		a.SingleWord, a.LStrip, a.RStrip = f&addedSingleWord != 0, f&addedLStrip != 0, f&addedRStrip != 0
		a.Normalized, a.Special = f&addedNormalized != 0, f&addedSpecial != 0
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("%d trailing bytes", len(r.b))
	}
	if err := resolveDerived(s, derived); err != nil {
		return nil, err
	}
	return s, nil
}

// resolveDerived spells out the tokens stored as "the first merge yielding
// me". A merge's operands may themselves be derived from later merges, so
// tokens are resolved on demand, with a guard against cycles. Their bytes go
// to one arena, which spares an allocation per token.
func resolveDerived(s *Spec, derived []bool) error {
	source := make([]int32, len(s.Tokens))
	for i := range source {
		source[i] = -1
	}
	for i, m := range s.Merges {
		if derived[m.Result] && source[m.Result] < 0 {
			source[m.Result] = int32(i)
		}
	}
	const (
		todo = iota
		busy
		done
	)
	state := make([]uint8, len(s.Tokens))
	start := make([]int, len(s.Tokens)) // arena offsets of derived tokens
	end := make([]int, len(s.Tokens))
	var arena []byte
	appendText := func(id int32) {
		if derived[id] {
			arena = append(arena, arena[start[id]:end[id]]...)
		} else {
			arena = append(arena, s.Tokens[id].Text...)
		}
	}
	var resolve func(id int32) error
	resolve = func(id int32) error {
		if !derived[id] {
			if s.Tokens[id].Kind != Bytes {
				return fmt.Errorf("token %d is used by a merge but has no bytes", id)
			}
			return nil
		}
		switch state[id] {
		case done:
			return nil
		case busy:
			return fmt.Errorf("token %d is derived from itself", id)
		}
		src := source[id]
		if src < 0 {
			return fmt.Errorf("token %d is derived but no merge yields it", id)
		}
		state[id] = busy
		m := s.Merges[src]
		if err := resolve(m.Left); err != nil {
			return err
		}
		if err := resolve(m.Right); err != nil {
			return err
		}
		start[id] = len(arena)
		appendText(m.Left)
		appendText(m.Right)
		end[id] = len(arena)
		state[id] = done
		return nil
	}
	for id := range s.Tokens {
		if derived[id] {
			if err := resolve(int32(id)); err != nil {
				return err
			}
		}
	}
	text := string(arena)
	for id := range s.Tokens {
		if derived[id] {
			s.Tokens[id] = Token{Kind: Bytes, Text: text[start[id]:end[id]]}
		}
	}
	return nil
}
