// Command gen writes the tokenizer package's embedded default: it reads the
// Qwen2.5 tokenizer.json, checks that it is the expected file, and writes it
// laid out as internal/layout reads it in place.
//
// Usage: go run ./internal/gen -src path/to/qwen2.5-tokenizer.json -out qwen25.bpe
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"

	"github.com/grpo-score/grpo-score/scoring/tokenizer/internal/layout"
	"github.com/grpo-score/grpo-score/scoring/tokenizer/internal/spec"
)

// wantSHA256 identifies the tokenizer.json the default is built from (see NOTICE).
const wantSHA256 = "7234470152af003274957c79ac95e148e79c0f7b4a47ebfad120fd66dbfe4236"

func main() {
	src := flag.String("src", os.Getenv("QWEN_TOKENIZER_JSON"), "Qwen2.5 tokenizer.json (default $QWEN_TOKENIZER_JSON)")
	out := flag.String("out", "qwen25.bpe", "layout to write")
	flag.Parse()
	if err := run(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(src, out string) error {
	if src == "" {
		return fmt.Errorf("no source: pass -src or set QWEN_TOKENIZER_JSON to the Qwen2.5 tokenizer.json (sha256 %s)", wantSHA256)
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); got != wantSHA256 {
		return fmt.Errorf("%s: sha256 %s, want %s", src, got, wantSHA256)
	}
	s, err := spec.ParseJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	l, err := layout.Build(s)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, []byte(l), 0o644); err != nil {
		return err
	}
	fmt.Printf("gen: %s: %d tokens, %d merges, %d added tokens -> %s (%d bytes)\n",
		src, len(s.Tokens), len(s.Merges), len(s.Added), out, len(l))
	return nil
}
