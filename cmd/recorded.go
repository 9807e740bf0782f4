package cmd

import (
	"fmt"
	"strings"

	json "github.com/goccy/go-json"

	"github.com/grpo-score/grpo-score/jsonlio"
)

// recordedSource reads recorded rewards from a line's own fields under the
// trainer's names (--recorded): TRL's accuracy_reward column, verl's score,
// any scalar field.
type recordedSource struct {
	named  map[string][]jsonlio.Path // reward name → fields, first present wins
	any    []string                  // field patterns for every reward; "{}" is its bare name
	fields map[string][]jsonlio.Path // resolved per reward
	names  []string                  // the rewards, in -r order
}

// parseRecorded reads the --recorded entries: "NAME=FIELD" for one
// reward, or "FIELD" for every reward without an entry of its own, where
// "{}" in FIELD stands for the reward's name without its suite ("trl:x"
// → "x"). Entries are tried in order; the first field a line has is used.
func parseRecorded(entries []string, names []string) (*recordedSource, error) {
	rs := &recordedSource{named: map[string][]jsonlio.Path{}, fields: map[string][]jsonlio.Path{}, names: names}
	for _, e := range entries {
		e = strings.TrimSpace(e)
		if e == "" {
			continue
		}
		if name, field, ok := strings.Cut(e, "="); ok {
			p, err := jsonlio.ParsePath(strings.TrimSpace(field))
			if err != nil {
				return nil, fmt.Errorf("--recorded %q: %v", e, err)
			}
			name = strings.TrimSpace(name)
			if !contains(names, name) {
				return nil, fmt.Errorf("--recorded %q names %q, which is not among the rewards (-r)", e, name)
			}
			rs.named[name] = append(rs.named[name], p)
			continue
		}
		if _, err := jsonlio.ParsePath(strings.ReplaceAll(e, "{}", "x")); err != nil {
			return nil, fmt.Errorf("--recorded %q: %v", e, err)
		}
		rs.any = append(rs.any, e)
	}
	for _, n := range names {
		if ps, ok := rs.named[n]; ok {
			rs.fields[n] = ps
			continue
		}
		bare := n[strings.LastIndex(n, ":")+1:]
		for _, pat := range rs.any {
			p, _ := jsonlio.ParsePath(strings.ReplaceAll(pat, "{}", bare))
			rs.fields[n] = append(rs.fields[n], p)
		}
	}
	return rs, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// values are a line's recorded rewards by name; nil when it has none.
func (rs *recordedSource) values(obj *jsonlio.Object) map[string]json.RawMessage {
	var out map[string]json.RawMessage
	for name, paths := range rs.fields {
		for _, p := range paths {
			if v, ok := obj.Get(p); ok {
				if out == nil {
					out = map[string]json.RawMessage{}
				}
				out[name] = json.RawMessage(v)
				break
			}
		}
	}
	return out
}

// describe says where the values come from, for messages.
func (rs *recordedSource) describe() string {
	var parts []string
	for _, name := range rs.names {
		for _, p := range rs.fields[name] {
			parts = append(parts, name+"="+p.String())
		}
	}
	return strings.Join(parts, ", ")
}
