package vlmr1

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/judge"
)

// fakeJudge is a local chat-completions server whose answers a test scripts.
func fakeJudge(t *testing.T, handle func(n int, w http.ResponseWriter, req map[string]any)) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int(calls.Add(1))
		if r.URL.Path != "/v1/chat/completions" || r.Header.Get("Authorization") != "Bearer test-key" {
			http.Error(w, "bad request line", http.StatusBadRequest)
			return
		}
		var req map[string]any
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		handle(n, w, req)
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

func answer(w http.ResponseWriter, content string) {
	fmt.Fprintf(w, `{"choices":[{"message":{"role":"assistant","content":%q}}]}`, content)
}

func judgeFor(srv *httptest.Server, timeout float64, retries int) accuracyMethod {
	return llmMethod(judge.New(judge.Options{BaseURL: srv.URL + "/v1/", APIKey: "test-key", Model: "qwen2.5:7b",
		Concurrency: 2, TimeoutSec: timeout, Retries: retries, Backoff: time.Millisecond, BreakerFailures: -1}))
}

func TestLLMJudgeAnswers(t *testing.T) {
	var seen map[string]any
	var mu sync.Mutex
	srv, _ := fakeJudge(t, func(_ int, w http.ResponseWriter, req map[string]any) {
		mu.Lock()
		seen = req
		mu.Unlock()
		answer(w, " 1.0\n")
	})
	got, err := judgeFor(srv, 5, 0)("<think>x</think><answer> Paris </answer>", "<answer> paris </answer>", nil)
	if err != nil || got != 1.0 {
		t.Fatalf("got %v, %v", got, err)
	}
	if seen["model"] != "qwen2.5:7b" || seen["temperature"] != 0.0 {
		t.Errorf("request %v", seen)
	}
	msgs := seen["messages"].([]any)
	second := msgs[1].(map[string]any)["content"].(string)
	if !strings.HasPrefix(msgs[0].(map[string]any)["content"].(string), "You are a evaluation expert.") ||
		second != "Student's response: Paris\nCorrect solution: paris\nOutput only 1.0 or 0.0:" {
		t.Errorf("prompt %q", msgs)
	}
}

func TestLLMJudgeFallbacks(t *testing.T) {
	tests := []struct {
		name     string
		handle   func(n int, w http.ResponseWriter)
		timeout  float64
		retries  int
		content  string
		want     float64
		calls    int32
		fallback bool
	}{
		{"garbage answer: exact match", func(_ int, w http.ResponseWriter) { answer(w, "yes, it matches") }, 5, 2, "<answer>a</answer>", 1, 1, true},
		{"garbage answer, mismatch", func(_ int, w http.ResponseWriter) { answer(w, "maybe") }, 5, 2, "<answer>b</answer>", 0, 1, true},
		{"server error then success", func(n int, w http.ResponseWriter) {
			if n < 3 {
				http.Error(w, "overloaded", http.StatusServiceUnavailable)
				return
			}
			answer(w, "0.0")
		}, 5, 2, "<answer>a</answer>", 0, 3, false},
		{"always failing: exact match after retries", func(_ int, w http.ResponseWriter) {
			http.Error(w, "down", http.StatusInternalServerError)
		}, 5, 2, "<answer>a</answer>", 1, 3, true},
		{"client error is not retried", func(_ int, w http.ResponseWriter) {
			http.Error(w, "no", http.StatusUnauthorized)
		}, 5, 2, "<answer>zzz</answer>", 0, 1, true},
		{"slow server: timeout, exact match", func(_ int, w http.ResponseWriter) {
			time.Sleep(300 * time.Millisecond)
			answer(w, "0.0")
		}, 0.05, 1, "<answer>a</answer>", 1, 2, true},
		{"a fractional answer is kept", func(_ int, w http.ResponseWriter) { answer(w, "0.5") }, 5, 0, "<answer>q</answer>", 0.5, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, calls := fakeJudge(t, func(n int, w http.ResponseWriter, _ map[string]any) { tt.handle(n, w) })
			got, err := judgeFor(srv, tt.timeout, tt.retries)(tt.content, "<answer> a </answer>", nil)
			var fb *scoring.Fallback
			if got != tt.want || errors.As(err, &fb) != tt.fallback || (err != nil && fb == nil) {
				t.Errorf("got %v, %v; want %v, fallback %v", got, err, tt.want, tt.fallback)
			}
			if c := calls.Load(); c != tt.calls {
				t.Errorf("%d calls, want %d", c, tt.calls)
			}
		})
	}
}

func TestLLMJudgeBoundsConcurrency(t *testing.T) {
	var inFlight, peak atomic.Int32
	srv, _ := fakeJudge(t, func(_ int, w http.ResponseWriter, _ map[string]any) {
		n := inFlight.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(20 * time.Millisecond)
		inFlight.Add(-1)
		answer(w, "1.0")
	})
	judge := judgeFor(srv, 5, 0) // concurrency 2
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			judge("<answer>a</answer>", "<answer> a </answer>", nil)
		}()
	}
	wg.Wait()
	if p := peak.Load(); p > 2 {
		t.Errorf("%d requests in flight, want at most 2", p)
	}
}
