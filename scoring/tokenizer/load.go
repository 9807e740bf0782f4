package tokenizer

import (
	"fmt"
	"io"
	"os"

	"github.com/grpo-score/grpo-score/scoring/tokenizer/internal/layout"
	"github.com/grpo-score/grpo-score/scoring/tokenizer/internal/spec"
)

// Load reads a Hugging Face tokenizer.json. It accepts byte-level BPE
// tokenizers of the Qwen2 family (NFC or no normalizer, the Qwen2 Split
// regex, ByteLevel) and rejects any other with an error saying what it does
// not support.
func Load(path string) (*Tokenizer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	t, err := loadJSON(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

func loadJSON(r io.Reader) (*Tokenizer, error) {
	s, err := spec.ParseJSON(r)
	if err != nil {
		return nil, err
	}
	return fromSpec(s)
}

// fromSpec lays s out as the embedded default is laid out, so that both
// kinds of tokenizer run the same code.
func fromSpec(s *spec.Spec) (*Tokenizer, error) {
	l, err := layout.Build(s)
	if err != nil {
		return nil, fmt.Errorf("tokenizer.json: %w", err)
	}
	tab, err := layout.Open(l)
	if err != nil {
		return nil, err
	}
	return newTokenizer(tab), nil
}
