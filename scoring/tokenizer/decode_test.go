package tokenizer

import (
	"path/filepath"
	"testing"

	"github.com/grpo-score/grpo-score/internal/jsonltest"
)

// TestDecodeMatchesReference checks Decode against Hugging Face's
// decode(ids, skip_special_tokens=False) on random id lists, most of which
// split characters (see testdata/hf/README.md).
func TestDecodeMatchesReference(t *testing.T) {
	type decodeCase struct {
		IDs  []int  `json:"ids"`
		Text string `json:"text"`
	}
	tok := mustDefault(t)
	cases := jsonltest.Read[decodeCase](t, filepath.Join("testdata", "hf", "decode.jsonl"))
	bad := 0
	for _, c := range cases {
		if got := tok.Decode(c.IDs); got != c.Text {
			bad++
			t.Errorf("Decode(%v) = %+q, want %+q", c.IDs, got, c.Text)
		}
	}
	t.Logf("%d/%d decode cases agree", len(cases)-bad, len(cases))
}
