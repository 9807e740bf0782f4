package layout

import (
	"strings"
	"testing"

	"github.com/grpo-score/grpo-score/scoring/tokenizer/internal/spec"
)

// tinySpec: bytes a, b, c at ids 0..2, then merges; "x y" is verbatim and
// id 5 is unused.
func tinySpec() *spec.Spec {
	return &spec.Spec{
		Tokens: []spec.Token{
			{Text: "a", Kind: spec.Bytes}, {Text: "b", Kind: spec.Bytes}, {Text: "c", Kind: spec.Bytes},
			{Text: "ab", Kind: spec.Bytes}, {Text: "abc", Kind: spec.Bytes}, {}, {Text: "x y", Kind: spec.Verbatim},
		},
		Merges: []spec.Merge{{Left: 0, Right: 1, Result: 3}, {Left: 3, Right: 2, Result: 4}, {Left: 0, Right: 1, Result: 3}},
		Added: []spec.AddedToken{
			{ID: 7, Content: "<|x|>", LStrip: true, Special: true},
			{ID: 3, Content: "ab", SingleWord: true, RStrip: true, Normalized: true},
		},
		NFC: true,
	}
}

func mustBuild(t testing.TB, s *spec.Spec) *Table {
	t.Helper()
	l, err := Build(s)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := Open(l)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func TestRoundTrip(t *testing.T) {
	s := tinySpec()
	tab := mustBuild(t, s)
	if !tab.NFC() || tab.IgnoreMerges() || tab.Tokens() != 7 || tab.Ranks() != 3 {
		t.Errorf("flags or sizes: NFC %v, ignore %v, %d tokens, %d ranks", tab.NFC(), tab.IgnoreMerges(), tab.Tokens(), tab.Ranks())
	}
	for id, want := range s.Tokens {
		if text, kind := tab.Token(id); text != want.Text || kind != want.Kind {
			t.Errorf("Token(%d) = %q, %v; want %q, %v", id, text, kind, want.Text, want.Kind)
		}
	}
	for _, id := range []int{-1, 7, 1 << 30} {
		if text, kind := tab.Token(id); text != "" || kind != spec.Absent {
			t.Errorf("Token(%d) = %q, %v", id, text, kind)
		}
	}
	for b, want := range map[byte]int32{'a': 0, 'b': 1, 'c': 2, 'd': -1, 0xff: -1} {
		if got := tab.ByteID(b); got != want {
			t.Errorf("ByteID(%q) = %d, want %d", b, got, want)
		}
	}
	lookups := []struct{ l, r, rank, result int32 }{
		{0, 1, 2, 3}, // listed twice: the last rank counts
		{3, 2, 1, 4},
		{1, 0, NoMerge, -1},
		{4, 4, NoMerge, -1},
	}
	for _, c := range lookups {
		if rank, res := tab.Lookup(c.l, c.r); rank != c.rank || res != c.result {
			t.Errorf("Lookup(%d, %d) = %d, %d; want %d, %d", c.l, c.r, rank, res, c.rank, c.result)
		}
	}
	got := tab.Added()
	if len(got) != len(s.Added) {
		t.Fatalf("Added() = %+v", got)
	}
	for i := range got {
		if got[i] != s.Added[i] {
			t.Errorf("Added()[%d] = %+v, want %+v", i, got[i], s.Added[i])
		}
	}
}

func TestMonotone(t *testing.T) {
	s := tinySpec()
	s.Merges = s.Merges[:2]
	if !mustBuild(t, s).Monotone() {
		t.Error("ab before abc: monotone")
	}
	// The pair listed twice counts at its last rank, after "ab c".
	if mustBuild(t, tinySpec()).Monotone() {
		t.Error("ab (rank 2) after abc (rank 1): not monotone")
	}
	// "ab c" at rank 0 uses "ab", which only rank 1 produces.
	s.Merges = []spec.Merge{{Left: 3, Right: 2, Result: 4}, {Left: 0, Right: 1, Result: 3}}
	if mustBuild(t, s).Monotone() {
		t.Error("abc before ab: not monotone")
	}
}

func TestBuildLimits(t *testing.T) {
	s := tinySpec()
	s.Merges = append(s.Merges, spec.Merge{Left: 0, Right: 9, Result: 3})
	if _, err := Build(s); err == nil || !strings.Contains(err.Error(), "outside the vocabulary") {
		t.Errorf("merge with id 9: err = %v", err)
	}
	s = tinySpec()
	s.Tokens = make([]spec.Token, MaxTokens+1)
	if _, err := Build(s); err == nil || !strings.Contains(err.Error(), "at most") {
		t.Errorf("too many tokens: err = %v", err)
	}
}

// TestOpenRejectsDamage cuts and flips bytes of a valid layout: Open fails
// or gives a table whose accessors stay in bounds.
func TestOpenRejectsDamage(t *testing.T) {
	l, err := Build(tinySpec())
	if err != nil {
		t.Fatal(err)
	}
	for i := range len(l) {
		if _, err := Open(l[:i]); err == nil {
			t.Errorf("Open of the first %d of %d bytes succeeded", i, len(l))
		}
		b := []byte(l)
		b[i] ^= 0xA5
		exercise(string(b))
	}
}

func exercise(l string) {
	tab, err := Open(l)
	if err != nil {
		return
	}
	for id := -1; id <= tab.Tokens()+1; id++ {
		tab.Token(id)
	}
	for l := range int32(8) {
		for r := range int32(8) {
			tab.Lookup(l, r)
		}
	}
	tab.Added()
	tab.ByteID('a')
}

func FuzzOpen(f *testing.F) {
	l, err := Build(tinySpec())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(l)
	f.Fuzz(func(t *testing.T, l string) { exercise(l) })
}
