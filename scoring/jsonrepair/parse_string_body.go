package jsonrepair

var stringDelimiters = []rune{'"', '\'', '“', '”'}

func isInlineOpener(r rune) bool { return r == '[' || r == '{' || r == '(' }

func inlineCloser(r rune) rune {
	switch r {
	case '[':
		return ']'
	case '{':
		return '}'
	}
	return ')'
}

// scanStringBody accumulates characters until the string ends and returns the
// character it stopped on. Every branch is a heuristic of the library about
// whether a quote, comma, brace or bracket ends the string or belongs to it.
func (p *parser) scanStringBody(st *strState) rune {
	outer := st.outer()
	c := p.charAt(0)
	for c != noChar && (c != outer || st.inLowQuoteSpan()) {
		cur := p.current()
		if st.missingQuotes {
			if cur == ctxObjectKey && (c == ':' || pyIsSpace(c)) {
				break
			}
			if cur == ctxArray && (c == ']' || c == ',') {
				break
			}
		}
		if c == '„' && st.last() != '\\' {
			st.pushLowQuoteSpan()
			c = p.appendLiteral(st, c)
			continue
		}
		if st.inLowQuoteSpan() && c == '”' {
			st.popLowQuoteSpan()
			c = p.appendLiteral(st, c)
			continue
		}
		if (st.pendingInline ||
			(cur == ctxObjectValue && c == '{' && p.charAt(-1) != '\\' && p.bareKeyFollowedByColon(p.scrollWhitespaces(1)))) &&
			isInlineOpener(c) && st.last() != '\\' {
			if end, ok := p.skipInlineContainer(0); ok {
				st.pendingInline = false
				st.inlineStack = st.inlineStack[:0]
				st.appendContent(p.slice(p.index, p.index+end))
				p.index += end
				c = p.charAt(0)
				continue
			}
		}
		if cur == ctxObjectValue && c == ',' && !st.pendingInline && len(st.inlineStack) == 0 {
			class := "string"
			if !st.noFutureDelimiter {
				class = p.classifyObjectValueComma(st)
			}
			if class == "member" {
				break
			}
			if class == "string_no_future_delimiter" {
				st.noFutureDelimiter = true
			}
			st.pendingInline = class == "container"
			c = p.appendLiteral(st, c)
			continue
		}
		var keep bool
		st.pendingInline, keep = updateInlineStack(c, st.pendingInline, &st.inlineStack)
		if keep {
			c = p.appendLiteral(st, c)
			continue
		}
		if cur == ctxObjectValue && c == '}' && st.last() != outer {
			if st.openBraces > 0 {
				c = p.appendLiteral(st, c)
				continue
			}
			if p.closingBraceEndsValue(st) {
				break
			}
		}
		if c == ']' && p.inCtx(ctxArray) && st.last() != outer {
			if p.charAt(p.skipToChar(outer, 0)) == noChar {
				break
			}
		}
		if cur == ctxObjectValue && c == '}' {
			i := p.scrollWhitespaces(1)
			next := p.charAt(i)
			if next == '`' && p.charAt(i+1) == '`' && p.charAt(i+2) == '`' {
				if p.braceBeforeFenceBelongsToString(st, i) {
					c = p.appendLiteral(st, c)
					continue
				}
				break
			}
			if next == noChar {
				break
			}
		}
		st.appendContent([]rune{c})
		p.index++
		c = p.charAt(0)
		if c == noChar {
			break
		}
		if st.last() == '\\' {
			handled, nc := p.normalizeEscape(st, c)
			c = nc
			if handled {
				continue
			}
		}
		if c == ':' && !st.missingQuotes && p.current() == ctxObjectKey {
			i := p.skipToChar(st.lDelim, 1)
			if p.charAt(i) == noChar {
				break
			}
			i = p.skipToChar(outer, i+1)
			if p.charAt(i) != noChar {
				i = p.scrollWhitespaces(i + 1)
				if ch := p.charAt(i); ch == ',' || ch == '}' {
					break
				}
			}
		}
		if st.inLowQuoteSpan() && c == '"' {
			st.popLowQuoteSpan()
			c = p.appendLiteral(st, c)
			continue
		}
		if c == outer && p.current() == ctxObjectValue && p.quoteInRegexClass(st) {
			c = p.appendLiteral(st, c)
			continue
		}
		if c == outer && len(st.acc) > 0 && st.last() != '\\' {
			// Whether the candidate was handled does not matter here: the
			// loop moves on either way.
			_, nc, stop := p.rightDelimiterCandidate(st, c)
			c = nc
			if stop {
				break
			}
		}
	}
	return c
}

// closingBraceEndsValue decides whether a '}' met in an object value closes the
// object (the string's closing quote is missing) or is part of the text.
func (p *parser) closingBraceEndsValue(st *strState) bool {
	outer := st.outer()
	missing := true
	p.skipWhitespaces()
	if p.charAt(1) == '\\' {
		missing = false
	}
	i := p.cachedSkipTo(st, []rune{outer}, 1)
	if p.charAt(i) != noChar {
		i = p.scrollWhitespaces(i + 1)
		next := p.charAt(i)
		if next == noChar || next == ',' || next == '}' {
			missing = false
		} else {
			i = p.skipToChar(st.lDelim, i)
			if p.charAt(i) == noChar {
				missing = false
			} else {
				i = p.scrollWhitespaces(i + 1)
				if next := p.charAt(i); next != noChar && next != ':' {
					missing = false
				}
			}
		}
	} else {
		i = p.skipToChar(':', 1)
		if p.charAt(i) != noChar {
			return true
		}
		i = p.scrollWhitespaces(1)
		j := p.skipToChar('}', i)
		if j-i > 1 {
			missing = false
		}
	}
	return missing
}

// normalizeEscape handles the character after a backslash that was just added
// to the string. handled means the loop continues with the returned character.
func (p *parser) normalizeEscape(st *strState, c rune) (bool, rune) {
	active := st.active()
	if st.inLowQuoteSpan() && c == '"' {
		st.replaceLast(c)
		st.popLowQuoteSpan()
		p.index++
		return true, p.charAt(0)
	}
	if c == '\\' {
		runStart := p.index - 1
		runEnd := p.index + 1
		for runEnd < len(p.s) && p.s[runEnd] == '\\' {
			runEnd++
		}
		runLength := runEnd - runStart
		if runLength%2 == 0 && p.charAt(runEnd-p.index) != active {
			half := make([]rune, runLength/2)
			for k := range half {
				half[k] = '\\'
			}
			st.replaceLast(half...)
			p.index = runEnd
			return true, p.charAt(0)
		}
	}
	switch {
	case c == active || c == 't' || c == 'n' || c == 'r' || c == 'b' || c == '\\':
		repl := c
		switch c {
		case 't':
			repl = '\t'
		case 'n':
			repl = '\n'
		case 'r':
			repl = '\r'
		case 'b':
			repl = '\b'
		}
		st.replaceLast(repl)
		p.index++
		next := p.charAt(0)
		for next != noChar && st.last() == '\\' && (next == active || next == '\\') {
			st.replaceLast(next)
			p.index++
			next = p.charAt(0)
		}
		return true, next
	case c == 'u' || c == 'x':
		width := 4
		if c == 'x' {
			width = 2
		}
		digits := p.slice(p.index+1, p.index+1+width)
		if len(digits) == width {
			code := 0
			for _, d := range digits {
				h := hexValue(d)
				if h < 0 {
					return false, c
				}
				code = code<<4 | h
			}
			st.replaceLast(rune(code))
			p.index += 1 + width
			return true, p.charAt(0)
		}
	case c == '„' || (isStringDelimiter(c) && c != active):
		st.replaceLast(c)
		p.index++
		return true, p.charAt(0)
	}
	return false, c
}

// quoteInRegexClass: a bare quote inside a compact [...] class of a regex value.
func (p *parser) quoteInRegexClass(st *strState) bool {
	start := st.regexClassStart
	if start < 0 {
		return false
	}
	if start < len(st.acc) {
		for _, c := range st.acc[start:] {
			if pyIsSpace(c) {
				return false
			}
		}
	}
	return p.charAt(p.skipToChar(']', 1)) == ']'
}

// rightDelimiterCandidate decides what a quote that could close the string means.
// It returns (handled, next char, stop).
func (p *parser) rightDelimiterCandidate(st *strState, c rune) (bool, rune, bool) {
	outer := st.outer()
	cur := p.current()
	if st.doubledQuotes && p.charAt(1) == outer {
		p.index++
		return true, c, false
	}
	if st.missingQuotes && cur == ctxObjectValue {
		i := 1
		next := p.charAt(i)
		for next != noChar && next != outer && next != st.lDelim {
			i++
			next = p.charAt(i)
		}
		if next != noChar {
			i = p.scrollWhitespaces(i + 1)
			if p.charAt(i) == ':' {
				p.index--
				return false, p.charAt(0), true
			}
		}
		return false, c, false
	}
	if st.unmatchedDelimiter {
		st.unmatchedDelimiter = false
		return true, p.appendLiteral(st, c), false
	}
	i := 1
	next := p.charAt(i)
	checkComma := true
	inKey, inValue, inArray := p.inCtx(ctxObjectKey), p.inCtx(ctxObjectValue), p.inCtx(ctxArray)
	for next != noChar && next != outer && next != st.lDelim {
		if checkComma && pyIsAlpha(next) {
			checkComma = false
		}
		if (inKey && (next == ':' || next == '}')) ||
			(inValue && next == '}') ||
			(inArray && (next == ']' || next == ',')) ||
			(checkComma && cur == ctxObjectValue && next == ',') {
			break
		}
		i++
		next = p.charAt(i)
	}
	if next == ',' && cur == ctxObjectValue {
		i = p.skipToChar(outer, i+1)
		i = p.scrollWhitespaces(i + 1)
		if next = p.charAt(i); next == '}' || next == ',' {
			return true, p.appendLiteral(st, c), false
		}
	} else if next == outer && p.charAt(i-1) != '\\' {
		if p.onlyWhitespaceUntil(i) && !(cur == ctxObjectValue && p.quotedMemberFollows(i)) {
			return false, c, true
		}
		switch cur {
		case ctxObjectValue:
			if p.quotedMemberFollows(i) {
				return true, p.appendLiteral(st, c), false
			}
			i = p.skipToChar(outer, i+1)
			i++
			next = p.charAt(i)
			for next != noChar && next != ':' {
				if next == ',' || next == ']' || next == '}' || (next == outer && p.charAt(i-1) != '\\') {
					break
				}
				i++
				next = p.charAt(i)
			}
			if next != ':' {
				st.unmatchedDelimiter = !st.unmatchedDelimiter
				return true, p.appendLiteral(st, c), false
			}
		case ctxArray:
			even := true
			for next == outer {
				i = p.skipTo([]rune{outer, ']'}, i+1)
				next = p.charAt(i)
				if next != outer {
					even = false
					break
				}
				i = p.skipTo([]rune{outer, ']'}, i+1)
				next = p.charAt(i)
			}
			if even {
				st.unmatchedDelimiter = !st.unmatchedDelimiter
				return true, p.appendLiteral(st, c), false
			}
			return false, c, true
		case ctxObjectKey:
			return true, p.appendLiteral(st, c), false
		}
	}
	return false, c, false
}
