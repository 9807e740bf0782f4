package jsonlio

// AppendFields appends the object to dst with extra (rendered members such
// as `"rewards": {...}`, without braces) added before its closing brace.
// Top-level members named in drop are removed first, so that scoring an
// already scored file replaces its fields instead of duplicating them. All
// other bytes of the object are kept as they were.
func (o *Object) AppendFields(dst []byte, extra []byte, drop func(key string) bool) []byte {
	head, tail, sep := o.Split(drop)
	dst = append(dst, head...)
	if len(extra) > 0 {
		if sep {
			dst = append(dst, ", "...)
		}
		dst = append(dst, extra...)
	}
	return append(dst, tail...)
}

// Split cuts the object where AppendFields puts its extra members: the
// line is head + [", " when sep] + extra + tail. head is the line's own
// bytes unless a member was dropped (then a new slice without it), so that
// a writer can emit the parts without copying the line first. drop, which
// may be nil, is lent each key for the call only.
func (o *Object) Split(drop func(key string) bool) (head, tail []byte, sep bool) {
	tail = o.Raw[o.close:]
	dropped := false
	if drop != nil {
		for _, m := range o.members {
			if drop(m.key) {
				dropped = true
				break
			}
		}
	}
	if !dropped {
		return o.Raw[:o.close], tail, len(o.members) > 0
	}
	n := len(o.members)
	head = append(head, o.Raw[:o.members[0].kstart]...)
	prev := -1
	for i, m := range o.members {
		if drop(m.key) {
			continue
		}
		if prev >= 0 {
			if prev == i-1 {
				head = append(head, o.Raw[o.members[prev].end:m.kstart]...)
			} else {
				head = append(head, ", "...)
			}
		}
		head = append(head, o.Raw[m.kstart:m.end]...)
		prev = i
	}
	if prev == n-1 {
		head = append(head, o.Raw[o.members[n-1].end:o.close]...)
	}
	return head, tail, prev >= 0
}
