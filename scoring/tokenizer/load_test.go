package tokenizer

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/grpo-score/grpo-score/scoring/tokenizer/internal/spec"
)

// TestLoadQwenJSON checks that Load of the source tokenizer.json agrees with
// the embedded default on every vector. The file is not in the repository;
// set QWEN_TOKENIZER_JSON to run it.
func TestLoadQwenJSON(t *testing.T) {
	path := os.Getenv("QWEN_TOKENIZER_JSON")
	if path == "" {
		t.Skip("QWEN_TOKENIZER_JSON not set")
	}
	tok, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	checkVectors(t, tok, loadVectors(t))
}

// tinyJSON is a hand-made tokenizer.json of the Qwen2 family. Its vocabulary
// has the 256 bytes at ids 0..255 (in byte order, not GPT-2's), then merges.
// Placeholders: MERGES, ADDED, NORMALIZER, PRETOKENIZER.
const tinyJSON = `{
  "version": "1.0",
  "added_tokens": ADDED,
  "normalizer": NORMALIZER,
  "pre_tokenizer": PRETOKENIZER,
  "post_processor": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": false, "use_regex": false},
  "decoder": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": false, "use_regex": false},
  "model": {"type": "BPE", "dropout": null, "unk_token": null, "continuing_subword_prefix": "",
    "end_of_word_suffix": "", "fuse_unk": false, "byte_fallback": false, "ignore_merges": false,
    "vocab": VOCAB, "merges": MERGES}
}`

const qwenPreTokenizer = `{"type": "Sequence", "pretokenizers": [
  {"type": "Split", "pattern": {"Regex": "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"}, "behavior": "Isolated", "invert": false},
  {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": false, "use_regex": false}]}`

// tinyMerges are in rank order; "Ġ" is the byte-level spelling of a space.
var tinyMerges = [][2]string{{"h", "e"}, {"l", "l"}, {"he", "ll"}, {"hell", "o"}, {"Ġ", "w"}, {"Ġw", "o"}, {"o", "o"}}

type tinyOptions struct {
	legacyMerges bool   // "a b" strings instead of pairs
	added        string // JSON array
	normalizer   string
	preTokenizer string
}

func tinyVocabAndMerges(legacy bool) (vocab, merges string) {
	var v []string
	for b := range 256 {
		v = append(v, strconv.Quote(spec.ByteLevelEncode(string([]byte{byte(b)})))+": "+strconv.Itoa(b))
	}
	var m []string
	for i, p := range tinyMerges {
		v = append(v, strconv.Quote(p[0]+p[1])+": "+strconv.Itoa(256+i))
		if legacy {
			m = append(m, strconv.Quote(p[0]+" "+p[1]))
		} else {
			m = append(m, "["+strconv.Quote(p[0])+", "+strconv.Quote(p[1])+"]")
		}
	}
	return "{" + strings.Join(v, ", ") + "}", "[" + strings.Join(m, ", ") + "]"
}

func writeTiny(t *testing.T, o tinyOptions) string {
	t.Helper()
	if o.added == "" {
		o.added = "[]"
	}
	if o.normalizer == "" {
		o.normalizer = `{"type": "NFC"}`
	}
	if o.preTokenizer == "" {
		o.preTokenizer = qwenPreTokenizer
	}
	vocab, merges := tinyVocabAndMerges(o.legacyMerges)
	text := strings.NewReplacer("ADDED", o.added, "NORMALIZER", o.normalizer,
		"PRETOKENIZER", o.preTokenizer, "VOCAB", vocab, "MERGES", merges).Replace(tinyJSON)
	path := filepath.Join(t.TempDir(), "tokenizer.json")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestLoadTiny checks a hand-made tokenizer.json in both merge spellings and
// with every added-token flag; Hugging Face's tokenizers 0.23.2 gives the
// same ids for all these texts.
func TestLoadTiny(t *testing.T) {
	const (
		hello = 256 + 3
		spW   = 256 + 4
		spWo  = 256 + 5
		oo    = 256 + 6
	)
	added := `[
	  {"id": 0, "content": "<|end|>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
	  {"id": 0, "content": "[W]", "single_word": true, "lstrip": false, "rstrip": false, "normalized": false, "special": false},
	  {"id": 0, "content": "<L>", "single_word": false, "lstrip": true, "rstrip": false, "normalized": false, "special": false},
	  {"id": 0, "content": "<R>", "single_word": false, "lstrip": false, "rstrip": true, "normalized": false, "special": false},
	  {"id": 0, "content": "é!", "single_word": false, "lstrip": false, "rstrip": false, "normalized": true, "special": false},
	  {"id": 0, "content": "<|end|>x", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": false},
	  {"id": 0, "content": "hello", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": false}
	]`
	// Added ids: HF ignores the file's ids; new texts get the next free id
	// after the vocabulary (263), texts already in it keep their id.
	const (
		end    = 263
		w      = 264
		lTok   = 265
		rTok   = 266
		eAcute = 267
		endX   = 268
	)
	for _, legacy := range []bool{false, true} {
		tok, err := Load(writeTiny(t, tinyOptions{legacyMerges: legacy, added: added}))
		if err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			text string
			want []int
		}{
			{"", nil},
			{"hello", []int{hello}},
			{"hello world", []int{hello, spWo, 'r', 'l', 'd'}},
			{"ooo", []int{oo, 'o'}},
			{" w", []int{spW}},
			{"a<|end|>b", []int{'a', end, 'b'}},
			{"<|end|>x", []int{endX}}, // longest match wins
			{"a [W] b", []int{'a', ' ', w, ' ', 'b'}},
			{"a[W] b", []int{'a', '[', 'W', ']', ' ', 'b'}}, // not a single word
			{"a  <L>b", []int{'a', lTok, 'b'}},              // lstrip takes the spaces
			{"a<R> \n b", []int{'a', rTok, 'b'}},            // rstrip takes the spaces
			{"e\u0301!", []int{eAcute}},                     // matched after NFC
			{"xhellox", []int{'x', hello, 'x'}},             // added token "hello" keeps its vocab id
			{"[W]", []int{w}},
			{"[W]_", []int{'[', 'W', ']', '_'}}, // _ is a word character
			{"a\u3000<L>b", []int{'a', lTok, 'b'}},
			{"<R>\u00a0\u2028z", []int{rTok, 'z'}},
			{"<L><L>  <R>  <L>", []int{lTok, lTok, ' ', ' ', rTok, lTok}},
			{"a [W]<R>  [W] b", []int{'a', ' ', w, rTok, w, ' ', 'b'}},
		}
		for _, tc := range tests {
			got := tok.Encode(tc.text)
			if !slices.Equal(got, tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
				t.Errorf("legacy=%v Encode(%q) = %v, want %v", legacy, tc.text, got, tc.want)
			}
			if n := tok.Count(tc.text); n != len(tc.want) {
				t.Errorf("legacy=%v Count(%q) = %d, want %d", legacy, tc.text, n, len(tc.want))
			}
		}
		if got := tok.Decode([]int{hello, spWo, end, eAcute, 999999, -1}); got != "hello wo<|end|>\uFFFD!" {
			// "é!" is in the byte-level alphabet, so the ByteLevel decoder
			// turns "é" into the lone byte 0xE9, as Hugging Face does.
			t.Errorf("Decode = %q", got)
		}
	}
}

func TestLoadRejects(t *testing.T) {
	tests := []struct {
		name string
		o    tinyOptions
		want string
	}{
		{"lowercase normalizer", tinyOptions{normalizer: `{"type": "Lowercase"}`}, "unsupported normalizer"},
		{"gpt2 byte level", tinyOptions{preTokenizer: `{"type": "ByteLevel", "add_prefix_space": false, "use_regex": true}`}, "unsupported pre_tokenizer"},
		{"other regex", tinyOptions{preTokenizer: strings.Replace(qwenPreTokenizer, `\\p{N}|`, `\\p{N}{1,3}|`, 1)}, "unsupported Split regex"},
	}
	for _, tc := range tests {
		_, err := Load(writeTiny(t, tc.o))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want it to mention %q", tc.name, err, tc.want)
		}
	}
	for name, text := range map[string]string{
		"not json":       "{",
		"no model":       `{"version": "1.0", "pre_tokenizer": ` + qwenPreTokenizer + `}`,
		"wordpiece":      `{"pre_tokenizer": ` + qwenPreTokenizer + `, "model": {"type": "WordPiece", "vocab": {}}}`,
		"bad merge":      `{"pre_tokenizer": ` + qwenPreTokenizer + `, "model": {"type": "BPE", "vocab": {"a": 0}, "merges": ["a b"]}}`,
		"three-way line": `{"pre_tokenizer": ` + qwenPreTokenizer + `, "model": {"type": "BPE", "vocab": {"a": 0}, "merges": ["a a a"]}}`,
		"negative id":    `{"pre_tokenizer": ` + qwenPreTokenizer + `, "model": {"type": "BPE", "vocab": {"a": -1}, "merges": []}}`,
		"template":       `{"pre_tokenizer": ` + qwenPreTokenizer + `, "post_processor": {"type": "TemplateProcessing"}, "model": {"type": "BPE", "vocab": {}, "merges": []}}`,
	} {
		path := filepath.Join(t.TempDir(), "tokenizer.json")
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(path); err == nil {
			t.Errorf("%s: Load succeeded", name)
		}
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("Load of a missing file succeeded")
	}
}
