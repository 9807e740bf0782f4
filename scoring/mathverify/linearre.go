package mathverify

import "unicode"

// regexp2's \s and \d (its default, .NET-compatible classes).
func reSpace(r rune) bool {
	switch r {
	case '\f', '\n', '\r', '\t', '\v', 0x85:
		return true
	}
	return unicode.In(r, unicode.Z)
}

func reDigit(r rune) bool { return unicode.Is(unicode.Nd, r) }

// fixFracBraceDigit is re.sub(r"\\frac\s?{(.*?)}\s?(\d)", r"\frac{\1}{\2}", text)
// in linear time: for every position the nearest closing brace that a digit
// follows, and the nearest newline (which '.' does not cross), are known
// ahead, so each \frac is decided at once instead of by rescanning the line.
func fixFracBraceDigit(text string) string {
	t := []rune(text)
	n := len(t)
	// nextGood[k] is the first closing brace at or after k that a digit
	// follows (}\s?\d), nextNL[k] the first newline; n when there is none.
	nextGood := make([]int, n+1)
	nextNL := make([]int, n+1)
	nextGood[n], nextNL[n] = n, n
	for k := n - 1; k >= 0; k-- {
		nextGood[k], nextNL[k] = nextGood[k+1], nextNL[k+1]
		if t[k] == '\n' {
			nextNL[k] = k
		}
		if t[k] == '}' && digitAfterBrace(t, k) >= 0 {
			nextGood[k] = k
		}
	}
	var out []rune
	last, changed := 0, false
	for i := 0; i+5 <= n; {
		if !(t[i] == '\\' && t[i+1] == 'f' && t[i+2] == 'r' && t[i+3] == 'a' && t[i+4] == 'c') {
			i++
			continue
		}
		b := -1
		switch j := i + 5; {
		case j+1 < n && reSpace(t[j]) && t[j+1] == '{':
			b = j + 1
		case j < n && t[j] == '{':
			b = j
		}
		if b < 0 {
			i++
			continue
		}
		c := b + 1
		k := nextGood[c]
		if k >= n || nextNL[c] < k {
			i++
			continue
		}
		d := digitAfterBrace(t, k)
		out = append(out, t[last:i]...)
		out = append(out, []rune(`\frac{`)...)
		out = append(out, t[c:k]...)
		out = append(out, '}', '{', t[d], '}')
		last, i, changed = d+1, d+1, true
	}
	if !changed {
		return text
	}
	return string(append(out, t[last:]...))
}

// digitAfterBrace is the position of the digit that }\s?(\d) takes after
// the brace at k (the optional space is tried first), or -1.
func digitAfterBrace(t []rune, k int) int {
	if k+2 < len(t) && reSpace(t[k+1]) && reDigit(t[k+2]) {
		return k + 2
	}
	if k+1 < len(t) && reDigit(t[k+1]) {
		return k + 1
	}
	return -1
}
