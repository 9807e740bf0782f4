package tokenizer

import (
	"hash/maphash"
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
	for i := range c.shards {
		c.shards[i].m = make(map[uint64]*cacheEntry)
	}
	return c
}

func (c *pieceCache) hash(piece string) uint64 { return maphash.String(c.seed, piece) }

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
