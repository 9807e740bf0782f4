package tokenizer

import (
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
	localCacheSize   = 4096 // entries of a scratch's direct-mapped copy
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

// hash is the piece's key in both caches. Pieces of up to 16 bytes, nearly
// all of them, are mixed inline from two overlapping 64-bit loads and the
// length, with keys drawn from the seed (a collision only costs a miss, as
// entries hold their piece); longer ones go through maphash.
func (c *pieceCache) hash(piece string) uint64 {
	n := len(piece)
	var a, b uint64
	switch {
	case n > 16:
		return maphash.String(c.seed, piece)
	case n >= 8:
		a, b = load64(piece, 0), load64(piece, n-8)
	case n >= 4:
		a, b = uint64(load32(piece, 0)), uint64(load32(piece, n-4))
	case n > 0:
		a = uint64(piece[0])<<16 | uint64(piece[n/2])<<8 | uint64(piece[n-1])
	}
	hi, lo := bits.Mul64(a^c.k0, b^c.k1^uint64(n))
	return hi ^ lo
}

func load32(s string, i int) uint32 {
	return uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16 | uint32(s[i+3])<<24
}

func load64(s string, i int) uint64 { return uint64(load32(s, i)) | uint64(load32(s, i+4))<<32 }

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
