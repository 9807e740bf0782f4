package jsonrepair

import "github.com/grpo-score/grpo-score/scoring/pyjson"

// parseParenthesized reads a Python tuple or a grouped value: "(1, 2)" and "()"
// become lists, "(1)" becomes 1.
func (p *parser) parseParenthesized() value {
	p.enter(1)
	defer p.leave(1)
	explicitTuple := p.parenthesizedIsExplicitTuple()
	p.index++
	values := p.parseArray(')').(pyjson.List)
	if explicitTuple || len(values) != 1 {
		return values
	}
	return values[0]
}

// parenScanner walks forward from just after '(' tracking brackets and quotes.
type parenScanner struct {
	parens, squares, braces int
	inQuote                 rune
	backslashes             int
}

func (sc *parenScanner) atTopLevel() bool {
	return sc.parens == 0 && sc.squares == 0 && sc.braces == 0
}

// nest tracks square brackets and braces (an unmatched closer is ignored)
// and reports whether ch was one of them.
func (sc *parenScanner) nest(ch rune) bool {
	switch {
	case ch == '[':
		sc.squares++
	case ch == ']':
		if sc.squares > 0 {
			sc.squares--
		}
	case ch == '{':
		sc.braces++
	case ch == '}':
		if sc.braces > 0 {
			sc.braces--
		}
	default:
		return false
	}
	return true
}

// quoteStep consumes backslashes and quoted text; it reports whether ch was
// fully handled there, and whether ch opened a quote.
func (sc *parenScanner) quoteStep(ch rune) (handled, opened bool) {
	if ch == '\\' {
		sc.backslashes++
		return true, false
	}
	if sc.inQuote != 0 {
		if ch == sc.inQuote && sc.backslashes%2 == 0 {
			sc.inQuote = 0
		}
		sc.backslashes = 0
		return true, false
	}
	if isStringDelimiter(ch) && sc.backslashes%2 == 0 {
		sc.inQuote = ch
		sc.backslashes = 0
		return true, true
	}
	sc.backslashes = 0
	return false, false
}

// parenthesizedIsExplicitTuple: "()" and anything with a top-level comma is a tuple.
func (p *parser) parenthesizedIsExplicitTuple() bool {
	var sc parenScanner
	sawContent := false
	for i := p.index + 1; i < len(p.s); i++ {
		ch := p.s[i]
		handled, opened := sc.quoteStep(ch)
		if opened && sc.atTopLevel() {
			sawContent = true
		}
		if handled {
			continue
		}
		if !pyIsSpace(ch) && ch != ',' && ch != ')' && sc.atTopLevel() {
			sawContent = true
		}
		switch {
		case ch == '(':
			sc.parens++
		case ch == ')':
			if sc.atTopLevel() {
				return !sawContent
			}
			if sc.parens > 0 {
				sc.parens--
			}
		case sc.nest(ch):
		case ch == ',' && sc.atTopLevel():
			return true
		}
	}
	return !sawContent
}

// topLevelParenthesizedCanStartValue keeps prose such as "note (see below): {...}"
// from being read as a tuple: the '(' must start its line, hold a value-like
// first character and close at the end of a line.
func (p *parser) topLevelParenthesizedCanStartValue() bool {
	for i := p.index - 1; i >= 0; i-- {
		ch := p.s[i]
		if ch == '\n' || ch == '\r' {
			break
		}
		if !pyIsSpace(ch) {
			return false
		}
	}
	idx := p.scrollWhitespaces(1)
	first := p.charAt(idx)
	if first == noChar {
		return false
	}
	start := p.index + idx
	if !containsRune([]rune{')', '{', '[', '('}, first) && !isStringDelimiter(first) &&
		!pyIsDigit(first) && first != '-' && first != '.' &&
		!p.hasPrefixAt(start, "true") && !p.hasPrefixAt(start, "null") && !p.hasPrefixAt(start, "false") {
		return false
	}
	var sc parenScanner
	n := len(p.s)
	for i := p.index + 1; i < n; i++ {
		ch := p.s[i]
		if handled, _ := sc.quoteStep(ch); handled {
			continue
		}
		switch {
		case ch == '(':
			sc.parens++
		case ch == ')':
			if sc.atTopLevel() {
				for i++; i < n; i++ {
					t := p.s[i]
					if t == '\n' || t == '\r' {
						return true
					}
					if !pyIsSpace(t) {
						return false
					}
				}
				return true
			}
			sc.parens--
		case sc.nest(ch):
		}
	}
	return true
}
