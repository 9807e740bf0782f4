package tokenizer

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/grpo-score/grpo-score/internal/jsonltest"
)

// repoTestdata is the module's shared test data directory.
var repoTestdata = filepath.Join("..", "..", "testdata")

type vector struct {
	Text string `json:"text"`
	IDs  []int  `json:"ids"`
}

func loadVectors(t testing.TB) []vector {
	return jsonltest.Read[vector](t, filepath.Join(repoTestdata, "tokenizer", "vectors.jsonl"))
}

func mustDefault(t testing.TB) *Tokenizer {
	t.Helper()
	tok, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// checkVectors asserts that tok gives the reference ids for every vector.
func checkVectors(t *testing.T, tok *Tokenizer, vectors []vector) {
	bad := 0
	for i, v := range vectors {
		got := tok.Encode(v.Text)
		if n := tok.Count(v.Text); n != len(v.IDs) {
			t.Errorf("vector %d: Count = %d, want %d", i+1, n, len(v.IDs))
		}
		if !slices.Equal(got, v.IDs) {
			bad++
			if bad <= 20 {
				t.Errorf("vector %d %q:\n got %v\nwant %v", i+1, v.Text, got, v.IDs)
			}
		}
	}
	t.Logf("%d/%d vectors agree", len(vectors)-bad, len(vectors))
}

func TestVectors(t *testing.T) {
	vectors := loadVectors(t)
	if len(vectors) != 3021 {
		t.Fatalf("%d vectors, want 3021", len(vectors))
	}
	checkVectors(t, mustDefault(t), vectors)
}

type rollout struct {
	ID         string `json:"id"`
	Completion string `json:"completion"`
}

type golden struct {
	ID         string `json:"id"`
	TokenCount int    `json:"token_count"`
}

func loadCompletions(t testing.TB) []string {
	rollouts := jsonltest.Read[rollout](t, filepath.Join(repoTestdata, "golden", "rollouts.jsonl"))
	texts := make([]string, len(rollouts))
	for i, r := range rollouts {
		texts[i] = r.Completion
	}
	return texts
}

func TestGoldenTokenCounts(t *testing.T) {
	rollouts := jsonltest.Read[rollout](t, filepath.Join(repoTestdata, "golden", "rollouts.jsonl"))
	goldens := jsonltest.Read[golden](t, filepath.Join(repoTestdata, "golden", "golden.jsonl"))
	if len(rollouts) != len(goldens) || len(goldens) != 3000 {
		t.Fatalf("%d rollouts, %d golden lines; want 3000 each", len(rollouts), len(goldens))
	}
	tok := mustDefault(t)
	bad := 0
	for i, g := range goldens {
		if rollouts[i].ID != g.ID {
			t.Fatalf("line %d: rollout %s, golden %s", i+1, rollouts[i].ID, g.ID)
		}
		if got := tok.Count(rollouts[i].Completion); got != g.TokenCount {
			bad++
			t.Errorf("%s: Count = %d, want %d", g.ID, got, g.TokenCount)
		}
		if got := len(tok.Encode(rollouts[i].Completion)); got != g.TokenCount {
			t.Errorf("%s: len(Encode) = %d, want %d", g.ID, got, g.TokenCount)
		}
	}
	t.Logf("%d/%d golden token counts agree", len(goldens)-bad, len(goldens))
}

// TestExtraVectors checks a further vectors file in the same format, for
// example one made by running Hugging Face's tokenizers on generated text.
// Set TOKENIZER_EXTRA_VECTORS to its path to run it.
func TestExtraVectors(t *testing.T) {
	path := os.Getenv("TOKENIZER_EXTRA_VECTORS")
	if path == "" {
		t.Skip("TOKENIZER_EXTRA_VECTORS not set")
	}
	checkVectors(t, mustDefault(t), jsonltest.Read[vector](t, path))
}

// TestGeneratedVectors checks hard generated texts against Hugging Face's
// tokenizers (see testdata/hf/README.md).
func TestGeneratedVectors(t *testing.T) {
	vectors := jsonltest.Read[vector](t, filepath.Join("testdata", "hf", "generated.jsonl"))
	if len(vectors) != 2085 {
		t.Fatalf("%d vectors, want 2085", len(vectors))
	}
	checkVectors(t, mustDefault(t), vectors)
}

// TestClassesMatchOracle checks the class of every code point against the
// one Hugging Face's pre-tokenizer gives it (see testdata/hf/README.md).
func TestClassesMatchOracle(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "hf", "classes.txt"))
	if err != nil {
		t.Fatal(err)
	}
	classByLetter := map[string]uint8{"L": classLetter, "N": classNumber, "S": classSpace, "C": classCRLF, "O": classOther}
	seen := 0
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var first, last rune
		var k string
		if _, err := fmt.Sscanf(line, "%x %x %s", &first, &last, &k); err != nil {
			t.Fatalf("classes.txt:%d: %v", i+1, err)
		}
		want, ok := classByLetter[k]
		if !ok {
			t.Fatalf("classes.txt:%d: unknown class %q", i+1, k)
		}
		for r := first; r <= last; r++ {
			seen++
			if got := classOf(r); got != want {
				t.Errorf("classOf(%U) = %d, oracle says %s", r, got, k)
			}
		}
	}
	if want := 0x110000 - 0x800; seen != want {
		t.Errorf("classes.txt covers %d code points, want %d", seen, want)
	}
}
