package tokenizer

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/grpo-score/grpo-score/scoring/tokenizer/internal/layout"
)

// The Qwen2.5 tokenizer (Qwen2TokenizerFast of Qwen2.5 / Qwen2.5-VL) laid out
// as internal/layout reads it in place; see NOTICE for its origin and licence.
// Regenerate with QWEN_TOKENIZER_JSON set to the source tokenizer.json.
//
//go:generate go run ./internal/gen -out qwen25.bpe
//go:embed qwen25.bpe
var qwen25Layout string

var defaultTokenizer = sync.OnceValues(func() (*Tokenizer, error) {
	tab, err := layout.Open(qwen25Layout)
	if err != nil {
		return nil, fmt.Errorf("embedded Qwen2.5 tokenizer: %w", err)
	}
	return newTokenizer(tab), nil
})

// Default returns the embedded Qwen2.5 tokenizer. Opening it reads only a
// header: the vocabulary and merges are used where the binary holds them.
func Default() (*Tokenizer, error) {
	return defaultTokenizer()
}
