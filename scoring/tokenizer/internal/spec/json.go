package spec

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	json "github.com/goccy/go-json"
)

// SplitPattern is the only Split pre-tokenizer regex this package implements
// (by hand, since Go's regexp lacks the lookahead it needs): the one of the
// Qwen2 / Qwen2.5 / Qwen3 tokenizers.
const SplitPattern = `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`

// maxVocab bounds the ids a file may use, so that a corrupt file cannot make
// us allocate without limit.
const maxVocab = 1 << 24

type fileJSON struct {
	Version       *string         `json:"version"`
	AddedTokens   []addedJSON     `json:"added_tokens"`
	Normalizer    json.RawMessage `json:"normalizer"`
	PreTokenizer  json.RawMessage `json:"pre_tokenizer"`
	PostProcessor json.RawMessage `json:"post_processor"`
	Decoder       json.RawMessage `json:"decoder"`
	Model         json.RawMessage `json:"model"`
}

type addedJSON struct {
	ID         int32  `json:"id"`
	Content    string `json:"content"`
	SingleWord bool   `json:"single_word"`
	LStrip     bool   `json:"lstrip"`
	RStrip     bool   `json:"rstrip"`
	Normalized bool   `json:"normalized"`
	Special    bool   `json:"special"`
}

type modelJSON struct {
	Type                    string           `json:"type"`
	Dropout                 *float64         `json:"dropout"`
	UnkToken                *string          `json:"unk_token"`
	ContinuingSubwordPrefix *string          `json:"continuing_subword_prefix"`
	EndOfWordSuffix         *string          `json:"end_of_word_suffix"`
	ByteFallback            bool             `json:"byte_fallback"`
	IgnoreMerges            bool             `json:"ignore_merges"`
	Vocab                   map[string]int64 `json:"vocab"`
	Merges                  json.RawMessage  `json:"merges"`
}

// component is the part of every normalizer, pre-tokenizer, post-processor
// and decoder object that this package looks at.
type component struct {
	Type           string          `json:"type"`
	Normalizers    []component     `json:"normalizers"`
	Pretokenizers  []component     `json:"pretokenizers"`
	Pattern        json.RawMessage `json:"pattern"`
	Behavior       string          `json:"behavior"`
	Invert         bool            `json:"invert"`
	AddPrefixSpace bool            `json:"add_prefix_space"`
	UseRegex       *bool           `json:"use_regex"`
}

// ParseJSON reads a Hugging Face tokenizer.json and checks that it describes
// a tokenizer this package reproduces exactly.
func ParseJSON(r io.Reader) (*Spec, error) {
	var f fileJSON
	dec := json.NewDecoder(r)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("tokenizer.json: %w", err)
	}
	if f.Version != nil && *f.Version != "1.0" {
		return nil, fmt.Errorf("tokenizer.json: unknown version %q", *f.Version)
	}
	s := &Spec{}
	var err error
	if s.NFC, err = parseNormalizer(f.Normalizer); err != nil {
		return nil, err
	}
	if err := checkPreTokenizer(f.PreTokenizer); err != nil {
		return nil, err
	}
	if err := checkOptional("post_processor", f.PostProcessor, "ByteLevel"); err != nil {
		return nil, err
	}
	if err := checkOptional("decoder", f.Decoder, "ByteLevel"); err != nil {
		return nil, err
	}
	vocab, err := parseModel(f.Model, s)
	if err != nil {
		return nil, err
	}
	s.Added = assignAddedIDs(f.AddedTokens, vocab, len(vocab))
	return s, nil
}

func isNull(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) == 0 || string(t) == "null"
}

func parseComponent(what string, raw json.RawMessage) (component, error) {
	var c component
	if err := json.Unmarshal(raw, &c); err != nil {
		return c, fmt.Errorf("tokenizer.json: %s: %w", what, err)
	}
	return c, nil
}

// parseNormalizer accepts no normalizer, NFC, or a sequence of NFCs.
func parseNormalizer(raw json.RawMessage) (nfc bool, err error) {
	if isNull(raw) {
		return false, nil
	}
	c, err := parseComponent("normalizer", raw)
	if err != nil {
		return false, err
	}
	switch c.Type {
	case "NFC":
		return true, nil
	case "Sequence":
		for _, n := range c.Normalizers {
			if n.Type != "NFC" {
				return false, fmt.Errorf("tokenizer.json: unsupported normalizer %q in sequence (only NFC)", n.Type)
			}
			nfc = true
		}
		return nfc, nil
	}
	return false, fmt.Errorf("tokenizer.json: unsupported normalizer %q (only NFC)", c.Type)
}

// checkPreTokenizer accepts exactly the Qwen2 pre-tokenizer: the Split regex
// with Isolated behaviour, then ByteLevel without prefix space or regex.
func checkPreTokenizer(raw json.RawMessage) error {
	if isNull(raw) {
		return fmt.Errorf("tokenizer.json: no pre_tokenizer; want Sequence[Split, ByteLevel]")
	}
	c, err := parseComponent("pre_tokenizer", raw)
	if err != nil {
		return err
	}
	if c.Type != "Sequence" || len(c.Pretokenizers) != 2 {
		return fmt.Errorf("tokenizer.json: unsupported pre_tokenizer %q; want Sequence[Split, ByteLevel]", c.Type)
	}
	split, bl := c.Pretokenizers[0], c.Pretokenizers[1]
	if split.Type != "Split" || split.Behavior != "Isolated" || split.Invert {
		return fmt.Errorf("tokenizer.json: unsupported first pre-tokenizer %q (behavior %q, invert %v); want Split, Isolated", split.Type, split.Behavior, split.Invert)
	}
	var pattern struct{ Regex *string }
	if err := json.Unmarshal(split.Pattern, &pattern); err != nil || pattern.Regex == nil {
		return fmt.Errorf("tokenizer.json: Split pattern is not a regex")
	}
	if *pattern.Regex != SplitPattern {
		return fmt.Errorf("tokenizer.json: unsupported Split regex %q", *pattern.Regex)
	}
	if bl.Type != "ByteLevel" || bl.AddPrefixSpace || (bl.UseRegex != nil && *bl.UseRegex) {
		return fmt.Errorf("tokenizer.json: unsupported second pre-tokenizer %q; want ByteLevel without prefix space or regex", bl.Type)
	}
	return nil
}

// checkOptional accepts a missing component or one of the given type.
func checkOptional(what string, raw json.RawMessage, want string) error {
	if isNull(raw) {
		return nil
	}
	c, err := parseComponent(what, raw)
	if err != nil {
		return err
	}
	if c.Type != want {
		return fmt.Errorf("tokenizer.json: unsupported %s %q (want %s or none)", what, c.Type, want)
	}
	return nil
}

// parseModel fills s.Tokens and s.Merges and returns the vocabulary.
func parseModel(raw json.RawMessage, s *Spec) (map[string]int64, error) {
	if isNull(raw) {
		return nil, fmt.Errorf("tokenizer.json: no model")
	}
	var m modelJSON
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("tokenizer.json: model: %w", err)
	}
	if m.Type != "" && m.Type != "BPE" {
		return nil, fmt.Errorf("tokenizer.json: unsupported model %q (want BPE)", m.Type)
	}
	if m.Dropout != nil && *m.Dropout != 0 {
		return nil, fmt.Errorf("tokenizer.json: BPE dropout %v is not deterministic", *m.Dropout)
	}
	if m.ContinuingSubwordPrefix != nil && *m.ContinuingSubwordPrefix != "" {
		return nil, fmt.Errorf("tokenizer.json: unsupported continuing_subword_prefix %q", *m.ContinuingSubwordPrefix)
	}
	if m.EndOfWordSuffix != nil && *m.EndOfWordSuffix != "" {
		return nil, fmt.Errorf("tokenizer.json: unsupported end_of_word_suffix %q", *m.EndOfWordSuffix)
	}
	if m.Vocab == nil || m.Merges == nil {
		return nil, fmt.Errorf("tokenizer.json: model lacks vocab or merges")
	}
	size := int64(0)
	for tok, id := range m.Vocab {
		if id < 0 || id >= maxVocab {
			return nil, fmt.Errorf("tokenizer.json: token %q has id %d out of range", tok, id)
		}
		size = max(size, id+1)
	}
	s.Tokens = make([]Token, size)
	for tok, id := range m.Vocab {
		if raw, ok := ByteLevelDecode(tok); ok {
			s.Tokens[id] = Token{Text: raw, Kind: Bytes}
		} else {
			s.Tokens[id] = Token{Text: tok, Kind: Verbatim}
		}
	}
	if m.UnkToken != nil || m.ByteFallback {
		// Both only matter for a byte with no token of its own.
		for b := 0; b < 256; b++ {
			if _, ok := m.Vocab[ByteLevelEncode(string([]byte{byte(b)}))]; !ok {
				return nil, fmt.Errorf("tokenizer.json: byte %#x has no token and unk_token/byte_fallback are not supported", b)
			}
		}
	}
	s.IgnoreMerges = m.IgnoreMerges
	pairs, err := parseMerges(m.Merges)
	if err != nil {
		return nil, err
	}
	s.Merges = make([]Merge, len(pairs))
	for i, p := range pairs {
		l, okL := m.Vocab[p[0]]
		r, okR := m.Vocab[p[1]]
		res, okRes := m.Vocab[p[0]+p[1]]
		switch {
		case !okL:
			return nil, fmt.Errorf("tokenizer.json: merge %d: %q is not in the vocabulary", i, p[0])
		case !okR:
			return nil, fmt.Errorf("tokenizer.json: merge %d: %q is not in the vocabulary", i, p[1])
		case !okRes:
			return nil, fmt.Errorf("tokenizer.json: merge %d: %q is not in the vocabulary", i, p[0]+p[1])
		}
		s.Merges[i] = Merge{Left: int32(l), Right: int32(r), Result: int32(res)}
	}
	return m.Vocab, nil
}

// parseMerges accepts both spellings of merges: ["a b", ...] and [["a", "b"], ...].
func parseMerges(raw json.RawMessage) ([][2]string, error) {
	var pairs [][2]string
	if err := json.Unmarshal(raw, &pairs); err == nil {
		return pairs, nil
	}
	var lines []string
	if err := json.Unmarshal(raw, &lines); err != nil {
		return nil, fmt.Errorf("tokenizer.json: merges are neither [\"a b\", ...] nor [[\"a\", \"b\"], ...]")
	}
	pairs = make([][2]string, 0, len(lines))
	for _, line := range lines {
		if strings.HasPrefix(line, "#version") {
			continue
		}
		parts := strings.Split(line, " ")
		if len(parts) != 2 {
			return nil, fmt.Errorf("tokenizer.json: merge %d %q is not two tokens separated by one space", len(pairs)+1, line)
		}
		pairs = append(pairs, [2]string{parts[0], parts[1]})
	}
	return pairs, nil
}

// assignAddedIDs gives added tokens the ids Hugging Face's loader gives them,
// which ignores the "id" field of the file: the id of the same text in the
// vocabulary, or else the next id after the vocabulary. Later duplicates
// replace the flags of earlier ones; empty tokens are dropped.
func assignAddedIDs(in []addedJSON, vocab map[string]int64, vocabLen int) []AddedToken {
	byContent := map[string]int{}
	next := int32(vocabLen)
	var out []AddedToken
	for _, a := range in {
		if a.Content == "" {
			continue
		}
		t := AddedToken{Content: a.Content, SingleWord: a.SingleWord, LStrip: a.LStrip,
			RStrip: a.RStrip, Normalized: a.Normalized, Special: a.Special}
		if i, ok := byContent[a.Content]; ok {
			t.ID = out[i].ID
			out[i] = t
			continue
		}
		if id, ok := vocab[a.Content]; ok {
			t.ID = int32(id)
		} else {
			t.ID = next
			next++
		}
		byContent[a.Content] = len(out)
		out = append(out, t)
	}
	return out
}
