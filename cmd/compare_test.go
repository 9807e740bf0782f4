package cmd

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/grpo-score/grpo-score/internal/statsref"
	"github.com/grpo-score/grpo-score/stats"
)

// detectionSample writes the detection lines of testdata/sample.jsonl,
// sorted by family so that the family can serve as a group key.
func detectionSample(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../testdata/sample.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	type line struct {
		family string
		text   string
	}
	var ls []line
	for _, l := range strings.Split(string(data), "\n") {
		var obj struct {
			Family string `json:"family"`
		}
		if json.Unmarshal([]byte(l), &obj) != nil {
			continue
		}
		switch obj.Family {
		case "od_ap", "od_ap50", "odLength", "weighted_sum", "map":
			ls = append(ls, line{obj.Family, l})
		}
	}
	slices.SortStableFunc(ls, func(a, b line) int { return strings.Compare(a.family, b.family) })
	var b strings.Builder
	for _, l := range ls {
		b.WriteString(l.text + "\n")
	}
	path := filepath.Join(t.TempDir(), "detection.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

var compareConfigs = []struct{ name, flags string }{
	{"A", "-m odLength"},
	{"B", "-m weighted_sum"},
	{"C", "-m od_ap -w accuracy=2,format=1"},
}

type scoredLine struct {
	ID        string              `json:"id"`
	Rewards   map[string]*float64 `json:"rewards"`
	Reward    *float64            `json:"reward"`
	Advantage *float64            `json:"advantage"`
}

func readScored(t *testing.T, path string) []scoredLine {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []scoredLine
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var l scoredLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatal(err)
		}
		out = append(out, l)
	}
	return out
}

type compareJSON struct {
	Grouped        bool `json:"grouped"`
	Configurations []struct {
		Name  string          `json:"name"`
		Stats json.RawMessage `json:"stats"`
	} `json:"configurations"`
	Pairs []struct {
		A, B  string
		Total struct {
			Count             uint64
			Pearson, Spearman *float64
		}
		ByReward map[string]struct {
			Count             uint64
			Pearson, Spearman *float64
		} `json:"by_reward"`
		Groups *struct {
			BothScored     uint64 `json:"both_scored"`
			ZeroStdOnlyA   uint64 `json:"zero_std_only_a"`
			ZeroStdOnlyB   uint64 `json:"zero_std_only_b"`
			AdvantageLines uint64 `json:"advantage_lines"`
			SignFlips      uint64 `json:"sign_flips"`
		}
		TopTotal []struct {
			Line  int
			ID    string
			A, B  float64
			Delta float64
		} `json:"top_total"`
		TopAdvantage []struct {
			Line int
			ID   string
		} `json:"top_advantage"`
	}
}

// TestCompareEqualsSeparateScoreRuns is the acceptance test of compare:
// three configurations on the sample's detection lines, with and without
// groups. Each configuration's statistics must equal those of a separate
// score run with the same flags (but the elapsed time), and the pairwise
// figures must equal the same statistics computed here from the scored
// files by another route: two-pass Pearson, Spearman of average ranks,
// zero-std groups and advantage signs from the written advantages, and
// the top lines by sorting every line.
func TestCompareEqualsSeparateScoreRuns(t *testing.T) {
	in := detectionSample(t)
	dir := t.TempDir()
	for _, grouped := range []bool{false, true} {
		shared := []string{"--method-field", ""}
		if grouped {
			shared = append(shared, "--group-field", "family")
		}
		args := append([]string{"compare", "-q", "--json", in, "--top", "5"}, shared...)
		for _, c := range compareConfigs {
			args = append(args, "--as", c.name+"="+c.flags)
		}
		out, errs, code := run(t, "", args...)
		if code != 0 {
			t.Fatalf("compare: exit %d: %s", code, errs)
		}
		var got compareJSON
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("compare --json does not parse: %v", err)
		}
		table, errs, code := run(t, "", append(args[:1:1], args[3:]...)...)
		if code != 0 || !strings.Contains(table, "A vs B") || !strings.Contains(table, "B vs C") {
			t.Fatalf("compare table: exit %d, %s\n%s", code, errs, table)
		}

		scored := map[string][]scoredLine{}
		for i, c := range compareConfigs {
			outPath := filepath.Join(dir, c.name+".jsonl")
			statsPath := filepath.Join(dir, c.name+".stats.json")
			sargs := append([]string{"score", "-q", in, "-o", outPath, "--stats", statsPath}, shared...)
			sargs = append(sargs, strings.Fields(c.flags)...)
			if _, errs, code := run(t, "", sargs...); code != 0 {
				t.Fatalf("score %s: exit %d: %s", c.name, code, errs)
			}
			scored[c.name] = readScored(t, outPath)
			want, err := os.ReadFile(statsPath)
			if err != nil {
				t.Fatal(err)
			}
			if g, w := withoutElapsed(t, got.Configurations[i].Stats), withoutElapsed(t, want); !bytes.Equal(g, w) {
				i := 0
				for i < min(len(g), len(w)) && g[i] == w[i] {
					i++
				}
				t.Errorf("grouped=%v: configuration %s: compare's statistics differ from score's at byte %d:\n got …%.80s\nwant …%.80s", grouped, c.name, i, g[max(i-40, 0):], w[max(i-40, 0):])
			}
		}
		if len(got.Pairs) != 3 {
			t.Fatalf("%d pairs", len(got.Pairs))
		}
		for _, p := range got.Pairs {
			a, b := scored[p.A], scored[p.B]
			var xs, ys []float64
			for i := range a {
				if a[i].Reward != nil && b[i].Reward != nil {
					xs, ys = append(xs, *a[i].Reward), append(ys, *b[i].Reward)
				}
			}
			checkCorr(t, p.A+"/"+p.B+" total", p.Total.Count, p.Total.Pearson, p.Total.Spearman, xs, ys)
			for _, name := range []string{"accuracy", "format"} {
				var xs, ys []float64
				for i := range a {
					if va, vb := a[i].Rewards[name], b[i].Rewards[name]; va != nil && vb != nil {
						xs, ys = append(xs, *va), append(ys, *vb)
					}
				}
				r := p.ByReward[name]
				checkCorr(t, p.A+"/"+p.B+" "+name, r.Count, r.Pearson, r.Spearman, xs, ys)
			}
			// the top lines: every line sorted by |Δ total|, then line
			type d struct {
				line  int
				delta float64
			}
			var all []d
			for i := range a {
				if a[i].Reward != nil && b[i].Reward != nil && *b[i].Reward != *a[i].Reward {
					all = append(all, d{i + 1, *b[i].Reward - *a[i].Reward})
				}
			}
			slices.SortStableFunc(all, func(x, y d) int {
				if c := -cmp.Compare(math.Abs(x.delta), math.Abs(y.delta)); c != 0 {
					return c
				}
				return x.line - y.line
			})
			if len(p.TopTotal) != 5 {
				t.Fatalf("%s/%s: %d top lines", p.A, p.B, len(p.TopTotal))
			}
			for k, top := range p.TopTotal {
				if top.Line != all[k].line || top.Delta != all[k].delta || top.ID != a[top.Line-1].ID {
					t.Errorf("%s/%s top %d: line %d (%s) Δ %v; want line %d Δ %v", p.A, p.B, k, top.Line, top.ID, top.Delta, all[k].line, all[k].delta)
				}
			}
			if !grouped {
				if p.Groups != nil {
					t.Errorf("group figures without a group key")
				}
				continue
			}
			// zero-std groups and advantage signs from score's output
			var both, onlyA, onlyB, advLines, flips uint64
			start := 0
			for start < len(a) {
				end := start
				fam := familyOf(t, in, start)
				for end < len(a) && familyOf(t, in, end) == fam {
					end++
				}
				sa, ta := tied(a[start:end])
				sb, tb := tied(b[start:end])
				if sa && sb {
					both++
					if ta && !tb {
						onlyA++
					}
					if tb && !ta {
						onlyB++
					}
				}
				start = end
			}
			for i := range a {
				if a[i].Advantage != nil && b[i].Advantage != nil {
					advLines++
					if signOf(*a[i].Advantage) != signOf(*b[i].Advantage) {
						flips++
					}
				}
			}
			g := p.Groups
			if g == nil || g.BothScored != both || g.ZeroStdOnlyA != onlyA || g.ZeroStdOnlyB != onlyB || g.AdvantageLines != advLines || g.SignFlips != flips {
				t.Errorf("%s/%s groups %+v; want both %d, only A %d, only B %d, %d lines, %d flips", p.A, p.B, g, both, onlyA, onlyB, advLines, flips)
			}
			if len(p.TopAdvantage) == 0 {
				t.Errorf("%s/%s: no top advantage lines", p.A, p.B)
			}
		}
	}
}

func signOf(v float64) int { return cmp.Compare(v, 0) }

// tied reports whether a group is scored (every total there, at least
// two) and whether its totals all tie.
func tied(g []scoredLine) (scored, tie bool) {
	for _, l := range g {
		if l.Reward == nil {
			return false, false
		}
	}
	if len(g) < 2 {
		return false, false
	}
	for _, l := range g[1:] {
		if *l.Reward != *g[0].Reward {
			return true, false
		}
	}
	return true, true
}

var familyCache = map[string][]string{}

func familyOf(t *testing.T, path string, i int) string {
	fams, ok := familyCache[path]
	if !ok {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			var obj struct{ Family string }
			if err := json.Unmarshal([]byte(l), &obj); err != nil {
				t.Fatal(err)
			}
			fams = append(fams, obj.Family)
		}
		familyCache[path] = fams
	}
	return fams[i]
}

// checkCorr compares compare's correlations with a two-pass Pearson and a
// Spearman of average ranks computed here.
func checkCorr(t *testing.T, what string, count uint64, pearson, spearman *float64, xs, ys []float64) {
	t.Helper()
	if count != uint64(len(xs)) {
		t.Errorf("%s: %d pairs, want %d", what, count, len(xs))
	}
	for _, c := range []struct {
		name string
		got  *float64
		want float64
	}{{"pearson", pearson, statsref.Pearson(xs, ys)}, {"spearman", spearman, statsref.Pearson(statsref.Ranks(xs), statsref.Ranks(ys))}} {
		switch {
		case math.IsNaN(c.want):
			if c.got != nil {
				t.Errorf("%s %s = %v, want null", what, c.name, *c.got)
			}
		case c.got == nil || math.Abs(*c.got-c.want) > 1e-12:
			t.Errorf("%s %s = %v, want %v", what, c.name, c.got, c.want)
		}
	}
}

// withoutElapsed re-encodes statistics with the elapsed time zeroed, the
// one figure two runs cannot share.
func withoutElapsed(t *testing.T, data []byte) []byte {
	t.Helper()
	var s stats.Summary
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatalf("%v: %.200s", err, data)
	}
	s.ElapsedSeconds = 0
	b, err := s.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSplitWords(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"-m odLength", []string{"-m", "odLength"}},
		{"  -w accuracy=2,format=1\t-r a,b ", []string{"-w", "accuracy=2,format=1", "-r", "a,b"}},
		{`--method-field '' -m "od ap"`, []string{"--method-field", "", "-m", "od ap"}},
		{`a\ b "c\"d" 'e\f'`, []string{"a b", `c"d`, `e\f`}},
		{"", nil},
	} {
		got, err := splitWords(tt.in)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("splitWords(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{`'open`, `"open`} {
		if _, err := splitWords(bad); err == nil {
			t.Errorf("splitWords(%q) accepted", bad)
		}
	}
}

// TestCompareMergeOfShards: comparisons of two shards (whole groups each)
// merge into the comparison of the whole dump; only the top lists' file
// names and line numbers, which name lines of the inputs read, differ.
func TestCompareMergeOfShards(t *testing.T) {
	in := detectionSample(t)
	data, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var parts [2]strings.Builder
	for _, l := range strings.SplitAfter(string(data), "\n") {
		if l == "" {
			continue
		}
		k := 0
		if strings.Contains(l, `"family": "od`) {
			k = 1
		}
		parts[k].WriteString(l)
	}
	args := []string{"compare", "-q", "--json", "--top", "50", "--method-field", "", "--group-field", "family"}
	for _, c := range compareConfigs {
		args = append(args, "--as", c.name+"="+c.flags)
	}
	var shardFiles []string
	for k := range parts {
		p := filepath.Join(dir, "part"+strconv.Itoa(k)+".jsonl")
		if err := os.WriteFile(p, []byte(parts[k].String()), 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "part"+strconv.Itoa(k)+".json")
		if _, errs, code := run(t, "", append(slices.Clone(args), p, "-o", out)...); code != 0 {
			t.Fatalf("compare shard %d: %s", k, errs)
		}
		shardFiles = append(shardFiles, out)
	}
	merged, errs, code := run(t, "", append([]string{"compare", "merge", shardFiles[1]}, shardFiles[0])...)
	if code != 0 {
		t.Fatalf("compare merge: exit %d: %s", code, errs)
	}
	whole, errs, code := run(t, "", append(slices.Clone(args), in)...)
	if code != 0 {
		t.Fatalf("compare: %s", errs)
	}
	if g, w := normaliseCompare(t, merged), normaliseCompare(t, whole); g != w {
		t.Fatalf("merged shards differ from one run:\n got %s\nwant %s", g, w)
	}
	one, _, _ := run(t, "", append(slices.Clone(args), "-j", "1", in)...)
	if g, w := normaliseCompare(t, one), normaliseCompare(t, whole); g != w {
		t.Fatalf("-j 1 differs from the default jobs:\n got %s\nwant %s", g, w)
	}
}

// normaliseCompare drops what two runs over other files cannot share: the
// elapsed time, and the file and line of the top lines (kept: their ids
// and values, in order).
func normaliseCompare(t *testing.T, doc string) string {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatal(err)
	}
	for _, c := range v["configurations"].([]any) {
		st := c.(map[string]any)["stats"].(map[string]any)
		delete(st, "elapsed_seconds")
		delete(st, "lines_per_second")
	}
	for _, p := range v["pairs"].([]any) {
		for _, k := range []string{"top_total", "top_advantage"} {
			var kept []any
			for _, d := range p.(map[string]any)[k].([]any) {
				m := d.(map[string]any)
				// ties in |Δ| are ordered by file and line: keep the values only
				kept = append(kept, m["delta"])
			}
			p.(map[string]any)[k] = kept
		}
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
