package jsonrepair

import (
	"strings"

	"github.com/grpo-score/grpo-score/scoring/pyjson"
)

// parseObject reads members up to '}' with every repair the library applies to
// keys, separators and values; the cursor is just after '{'.
func (p *parser) parseObject() value {
	p.enter(2)
	defer p.leave(2)
	obj := &pyjson.Dict{}
	start := p.index
	inObjectValue := p.current() == ctxObjectValue
	for c := p.charAt(0); c != noChar && c != '}'; c = p.charAt(0) {
		p.skipWhitespaces()
		if p.charAt(0) == ':' {
			p.index++
		}
		key, rollback := p.parseObjectKey(obj)
		if p.inCtx(ctxArray) && hasKey(obj, key) && !inObjectValue && p.shouldSplitDuplicateObject(rollback) {
			// The key repeats: this is the next object of a list whose "}, {" is missing.
			p.index = rollback - 1
			p.insertAt(rollback, '{')
			break
		}
		p.skipWhitespaces()
		if c := p.charAt(0); c == noChar || c == '}' {
			continue
		}
		p.skipWhitespaces()
		p.index++ // the ':' or whatever stands in its place
		v := p.parseObjectValue()
		obj.Set(key, v)
		if c := p.charAt(0); c == ',' || c == '\'' || c == '"' {
			p.index++
		}
		if p.charAt(0) == ']' && p.inCtx(ctxArray) {
			p.index--
			break
		}
		p.skipWhitespaces()
	}
	p.index++
	if repaired, ok := p.repairEmptyObject(obj, start); ok {
		return repaired
	}
	return p.completeObject(obj)
}

// insertAt inserts r before position i in place: the split above can run once
// per member, so the input is not copied each time.
func (p *parser) insertAt(i int, r rune) {
	p.s = append(p.s, 0)
	copy(p.s[i+1:], p.s[i:])
	p.s[i] = r
}

// parseObjectKey reads a key; a '[' where a key should be continues the previous
// member's list value instead.
func (p *parser) parseObjectKey(obj *pyjson.Dict) (string, int) {
	p.enter(1)
	defer p.leave(1)
	key := ""
	rollback := p.index
	p.pushCtx(ctxObjectKey)
	defer p.popCtx()
	for p.charAt(0) != noChar {
		rollback = p.index
		if p.charAt(0) == '[' && key == "" && p.mergeArrayContinuation(obj) {
			continue
		}
		raw := p.parseString()
		k, ok := raw.(pyjson.Str)
		if !ok {
			raise(errAssertion, "object key is not a string")
		}
		key = string(k)
		if key == "" {
			p.skipWhitespaces()
		}
		if c := p.charAt(0); key != "" || c == ':' || c == '}' {
			break
		}
	}
	return key, rollback
}

// mergeArrayContinuation handles `"rows": [[1, 2]], [3, 4]` style input: the
// stray list is folded into the previous member's list value.
func (p *parser) mergeArrayContinuation(obj *pyjson.Dict) bool {
	p.enter(1)
	defer p.leave(1)
	keys := obj.Keys()
	if len(keys) == 0 {
		return false
	}
	prevKey := keys[len(keys)-1]
	if prevKey == "" {
		return false
	}
	stored, _ := obj.Get(prevKey)
	prev, ok := stored.(pyjson.List)
	if !ok {
		return false
	}
	p.index++
	next := p.parseArray(']').(pyjson.List)
	// Python extends the list in place; a List is a slice, so store it back.
	obj.Set(prevKey, foldContinuation(prev, next))
	p.skipWhitespaces()
	if p.charAt(0) == ',' {
		p.index++
	}
	p.skipWhitespaces()
	return true
}

// foldContinuation appends the continuation next to prev. When prev's list
// items all have one length n, loose scalars at its end are first regrouped
// into rows of n, and next is added as rows.
func foldContinuation(prev, next pyjson.List) pyjson.List {
	expected := 0
	first := true
	uniform := true
	for _, item := range prev {
		if l, ok := item.(pyjson.List); ok {
			if first {
				expected, first = len(l), false
			} else if len(l) != expected {
				uniform = false
			}
		}
	}
	if !uniform {
		expected = 0
	}
	if expected == 0 {
		if inner, ok := singleList(next); ok {
			return append(prev, inner...)
		}
		return append(prev, next...)
	}
	var tail pyjson.List
	for len(prev) > 0 {
		if _, isList := prev[len(prev)-1].(pyjson.List); isList {
			break
		}
		tail = append(tail, prev[len(prev)-1])
		prev = prev[:len(prev)-1]
	}
	if len(tail) > 0 {
		for i, j := 0, len(tail)-1; i < j; i, j = i+1, j-1 {
			tail[i], tail[j] = tail[j], tail[i]
		}
		if len(tail)%expected == 0 {
			for i := 0; i < len(tail); i += expected {
				prev = append(prev, append(pyjson.List(nil), tail[i:i+expected]...))
			}
		} else {
			prev = append(prev, tail...)
		}
	}
	if len(next) > 0 {
		allLists := true
		for _, item := range next {
			if _, ok := item.(pyjson.List); !ok {
				allLists = false
				break
			}
		}
		if allLists {
			prev = append(prev, next...)
		} else {
			prev = append(prev, next)
		}
	}
	return prev
}

func singleList(l pyjson.List) (pyjson.List, bool) {
	if len(l) != 1 {
		return nil, false
	}
	inner, ok := l[0].(pyjson.List)
	return inner, ok
}

// shouldSplitDuplicateObject: a duplicate key starts a new object unless it is a
// plain `, "key":` member, which simply overwrites.
func (p *parser) shouldSplitDuplicateObject(rollback int) bool {
	look := rollback - p.index - 1
	prev := p.charAt(look)
	for prev != noChar && pyIsSpace(prev) {
		look--
		prev = p.charAt(look)
	}
	keyStart := p.charAt(rollback - p.index)
	next := p.charAt(p.scrollWhitespaces(0))
	return !(isStringDelimiter(keyStart) && prev == ',' && next == ':')
}

func (p *parser) parseObjectValue() value {
	p.enter(1)
	defer p.leave(1)
	p.pushCtx(ctxObjectValue)
	defer p.popCtx()
	p.skipWhitespaces()
	if c := p.charAt(0); c == ',' || c == '}' {
		return emptyStr
	}
	return p.parseJSON()
}

// repairEmptyObject re-reads an object that produced no member although it had
// content: as an object once escaped quotes are unescaped, or as an array.
func (p *parser) repairEmptyObject(obj *pyjson.Dict, start int) (value, bool) {
	p.enter(1)
	defer p.leave(1)
	if obj.Len() > 0 || p.index-start <= 2 {
		return nil, false
	}
	kind, normalized := p.classifyEmptyObject(start)
	switch kind {
	case "object":
		end := p.index + 1
		grown := append([]rune(nil), p.slice(0, start-1)...)
		grown = append(grown, normalized...)
		if end < len(p.s) {
			grown = append(grown, p.s[end:]...)
		}
		p.s = grown
		p.index = start
		p.pushCtx(ctxObjectKey)
		v := p.parseObject()
		p.popCtx()
		p.deferred = append(p.deferred, ctxObjectKey)
		return v, true
	case "array":
		p.index = start
		p.pushCtx(ctxObjectKey)
		v := p.parseArray(']')
		p.popCtx()
		p.deferred = append(p.deferred, ctxObjectKey)
		return v, true
	}
	return nil, false
}

func (p *parser) classifyEmptyObject(start int) (string, []rune) {
	attempted := p.slice(start-1, p.index+1)
	var body []rune
	if len(attempted) > 0 {
		body = attempted[1:]
	}
	if n := len(body); n > 0 && body[n-1] == '}' {
		body = body[:n-1]
	}
	body = lstripSpace(body)
	if len(body) == 0 {
		return "keep", nil
	}
	bs := string(body)
	if (strings.HasPrefix(bs, `\"`) && strings.Contains(bs, `\":`)) ||
		(strings.HasPrefix(bs, `\'`) && strings.Contains(bs, `\':`)) {
		text := string(attempted)
		text = strings.ReplaceAll(text, `\"`, `"`)
		text = strings.ReplaceAll(text, `\'`, `'`)
		return "object", []rune(text)
	}
	body = lstripSpace(stripCommentsOutsideQuotes(body))
	if len(body) == 0 {
		return "keep", nil
	}
	var inQuote rune
	backslashes := 0
	for _, c := range body {
		if c == '\\' {
			backslashes++
			continue
		}
		switch {
		case inQuote != 0:
			if c == inQuote && backslashes%2 == 0 {
				inQuote = 0
			}
		case isStringDelimiter(c) && backslashes%2 == 0:
			inQuote = c
		case c == ':' && backslashes%2 == 0:
			return "keep", nil
		}
		backslashes = 0
	}
	return "array", nil
}

// stripCommentsOutsideQuotes drops '#', '//' and '/* */' comments that are not
// inside quoted text.
func stripCommentsOutsideQuotes(body []rune) []rune {
	out := make([]rune, 0, len(body))
	var inQuote rune
	backslashes := 0
	n := len(body)
	for i := 0; i < n; {
		c := body[i]
		var next rune = noChar
		if i+1 < n {
			next = body[i+1]
		}
		if c == '\\' {
			backslashes++
			out = append(out, c)
			i++
			continue
		}
		if inQuote != 0 {
			out = append(out, c)
			if c == inQuote && backslashes%2 == 0 {
				inQuote = 0
			}
			backslashes = 0
			i++
			continue
		}
		if isStringDelimiter(c) && backslashes%2 == 0 {
			inQuote = c
			out = append(out, c)
			backslashes = 0
			i++
			continue
		}
		backslashes = 0
		if c == '#' || (c == '/' && next == '/') {
			if c == '/' {
				i += 2
			} else {
				i++
			}
			for i < n && body[i] != '\n' && body[i] != '\r' {
				i++
			}
			continue
		}
		if c == '/' && next == '*' {
			i += 2
			for i < n-1 && !(body[i] == '*' && body[i+1] == '/') {
				i++
			}
			i = min(i+2, n)
			continue
		}
		out = append(out, c)
		i++
	}
	return out
}

// completeObject finishes a member-carrying object: a stray '}' after a nested
// object is dropped, and at top level `}, "key": value` members are merged in.
func (p *parser) completeObject(obj *pyjson.Dict) value {
	p.enter(1)
	defer p.leave(1)
	if !p.ctxEmpty() {
		if cur := p.current(); p.charAt(0) == '}' && cur != ctxObjectKey && cur != ctxObjectValue {
			p.index++
		}
		return obj
	}
	p.skipWhitespaces()
	if p.charAt(0) == ',' {
		p.index++
		p.skipWhitespaces()
		if isStringDelimiter(p.charAt(0)) {
			if more, ok := p.parseObject().(*pyjson.Dict); ok {
				update(obj, more)
			}
		}
	}
	return obj
}
