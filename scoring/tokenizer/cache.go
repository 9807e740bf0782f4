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
// itself to tell collisions apart.
type pieceCache struct {
	seed   maphash.Seed
	shards [cacheShards]cacheShard
}

const (
	cacheShards      = 64
	cacheShardLimit  = 1024 // entries per shard: at most 64Ki pieces, a few MB
	cacheMaxPieceLen = 48   // longer pieces are rare and not cached
)

type cacheShard struct {
	mu sync.RWMutex
	m  map[uint64]cacheEntry
	_  [40]byte // keep shards on separate cache lines
}

type cacheEntry struct {
	piece string
	ids   []int32
}

func newPieceCache() *pieceCache {
	c := &pieceCache{seed: maphash.MakeSeed()}
	for i := range c.shards {
		c.shards[i].m = make(map[uint64]cacheEntry)
	}
	return c
}

func (c *pieceCache) locate(piece string) (*cacheShard, uint64) {
	h := maphash.String(c.seed, piece)
	return &c.shards[h%cacheShards], h
}

func (c *pieceCache) get(piece string) ([]int32, bool) {
	s, h := c.locate(piece)
	s.mu.RLock()
	e, ok := s.m[h]
	s.mu.RUnlock()
	if !ok || e.piece != piece {
		return nil, false
	}
	return e.ids, true
}

// put stores a copy of ids; the caller may reuse its slice.
func (c *pieceCache) put(piece string, ids []int32) {
	s, h := c.locate(piece)
	e := cacheEntry{piece: strings.Clone(piece), ids: append([]int32(nil), ids...)}
	s.mu.Lock()
	if len(s.m) >= cacheShardLimit {
		clear(s.m)
	}
	s.m[h] = e
	s.mu.Unlock()
}
