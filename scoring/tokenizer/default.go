package tokenizer

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/grpo-score/grpo-score/scoring/tokenizer/internal/spec"
)

// The Qwen2.5 tokenizer (Qwen2TokenizerFast of Qwen2.5 / Qwen2.5-VL) in the
// compact form of internal/spec; see NOTICE for its origin and licence.
// Regenerate with QWEN_TOKENIZER_JSON set to the source tokenizer.json.
//
//go:generate go run ./internal/gen -out qwen25.bpe.zst
//go:embed qwen25.bpe.zst
var qwen25Blob []byte

var defaultTokenizer = sync.OnceValues(func() (*Tokenizer, error) {
	s, err := spec.ReadBlob(qwen25Blob)
	if err != nil {
		return nil, fmt.Errorf("embedded Qwen2.5 tokenizer: %w", err)
	}
	return newTokenizer(s), nil
})

// Default returns the embedded Qwen2.5 tokenizer, decoding it on first use.
func Default() (*Tokenizer, error) {
	return defaultTokenizer()
}
