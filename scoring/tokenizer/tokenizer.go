package tokenizer

import (
	"sync"

	"github.com/grpo-score/grpo-score/scoring/tokenizer/internal/layout"
	"github.com/grpo-score/grpo-score/scoring/tokenizer/internal/spec"
)

// Tokenizer encodes text into token ids and decodes them back.
type Tokenizer struct {
	tab       *layout.Table    // vocabulary and merges, read in place
	byteIDs   [256]int32       // token of each single byte, -1 if none
	wordIDs   map[string]int32 // whole pieces that are tokens, if merges are ignored
	useNFC    bool             // normalize text to NFC before pre-tokenizing
	rawAdded  *addedMatcher    // added tokens matched before normalisation
	normAdded *addedMatcher    // added tokens matched after it
	addedText map[int32]string // what added tokens decode to
	cache     *pieceCache
	scratch   sync.Pool // *bpeScratch
}

// newTokenizer builds what a table does not hold: the added-token matchers
// and, for tokenizers that ignore merges, the map of whole-piece tokens.
func newTokenizer(tab *layout.Table) *Tokenizer {
	t := &Tokenizer{tab: tab, useNFC: tab.NFC(), cache: newPieceCache(), addedText: make(map[int32]string)}
	t.scratch.New = func() any { return new(bpeScratch) }
	for b := range t.byteIDs {
		t.byteIDs[b] = tab.ByteID(byte(b))
	}
	if tab.IgnoreMerges() {
		t.wordIDs = make(map[string]int32)
		for id := range tab.Tokens() {
			if text, kind := tab.Token(id); kind == spec.Bytes {
				t.wordIDs[text] = int32(id)
			}
		}
	}
	var raw, normalized []addedToken
	for _, a := range tab.Added() {
		content := a.Content
		if a.Normalized && t.useNFC {
			content = nfc(content)
		}
		at := addedToken{content: content, id: a.ID, singleWord: a.SingleWord, lstrip: a.LStrip, rstrip: a.RStrip}
		if a.Normalized {
			normalized = append(normalized, at)
		} else {
			raw = append(raw, at)
		}
		t.addedText[a.ID] = decodeAddedContent(content)
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
	defer func() {
		e.sc.trim()
		e.t.scratch.Put(e.sc)
	}()
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

// pieces pre-tokenizes normalized text and encodes each piece. Short
// pieces, nearly all of them, are looked up in the scratch's shortCache by
// their short key, read straight from s.
func (e *encoder) pieces(s string) {
	t := e.t
	if t.wordIDs != nil {
		for p := 0; p < len(s); {
			end := pieceEnd(s, p)
			e.piece(s[p:end])
			p = end
		}
		return
	}
	short := e.sc.short
	if short == nil {
		short = new(shortCache)
		e.sc.short = short
	}
	for p := 0; p < len(s); {
		end := pieceEnd(s, p)
		switch n := end - p; {
		case n == 1:
			if id := t.byteIDs[s[p]]; id >= 0 {
				e.emit(id)
			}
		case n <= shortPieceMax:
			a, b := shortKey(s, p, n)
			h := t.cache.mix(a, b, n)
			key := slotKey(b, n)
			set := short.set(h)
			i := set
			if slot := &short.slots[i]; slot.a != a || slot.b&^slotCountMask != key { // not at the front
				var ok bool
				if i, ok = short.find(set, a, key); !ok {
					i = short.put(set, a, key, e.shared(h, s[p:end]))
				}
			}
			if e.keepIDs {
				e.emitAll(short.ents[i].ids)
			} else {
				e.count += short.count(i)
			}
		default:
			e.piece(s[p:end])
		}
		p = end
	}
}

// piece encodes one piece through the general path: whole-piece tokens,
// the scratch's cache of longer pieces, the shared cache.
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
	h := t.cache.hash(p)
	if e.sc.local == nil {
		e.sc.local = new(localCache)
	}
	if ids, ok := e.sc.local.get(h, p); ok {
		e.emitAll(ids)
		return
	}
	ent := e.shared(h, p)
	e.sc.local.put(h, ent)
	e.emitAll(ent.ids)
}

// shared returns the shared cache's entry for p, merging p if it has none.
func (e *encoder) shared(h uint64, p string) *cacheEntry {
	ent, ok := e.t.cache.get(h, p)
	if !ok {
		e.sc.out = e.t.bpe(p, e.sc, e.sc.out[:0])
		ent = e.t.cache.put(h, p, e.sc.out)
	}
	return ent
}
