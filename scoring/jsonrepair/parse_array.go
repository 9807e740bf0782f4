package jsonrepair

import "github.com/grpo-score/grpo-score/scoring/pyjson"

// parseArray reads items up to closing (']' or ')' for tuples) or a '}'. A
// quoted item followed by ':' is a member of an object whose '{' is missing.
func (p *parser) parseArray(closing rune) value {
	p.enter(2)
	defer p.leave(2)
	var arr pyjson.List
	p.pushCtx(ctxArray)
	defer p.popCtx()
	p.skipWhitespaces()
	c := p.charAt(0)
	for c != noChar && c != closing && c != '}' {
		var v value
		if isStringDelimiter(c) {
			i := p.skipToChar(c, 1)
			i = p.scrollWhitespaces(i + 1)
			if p.charAt(i) == ':' {
				v = p.parseObject()
			} else {
				v = p.parseString()
			}
		} else {
			v = p.parseJSON()
		}
		if next := p.charAt(0); isStrictlyEmpty(v) && next != closing && next != ',' {
			p.index++
		} else if isStr(v, "...") && p.charAt(-1) == '.' {
			// a stray ellipsis standing for "and so on"
		} else {
			arr = append(arr, v)
		}
		c = p.charAt(0)
		for c != noChar && c != closing && (pyIsSpace(c) || c == ',') {
			p.index++
			c = p.charAt(0)
		}
	}
	p.index++
	return arr
}
