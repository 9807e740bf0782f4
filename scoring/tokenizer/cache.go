package tokenizer

import (
	"encoding/binary"
	"hash/maphash"
	"math/bits"
	"strings"
	"sync"
)

// pieceCache remembers the ids of short pre-tokens. Text repeats its words,
// so most pieces are looked up rather than merged. It is split into shards,
// each with its own lock, so that goroutines rarely wait for each other, and
// a shard that fills up is emptied, which bounds memory. Entries are keyed
// by a 64-bit hash of the piece, computed once per lookup, and hold the piece
// itself to tell collisions apart. In front of it each scratch keeps a
// small direct-mapped copy (localCache), which most lookups stop at without
// a lock.
type pieceCache struct {
	seed   maphash.Seed
	k0, k1 uint64 // keys of the inline hash, from seed
	shards [cacheShards]cacheShard
}

const (
	cacheShards      = 64
	cacheShardLimit  = 1024 // entries per shard: at most 64Ki pieces, a few MB
	cacheMaxPieceLen = 48   // longer pieces are rare and not cached
	localCacheSize   = 1024 // entries of a scratch's copy for longer pieces
	shortCacheSize   = 4096 // entries of a scratch's copy for short pieces
)

type cacheShard struct {
	mu sync.RWMutex
	m  map[uint64]*cacheEntry
	_  [40]byte // keep shards on separate cache lines
}

// cacheEntry is a piece and its ids; both are immutable once stored.
type cacheEntry struct {
	piece string
	ids   []int32
}

func newPieceCache() *pieceCache {
	c := &pieceCache{seed: maphash.MakeSeed()}
	c.k0, c.k1 = maphash.String(c.seed, "k0")|1, maphash.String(c.seed, "k1")
	for i := range c.shards {
		c.shards[i].m = make(map[uint64]*cacheEntry)
	}
	return c
}

// hash is the piece's key in the shared cache and in the local ones.
// Pieces of up to shortPieceMax bytes, nearly all of them, are mixed inline
// from their short key, with keys drawn from the seed (a collision only costs
// a miss, as entries hold their piece); longer ones go through maphash.
func (c *pieceCache) hash(piece string) uint64 {
	if len(piece) > shortPieceMax {
		return maphash.String(c.seed, piece)
	}
	a, b := shortKey(piece, 0, len(piece))
	return c.mix(a, b, len(piece))
}

func (c *pieceCache) mix(a, b uint64, n int) uint64 {
	hi, lo := bits.Mul64(a^c.k0, b^c.k1^uint64(n))
	return hi ^ lo
}

// shortPieceMax is the longest piece that has a short key.
const shortPieceMax = 15

// shortKey returns s[p:p+n], n <= shortPieceMax, as two little-endian words
// padded with zeros: with n, a key that tells any two short pieces apart, so
// that a lookup compares two words instead of strings.
func shortKey(s string, p, n int) (a, b uint64) {
	if p+16 > len(s) { // not 16 bytes to load
		return shortKeyTail(s[p : p+n])
	}
	w, m := s[p:p+16], &keyMasks[n]
	return load64(w, 0) & m[0], load64(w, 8) & m[1]
}

// shortKeyTail is shortKey for a piece near the end of its text.
func shortKeyTail(piece string) (a, b uint64) {
	var buf [16]byte
	copy(buf[:], piece)
	return binary.LittleEndian.Uint64(buf[:8]), binary.LittleEndian.Uint64(buf[8:])
}

// keyMasks[n] keeps the first n of 16 bytes.
var keyMasks = func() (m [16 + 1][2]uint64) {
	for n := range m {
		for i := range n {
			m[n][i/8] |= 0xff << (8 * (i % 8))
		}
	}
	return m
}()

// load64 reads the little-endian word at s[i:i+8].
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func (c *pieceCache) get(h uint64, piece string) (*cacheEntry, bool) {
	s := &c.shards[h%cacheShards]
	s.mu.RLock()
	e, ok := s.m[h]
	s.mu.RUnlock()
	if !ok || e.piece != piece {
		return nil, false
	}
	return e, true
}

// put stores a copy of piece and ids (the caller may reuse its slice) and
// returns the stored entry.
func (c *pieceCache) put(h uint64, piece string, ids []int32) *cacheEntry {
	s := &c.shards[h%cacheShards]
	e := &cacheEntry{piece: strings.Clone(piece), ids: append([]int32(nil), ids...)}
	s.mu.Lock()
	if len(s.m) >= cacheShardLimit {
		clear(s.m)
	}
	s.m[h] = e
	s.mu.Unlock()
	return e
}

// localCache is one goroutine's direct-mapped copy of recent entries, by
// the same hash. Its slots are 16 bytes, so the table stays in cache.
type localCache [localCacheSize]localEntry

type localEntry struct {
	h uint64
	e *cacheEntry
}

func (l *localCache) get(h uint64, piece string) ([]int32, bool) {
	slot := &l[h%localCacheSize]
	if slot.h != h || slot.e == nil || slot.e.piece != piece {
		return nil, false
	}
	return slot.e.ids, true
}

func (l *localCache) put(h uint64, e *cacheEntry) { l[h%localCacheSize] = localEntry{h, e} }

// shortCache is one goroutine's copy of recent entries for pieces of up to
// shortPieceMax bytes, keyed by their short key: a hit costs a probe of
// 16-byte slots and gives the token count without following the pointer to
// the ids, which only Encode needs. It is set-associative, four slots (one
// cache line) per set, so that pieces whose hashes meet do not evict each
// other as they would in a direct-mapped table (with 2,000 pieces in 4,096
// slots, four in ten would).
type shortCache struct {
	slots [shortCacheSize]shortSlot
	ents  [shortCacheSize]*cacheEntry
}

const shortWays = 4

// shortSlot is a short key with the piece's length in bits 56-59 of b
// (free: a short piece has at most 15 bytes) and its token count in bits
// 60-63 (at most one per byte). An empty slot has length 0 and matches no
// piece.
type shortSlot struct{ a, b uint64 }

const (
	slotCountShift = 60
	slotCountMask  = 0xf << slotCountShift
)

// slotKey is b of the slot of a piece of n bytes whose short key is
// (a, b), without the count.
func slotKey(b uint64, n int) uint64 { return b | uint64(n)<<56 }

// set is the first slot of the set of hash h.
func (c *shortCache) set(h uint64) int {
	return int(h%(shortCacheSize/shortWays)) * shortWays
}

// find looks for the piece (a, key) in the set starting at slot set. A hit
// moves one slot nearer the set's front, so that pieces in use stay and
// the front one usually hits at the first compare.
func (c *shortCache) find(set int, a, key uint64) (int, bool) {
	for i := set; i < set+shortWays; i++ {
		if c.slots[i].a == a && c.slots[i].b&^slotCountMask == key {
			if i > set {
				c.slots[i-1], c.slots[i] = c.slots[i], c.slots[i-1]
				c.ents[i-1], c.ents[i] = c.ents[i], c.ents[i-1]
				i--
			}
			return i, true
		}
	}
	return 0, false
}

// count is the token count of the piece in slot i.
func (c *shortCache) count(i int) int { return int(c.slots[i].b >> slotCountShift) }

// put stores the piece (a, key) at the front of its set, dropping the set's
// last slot, and returns the slot.
func (c *shortCache) put(set int, a, key uint64, ent *cacheEntry) int {
	copy(c.slots[set+1:set+shortWays], c.slots[set:set+shortWays-1])
	copy(c.ents[set+1:set+shortWays], c.ents[set:set+shortWays-1])
	c.slots[set] = shortSlot{a, key | uint64(len(ent.ids))<<slotCountShift}
	c.ents[set] = ent
	return set
}
