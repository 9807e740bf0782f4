package tokenizer

import (
	"math/bits"
	"sync"
	"unicode/utf8"

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
	k0, k1 := t.cache.k0, t.cache.k1
	count := 0 // of the short pieces; e.piece counts the others itself
	for p := 0; p < len(s); {
		// Where 16 bytes can be read, the commonest pieces (an ASCII
		// word, after a space or symbol or not, a digit, a symbol on its
		// own) are
		// found as pieceEnd would and looked up here without a call; the
		// others and pieces near the end of s go through pieceEnd and
		// e.lookup.
		if p+16 > len(s) {
			end := pieceEnd(s, p)
			count += e.lookup(s, p, end)
			p = end
			continue
		}
		w := s[p : p+16]
		class, next, q := byteClasses[w[0]], byteClasses[w[1]], 1
		if next == classLetter && (class == classSpace || class == classOther && w[0] != '\'') {
			class, q = classLetter, 2 // a one-rune prefix; an apostrophe may start a contraction
		}
		var end int
		switch {
		case class == classLetter:
			k := asciiLetters(load64(w, q))
			if end = p + q + k; k == 8 || s[end] >= utf8.RuneSelf {
				end = letterRunEnd(s, end)
			}
		case class == classNumber, class == classOther && (next == classSpace || next == classNumber):
			end = p + 1 // a digit; a symbol before a space or a digit
		default:
			end = pieceEnd(s, p)
		}
		n := end - p
		if n == 1 {
			if id := t.byteIDs[w[0]]; id >= 0 {
				count++
				if e.keepIDs {
					e.ids = append(e.ids, int(id))
				}
			}
			p = end
			continue
		}
		if n > shortPieceMax {
			e.piece(s[p:end])
			p = end
			continue
		}
		m := &keyMasks[n]
		a, b := load64(w, 0)&m[0], load64(w, 8)&m[1]
		hi, lo := bits.Mul64(a^k0, b^k1^uint64(n)) // pieceCache.mix
		h := hi ^ lo
		key := slotKey(b, n)
		set := short.set(h)
		if slot := &short.slots[set]; slot.a == a && slot.b&^slotCountMask == key && !e.keepIDs {
			count += int(slot.b >> slotCountShift)
		} else {
			count += e.shortPiece(short, set, h, a, key, s[p:end])
		}
		p = end
	}
	e.count += count
}

// lookup encodes the piece s[p:end] and returns the number of its tokens
// that it has not counted in e.count: the general path of pieces.
func (e *encoder) lookup(s string, p, end int) int {
	if n := end - p; n > 1 && n <= shortPieceMax {
		a, b := shortKey(s, p, n)
		h := e.t.cache.mix(a, b, n)
		return e.shortPiece(e.sc.short, e.sc.short.set(h), h, a, slotKey(b, n), s[p:end])
	}
	e.piece(s[p:end]) // single bytes and long pieces; it counts them itself
	return 0
}

// shortPiece looks the short piece up in its set of the short cache, and
// in the shared cache if it is not there, appends its ids if e keeps them,
// and returns their number.
func (e *encoder) shortPiece(short *shortCache, set int, h, a, key uint64, piece string) int {
	i, ok := short.find(set, a, key)
	if !ok {
		i = short.put(set, a, key, e.shared(h, piece))
	}
	if e.keepIDs {
		for _, id := range short.ents[i].ids {
			e.ids = append(e.ids, int(id))
		}
	}
	return short.count(i)
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
