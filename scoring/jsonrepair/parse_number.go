package jsonrepair

import (
	"strings"

	"github.com/grpo-score/grpo-score/scoring/pyjson"
)

func isNumberChar(r rune) bool {
	return (r >= '0' && r <= '9') || r == '-' || r == '.' || r == 'e' || r == 'E' || r == '/' || r == ',' || r == '_'
}

// parseNumber reads a number-like run. It falls back to a string when letters
// follow, and keeps the text as a string when it is no valid int or float
// (fractions, thousands separators, stray minus signs).
func (p *parser) parseNumber() value {
	p.enter(2)
	defer p.leave(2)
	var text []rune
	c := p.charAt(0)
	inArray := p.current() == ctxArray
	for c != noChar && isNumberChar(c) && (!inArray || c != ',') {
		if c != '_' {
			text = append(text, c)
		}
		p.index++
		c = p.charAt(0)
	}
	if pyIsAlpha(p.charAt(0)) {
		p.index -= len(text)
		return p.parseString()
	}
	if n := len(text); n > 0 && strings.ContainsRune("-eE/,", text[n-1]) {
		text = text[:n-1]
		p.index--
	}
	str := string(text)
	if strings.ContainsRune(str, ',') {
		return pyjson.Str(str)
	}
	if strings.ContainsAny(str, ".eE") {
		if f, ok := pyFloatFromText(str); ok {
			return pyjson.Float(f)
		}
		return pyjson.Str(str)
	}
	if v, err := pyIntFromText(str); err == nil {
		return v
	}
	return pyjson.Str(str)
}
