package jsonrepair

// parseComment skips '#', '//' and '/* */' comments. Inside a container it
// yields an empty string; at top level it goes on to the next value.
func (p *parser) parseComment() value {
	p.enter(2)
	defer p.leave(2)
	for {
		c := p.charAt(0)
		terminators := []rune{'\n', '\r'}
		if p.inCtx(ctxArray) {
			terminators = append(terminators, ']')
		}
		if p.inCtx(ctxObjectValue) {
			terminators = append(terminators, '}')
		}
		if p.inCtx(ctxObjectKey) {
			terminators = append(terminators, ':')
		}
		switch c {
		case '#':
			for c != noChar && !containsRune(terminators, c) {
				p.index++
				c = p.charAt(0)
			}
		case '/':
			switch p.charAt(1) {
			case '/':
				p.index += 2
				c = p.charAt(0)
				for c != noChar && c != '\n' && c != '\r' {
					p.index++
					c = p.charAt(0)
				}
			case '*':
				p.index += 2
				prev := '*' // the opening "/*" already ends in '*', so "/*/" closes at once
				for {
					c = p.charAt(0)
					if c == noChar {
						break
					}
					p.index++
					if prev == '*' && c == '/' {
						break
					}
					prev = c
				}
			default:
				p.index++
			}
		}
		if p.ctxEmpty() {
			p.skipWhitespaces()
			if c := p.charAt(0); c == '#' || c == '/' {
				continue
			}
			return p.parseJSON()
		}
		return emptyStr
	}
}
