package tokenizer

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/grpo-score/grpo-score/scoring/tokenizer/internal/spec"
)

// longBPE runs one of the long-piece merge loops on piece.
func longBPE(tok *Tokenizer, piece string, loop func(*Tokenizer, *bpeScratch, []int32) []int32) []int32 {
	sc := new(bpeScratch)
	for j := 0; j < len(piece); j++ {
		if id := tok.byteIDs[piece[j]]; id >= 0 {
			sc.syms = append(sc.syms, id)
		}
	}
	if len(sc.syms) < 2 {
		return sc.syms
	}
	return loop(tok, sc, nil)
}

// TestBPELongMatchesShort checks that both merge loops for long pieces give
// the same ids as the quadratic one, on pieces of both kinds.
func TestBPELongMatchesShort(t *testing.T) {
	tok := mustDefault(t)
	rng := rand.New(rand.NewPCG(1, 2))
	alphabets := []string{"abcdefghij ", "aaaab", "的一是不了人", "=-_ ", "0123456789", "ab\xff\xc3\xa9"}
	sc := new(bpeScratch)
	for i := range 2000 {
		alpha := []rune(alphabets[i%len(alphabets)])
		var b strings.Builder
		for range 2 + rng.IntN(shortPieceLen) {
			b.WriteRune(alpha[rng.IntN(len(alpha))])
		}
		piece := b.String()
		if len(piece) > shortPieceLen {
			continue
		}
		short := tok.bpe(piece, sc, nil)
		heap := longBPE(tok, piece, (*Tokenizer).bpeHeap)
		byRank := longBPE(tok, piece, (*Tokenizer).bpeByRank)
		if !slices.Equal(short, heap) || !slices.Equal(short, byRank) {
			t.Fatalf("piece %q: short %v, heap %v, by rank %v", piece, short, heap, byRank)
		}
	}
}

// TestBPEByRankMatchesHeap checks the linear merge loop against the heap,
// the reference's own algorithm, on long pieces: random text over small
// alphabets (which makes long runs of one merge) and runs of one byte of
// every length up to a few thousand.
func TestBPEByRankMatchesHeap(t *testing.T) {
	tok := mustDefault(t)
	if !tok.tab.Monotone() {
		t.Fatal("the embedded merge table should be monotone")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	alphabets := []string{"a", "ab", "aab", " ", "=", "的的一", "abcdefghijklmnopqrstuvwxyz", "01", "\xe2\x80\x94-"}
	var pieces []string
	for n := 65; n < 3000; n += 1 + n/16 {
		pieces = append(pieces, strings.Repeat("a", n), strings.Repeat("=", n), strings.Repeat("ab", n/2))
	}
	for i := range 600 {
		alpha := []rune(alphabets[i%len(alphabets)])
		var b strings.Builder
		for range 65 + rng.IntN(4000) {
			b.WriteRune(alpha[rng.IntN(len(alpha))])
		}
		pieces = append(pieces, b.String())
	}
	for _, piece := range pieces {
		heap := longBPE(tok, piece, (*Tokenizer).bpeHeap)
		byRank := longBPE(tok, piece, (*Tokenizer).bpeByRank)
		if !slices.Equal(heap, byRank) {
			t.Fatalf("piece %.40q (%d bytes): heap %d ids, by rank %d ids", piece, len(piece), len(heap), len(byRank))
		}
	}
}

// FuzzBPEByRank: the linear merge loop agrees with the heap on any piece.
func FuzzBPEByRank(f *testing.F) {
	f.Add(strings.Repeat("a", 100))
	f.Add(strings.Repeat("ab ", 30) + "的")
	tok := mustDefault(f)
	f.Fuzz(func(t *testing.T, piece string) {
		for len(piece) > 0 && len(piece) <= shortPieceLen {
			piece += piece
		}
		heap := longBPE(tok, piece, (*Tokenizer).bpeHeap)
		byRank := longBPE(tok, piece, (*Tokenizer).bpeByRank)
		if !slices.Equal(heap, byRank) {
			t.Fatalf("piece %+q: heap %v, by rank %v", piece, heap, byRank)
		}
	})
}

// TestLongPieces covers pieces beyond the cache and the quadratic loop.
func TestLongPieces(t *testing.T) {
	tok := mustDefault(t)
	for _, s := range []string{
		strings.Repeat("a", 1000),
		strings.Repeat(" ", 5000),
		strings.Repeat("=", 777) + "\n",
		strings.Repeat("超长的中文", 300),
		"Pneumonoultramicroscopicsilicovolcanoconiosis" + strings.Repeat("x", 100),
	} {
		ids := tok.Encode(s)
		if got := tok.Decode(ids); got != s {
			t.Errorf("Decode(Encode(%.20q...)) = %.20q...", s, got)
		}
		if n := tok.Count(s); n != len(ids) {
			t.Errorf("Count(%.20q...) = %d, len(Encode) = %d", s, n, len(ids))
		}
	}
	// 1000 a's: HF gives 125 copies of the 8-a token.
	if ids := tok.Encode(strings.Repeat("a", 1000)); len(ids) != 125 || tok.Decode(ids[:1]) != "aaaaaaaa" {
		t.Errorf("1000 a's: %d tokens, first %q", len(ids), tok.Decode(ids[:1]))
	}
}

func TestDecode(t *testing.T) {
	tok := mustDefault(t)
	tests := []struct {
		ids  []int
		want string
	}{
		{nil, ""},
		{[]int{9707, 1879}, "Hello world"},
		{[]int{151645}, "<|im_end|>"},
		{[]int{-5, 9707, 1 << 40, 999999}, "Hello"}, // ids without a token are skipped
	}
	for _, tc := range tests {
		if got := tok.Decode(tc.ids); got != tc.want {
			t.Errorf("Decode(%v) = %q, want %q", tc.ids, got, tc.want)
		}
	}
	// A token that is part of a character decodes to U+FFFD.
	ids := tok.Encode("é")
	if len(ids) != 1 {
		t.Fatalf("Encode(é) = %v", ids)
	}
	first := tok.Encode("\xc3")
	if got := tok.Decode(first); got != "\uFFFD" {
		t.Errorf("Decode(lone 0xC3) = %q", got)
	}
}

func TestLossyUTF8(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ok", "ok"},
		{"a\xffb", "a\uFFFDb"},
		{"\xe2\x82", "\uFFFD"},                 // truncated sequence: one replacement
		{"\xe2\x82x", "\uFFFDx"},               //
		{"\xf0\x80\x80", "\uFFFD\uFFFD\uFFFD"}, // overlong: each byte
		{"\xed\xa0\x80", "\uFFFD\uFFFD\uFFFD"}, // surrogate
		{"\xf4\x8f\xbf", "\uFFFD"},
		{"\xc3\xa9\xc3", "é\uFFFD"},
	}
	for _, tc := range tests {
		if got := lossyUTF8(tc.in); got != tc.want {
			t.Errorf("lossyUTF8(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestConcurrentUse shares one tokenizer among goroutines (run with -race).
func TestConcurrentUse(t *testing.T) {
	tok := mustDefault(t)
	texts := loadCompletions(t)[:300]
	want := make([]int, len(texts))
	for i, s := range texts {
		want[i] = len(tok.Encode(s))
	}
	errs := make(chan string, 8)
	for g := range 8 {
		go func() {
			for i := range texts {
				j := (i + g*37) % len(texts)
				if n := tok.Count(texts[j]); n != want[j] {
					errs <- texts[j]
					return
				}
			}
			errs <- ""
		}()
	}
	for range 8 {
		if s := <-errs; s != "" {
			t.Errorf("concurrent Count disagrees on %.40q", s)
		}
	}
}

func TestCacheIsBounded(t *testing.T) {
	c := newPieceCache()
	for i := range cacheShards * cacheShardLimit * 3 {
		p := strconv.Itoa(i)
		c.put(c.hash(p), p, []int32{int32(i)})
	}
	for i := range c.shards {
		if n := len(c.shards[i].m); n > cacheShardLimit {
			t.Fatalf("shard %d holds %d entries, limit %d", i, n, cacheShardLimit)
		}
	}
	ids := []int32{1, 2}
	h := c.hash("x")
	c.put(h, "x", ids)
	ids[0] = 9
	if got, ok := c.get(h, "x"); !ok || !slices.Equal(got.ids, []int32{1, 2}) {
		t.Errorf("get(x) = %v, %v; want a copy [1 2]", got.ids, ok)
	}
	if _, ok := c.get(h, "y"); ok {
		t.Error("get(y) with x's hash found x")
	}
	var l localCache
	l.put(h, &cacheEntry{piece: "x", ids: []int32{1}})
	if got, ok := l.get(h, "x"); !ok || !slices.Equal(got, []int32{1}) {
		t.Errorf("local get(x) = %v, %v", got, ok)
	}
	if _, ok := l.get(h+localCacheSize, "x"); ok {
		t.Error("local get with another hash of the same slot found x")
	}
}

// TestNonMonotoneMerges: a merge table where a merge's operand comes from a
// later merge is not monotone, and its long pieces take the heap, which
// gives what the quadratic loop gives.
func TestNonMonotoneMerges(t *testing.T) {
	s := &spec.Spec{Merges: []spec.Merge{{Left: 256, Right: 'c', Result: 257}, {Left: 'a', Right: 'b', Result: 256}}}
	for b := range 256 {
		s.Tokens = append(s.Tokens, spec.Token{Text: string(rune(b)), Kind: spec.Bytes})
	}
	s.Tokens[128] = spec.Token{} // keep every byte single: ids = bytes for ASCII
	s.Tokens = append(s.Tokens, spec.Token{Text: "ab", Kind: spec.Bytes}, spec.Token{Text: "abc", Kind: spec.Bytes})
	for b := 128; b < 256; b++ {
		s.Tokens[b] = spec.Token{}
	}
	tok, err := fromSpec(s)
	if err != nil {
		t.Fatal(err)
	}
	if tok.tab.Monotone() {
		t.Fatal("abc before ab: the table should not be monotone")
	}
	piece := strings.Repeat("abc", 30) + "ab"
	want := slices.Repeat([]int{257}, 30)
	want = append(want, 256)
	if got := tok.Encode(piece); !slices.Equal(got, want) {
		t.Errorf("Encode(%q) = %v, want %v", piece, got, want)
	}
}

// TestPieceHashCoversEveryByte: the inline hash of short pieces reads every
// byte and the length, so pieces differing anywhere get different keys.
func TestPieceHashCoversEveryByte(t *testing.T) {
	c := newPieceCache()
	for n := 1; n <= 24; n++ {
		base := strings.Repeat("a", n)
		h := c.hash(base)
		if c.hash(base+"a") == h || c.hash(base[:n-1]) == h {
			t.Errorf("length %d: a longer or shorter run has the same hash", n)
		}
		for i := range n {
			b := []byte(base)
			b[i] = 'b'
			if c.hash(string(b)) == h {
				t.Errorf("length %d: changing byte %d keeps the hash", n, i)
			}
		}
	}
}

// TestShortKey: two short pieces have the same key exactly when they are
// equal, wherever in a text they are read from.
func TestShortKey(t *testing.T) {
	type key struct {
		a, b uint64
		n    int
	}
	rng := rand.New(rand.NewPCG(5, 6))
	seen := make(map[key]string)
	for range 20000 {
		n := 1 + rng.IntN(shortPieceMax)
		b := make([]byte, n)
		for i := range b {
			b[i] = "ab\x00\xff"[rng.IntN(4)]
		}
		piece := string(b)
		a0, b0 := shortKey(piece, 0, n) // at the end of its text
		a1, b1 := shortKey("xy"+piece+strings.Repeat("\xff", 20), 2, n)
		if a0 != a1 || b0 != b1 {
			t.Fatalf("%q: key %x %x at the end of a text, %x %x inside one", piece, a0, b0, a1, b1)
		}
		k := key{a0, b0, n}
		if other, ok := seen[k]; ok && other != piece {
			t.Fatalf("%q and %q have the same key", piece, other)
		}
		seen[k] = piece
	}
}

// TestShortCacheSet: a set keeps its four most recently used pieces, a hit
// moves its piece one slot forward, and a fifth piece drops the last.
func TestShortCacheSet(t *testing.T) {
	var c shortCache
	set := c.set(12345)
	ents := make([]*cacheEntry, 6)
	for k := range ents {
		ents[k] = &cacheEntry{piece: strconv.Itoa(k), ids: slices.Repeat([]int32{7}, k+1)}
	}
	key := func(k int) (uint64, uint64) { return uint64(k), slotKey(uint64(k), 2) }
	for k := range 4 {
		a, b := key(k)
		c.put(set, a, b, ents[k])
	}
	// front to back: 3 2 1 0
	a, b := key(0)
	if i, ok := c.find(set, a, b); !ok || i != set+2 || c.ents[i] != ents[0] || c.count(i) != 1 {
		t.Fatalf("find(0) = %d, %v; want slot %d with count 1", i, ok, set+2)
	}
	a, b = key(4)
	if _, ok := c.find(set, a, b); ok {
		t.Fatal("found a piece never stored")
	}
	c.put(set, a, b, ents[4]) // 4 3 2 0 (1, the last, is dropped)
	for k, want := range []bool{true, false, true, true, true} {
		a, b := key(k)
		if _, ok := c.find(set, a, b); ok != want {
			t.Errorf("piece %d: found %v, want %v", k, ok, want)
		}
	}
	for i := set; i < set+shortWays; i++ {
		if got, want := c.count(i), len(c.ents[i].ids); got != want {
			t.Errorf("slot %d: count %d, ids %d", i, got, want)
		}
	}
}
