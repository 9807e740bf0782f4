package pipeline

import (
	"fmt"
	"strings"

	"github.com/grpo-score/grpo-score/jsonlio"
)

// GroupKey says which fields make a line's GRPO group: alternatives, each
// a composite of fields. The first alternative whose fields a line has all
// of gives its key, so "uid|step,input" groups by uid where a dump has one
// and by (step, input) elsewhere.
type GroupKey [][]jsonlio.Path

// ParseGroupKey reads "a", "a,b" (composite) and "a|b,c" (alternatives).
func ParseGroupKey(s string) (GroupKey, error) {
	var g GroupKey
	for _, alt := range strings.Split(s, "|") {
		var comp []jsonlio.Path
		for _, f := range strings.Split(alt, ",") {
			p, err := jsonlio.ParsePath(strings.TrimSpace(f))
			if err != nil {
				return nil, fmt.Errorf("%q: %v", s, err)
			}
			comp = append(comp, p)
		}
		g = append(g, comp)
	}
	return g, nil
}

func (g GroupKey) String() string {
	alts := make([]string, len(g))
	for i, comp := range g {
		parts := make([]string, len(comp))
		for j, p := range comp {
			parts[j] = p.String()
		}
		alts[i] = strings.Join(parts, ",")
	}
	return strings.Join(alts, "|")
}

// groupKey is the line's key: the Text of a single field, or for a
// composite a JSON array of the fields' values, e.g. [3, "What is 2+2?"].
func groupKey(obj *jsonlio.Object, g GroupKey) (string, bool) {
alts:
	for _, comp := range g {
		if len(comp) == 1 {
			if v, ok := obj.Get(comp[0]); ok {
				return v.Text(), true
			}
			continue
		}
		key := []byte{'['}
		for i, p := range comp {
			v, ok := obj.Get(p)
			if !ok {
				continue alts
			}
			if i > 0 {
				key = append(key, ", "...)
			}
			key = append(key, v...)
		}
		return string(append(key, ']')), true
	}
	return "", false
}
