package jsonrepair

// Look-ahead helpers of the string parser: they only read the input (offsets are
// relative to the cursor) and never move the cursor.

func matchingDelimiter(r rune) rune {
	if r == '“' {
		return '”'
	}
	return r
}

// bareKeyFollowedByColon: an unquoted key (letters, digits, '_' and '-') then ':'.
func (p *parser) bareKeyFollowedByColon(idx int) bool {
	c := p.charAt(idx)
	if c == noChar || !(pyIsAlnum(c) || c == '_') {
		return false
	}
	for {
		c = p.charAt(idx)
		if c == noChar || !(pyIsAlnum(c) || c == '_' || c == '-') {
			break
		}
		idx++
	}
	return p.charAt(p.scrollWhitespaces(idx)) == ':'
}

// skipInlineContainer returns the offset just past the balanced container that
// opens at idx, or false when it does not close.
func (p *parser) skipInlineContainer(idx int) (int, bool) {
	open := p.charAt(idx)
	if !isInlineOpener(open) {
		return idx, true
	}
	stack := []rune{inlineCloser(open)}
	i := idx + 1
	for len(stack) > 0 {
		c := p.charAt(i)
		if c == noChar {
			return 0, false
		}
		switch {
		case isStringDelimiter(c):
			end := matchingDelimiter(c)
			i = p.skipToChar(end, i+1)
			if p.charAt(i) != end {
				return 0, false
			}
		case isInlineOpener(c) && p.startsNestedInlineContainer(i):
			stack = append(stack, inlineCloser(c))
		case c == stack[len(stack)-1]:
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return i + 1, true
			}
		}
		i++
	}
	return 0, false
}

// startsNestedInlineContainer tells a nested container apart from a bracket in prose.
func (p *parser) startsNestedInlineContainer(idx int) bool {
	open := p.charAt(idx)
	for prevIdx := idx - 1; prevIdx >= 0; prevIdx-- {
		prev := p.charAt(prevIdx)
		if prev == noChar {
			return true
		}
		if pyIsSpace(prev) {
			continue
		}
		if isInlineOpener(prev) {
			return true
		}
		if prev != ',' && prev != ':' {
			return false
		}
		next := p.charAt(p.scrollWhitespaces(idx + 1))
		if open == '[' || open == '(' {
			return next == ']' || next == ')' || isStringDelimiter(next) || next == '-' ||
				isInlineOpener(next) || next == 't' || next == 'f' || next == 'n' || pyIsDigit(next)
		}
		if open != '{' {
			return false
		}
		if next == '}' || isStringDelimiter(next) {
			return true
		}
		return prev == ':' && p.bareKeyFollowedByColon(p.scrollWhitespaces(idx+1))
	}
	return true
}

// scrollCommentPrefixedMemberStart skips whitespace and comments from idx.
func (p *parser) scrollCommentPrefixedMemberStart(idx int) int {
	idx = p.scrollWhitespaces(idx)
	for {
		c := p.charAt(idx)
		switch {
		case c == '#':
			for c != noChar && c != '\n' && c != '\r' {
				idx++
				c = p.charAt(idx)
			}
			idx = p.scrollWhitespaces(idx)
			continue
		case c == '/' && p.charAt(idx+1) == '/':
			idx += 2
			c = p.charAt(idx)
			for c != noChar && c != '\n' && c != '\r' {
				idx++
				c = p.charAt(idx)
			}
			idx = p.scrollWhitespaces(idx)
			continue
		case c == '/' && p.charAt(idx+1) == '*':
			idx += 2
			for {
				c = p.charAt(idx)
				if c == noChar {
					return idx
				}
				if c == '*' && p.charAt(idx+1) == '/' {
					idx += 2
					break
				}
				idx++
			}
			idx = p.scrollWhitespaces(idx)
			continue
		}
		return idx
	}
}

// quotedMemberFollows: the quote at quoteIdx is followed by `, <key>:`.
func (p *parser) quotedMemberFollows(quoteIdx int) bool {
	commaIdx := p.scrollWhitespaces(quoteIdx + 1)
	if p.charAt(commaIdx) != ',' {
		return false
	}
	return p.objectMemberStartsAt(p.scrollCommentPrefixedMemberStart(commaIdx + 1))
}

// objectMemberStartsAt: a quoted or bare key followed by ':' starts at idx.
func (p *parser) objectMemberStartsAt(idx int) bool {
	c := p.charAt(idx)
	if c == '}' || c == noChar {
		return false
	}
	if isStringDelimiter(c) {
		end := matchingDelimiter(c)
		keyEnd := p.skipToChar(end, idx+1)
		if p.charAt(keyEnd) != end {
			return false
		}
		return p.charAt(p.scrollWhitespaces(keyEnd+1)) == ':'
	}
	if pyIsAlnum(c) || c == '_' {
		return p.bareKeyFollowedByColon(idx)
	}
	return false
}

func (p *parser) postFenceContainerStartsNextMember(containerEnd int) bool {
	afterIdx := p.scrollWhitespaces(containerEnd)
	after := p.charAt(afterIdx)
	if after == '}' || after == noChar {
		return true
	}
	if after != ',' {
		return false
	}
	next := p.scrollCommentPrefixedMemberStart(afterIdx + 1)
	if c := p.charAt(next); c == '}' || c == noChar {
		return true
	}
	return p.objectMemberStartsAt(next)
}

// braceBeforeFenceBelongsToString: a '}' followed by ``` inside an object value is
// text of the value when the string's closing quote still comes later.
func (p *parser) braceBeforeFenceBelongsToString(st *strState, fenceIdx int) bool {
	searchIdx := fenceIdx + 3
	contentIdx := p.scrollCommentPrefixedMemberStart(searchIdx)
	keepContainer := false
	if isInlineOpener(p.charAt(contentIdx)) {
		if end, ok := p.skipInlineContainer(contentIdx); ok {
			if p.postFenceContainerStartsNextMember(end) {
				return false
			}
			keepContainer = true
			searchIdx = end
		}
	}
	outer := st.outer()
	quoteIdx := p.skipToChar(outer, searchIdx)
	for p.charAt(quoteIdx) == outer {
		after := p.charAt(p.scrollWhitespaces(quoteIdx + 1))
		if after == ',' || after == '}' || after == ']' || after == noChar {
			if keepContainer {
				st.pendingInline = true
			}
			return true
		}
		quoteIdx = p.skipToChar(outer, quoteIdx+1)
	}
	return false
}

// classifyObjectValueComma decides what a ',' inside an unterminated object value
// is: the start of the next member, the start of an inline container, or text.
func (p *parser) classifyObjectValueComma(st *strState) string {
	nextIdx := p.scrollWhitespaces(1)
	next := p.charAt(nextIdx)
	if next == '}' || next == noChar {
		return "member"
	}
	if isStringDelimiter(next) {
		keyEnd := p.skipToChar(next, nextIdx+1)
		if p.charAt(keyEnd) == noChar {
			return "string"
		}
		if p.charAt(p.scrollWhitespaces(keyEnd+1)) == ':' {
			return "member"
		}
		return "string"
	}
	if next == '`' {
		k := nextIdx + 1
		for {
			c := p.charAt(k)
			if c == noChar || !(pyIsAlnum(c) || c == '_' || c == '-') {
				break
			}
			k++
		}
		if p.charAt(p.scrollWhitespaces(k)) == ':' {
			return "member"
		}
		return "string"
	}
	if pyIsAlnum(next) || next == '_' {
		k := nextIdx
		for {
			c := p.charAt(k)
			if c == noChar || !(pyIsAlnum(c) || c == '_' || c == '-') {
				break
			}
			k++
		}
		k = p.scrollWhitespaces(k)
		if p.charAt(k) == ':' && p.bareMemberHasRecoverableValue(st, k+1) {
			return "member"
		}
	}
	if next == '{' || next == '[' {
		return "container"
	}
	specials := append(append([]rune(nil), stringDelimiters...), '{', '[')
	specialIdx := p.cachedSkipTo(st, specials, nextIdx)
	special := p.charAt(specialIdx)
	if special == noChar {
		return "string_no_future_delimiter"
	}
	if special == '{' || special == '[' {
		return "string"
	}
	keyEnd := p.cachedSkipTo(st, []rune{special}, specialIdx+1)
	if p.charAt(keyEnd) == noChar {
		return "string"
	}
	if p.charAt(p.scrollWhitespaces(keyEnd+1)) == ':' {
		return "member"
	}
	return "string"
}

// bareMemberHasRecoverableValue: after `key:` comes something that reads as a value.
func (p *parser) bareMemberHasRecoverableValue(st *strState, valueIdx int) bool {
	start := p.scrollWhitespaces(valueIdx)
	c := p.charAt(start)
	if isStringDelimiter(c) || c == '{' || c == '[' || c == '-' || pyIsDigit(c) {
		return true
	}
	for _, lit := range []string{"true", "false", "null"} {
		matched := true
		for off, lc := range lit {
			if p.charAt(start+off) != lc {
				matched = false
				break
			}
		}
		if matched {
			end := p.charAt(start + len(lit))
			if end == noChar || pyIsSpace(end) || end == ',' || end == '}' || end == ']' {
				return true
			}
		}
	}
	ends := append(append([]rune(nil), stringDelimiters...), '}')
	return p.charAt(p.cachedSkipTo(st, ends, start)) == '}'
}

// updateInlineStack tracks brackets opened after a comma classified as
// "container"; keep means the character closes one and stays in the string.
func updateInlineStack(c rune, pending bool, stack *[]rune) (bool, bool) {
	if c == '{' || c == '[' {
		if pending {
			*stack = append(*stack, c)
			return false, false
		}
		if len(*stack) > 0 {
			*stack = append(*stack, c)
		}
	}
	if n := len(*stack); n > 0 && ((c == '}' && (*stack)[n-1] == '{') || (c == ']' && (*stack)[n-1] == '[')) {
		*stack = (*stack)[:n-1]
		return pending, true
	}
	return pending, false
}
