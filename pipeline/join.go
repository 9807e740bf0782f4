package pipeline

import (
	"context"
	"fmt"
	"io"

	"github.com/grpo-score/grpo-score/jsonlio"
)

// Join brings fields a dump lacks (TRL and OpenRLHF write no solution) in
// from a dataset by a key: --join dataset.jsonl --on prompt. Only the
// index, key → the fields the rewards read, is held in memory; the dump
// streams past it.
type Join struct {
	// On is the key field in the dump; DataOn the same key in the dataset
	// (e.g. prompt = conversations.0.value).
	On, DataOn jsonlio.Path
	File       string
	index      map[string][]joined
}

// joined is one field taken from a dataset line, under the top-level name
// the rewards read it by.
type joined struct {
	name  string
	value []byte
}

// LoadJoin reads the dataset's index: for each key, the solution (or a
// VLM-R1 dataset line's conversations[1].value), the accuracy method and
// the REC geometry, those of them the line has. A key that recurs with
// other values is an error, since which one a dump line meant is unknown.
func LoadJoin(ctx context.Context, path string, stdin io.Reader, on, dataOn jsonlio.Path, f Fields, opt jsonlio.ReadOptions) (*Join, error) {
	j := &Join{On: on, DataOn: dataOn, File: path, index: map[string][]joined{}}
	type want struct {
		name string
		from []jsonlio.Path
	}
	var wants []want
	for _, w := range []struct {
		dst  jsonlio.Path
		from []jsonlio.Path
	}{
		{f.Solution, []jsonlio.Path{f.Solution, f.Conversations}},
		{f.Method, []jsonlio.Path{f.Method}},
		{f.ImageWidth, []jsonlio.Path{f.ImageWidth}},
		{f.ImageHeight, []jsonlio.Path{f.ImageHeight}},
		{f.GridTHW, []jsonlio.Path{f.GridTHW}},
		{f.DataSource, []jsonlio.Path{f.DataSource}},
	} {
		if len(w.dst) == 0 {
			continue
		}
		if len(w.dst) != 1 {
			return nil, fmt.Errorf("--join: the field %q is not a top-level field, which a joined value needs", w.dst)
		}
		wants = append(wants, want{w.dst[0], w.from})
	}
	where := map[string]int{}
	err := jsonlio.ForEachRecord(ctx, path, stdin, opt, func(file string, n int, line []byte) error {
		if jsonlio.IsBlank(line) {
			return nil
		}
		obj, err := jsonlio.ParseObject(line)
		if err != nil {
			return fmt.Errorf("%s:%d: %v", file, n, err)
		}
		k, ok := obj.Get(dataOn)
		if !ok {
			return fmt.Errorf("%s:%d: no key field %q", file, n, dataOn)
		}
		var fields []joined
		for _, w := range wants {
			for _, p := range w.from {
				if p == nil {
					continue
				}
				if v, ok := obj.Get(p); ok {
					fields = append(fields, joined{w.name, append([]byte(nil), v...)})
					break
				}
			}
		}
		key := k.Text()
		if prev, seen := j.index[key]; seen {
			if !sameJoined(prev, fields) {
				return fmt.Errorf("%s:%d: key %q is also at line %d, with other values", file, n, truncate(key), where[key])
			}
			return nil
		}
		j.index[key] = fields
		where[key] = n
		return nil
	})
	if err != nil {
		return nil, err
	}
	return j, nil
}

func sameJoined(a, b []joined) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].name != b[i].name || string(a[i].value) != string(b[i].value) {
			return false
		}
	}
	return true
}

func truncate(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}

// apply returns the line with the dataset's fields that it lacks appended,
// parsed again, or an input error when its key has no dataset line.
func (j *Join) apply(obj *jsonlio.Object) (*jsonlio.Object, error) {
	k, ok := obj.Get(j.On)
	if !ok {
		return nil, fmt.Errorf("missing join key field %q", j.On)
	}
	fields, ok := j.index[k.Text()]
	if !ok {
		return nil, fmt.Errorf("no line of %s has %q = %q (--join)", j.File, j.DataOn, truncate(k.Text()))
	}
	var extra []byte
	for _, f := range fields {
		if obj.Has(f.name) {
			continue
		}
		if len(extra) > 0 {
			extra = append(extra, ", "...)
		}
		extra = jsonlio.AppendString(extra, f.name)
		extra = append(extra, ": "...)
		extra = append(extra, f.value...)
	}
	if len(extra) == 0 {
		return obj, nil
	}
	return jsonlio.ParseObject(obj.AppendFields(nil, extra, nil))
}
