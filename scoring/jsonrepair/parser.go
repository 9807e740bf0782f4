package jsonrepair

import "github.com/grpo-score/grpo-score/scoring/pyjson"

// ctxValue is where in a JSON document the parser currently is.
type ctxValue int

const (
	ctxObjectKey ctxValue = iota + 1
	ctxObjectValue
	ctxArray
)

// parser holds the state of one repair: the input as code points (Python indexes
// strings by code point), the cursor and the stack of contexts.
type parser struct {
	s     []rune
	index int
	ctx   []ctxValue
	// deferred contexts are pushed around the next parseJSON call only.
	deferred []ctxValue
	// triedSuffix: the raw-decode shortcut for a valid value after a prefix runs once.
	triedSuffix bool
	// frames approximates the Python call depth, to fail where Python raises RecursionError.
	frames int
}

// at is json_str[i] with Python indexing: negative indexes count from the end,
// anything out of range is noChar.
func (p *parser) at(i int) rune {
	if i < 0 {
		i += len(p.s)
		if i < 0 {
			return noChar
		}
	}
	if i >= len(p.s) {
		return noChar
	}
	return p.s[i]
}

// charAt is get_char_at: the character count positions after the cursor.
func (p *parser) charAt(count int) rune { return p.at(p.index + count) }

// slice is json_str[a:b] with Python's clamping and negative indexes.
func (p *parser) slice(a, b int) []rune {
	n := len(p.s)
	if a < 0 {
		a += n
		if a < 0 {
			a = 0
		}
	}
	if b < 0 {
		b += n
		if b < 0 {
			b = 0
		}
	}
	if b > n {
		b = n
	}
	if a >= b {
		return nil
	}
	return p.s[a:b]
}

// hasPrefixAt reports json_str[i:i+len(w)] == w for a position i >= 0.
func (p *parser) hasPrefixAt(i int, w string) bool {
	if i < 0 {
		return false
	}
	for _, c := range w {
		if i >= len(p.s) || p.s[i] != c {
			return false
		}
		i++
	}
	return true
}

func (p *parser) skipWhitespaces() {
	for {
		c := p.charAt(0)
		if c == noChar || !pyIsSpace(c) {
			return
		}
		p.index++
	}
}

// scrollWhitespaces returns the offset of the first non-space at or after cursor+idx.
func (p *parser) scrollWhitespaces(idx int) int {
	for {
		c := p.charAt(idx)
		if c == noChar || !pyIsSpace(c) {
			return idx
		}
		idx++
	}
}

// skipTo returns the offset from the cursor of the first target at or after
// cursor+idx that is not escaped by an odd run of backslashes, or the distance
// to the end of the input.
func (p *parser) skipTo(targets []rune, idx int) int {
	i := p.index + idx
	n := len(p.s)
	backslashes := 0
	for i < n {
		ch := p.at(i)
		if ch == '\\' {
			backslashes++
			i++
			continue
		}
		if containsRune(targets, ch) && backslashes%2 == 0 {
			return i - p.index
		}
		backslashes = 0
		i++
	}
	return n - p.index
}

func (p *parser) skipToChar(target rune, idx int) int {
	return p.skipTo([]rune{target}, idx)
}

// Context stack.

func (p *parser) pushCtx(v ctxValue) { p.ctx = append(p.ctx, v) }

func (p *parser) popCtx() {
	if len(p.ctx) > 0 {
		p.ctx = p.ctx[:len(p.ctx)-1]
	}
}

func (p *parser) ctxEmpty() bool { return len(p.ctx) == 0 }

func (p *parser) current() ctxValue {
	if len(p.ctx) == 0 {
		return 0
	}
	return p.ctx[len(p.ctx)-1]
}

func (p *parser) inCtx(v ctxValue) bool {
	for _, c := range p.ctx {
		if c == v {
			return true
		}
	}
	return false
}

// maxFrames is the number of Python frames the parse functions may stack before
// CPython's default recursion limit (1000) raises. The offset stands for the
// frames above the first parse_json; it is calibrated so that every nesting
// shape in TestRepairRecursionLimit fails at the depth where CPython 3.11 fails
// when a script calls repair_json directly. Deeper callers fail a little earlier
// in Python; only inputs nested some 250 levels deep are concerned.
const maxFrames = 1000 - 6

// enter accounts for n Python frames of a recursive parse function.
func (p *parser) enter(n int) {
	p.frames += n
	if p.frames > maxFrames {
		raise(errRecursion, "maximum recursion depth exceeded")
	}
}

func (p *parser) leave(n int) { p.frames -= n }

// parseTopLevel parses one value and then keeps parsing what follows it: several
// values become a list, a value that repeats the shape of the previous one
// replaces it, and empty values give way to the next one.
func (p *parser) parseTopLevel() value {
	result := p.parseJSON()
	if p.index >= len(p.s) {
		return result
	}
	values := pyjson.List{result}
	for p.index < len(p.s) {
		p.ctx = p.ctx[:0]
		p.deferred = p.deferred[:0]
		commaSeparated := p.nextTopLevelValueIsCommaSeparated()
		j := p.parseJSON()
		if !pyjson.Truthy(j) {
			p.index++
			continue
		}
		last := values[len(values)-1]
		if (!commaSeparated && sameShape(last, j)) || !pyjson.Truthy(last) {
			values = values[:len(values)-1]
		}
		values = append(values, j)
	}
	if len(values) == 1 {
		return values[0]
	}
	return values
}

func (p *parser) nextTopLevelValueIsCommaSeparated() bool {
	if p.charAt(p.scrollWhitespaces(0)) == ',' {
		return true
	}
	i := p.index - 1
	for i >= 0 && pyIsSpace(p.s[i]) {
		i--
	}
	return i >= 0 && p.s[i] == ','
}

// tryValidSuffix decodes a strictly valid JSON value at the cursor with Python's
// raw_decode; the library does this once, at top level, after skipping a prefix.
func (p *parser) tryValidSuffix() (value, bool) {
	if p.triedSuffix || !p.ctxEmpty() || p.index == 0 {
		return nil, false
	}
	p.triedSuffix = true
	rest := string(pyjson.StrFromRunes(p.s[p.index:]))
	v, end, err := pyjson.RawDecode(rest, maxFrames-p.frames-1)
	if err != nil {
		if perr := fromPyjson(err); perr.kind != errDecode {
			panic(perr)
		}
		return nil, false
	}
	p.index += len(pyjson.Str(rest[:end]).Runes()) // end counts bytes, the cursor code points
	return v, true
}

// parseJSON parses the next value, skipping what cannot start one.
func (p *parser) parseJSON() value {
	p.enter(1)
	defer p.leave(1)
	if len(p.deferred) > 0 {
		deferred := p.deferred
		p.deferred = nil
		for _, c := range deferred {
			p.pushCtx(c)
		}
		v := p.parseJSON()
		for range deferred {
			p.popCtx()
		}
		return v
	}
	for {
		c := p.charAt(0)
		if c == noChar {
			return emptyStr
		}
		if c == '{' || c == '[' {
			if v, ok := p.tryValidSuffix(); ok {
				return v
			}
		}
		switch {
		case c == '{':
			p.index++
			return p.parseObject()
		case c == '[':
			p.index++
			return p.parseArray(']')
		case c == '(':
			if !p.ctxEmpty() || p.topLevelParenthesizedCanStartValue() {
				return p.parseParenthesized()
			}
			p.index++
			continue
		case !p.ctxEmpty() && (isStringDelimiter(c) || pyIsAlpha(c)):
			return p.parseString()
		case !p.ctxEmpty() && (pyIsDigit(c) || c == '-' || c == '.'):
			return p.parseNumber()
		case c == '#' || c == '/':
			return p.parseComment()
		}
		p.index++
	}
}
