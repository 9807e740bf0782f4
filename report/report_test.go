package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/grpo-score/grpo-score/stats"
)

func sampleSummary() *stats.Summary {
	s := stats.New("accuracy", "length")
	var group []stats.Line
	for i := range 40 {
		l := stats.Line{Rewards: []float64{float64(i%3) / 2, 1 - float64(i)/80}, Method: []string{"od_ap", "default"}[i%2]}
		l.Total = l.Rewards[0] + l.Rewards[1]
		if i == 7 {
			l.Failed, l.TotalFailed = []bool{true, false}, true
		}
		s.AddLine(l)
		group = append(group, l)
		if len(group) == 4 {
			s.AddGroup(group)
			group = group[:0]
		}
	}
	s.Lines = stats.Lines{Read: 41, Written: 41, Failed: 1}
	return s
}

func TestWriteScored(t *testing.T) {
	x := &Extras{
		Length:  []XY{{X: 100, Y: 0.9, N: 1}, {X: 900, Y: 0.6, N: 1}},
		Steps:   []Step{{Step: 1, Lines: 20, Means: []float64{0.4, 0.8, 1.2}}, {Step: 2, Lines: 20, Means: []float64{0.6, 0.7, 1.3}}},
		Errors:  []RewardErrors{{Reward: "accuracy", Count: 1, Examples: []Example{{File: "f.jsonl", Line: 8, ID: "x<8>", What: "KeyError: 'label'"}}}},
		Invalid: 1, InvalidExamples: []Example{{File: "f.jsonl", Line: 41, What: "not JSON"}},
	}
	d := &Data{Title: "t", Sources: []string{"f.jsonl"}, Summary: sampleSummary(), Extras: x}
	var a, b bytes.Buffer
	if err := Write(&a, d); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, d); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two renderings of the same data differ")
	}
	page := a.String()
	for _, id := range []string{"total", "reward-accuracy", "reward-length", "method-od-ap", "method-default", "length-tokens", "steps", "zero-std"} {
		re := regexp.MustCompile(`<figure class="chart" id="chart-` + id + `" data-chart="` + id + `"><svg[^>]*>`)
		if !re.MatchString(page) {
			t.Errorf("chart %s missing", id)
		}
	}
	for _, want := range []string{"x&lt;8&gt;", "KeyError: &#39;label&#39;", "f.jsonl:41", "not JSON", "pass@4", "best@4/mean",
		`src: url(data:font/ttf;base64,`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	selfContained(t, page)
}

// selfContained fails on anything a browser would fetch: scripts, links,
// images or styles from elsewhere. (SVG's xmlns is a name, not a fetch.)
func selfContained(t *testing.T, page string) {
	t.Helper()
	for _, bad := range []*regexp.Regexp{
		regexp.MustCompile(`<script`), regexp.MustCompile(`<link`), regexp.MustCompile(`<img`),
		regexp.MustCompile(`(?:src|href)\s*=\s*["']?(?:https?:)?//`), regexp.MustCompile(`url\(\s*["']?(?:https?:)?//`),
		regexp.MustCompile(`@import`),
	} {
		if loc := bad.FindStringIndex(page); loc != nil {
			t.Errorf("the page fetches something: %q", page[loc[0]:min(loc[1]+40, len(page))])
		}
	}
}

func TestWriteStatsOnly(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, &Data{Title: "t", Summary: sampleSummary()}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if strings.Contains(page, `data-chart="length-tokens"`) || !strings.Contains(page, `data-chart="reward-length"`) {
		t.Error("a --stats report draws distributions but no per-line charts")
	}
	selfContained(t, page)
}

func TestWriteNothing(t *testing.T) {
	if err := Write(&bytes.Buffer{}, &Data{}); err == nil {
		t.Error("a report of nothing succeeded")
	}
}
