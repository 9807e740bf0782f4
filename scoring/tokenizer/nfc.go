package tokenizer

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Hugging Face's NFC normalizer (the unicode-normalization-alignments crate)
// carries Unicode 9.0 normalization data, Go's norm package Unicode 15.0.
// They disagree only on code points added since: 108 combining marks that Go
// gives a non-zero combining class (so it reorders them) and the Dives Akuru
// vowel sign U+11938, which Go composes from U+11935 U+11930. For the
// reference all of them are starters that never compose, so text is
// normalized piecewise between them and they are kept as they are.
var newerNormalizationRunes = &unicode.RangeTable{
	R16: []unicode.Range16{
		{Lo: 0x07FD, Hi: 0x07FD, Stride: 1},
		{Lo: 0x0898, Hi: 0x089F, Stride: 1},
		{Lo: 0x08CA, Hi: 0x08D3, Stride: 1},
		{Lo: 0x09FE, Hi: 0x09FE, Stride: 1},
		{Lo: 0x0C3C, Hi: 0x0C3C, Stride: 1},
		{Lo: 0x0D3B, Hi: 0x0D3C, Stride: 1},
		{Lo: 0x0EBA, Hi: 0x0EBA, Stride: 1},
		{Lo: 0x1715, Hi: 0x1715, Stride: 1},
		{Lo: 0x1ABF, Hi: 0x1ACE, Stride: 1},
		{Lo: 0x1DF6, Hi: 0x1DFA, Stride: 1},
		{Lo: 0xA82C, Hi: 0xA82C, Stride: 1},
	},
	R32: []unicode.Range32{
		{Lo: 0x10D24, Hi: 0x10D27, Stride: 1},
		{Lo: 0x10EAB, Hi: 0x10EAC, Stride: 1},
		{Lo: 0x10EFD, Hi: 0x10EFF, Stride: 1},
		{Lo: 0x10F46, Hi: 0x10F50, Stride: 1},
		{Lo: 0x10F82, Hi: 0x10F85, Stride: 1},
		{Lo: 0x11070, Hi: 0x11070, Stride: 1},
		{Lo: 0x1133B, Hi: 0x1133B, Stride: 1},
		{Lo: 0x1145E, Hi: 0x1145E, Stride: 1},
		{Lo: 0x11839, Hi: 0x1183A, Stride: 1},
		{Lo: 0x11930, Hi: 0x11930, Stride: 1},
		{Lo: 0x11938, Hi: 0x11938, Stride: 1},
		{Lo: 0x1193D, Hi: 0x1193E, Stride: 1},
		{Lo: 0x11943, Hi: 0x11943, Stride: 1},
		{Lo: 0x119E0, Hi: 0x119E0, Stride: 1},
		{Lo: 0x11A34, Hi: 0x11A34, Stride: 1},
		{Lo: 0x11A47, Hi: 0x11A47, Stride: 1},
		{Lo: 0x11A99, Hi: 0x11A99, Stride: 1},
		{Lo: 0x11D42, Hi: 0x11D42, Stride: 1},
		{Lo: 0x11D44, Hi: 0x11D45, Stride: 1},
		{Lo: 0x11D97, Hi: 0x11D97, Stride: 1},
		{Lo: 0x11F41, Hi: 0x11F42, Stride: 1},
		{Lo: 0x16FF0, Hi: 0x16FF1, Stride: 1},
		{Lo: 0x1E08F, Hi: 0x1E08F, Stride: 1},
		{Lo: 0x1E130, Hi: 0x1E136, Stride: 1},
		{Lo: 0x1E2AE, Hi: 0x1E2AE, Stride: 1},
		{Lo: 0x1E2EC, Hi: 0x1E2EF, Stride: 1},
		{Lo: 0x1E4EC, Hi: 0x1E4EF, Stride: 1},
	},
}

// mayStartNewerRune reports whether a UTF-8 sequence with this lead byte can
// encode a rune of newerNormalizationRunes (U+07FD, U+08xx..U+1Dxx, U+A8xx,
// or a supplementary rune), letting most text skip the table.
func mayStartNewerRune(b byte) bool {
	return b == 0xDF || b == 0xE0 || b == 0xE1 || b == 0xEA || b == 0xF0
}

// nfc normalizes s to NFC as the reference does.
func nfc(s string) string {
	if isNFCInert(s) {
		return s
	}
	return nfcSlow(s)
}

// isNFCInert reports whether NFC leaves s as it is because each of its runes
// is a starter that is its own NFC and never combines with a rune before it
// (norm's BoundaryBefore), so that NFC splits s between every two runes.
// Runes below U+0300, the first combining mark, are such runes: their bytes
// are all below 0xCC and need no decoding (ASCII, Latin-1, Latin Extended,
// IPA; bytes that are not UTF-8 stay as they are under nfcSlow too). Other
// BMP runes are looked up (CJK text is inert); runes of
// newerNormalizationRunes are not inert, so nfcSlow would not cut s either.
// ASCII is skipped sixteen bytes at a time.
func isNFCInert(s string) bool {
	const highBits = 0x8080808080808080
	for i := 0; i < len(s); {
		if i+16 <= len(s) {
			if w := s[i : i+16]; (load64(w, 0)|load64(w, 8))&highBits == 0 {
				i += 16
				continue
			}
		}
		if s[i] < 0xCC {
			i++
			continue
		}
		r, n := runeAt(s, i)
		// Invalid UTF-8 decodes as RuneError of length 1 (U+FFFD itself
		// takes three bytes) and is not taken for inert.
		if n == 1 || r >= 1<<16 || !nfcInertRune(r) {
			return false
		}
		i += n
	}
	return true
}

// nfcInertPages tells, for each page of 256 BMP runes, which are inert as
// isNFCInert means it. Each page is computed on first use, so text touches
// only the pages of its scripts (the whole table takes ~5 ms to compute);
// once computed a page never changes.
var nfcInertPages [256]nfcInertPage

type nfcInertPage struct {
	once sync.Once
	bits [4]uint64
}

func nfcInertRune(r rune) bool {
	pg := &nfcInertPages[r>>8&0xff]
	pg.once.Do(func() { pg.build(r &^ 0xff) })
	return pg.bits[r>>6&3]&(1<<(r&63)) != 0
}

// build computes the page of the runes from first to first+255.
func (pg *nfcInertPage) build(first rune) {
	var buf [utf8.UTFMax]byte
	for i := range rune(256) {
		if r := first + i; utf8.ValidRune(r) && isNFCInertRune(r, utf8.AppendRune(buf[:0], r)) {
			pg.bits[i/64] |= 1 << (i % 64)
		}
	}
}

// isNFCInertRune tells whether r, encoded as b, is inert in the sense of
// isNFCInert.
func isNFCInertRune(r rune, b []byte) bool {
	if p := norm.NFC.Properties(b); p.CCC() != 0 || !p.BoundaryBefore() {
		return false
	}
	return norm.NFC.IsNormal(b) && !(mayStartNewerRune(b[0]) && unicode.Is(newerNormalizationRunes, r))
}

// nfcSlow is nfc without the shortcut.
func nfcSlow(s string) string {
	cut := nextNewerRune(s, 0)
	if cut < 0 {
		return norm.NFC.String(s)
	}
	var b []byte
	start := 0
	for cut >= 0 {
		_, n := utf8.DecodeRuneInString(s[cut:])
		// Each part on its own: Append* would normalize across the cut.
		b = append(b, norm.NFC.String(s[start:cut])...)
		b = append(b, s[cut:cut+n]...)
		start = cut + n
		cut = nextNewerRune(s, start)
	}
	b = append(b, norm.NFC.String(s[start:])...)
	return string(b)
}

// nextNewerRune is the index of the first rune of newerNormalizationRunes in
// s at or after i, or -1.
func nextNewerRune(s string, i int) int {
	for ; i < len(s); i++ {
		if !mayStartNewerRune(s[i]) {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(s[i:]); unicode.Is(newerNormalizationRunes, r) {
			return i
		}
	}
	return -1
}
