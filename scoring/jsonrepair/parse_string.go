package jsonrepair

import "github.com/grpo-score/grpo-score/scoring/pyjson"

// strState is the state of one parseString call.
type strState struct {
	missingQuotes bool
	doubledQuotes bool
	lDelim        rune
	// rDelims[0] is the quote that closes the string; a lowQuoteSentinel is pushed
	// for each open „…” span, and the last element is the active delimiter.
	rDelims            []rune
	acc                []rune
	unmatchedDelimiter bool
	pendingInline      bool
	inlineStack        []rune
	noFutureDelimiter  bool
	lookahead          map[string][2]int
	openBraces         int
	regexClassStart    int // -1 when no '[' is open in acc
}

func (st *strState) outer() rune          { return st.rDelims[0] }
func (st *strState) active() rune         { return st.rDelims[len(st.rDelims)-1] }
func (st *strState) inLowQuoteSpan() bool { return st.active() == lowQuoteSentinel }
func (st *strState) pushLowQuoteSpan()    { st.rDelims = append(st.rDelims, lowQuoteSentinel) }
func (st *strState) popLowQuoteSpan()     { st.rDelims = st.rDelims[:len(st.rDelims)-1] }

func (st *strState) last() rune {
	if len(st.acc) == 0 {
		return noChar
	}
	return st.acc[len(st.acc)-1]
}

// appendContent adds text to the string while tracking unmatched '{' and the
// start of the last '[' class (for regex-looking values).
func (st *strState) appendContent(content []rune) {
	base := len(st.acc)
	st.acc = append(st.acc, content...)
	for off, c := range content {
		switch c {
		case '{':
			st.openBraces++
		case '}':
			if st.openBraces > 0 {
				st.openBraces--
			}
		case '[':
			st.regexClassStart = base + off + 1
		case ']':
			st.regexClassStart = -1
		}
	}
}

// replaceLast swaps the last accumulated character (a backslash) for repl.
func (st *strState) replaceLast(repl ...rune) {
	st.acc = append(st.acc[:len(st.acc)-1], repl...)
	st.rebuild()
}

func (st *strState) rebuild() {
	st.openBraces = 0
	st.regexClassStart = -1
	for i, c := range st.acc {
		switch c {
		case '{':
			st.openBraces++
		case '}':
			if st.openBraces > 0 {
				st.openBraces--
			}
		case '[':
			st.regexClassStart = i + 1
		case ']':
			st.regexClassStart = -1
		}
	}
}

// appendLiteral keeps the current character in the string and moves on.
func (p *parser) appendLiteral(st *strState, c rune) rune {
	st.appendContent([]rune{c})
	p.index++
	return p.charAt(0)
}

// remember records a look-ahead result; match -1 means "not found".
func (st *strState) remember(key string, start, match int) {
	if st.lookahead == nil {
		st.lookahead = map[string][2]int{}
	}
	st.lookahead[key] = [2]int{start, match}
}

// cachedSkipTo is skipTo with the per-string memo the library keeps, which is
// not always transparent around backslashes, so it is reproduced as is.
func (p *parser) cachedSkipTo(st *strState, targets []rune, idx int) int {
	key := string(targets)
	start := p.index + idx
	if cached, ok := st.lookahead[key]; ok {
		if cached[1] < 0 && start >= cached[0] {
			return len(p.s) - p.index
		}
		if cached[1] >= 0 && cached[0] <= start && start <= cached[1] {
			return cached[1] - p.index
		}
	}
	off := p.skipTo(targets, idx)
	if p.charAt(off) == noChar {
		st.remember(key, start, -1)
		return off
	}
	match := p.index + off
	if match == 0 || p.s[match-1] != '\\' {
		st.remember(key, start, match)
	}
	return off
}

// parseString reads a quoted or unquoted string, or a true/false/null literal
// written without quotes.
func (p *parser) parseString() value {
	p.enter(2)
	defer p.leave(2)
	st, direct, ok := p.prepareString()
	if ok {
		return direct
	}
	c := p.scanStringBody(st)
	return p.finalizeString(st, c)
}

// prepareString positions the cursor on the string content; ok means the value
// was already decided.
func (p *parser) prepareString() (*strState, value, bool) {
	p.enter(1)
	defer p.leave(1)
	c := p.charAt(0)
	if c == '#' || c == '/' {
		return nil, p.parseComment(), true
	}
	for c != noChar && !isStringDelimiter(c) && !pyIsAlnum(c) {
		p.index++
		c = p.charAt(0)
	}
	if c == noChar {
		return nil, emptyStr, true
	}
	if v, ok := p.simpleQuotedString(); ok {
		return nil, v, true
	}
	st := &strState{lDelim: '"', rDelims: []rune{'"'}, regexClassStart: -1}
	switch {
	case c == '\'':
		st.lDelim, st.rDelims[0] = '\'', '\''
	case c == '“':
		st.lDelim, st.rDelims[0] = '“', '”'
	case pyIsAlnum(c):
		if l := asciiLower(c); (l == 't' || l == 'f' || l == 'n') && p.current() != ctxObjectKey {
			if v := p.parseBooleanOrNull(); !isStr(v, "") {
				return st, v, true
			}
		}
		st.missingQuotes = true
	}
	if !st.missingQuotes {
		p.index++
	}
	if p.charAt(0) == '`' {
		if v, ok := p.parseFencedJSON(); ok {
			return st, v, true
		}
	}
	if p.charAt(0) == st.lDelim {
		cur := p.current()
		next := p.charAt(1)
		if (cur == ctxObjectKey && next == ':') ||
			(cur == ctxObjectValue && (next == ',' || next == '}')) ||
			(cur == ctxArray && (next == ',' || next == ']')) {
			p.index++
			return st, emptyStr, true
		}
		if next == st.lDelim {
			return st, emptyStr, true
		}
		i := p.skipToChar(st.outer(), 1)
		if p.charAt(i+1) == st.outer() {
			st.doubledQuotes = true
			p.index++
		} else {
			i = p.scrollWhitespaces(1)
			nc := p.charAt(i)
			if isStringDelimiter(nc) || nc == '{' || nc == '[' {
				p.index++
				return st, emptyStr, true
			}
			if nc != ',' && nc != ']' && nc != '}' {
				p.index++
			}
		}
	}
	return st, nil, false
}

// simpleQuotedString is the fast path for a plain "..." without escapes or line
// breaks that is followed by what the context expects.
func (p *parser) simpleQuotedString() (pyjson.Str, bool) {
	if p.charAt(0) != '"' {
		return "", false
	}
	start := p.index + 1
	end := -1
	for i := start; i < len(p.s); i++ {
		if p.s[i] == '"' {
			end = i
			break
		}
	}
	if end < 0 {
		return "", false
	}
	content := p.s[start:end]
	if containsRune(content, '\\') || containsRune(content, '\n') || containsRune(content, '\r') {
		return "", false
	}
	next := end + 1
	for next < len(p.s) && pyIsSpace(p.s[next]) {
		next++
	}
	nc := noChar
	if next < len(p.s) {
		nc = p.s[next]
	}
	switch p.current() {
	case ctxObjectKey:
		if nc != ':' {
			return "", false
		}
	case ctxObjectValue:
		if nc != ',' && nc != '}' && nc != noChar {
			return "", false
		}
	case ctxArray:
		if nc != ',' && nc != ']' && nc != noChar {
			return "", false
		}
	default:
		if nc != noChar {
			return "", false
		}
	}
	p.index = end + 1
	return pyjson.StrFromRunes(content), true
}

// parseBooleanOrNull reads true/false/null case-insensitively, or returns "".
func (p *parser) parseBooleanOrNull() value {
	c := asciiLower(p.charAt(0))
	var word string
	var v value
	switch c {
	case 't':
		word, v = "true", pyjson.Bool(true)
	case 'f':
		word, v = "false", pyjson.Bool(false)
	default:
		word, v = "null", pyjson.None
	}
	start := p.index
	i := 0
	for c != noChar && i < len(word) && c == rune(word[i]) {
		i++
		p.index++
		c = asciiLower(p.charAt(0))
	}
	if i == len(word) {
		return v
	}
	p.index = start
	return emptyStr
}

// parseFencedJSON parses the value of a ```json fenced block met inside a string.
// Like the library it reports failure when the value is false.
func (p *parser) parseFencedJSON() (value, bool) {
	p.enter(1)
	defer p.leave(1)
	if !p.hasPrefixAt(p.index, "```json") {
		return nil, false
	}
	i := p.skipToChar('`', 7)
	if !p.hasPrefixAt(p.index+i, "```") {
		return nil, false
	}
	p.index += 7
	v := p.parseJSON()
	if b, ok := v.(pyjson.Bool); ok && !bool(b) {
		return nil, false
	}
	return v, true
}

// finalizeString trims and closes the accumulated string.
func (p *parser) finalizeString(st *strState, c rune) value {
	if c != noChar && st.missingQuotes && p.current() == ctxObjectKey && pyIsSpace(c) {
		p.skipWhitespaces()
		if n := p.charAt(0); n != ':' && n != ',' {
			return emptyStr
		}
	}
	if c != st.outer() {
		st.acc = rstripSpace(st.acc)
	} else {
		p.index++
	}
	if st.missingQuotes || st.last() == '\n' {
		st.acc = rstripSpace(st.acc)
	}
	return pyjson.StrFromRunes(st.acc)
}

// onlyWhitespaceUntil reports that offsets 1..end-1 from the cursor are spaces.
func (p *parser) onlyWhitespaceUntil(end int) bool {
	for j := 1; j < end; j++ {
		if c := p.charAt(j); c != noChar && !pyIsSpace(c) {
			return false
		}
	}
	return true
}
