package cmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The llm accuracy method against scripted judges: concurrent across lines,
// failing fast, saying so, and never printing a secret of the URL.

// judgeServer counts requests and the most seen in flight at once.
type judgeServer struct {
	*httptest.Server
	requests, inFlight, peak atomic.Int32
}

func newJudgeServer(t *testing.T, handle func(w http.ResponseWriter, r *http.Request)) *judgeServer {
	t.Helper()
	js := &judgeServer{}
	js.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		js.requests.Add(1)
		n := js.inFlight.Add(1)
		defer js.inFlight.Add(-1)
		for p := js.peak.Load(); n > p && !js.peak.CompareAndSwap(p, n); p = js.peak.Load() {
		}
		handle(w, r)
	}))
	t.Cleanup(js.Close)
	return js
}

func judgeAnswer(w http.ResponseWriter, content string) {
	fmt.Fprintf(w, `{"choices":[{"message":{"role":"assistant","content":%q}}]}`, content)
}

// llmLines are n lines scored by the llm method, student answer = solution.
func llmLines(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `{"id": %d, "completion": "<answer>a%d</answer>", "solution": "a%d"}`+"\n", i, i, i)
	}
	return b.String()
}

// runJudged runs the CLI in-process with OPENAI_API_BASE set, failing the
// test when it does not finish within limit.
func runJudged(t *testing.T, base, stdin string, limit time.Duration, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(k string) string {
		if k == "OPENAI_API_BASE" {
			return base
		}
		return ""
	}}
	done := make(chan int, 1)
	go func() { done <- execute(args, e) }()
	select {
	case code := <-done:
		return out.String(), errb.String(), code
	case <-time.After(limit):
		t.Fatalf("%v did not finish within %s", args, limit)
		return "", "", 0
	}
}

func TestJudgeRequestsRunConcurrentlyAcrossLines(t *testing.T) {
	// Each request waits until four are in flight (or 3 s pass): with the
	// lines of one batch judged one after another, only one ever is.
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	var js *judgeServer
	js = newJudgeServer(t, func(w http.ResponseWriter, r *http.Request) {
		deadline := time.Now().Add(3 * time.Second)
		mu.Lock()
		cond.Broadcast()
		for js.inFlight.Load() < 4 && time.Now().Before(deadline) {
			mu.Unlock()
			time.Sleep(5 * time.Millisecond)
			mu.Lock()
		}
		mu.Unlock()
		judgeAnswer(w, "1.0")
	})
	out, errs, code := runJudged(t, js.URL+"/v1", llmLines(8), 60*time.Second,
		"score", "-q", "-r", "accuracy", "-m", "llm", "--llm-concurrency", "4", "-j", "1")
	if code != 0 || strings.Count(out, `"accuracy": 1.0`) != 8 {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	if p := js.peak.Load(); p != 4 {
		t.Errorf("%d requests in flight at most, want --llm-concurrency 4", p)
	}
}

func TestJudgeDownFailsFastAndSaysSo(t *testing.T) {
	js := newJudgeServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusInternalServerError)
	})
	dir := t.TempDir()
	st := filepath.Join(dir, "s.json")
	out, errs, code := runJudged(t, js.URL+"/v1", llmLines(40), 60*time.Second,
		"score", "-r", "accuracy", "-m", "llm", "--llm-concurrency", "1", "--stats", st)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// Five failed requests declare the judge down; the other lines fall
	// back without a request (the 30 s probe does not come due).
	if n := js.requests.Load(); n != 5 {
		t.Errorf("%d requests for 40 lines, want 5 (the breaker's threshold)", n)
	}
	if n := strings.Count(out, `"reward_fallbacks": {"accuracy": "llm judge: `); n != 40 {
		t.Errorf("%d lines marked as fallbacks, want 40:\n%.600s", n, out)
	}
	if !strings.Contains(out, `"rewards": {"accuracy": 1.0}, "reward": 1.0, "reward_fallbacks": {"accuracy": "llm judge: HTTP 500; exact match instead"}}`) {
		t.Errorf("first line: %.300s", out)
	}
	for _, want := range []string{"warning: llm judge at http://127.0.0.1", "failed (HTTP 500)", "down after 5 consecutive failures",
		"llm judge: 40 lines got the exact-match fallback"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	var s struct{ Lines struct{ Fallback int } }
	if b, err := os.ReadFile(st); err != nil || json.Unmarshal(b, &s) != nil || s.Lines.Fallback != 40 {
		t.Errorf("--stats lines.fallback = %d (%v), want 40", s.Lines.Fallback, err)
	}
	// stats on the scored file counts them too.
	so, _, _ := run(t, out, "stats", "--json")
	if !strings.Contains(so, `"fallback": 40`) {
		t.Errorf("stats of the scored file: %.400s", so)
	}
}

func TestJudgeRetriesAsManyAsAsked(t *testing.T) {
	// --llm-retries 2 means three requests per line, no more.
	js := newJudgeServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusInternalServerError)
	})
	for _, args := range [][]string{
		{"score", "-q", "-r", "accuracy", "-m", "llm"},
		{"check", "-r", "accuracy", "-m", "llm"},
		{"explain", "--line", "1", "-r", "accuracy", "-m", "llm"},
	} {
		js.requests.Store(0)
		// Recorded as the fallback gives it, so that check compares a value.
		line := strings.Replace(llmLines(1), "}\n", `, "rewards": {"accuracy": 1.0}}`+"\n", 1)
		_, errs, code := runJudged(t, js.URL+"/v1", line, 60*time.Second, append(args, "--llm-retries", "2")...)
		if code != 0 || js.requests.Load() != 3 {
			t.Errorf("%v: exit %d, %d requests, want 3: %s", args, code, js.requests.Load(), errs)
		}
	}
}

func TestJudgeRetryAfterIsCapped(t *testing.T) {
	js := newJudgeServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "100000")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	})
	// One retry: without a cap the run would wait 100000 s (60 s before).
	_, errs, code := runJudged(t, js.URL+"/v1", llmLines(1), 30*time.Second,
		"score", "-q", "-r", "accuracy", "-m", "llm", "--llm-retries", "1")
	if code != 0 || js.requests.Load() != 2 {
		t.Errorf("exit %d, %d requests: %s", code, js.requests.Load(), errs)
	}
}

func TestJudgeBudgetBoundsAHangingEndpoint(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	js := newJudgeServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("{")) // drips one byte, then hangs
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	out, errs, code := runJudged(t, js.URL+"/v1", llmLines(6), 30*time.Second,
		"score", "-q", "-r", "accuracy", "-m", "llm", "--llm-budget", "1", "--llm-timeout", "600")
	if code != 0 || strings.Count(out, `"reward_fallbacks"`) != 6 {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(errs, "--llm-budget of 1s spent") {
		t.Errorf("stderr: %s", errs)
	}
}

func TestJudgeStrictIsAnError(t *testing.T) {
	js := newJudgeServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusBadGateway)
	})
	out, errs, code := runJudged(t, js.URL+"/v1", llmLines(3), 60*time.Second,
		"score", "-q", "-r", "accuracy", "-m", "llm", "--llm-strict", "--llm-retries", "0")
	if code != 4 || !strings.Contains(errs, "the llm judge did not answer on 3 lines (--llm-strict)") {
		t.Errorf("exit %d, stderr %s", code, errs)
	}
	if n := strings.Count(out, `"rewards": {"accuracy": null}, "reward": null, "reward_errors": {"accuracy": "llm judge: HTTP 502 (--llm-strict)"}`); n != 3 {
		t.Errorf("%d null lines, want 3:\n%s", n, out)
	}
}

func TestJudgeNeverPrintsTheURLsSecrets(t *testing.T) {
	// A closed port: the connection error names the URL.
	base := "http://user:hunter2@127.0.0.1:1/v1?api_key=SECRET-KEY"
	out, errs, _ := runJudged(t, base, llmLines(1), 30*time.Second, "explain", "--line", "1", "-r", "accuracy", "-m", "llm", "--llm-retries", "0")
	out2, errs2, _ := runJudged(t, base, llmLines(2), 30*time.Second, "score", "-r", "accuracy", "-m", "llm", "--llm-retries", "0")
	all := out + errs + out2 + errs2
	for _, secret := range []string{"SECRET-KEY", "hunter2"} {
		if strings.Contains(all, secret) {
			t.Errorf("%q printed:\n%s", secret, all)
		}
	}
	if !strings.Contains(all, "api_key=REDACTED") {
		t.Errorf("the redacted URL is not shown:\n%s", all)
	}
}
