package spec

import (
	"reflect"
	"strings"
	"testing"
)

func TestByteLevelRoundTrip(t *testing.T) {
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	enc := ByteLevelEncode(string(all))
	if got := []rune(enc); len(got) != 256 || got[' '] != 'Ġ' || got['\n'] != 'Ċ' || got['a'] != 'a' {
		t.Fatalf("ByteLevelEncode: space %q, newline %q", got[' '], got['\n'])
	}
	raw, ok := ByteLevelDecode(enc)
	if !ok || raw != string(all) {
		t.Fatal("ByteLevelDecode does not invert ByteLevelEncode")
	}
	if _, ok := ByteLevelDecode("a b"); ok {
		t.Error("a plain space is not in the byte-level alphabet")
	}
}

const tinyJSON = `{"version": "1.0",
  "added_tokens": [
    {"id": 9, "content": "<|x|>", "single_word": false, "lstrip": true, "rstrip": false, "normalized": false, "special": true},
    {"id": 9, "content": "", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
    {"id": 9, "content": "ab", "single_word": true, "lstrip": false, "rstrip": true, "normalized": true, "special": false}],
  "normalizer": {"type": "Sequence", "normalizers": [{"type": "NFC"}]},
  "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
    {"type": "Split", "pattern": {"Regex": "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"}, "behavior": "Isolated", "invert": false},
    {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": false, "use_regex": false}]},
  "post_processor": null, "decoder": null,
  "model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "Ġ": 2, "ab": 3, "Ġab": 4, "x y": 6, "abab": 7},
    "merges": ["#version: 0.2", "a b", "Ġ ab", "ab ab"]}}`

func tinySpec(t *testing.T) *Spec {
	t.Helper()
	s, err := ParseJSON(strings.NewReader(tinyJSON))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestParseJSON(t *testing.T) {
	s := tinySpec(t)
	want := &Spec{
		Tokens: []Token{
			{Text: "a", Kind: Bytes}, {Text: "b", Kind: Bytes}, {Text: " ", Kind: Bytes},
			{Text: "ab", Kind: Bytes}, {Text: " ab", Kind: Bytes}, {}, {Text: "x y", Kind: Verbatim},
			{Text: "abab", Kind: Bytes},
		},
		Merges: []Merge{{0, 1, 3}, {2, 3, 4}, {3, 3, 7}},
		Added: []AddedToken{
			{ID: 7, Content: "<|x|>", LStrip: true, Special: true}, // next id after 7 entries
			{ID: 3, Content: "ab", SingleWord: true, RStrip: true, Normalized: true},
		},
		NFC: true,
	}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("ParseJSON =\n%+v\nwant\n%+v", s, want)
	}
}

func TestParseJSONErrors(t *testing.T) {
	tests := []struct{ name, edit, want string }{
		{"version", `"version": "2.0"`, "unknown version"},
		{"dropout", `"type": "BPE", "dropout": 0.1`, "dropout"},
		{"prefix", `"type": "BPE", "continuing_subword_prefix": "##"`, "continuing_subword_prefix"},
		{"unk", `"type": "BPE", "unk_token": "<unk>"`, "unk_token"},
		{"merge result", `"#version: 0.2", "a b"`, ""},
	}
	for _, tc := range tests {
		var text string
		switch tc.name {
		case "version":
			text = strings.Replace(tinyJSON, `"version": "1.0"`, tc.edit, 1)
		case "merge result":
			text = strings.Replace(tinyJSON, `"ab ab"`, `"b a"`, 1)
			tc.want = `"ba" is not in the vocabulary`
		default:
			text = strings.Replace(tinyJSON, `"type": "BPE"`, tc.edit, 1)
		}
		_, err := ParseJSON(strings.NewReader(text))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want it to mention %q", tc.name, err, tc.want)
		}
	}
}

func FuzzParseJSON(f *testing.F) {
	f.Add(tinyJSON)
	f.Add(`{"model": {"vocab": {"a": 0}, "merges": [["a", "a"]]}}`)
	f.Fuzz(func(t *testing.T, text string) {
		ParseJSON(strings.NewReader(text))
	})
}
