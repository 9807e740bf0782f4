package main

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestReportInChromium renders the HTML reports of a scored file, a --stats
// file and a compare result in headless Chromium (Debian's chromium
// package; .ci/run installs it) with the network blocked, and checks that
// every chart the report should have is there and drawn (an <svg> with a
// real size, axes and marks), that the page asked for nothing over the
// network, and saves a full-page screenshot of each, 1280 px wide, under
// $GRPO_SCORE_ARTIFACTS (default: the test's temporary directory).
func TestReportInChromium(t *testing.T) {
	browser := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		t.Skip("no Chromium on PATH (Debian: apt-get install chromium; .ci/run installs it)")
	}
	dir := t.TempDir()
	artefacts := os.Getenv("GRPO_SCORE_ARTIFACTS")
	if artefacts == "" {
		artefacts = dir
	}
	if err := os.MkdirAll(artefacts, 0o755); err != nil {
		t.Fatal(err)
	}

	// a scored file and its statistics
	scored, statsFile := filepath.Join(dir, "scored.jsonl"), filepath.Join(dir, "scored.stats.json")
	if _, errs, code := runBin(t, nil, "score", "-q", "testdata/sample.jsonl", "-r", "accuracy,format,length,repetition",
		"-o", scored, "--stats", statsFile); code != 0 {
		t.Fatalf("score: %s", errs)
	}
	// the README's comparison, grouped by family
	detection := filepath.Join(dir, "detection.jsonl")
	writeDetectionLines(t, detection)
	cmpFile := filepath.Join(dir, "compare.json")
	if _, errs, code := runBin(t, nil, "compare", "-q", detection, "--method-field", "", "--group-field", "family",
		"--as", "odLength=-m odLength", "--as", "weighted_sum=-m weighted_sum", "--as", "od_ap=-m od_ap",
		"--json", "-o", cmpFile); code != 0 {
		t.Fatalf("compare: %s", errs)
	}

	// the control: the request log sees a page that does fetch
	control := filepath.Join(dir, "control.html")
	if err := os.WriteFile(control, []byte(`<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/x.png"><p>x</p></body></html>`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, requests, _ := browse(t, browser, control); len(requests) != 1 || requests[0] != "http://127.0.0.1:9/x.png" {
		t.Fatalf("the request log of a page with one remote image holds %q", requests)
	}

	methods := []string{"all_match", "default", "map", "math", "mcq", "odlength", "od-ap", "od-ap50", "weighted-sum", "yes-no"}
	var scoredCharts []string
	scoredCharts = append(scoredCharts, "total", "reward-accuracy", "reward-format", "reward-length", "reward-repetition", "length-tokens")
	for _, m := range methods {
		scoredCharts = append(scoredCharts, "method-"+strings.ReplaceAll(m, "_", "-"))
	}
	statsCharts := slices.DeleteFunc(slices.Clone(scoredCharts), func(id string) bool { return id == "length-tokens" })
	for _, tc := range []struct {
		name   string
		input  string
		charts []string
	}{
		{"scored", scored, scoredCharts},
		{"stats", statsFile, statsCharts},
		{"compare", cmpFile, []string{"total", "reward-accuracy", "reward-format", "zero-std",
			"scatter-odlength-weighted-sum", "scatter-odlength-od-ap", "scatter-weighted-sum-od-ap"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := filepath.Join(dir, tc.name+".html")
			if _, errs, code := runBin(t, nil, "report", tc.input, "-o", page); code != 0 {
				t.Fatalf("report: %s", errs)
			}
			shot := filepath.Join(artefacts, "report-"+tc.name+".png")
			checkInBrowser(t, browser, page, tc.charts, shot)
			t.Logf("screenshot: %s", shot)
		})
	}
}

// writeDetectionLines writes the detection lines of the sample, grouped by
// family, as the README's worked example selects them.
func writeDetectionLines(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile("testdata/sample.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	byFamily := map[string][]string{}
	for _, l := range strings.Split(string(data), "\n") {
		var obj struct{ Family string }
		if json.Unmarshal([]byte(l), &obj) != nil {
			continue
		}
		switch obj.Family {
		case "od_ap", "od_ap50", "odLength", "weighted_sum", "map":
			byFamily[obj.Family] = append(byFamily[obj.Family], l)
		}
	}
	fams := make([]string, 0, len(byFamily))
	for f := range byFamily {
		fams = append(fams, f)
	}
	sort.Strings(fams)
	var b strings.Builder
	for _, f := range fams {
		for _, l := range byFamily[f] {
			b.WriteString(l + "\n")
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

type chartCheck struct {
	ID       string  `json:"id"`
	SVG      bool    `json:"svg"`
	Width    float64 `json:"width"`
	Height   float64 `json:"height"`
	Marks    int     `json:"marks"`
	Texts    int     `json:"texts"`
	NonBlank int     `json:"nonBlank"`
}

// checkInBrowser loads page and checks its charts and that it requested
// nothing over the network.
func checkInBrowser(t *testing.T, browser, page string, want []string, shot string) {
	t.Helper()
	checks, requests, png := browse(t, browser, page)
	if err := os.WriteFile(shot, png, 0o644); err != nil {
		t.Fatal(err)
	}
	got := map[string]chartCheck{}
	for _, c := range checks {
		got[c.ID] = c
		// a drawn chart: its size on the page, a frame, axes, ticks and
		// marks, and text for the title and both axis labels
		if !c.SVG || c.Width < 400 || c.Height < 200 || c.Marks < 6 || c.NonBlank < 3 {
			t.Errorf("chart %s is not drawn: %+v", c.ID, c)
		}
	}
	for _, id := range want {
		if _, ok := got[id]; !ok {
			t.Errorf("chart %s missing; the page has %v", id, keys(got))
		}
	}
	for _, u := range requests {
		t.Errorf("the page requested %s", u)
	}
	if len(png) < 10000 {
		t.Errorf("screenshot of %d bytes", len(png))
	}
}

// browse loads page in Chromium with every network scheme blocked, and
// returns its charts, the URLs it requested besides itself and inline
// data: URIs, and a full-page PNG screenshot 1280 px wide.
func browse(t *testing.T, browser, page string) ([]chartCheck, []string, []byte) {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.WindowSize(1280, 900),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	pageURL := (&url.URL{Scheme: "file", Path: page}).String()
	var mu sync.Mutex
	var requests []string
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok && e.Request.URL != pageURL && !strings.HasPrefix(e.Request.URL, "data:") {
			mu.Lock()
			requests = append(requests, e.Request.URL)
			mu.Unlock()
		}
	})
	var checks []chartCheck
	var png []byte
	err := chromedp.Run(ctx,
		network.Enable(),
		network.SetBlockedURLs([]string{"http://*", "https://*", "ws://*", "wss://*"}),
		chromedp.Navigate(pageURL),
		chromedp.WaitReady("body"),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("figure.chart")).map(f => {
			const svg = f.querySelector("svg");
			const r = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
			const marks = svg ? svg.querySelectorAll("path, rect, circle, polyline, polygon, line").length : 0;
			const texts = svg ? Array.from(svg.querySelectorAll("text")) : [];
			return {id: f.dataset.chart, svg: !!svg, width: r.width, height: r.height, marks: marks,
				texts: texts.length, nonBlank: texts.filter(x => x.textContent.trim() !== "").length};
		})`, &checks),
		chromedp.FullScreenshot(&png, 100),
	)
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	return checks, slices.Clone(requests), png
}

func keys(m map[string]chartCheck) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
