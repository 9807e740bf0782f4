package tokenizer

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestBPELongMatchesShort checks that the heap-based merge loop for long
// pieces gives the same ids as the quadratic one, on pieces of both kinds.
func TestBPELongMatchesShort(t *testing.T) {
	tok := mustDefault(t)
	rng := rand.New(rand.NewPCG(1, 2))
	alphabets := []string{"abcdefghij ", "aaaab", "的一是不了人", "=-_ ", "0123456789", "ab\xff\xc3\xa9"}
	sc := new(bpeScratch)
	for i := range 2000 {
		alpha := []rune(alphabets[i%len(alphabets)])
		var b strings.Builder
		for range 1 + rng.IntN(shortPieceLen) {
			b.WriteRune(alpha[rng.IntN(len(alpha))])
		}
		piece := b.String()
		if len(piece) > shortPieceLen {
			continue
		}
		short := tok.bpe(piece, sc, nil)
		sc.syms = sc.syms[:0]
		for j := 0; j < len(piece); j++ {
			sc.syms = append(sc.syms, tok.byteIDs[piece[j]])
		}
		long := tok.bpeLong(sc, nil)
		if !slices.Equal(short, long) {
			t.Fatalf("piece %q: short %v, long %v", piece, short, long)
		}
	}
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
		c.put(strconv.Itoa(i), []int32{int32(i)})
	}
	for i := range c.shards {
		if n := len(c.shards[i].m); n > cacheShardLimit {
			t.Fatalf("shard %d holds %d entries, limit %d", i, n, cacheShardLimit)
		}
	}
	ids := []int32{1, 2}
	c.put("x", ids)
	ids[0] = 9
	if got, ok := c.get("x"); !ok || !slices.Equal(got, []int32{1, 2}) {
		t.Errorf("get(x) = %v, %v; want a copy [1 2]", got, ok)
	}
}
