// Package spec holds the data that defines a byte-level BPE tokenizer of the
// Qwen2 family, independent of how it is stored: it reads Hugging Face
// tokenizer.json files and reads and writes the package's compact binary form.
package spec

// Kind says how a vocabulary entry is known.
type Kind uint8

const (
	// Absent marks an id that the vocabulary does not use.
	Absent Kind = iota
	// Bytes marks a token whose text is in the byte-level alphabet; Token.Text
	// holds the raw bytes it stands for.
	Bytes
	// Verbatim marks a token with runes outside the byte-level alphabet; BPE can
	// never produce it, and Token.Text holds its text as written.
	Verbatim
)

// Token is one vocabulary entry.
type Token struct {
	Text string
	Kind Kind
}

// Merge is one BPE merge rule: Left and Right join into Result. Its rank is
// its index in Spec.Merges.
type Merge struct {
	Left, Right, Result int32
}

// AddedToken is a token matched in the text before BPE runs.
type AddedToken struct {
	ID         int32
	Content    string
	SingleWord bool
	LStrip     bool
	RStrip     bool
	Normalized bool
	Special    bool
}

// Spec is everything needed to encode and decode.
type Spec struct {
	Tokens       []Token // indexed by id
	Merges       []Merge // in rank order
	Added        []AddedToken
	NFC          bool // the normalizer is Unicode NFC (otherwise none)
	IgnoreMerges bool // a piece that is itself in the vocabulary is one token
}
