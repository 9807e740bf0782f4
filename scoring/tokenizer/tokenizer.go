package tokenizer

import (
	"sync"

	"github.com/grpo-score/grpo-score/scoring/tokenizer/internal/spec"
)

// Tokenizer encodes text into token ids and decodes them back.
type Tokenizer struct {
	byteIDs      [256]int32 // token of each single byte, -1 if none
	merges       *mergeTable
	wordIDs      map[string]int32 // whole pieces that are tokens, if merges are ignored
	useNFC       bool             // normalize text to NFC before pre-tokenizing
	rawAdded     *addedMatcher    // added tokens matched before normalisation
	normAdded    *addedMatcher    // added tokens matched after it
	decodeTokens []string         // bytes each id decodes to
	cache        *pieceCache
	scratch      sync.Pool // *bpeScratch
}

func newTokenizer(s *spec.Spec) *Tokenizer {
	t := &Tokenizer{useNFC: s.NFC, cache: newPieceCache()}
	t.scratch.New = func() any { return new(bpeScratch) }
	for b := range t.byteIDs {
		t.byteIDs[b] = -1
	}
	if s.IgnoreMerges {
		t.wordIDs = make(map[string]int32)
	}
	t.decodeTokens = make([]string, len(s.Tokens))
	for id, tok := range s.Tokens {
		t.decodeTokens[id] = tok.Text
		if tok.Kind != spec.Bytes {
			continue
		}
		if len(tok.Text) == 1 {
			t.byteIDs[tok.Text[0]] = int32(id)
		}
		if t.wordIDs != nil {
			t.wordIDs[tok.Text] = int32(id)
		}
	}
	t.merges = newMergeTable(s.Merges)

	var raw, normalized []addedToken
	for _, a := range s.Added {
		if int(a.ID) >= len(t.decodeTokens) {
			t.decodeTokens = append(t.decodeTokens, make([]string, int(a.ID)+1-len(t.decodeTokens))...)
		}
		content := a.Content
		if a.Normalized && s.NFC {
			content = nfc(content)
		}
		at := addedToken{content: content, id: a.ID, singleWord: a.SingleWord, lstrip: a.LStrip, rstrip: a.RStrip}
		if a.Normalized {
			normalized = append(normalized, at)
		} else {
			raw = append(raw, at)
		}
		t.decodeTokens[a.ID] = decodeAddedContent(content)
	}
	t.rawAdded, t.normAdded = newAddedMatcher(raw), newAddedMatcher(normalized)
	return t
}

// decodeAddedContent is what the ByteLevel decoder makes of an added token:
// the bytes its runes stand for if all are in the byte-level alphabet, else
// its text unchanged.
func decodeAddedContent(content string) string {
	if raw, ok := spec.ByteLevelDecode(content); ok {
		return raw
	}
	return content
}

// Encode returns the ids of text, adding no special tokens.
func (t *Tokenizer) Encode(text string) []int {
	e := encoder{t: t, ids: make([]int, 0, len(text)/3+1), keepIDs: true}
	e.run(text)
	return e.ids
}

// Count returns len(t.Encode(text)) without building the ids.
func (t *Tokenizer) Count(text string) int {
	e := encoder{t: t}
	e.run(text)
	return e.count
}

// encoder carries one Encode or Count call through the pipeline.
type encoder struct {
	t       *Tokenizer
	keepIDs bool
	ids     []int
	count   int
	sc      *bpeScratch
}

func (e *encoder) run(text string) {
	e.sc = e.t.scratch.Get().(*bpeScratch)
	defer e.t.scratch.Put(e.sc)
	if e.t.rawAdded == nil {
		e.normalized(text)
		return
	}
	e.t.rawAdded.split(text, e.segment(e.normalized))
}

// segment adapts a handler of plain text to the added-token splitter.
func (e *encoder) segment(plain func(string)) func(string, int32) {
	return func(seg string, id int32) {
		if id < 0 {
			plain(seg)
			return
		}
		e.emit(id)
	}
}

func (e *encoder) normalized(seg string) {
	if e.t.useNFC {
		seg = nfc(seg)
	}
	if e.t.normAdded == nil {
		e.pieces(seg)
		return
	}
	e.t.normAdded.split(seg, e.segment(e.pieces))
}

func (e *encoder) emit(id int32) {
	e.count++
	if e.keepIDs {
		e.ids = append(e.ids, int(id))
	}
}

func (e *encoder) emitAll(ids []int32) {
	e.count += len(ids)
	if e.keepIDs {
		for _, id := range ids {
			e.ids = append(e.ids, int(id))
		}
	}
}

// pieces pre-tokenizes normalized text and encodes each piece.
func (e *encoder) pieces(s string) {
	for p := 0; p < len(s); {
		end := pieceEnd(s, p)
		e.piece(s[p:end])
		p = end
	}
}

func (e *encoder) piece(p string) {
	t := e.t
	if len(p) == 1 {
		if id := t.byteIDs[p[0]]; id >= 0 {
			e.emit(id)
		}
		return
	}
	if t.wordIDs != nil {
		if id, ok := t.wordIDs[p]; ok {
			e.emit(id)
			return
		}
	}
	if len(p) > cacheMaxPieceLen {
		e.sc.out = t.bpe(p, e.sc, e.sc.out[:0])
		e.emitAll(e.sc.out)
		return
	}
	if ids, ok := t.cache.get(p); ok {
		e.emitAll(ids)
		return
	}
	e.sc.out = t.bpe(p, e.sc, e.sc.out[:0])
	t.cache.put(p, e.sc.out)
	e.emitAll(e.sc.out)
}
