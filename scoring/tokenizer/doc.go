// Package tokenizer counts tokens exactly as the trainer's Qwen2TokenizerFast
// does: len(tokenizer.encode(text)), which adds no special tokens.
//
// Default returns the Qwen2.5 tokenizer embedded in the binary (see NOTICE);
// Load reads any Hugging Face tokenizer.json of the same family. A Tokenizer
// is safe for concurrent use.
//
// Encoding follows Hugging Face's tokenizers step by step:
//
//  1. Added tokens such as <|im_end|> are cut out of the raw text
//     (leftmost-longest, honouring single_word, lstrip and rstrip); those
//     marked "normalized" are looked for after step 2 instead.
//  2. Each stretch between them is normalized to NFC.
//  3. The Split pre-tokenizer cuts it into pieces with the Qwen2 regex,
//     implemented by hand in pieceEnd since Go's regexp has no lookahead.
//  4. Each piece's bytes go through byte-level BPE: lowest-ranked merge first,
//     leftmost on ties. Short pieces' ids are cached; long ones are merged
//     rank by rank in linear time (bpeByRank).
//
// Added tokens are found by an Aho-Corasick automaton in linear time; the
// vocabulary and merges are used where the binary holds them
// (internal/layout), so Default costs next to nothing.
//
// Unicode data follows the reference engine, not Go's tables where they
// differ: the regex classes are Oniguruma's Unicode 16.0 (unicode16.go), NFC
// is that of Hugging Face's normalizer, whose data is Unicode 9.0 (nfc.go).
// testdata/hf holds reference output of Hugging Face's tokenizers 0.23.2 that
// the tests check this against.
package tokenizer
