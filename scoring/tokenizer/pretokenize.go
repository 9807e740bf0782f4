package tokenizer

import "unicode/utf8"

// pieceEnd returns where the pre-token starting at s[p] ends, as the Split
// pre-tokenizer's regex
//
//	(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
//
// would match it. Every rune is covered by some alternative, so a match
// always starts at p and the alternatives are tried in order, the first that
// matches winning (backtracking semantics). p < len(s).
func pieceEnd(s string, p int) int {
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

func letterRunEnd(s string, i int) int {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf { // fast path for ASCII
			if asciiClasses[c] != classLetter {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if classOf(r) != classLetter {
			break
		}
		i += n
	}
	return i
}

// otherRunEnd skips runes that are neither space, letter nor number.
func otherRunEnd(s string, i int) int {
	for i < len(s) {
		r, n := runeAt(s, i)
		if classOf(r) != classOther {
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
		r, n := runeAt(s, i)
		c := classOf(r)
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
