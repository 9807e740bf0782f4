package judge

import (
	"context"
	"encoding/json"
	"math"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/grpo-score/grpo-score/scoring/py"
)

func TestBreakerOpensAndProbes(t *testing.T) {
	now := time.Unix(0, 0)
	b := newBreaker(3, 30*time.Second, func() time.Time { return now })
	for i := 0; i < 2; i++ {
		if !b.allow() || b.failure() {
			t.Fatalf("failure %d opened the breaker early", i+1)
		}
	}
	if !b.allow() || !b.failure() {
		t.Fatal("the third consecutive failure did not open it")
	}
	if b.allow() {
		t.Error("open breaker let a request through before the probe interval")
	}
	now = now.Add(30 * time.Second)
	if !b.allow() {
		t.Error("no probe after the interval")
	}
	if b.allow() {
		t.Error("two probes in one interval")
	}
	b.failure() // the probe failed: wait another interval
	now = now.Add(29 * time.Second)
	if b.allow() {
		t.Error("probe before the interval after a failed probe")
	}
	now = now.Add(time.Second)
	if !b.allow() || !b.success() {
		t.Error("a successful probe did not close the breaker")
	}
	if !b.allow() || b.failure() {
		t.Error("closed breaker: one failure opened it")
	}
}

func TestSuccessResetsTheCount(t *testing.T) {
	b := newBreaker(2, time.Second, time.Now)
	b.failure()
	b.success()
	if b.failure() {
		t.Error("failures separated by a success counted as consecutive")
	}
}

func TestEndpointAndRedact(t *testing.T) {
	for _, tt := range []struct{ base, url, redacted string }{
		{"http://h:1/v1/", "http://h:1/v1/chat/completions", "http://h:1/v1/chat/completions"},
		{"https://h/v1?api_key=s3cr3t", "https://h/v1/chat/completions?api_key=s3cr3t", "https://h/v1/chat/completions?api_key=REDACTED"},
		{"https://me:pw@h/v1", "https://me:pw@h/v1/chat/completions", "https://REDACTED@h/v1/chat/completions"},
	} {
		if got := endpoint(tt.base); got != tt.url {
			t.Errorf("endpoint(%q) = %q, want %q", tt.base, got, tt.url)
		}
		if got := Redact(endpoint(tt.base)); got != tt.redacted {
			t.Errorf("Redact = %q, want %q", got, tt.redacted)
		}
	}
}

func TestWaitNeverExceedsTheCap(t *testing.T) {
	j := New(Options{Retries: 3})
	var waits []time.Duration
	j.sleep = func(_ context.Context, d time.Duration) bool { waits = append(waits, d); return true }
	for attempt := 1; attempt <= 3; attempt++ {
		j.wait(attempt, &retryAfter{err: errString("429"), wait: 100000 * time.Second})
	}
	for _, d := range waits {
		if d != 10*time.Second {
			t.Errorf("waited %s, want the 10 s cap", d)
		}
	}
}

type errString string

func (e errString) Error() string { return string(e) }

// FuzzParseResponse: parsing is deterministic; the content it finds,
// written back into a response, parses to itself; an answer in plain
// decimal agrees with strconv (an independent parser); a float's repr padded
// with whitespace parses back to the same bits.
func FuzzParseResponse(f *testing.F) {
	f.Add([]byte(`{"choices":[{"message":{"role":"assistant","content":" 1.0\n"}}]}`), 0.5)
	f.Add([]byte(`{"choices":[]}`), 1.0)
	f.Add([]byte(`{"choices":[{"message":{"content":null}}]}`), math.Copysign(0, -1))
	f.Add([]byte(`{"Choices":[{"message":{"content":"1"}}]}`), 3.0)
	f.Add([]byte(`not json`), math.Inf(1))
	f.Fuzz(func(t *testing.T, data []byte, v float64) {
		text, err := ParseResponse(data)
		text2, err2 := ParseResponse(data)
		if text != text2 || (err == nil) != (err2 == nil) {
			t.Fatalf("%q: not deterministic", data)
		}
		if err == nil {
			again, _ := json.Marshal(map[string]any{"choices": []any{map[string]any{"message": map[string]any{"content": text}}}})
			if back, err := ParseResponse(again); err != nil || back != text {
				t.Fatalf("%q: content %q does not round-trip (%q, %v)", data, text, back, err)
			}
			a, aerr := ParseAnswer(text)
			if plainDecimal.MatchString(text) {
				want, serr := strconv.ParseFloat(text, 64)
				if serr == nil && (aerr != nil || math.Float64bits(a) != math.Float64bits(want)) {
					t.Fatalf("ParseAnswer(%q) = %v, %v; strconv says %v", text, a, aerr, want)
				}
			}
		}
		if math.IsNaN(v) {
			return
		}
		padded := " \t" + py.FormatFloat(v) + "\n"
		got, perr := ParseAnswer(padded)
		if perr != nil || math.Float64bits(got) != math.Float64bits(v) {
			t.Fatalf("ParseAnswer(%q) = %v, %v; want %v", padded, got, perr, v)
		}
		if _, perr := ParseAnswer("x" + padded); perr == nil {
			t.Fatalf("ParseAnswer accepted %q", "x"+padded)
		}
	})
}

var plainDecimal = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]*)?([eE][+-]?[0-9]+)?$`)
