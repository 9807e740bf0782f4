package tokenizer

import (
	"math/bits"
	"unicode/utf8"
)

// pieceEnd returns where the pre-token starting at s[p] ends, as the Split
// pre-tokenizer's regex
//
//	(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
//
// would match it. Every rune is covered by some alternative, so a match
// always starts at p and the alternatives are tried in order, the first that
// matches winning (backtracking semantics). p < len(s).
//
// Nearly all pieces start with ASCII, which is classified by one table
// lookup per byte; wherever the first two runes are not both ASCII it asks
// pieceEndRunes, the rune-by-rune reading of the regex.
func pieceEnd(s string, p int) int {
	c := s[p]
	class := byteClasses[c]
	// The commonest pieces first: a word, with a space or not, whose
	// letters (up to eight) are counted here.
	q := p + 1
	if class == classSpace && q < len(s) && byteClasses[s[q]] == classLetter {
		class, q = classLetter, q+1
	}
	if class == classLetter {
		if q+8 <= len(s) {
			if k := asciiLetters(load64(s, q)); k < 8 && s[q+k] < utf8.RuneSelf {
				return q + k
			}
		}
		return letterRunEnd(s, q)
	}
	switch class {
	case classNumber:
		return p + 1
	case classCRLF:
		return spaceRunPieceEnd(s, p)
	case classMulti:
		return pieceEndRunes(s, p)
	}
	// c is other or space, which may prefix a letter run.
	if c == '\'' {
		if k := contractionLen(s[p+1:]); k > 0 {
			return p + 1 + k
		}
	}
	if p+1 < len(s) {
		switch byteClasses[s[p+1]] {
		case classLetter:
			return letterRunEnd(s, p+2)
		case classMulti:
			return pieceEndRunes(s, p)
		case classOther:
			if class == classOther || c == ' ' {
				return crlfRunEnd(s, otherRunEnd(s, p+2))
			}
		}
	}
	if class == classOther {
		return crlfRunEnd(s, otherRunEnd(s, p+1))
	}
	return spaceRunPieceEnd(s, p)
}

// pieceEndRunes is pieceEnd rune by rune, for pieces that start with
// non-ASCII text; it is also the reference pieceEnd is tested against.
func pieceEndRunes(s string, p int) int {
	r, n := runeAt(s, p)
	if r == '\'' {
		if k := contractionLen(s[p+1:]); k > 0 {
			return p + 1 + k
		}
	}
	c := classOf(r)
	if c == classLetter {
		return letterRunEnd(s, p+n)
	}
	if (c == classOther || c == classSpace) && p+n < len(s) {
		// [^\r\n\p{L}\p{N}] as a one-rune prefix of a letter run.
		r2, n2 := runeAt(s, p+n)
		if classOf(r2) == classLetter {
			return letterRunEnd(s, p+n+n2)
		}
	}
	switch c {
	case classNumber:
		return p + n
	case classOther:
		return crlfRunEnd(s, otherRunEnd(s, p+n))
	}
	if r == ' ' && p+1 < len(s) {
		r2, n2 := runeAt(s, p+1)
		if classOf(r2) == classOther {
			return crlfRunEnd(s, otherRunEnd(s, p+1+n2))
		}
	}
	return spaceRunPieceEnd(s, p)
}

// contractionLen is the length of the contraction suffix after an apostrophe
// at the start of s, or 0. Case-insensitive as Unicode case folding has it,
// which also lets U+017F LATIN SMALL LETTER LONG S stand for s.
func contractionLen(s string) int {
	if len(s) == 0 {
		return 0
	}
	switch s[0] | 0x20 {
	case 's', 't', 'm', 'd':
		return 1
	case 'r', 'v':
		if len(s) > 1 && s[1]|0x20 == 'e' {
			return 2
		}
	case 'l':
		if len(s) > 1 && s[1]|0x20 == 'l' {
			return 2
		}
	}
	if len(s) > 1 && s[0] == 0xC5 && s[1] == 0xBF { // ſ
		return 2
	}
	return 0
}

// letterRunEnd is the end of the run of letters starting at s[i]. ASCII
// letters are recognised eight at a time.
func letterRunEnd(s string, i int) int {
	for i+8 <= len(s) {
		k := asciiLetters(load64(s, i))
		i += k
		if k < 8 {
			if s[i] < utf8.RuneSelf {
				return i
			}
			break // a multi-byte rune: decode it below
		}
	}
	return classRunEnd(s, i, classLetter)
}

// asciiLetters is the number of leading bytes (in string order) of the
// little-endian word w that are ASCII letters. For a byte x < 0x80, x|0x20
// is in 'a'..'z' exactly when x is a letter, and adding 0x80-'a' or
// 0x7f-'z' sets its top bit exactly when it is >= 'a' or > 'z', without a
// carry into the next byte.
func asciiLetters(w uint64) int {
	const top = 0x8080808080808080
	y := w | 0x2020202020202020
	ge := y + (0x80-'a')*0x0101010101010101
	gt := y + (0x7f-'z')*0x0101010101010101
	letters := ge &^ gt &^ w & top
	return bits.TrailingZeros64(^letters&top) / 8
}

// otherRunEnd skips runes that are neither space, letter nor number.
func otherRunEnd(s string, i int) int { return classRunEnd(s, i, classOther) }

// classRunEnd is the end of the run of runes of class c starting at s[i].
func classRunEnd(s string, i int, c uint8) int {
	for i < len(s) {
		switch byteClasses[s[i]] {
		case c:
			i++
			continue
		case classMulti:
		default:
			return i
		}
		r, n := runeAt(s, i)
		if classOf(r) != c {
			break
		}
		i += n
	}
	return i
}

func crlfRunEnd(s string, i int) int {
	for i < len(s) && (s[i] == '\r' || s[i] == '\n') {
		i++
	}
	return i
}

// spaceRunPieceEnd handles the last three alternatives for a run of
// whitespace starting at p:
//   - \s*[\r\n]+ matches up to and including the run's last \r or \n;
//   - else \s+(?!\S) takes the whole run at the end of the text, and
//     otherwise all but its last rune (which then starts the next piece);
//   - else \s+ takes the single rune.
func spaceRunPieceEnd(s string, p int) int {
	i, last, afterCRLF := p, p, -1
	for i < len(s) {
		c, n := byteClasses[s[i]], 1
		if c == classMulti {
			var r rune
			r, n = runeAt(s, i)
			c = classOf(r)
		}
		if c != classSpace && c != classCRLF {
			break
		}
		if c == classCRLF {
			afterCRLF = i + n
		}
		last = i
		i += n
	}
	switch {
	case afterCRLF >= 0:
		return afterCRLF
	case i == len(s) || last == p:
		return i
	}
	return last
}
