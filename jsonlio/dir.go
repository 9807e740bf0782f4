package jsonlio

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// ExpandDirs replaces each directory among paths by the dump files in it,
// in numeric order of the step number in their names: verl's
// rollout_data_dir holds {step}.jsonl (so "10.jsonl" comes after
// "9.jsonl"), TRL's completions directory completions_{step:05d}.parquet.
// Dump files are *.jsonl* (compressed too) and *.parquet; other files and
// subdirectories are left alone. A directory without dump files is an
// error, since reading nothing from it is surely not what was meant.
func ExpandDirs(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if p == "-" || err != nil || !st.IsDir() {
			out = append(out, p) // opening reports a missing file
			continue
		}
		ents, err := os.ReadDir(p)
		if err != nil {
			return nil, err
		}
		var names []string
		for _, e := range ents {
			n := e.Name()
			if e.IsDir() || !(strings.Contains(n, ".jsonl") || strings.HasSuffix(n, ".parquet")) {
				continue
			}
			names = append(names, n)
		}
		if len(names) == 0 {
			return nil, fmt.Errorf("%s: a directory without *.jsonl* or *.parquet files", p)
		}
		slices.SortFunc(names, naturalCompare)
		for _, n := range names {
			out = append(out, filepath.Join(p, n))
		}
	}
	return out, nil
}

// naturalCompare orders names by their runs of digits as numbers and the
// rest as text: "2.jsonl" < "10.jsonl".
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digitRun(a), digitRun(b)
		if da > 0 && db > 0 {
			na, _ := strconv.ParseUint(a[:da], 10, 64)
			nb, _ := strconv.ParseUint(b[:db], 10, 64)
			if na != nb {
				if na < nb {
					return -1
				}
				return 1
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return strings.Compare(a[:1], b[:1])
		}
		a, b = a[1:], b[1:]
	}
	return strings.Compare(a, b)
}

func digitRun(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}
