package jsonlio

// AppendFields appends the object to dst with extra (rendered members such
// as `"rewards": {...}`, without braces) added before its closing brace.
// Top-level members named in drop are removed first, so that scoring an
// already scored file replaces its fields instead of duplicating them. All
// other bytes of the object are kept as they were.
func (o *Object) AppendFields(dst []byte, extra []byte, drop func(key string) bool) []byte {
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
		dst = append(dst, o.Raw[:o.close]...)
		if len(extra) > 0 {
			if len(o.members) > 0 {
				dst = append(dst, ", "...)
			}
			dst = append(dst, extra...)
		}
		return append(dst, o.Raw[o.close:]...)
	}
	n := len(o.members)
	dst = append(dst, o.Raw[:o.members[0].kstart]...)
	prev := -1
	for i, m := range o.members {
		if drop(m.key) {
			continue
		}
		if prev >= 0 {
			if prev == i-1 {
				dst = append(dst, o.Raw[o.members[prev].end:m.kstart]...)
			} else {
				dst = append(dst, ", "...)
			}
		}
		dst = append(dst, o.Raw[m.kstart:m.end]...)
		prev = i
	}
	if prev == n-1 {
		dst = append(dst, o.Raw[o.members[n-1].end:o.close]...)
	}
	if len(extra) > 0 {
		if prev >= 0 {
			dst = append(dst, ", "...)
		}
		dst = append(dst, extra...)
	}
	return append(dst, o.Raw[o.close:]...)
}
