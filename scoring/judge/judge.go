// Package judge is the LLM judge of VLM-R1's llm accuracy method: an
// OpenAI-compatible chat-completions client that fails fast and says so.
// Requests run at most Concurrency at a time; a failed request is retried
// with backoff (Retry-After honoured, capped); after BreakerFailures
// consecutive failures the judge is declared down and only a periodic probe
// reaches it until it answers again; Budget bounds the wall-clock time of
// all its requests together. Every failure is a *Failure, which the caller
// turns into the reference's exact-match fallback (and counts), or into an
// error under Strict.
package judge

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	json "github.com/goccy/go-json"
)

// The judge prompt of evaluate_answer_similarity, word for word: the model
// was trained against these rewards, so the text is part of the behaviour.
const (
	instruction = "You are a evaluation expert. First, analyze the student's response to identify and extract their final answer. Then, compare the extracted answer with the correct solution. Output ONLY '1.0' if the extracted answer matches the correct solution in meaning, or '0.0' if the student's response does not contain a clear or correct answer. No other output is allowed."
	question    = "Student's response: %s\nCorrect solution: %s\nOutput only 1.0 or 0.0:"
	defaultBase = "https://api.openai.com/v1"
	defaultKey  = "sk-proj-1234567890"
)

// Options configure the judge. The zero value of a limit means its default.
type Options struct {
	BaseURL     string // OPENAI_API_BASE
	APIKey      string // OPENAI_API_KEY
	Model       string
	Concurrency int     // requests in flight at most (default 1)
	TimeoutSec  float64 // per request, body included (default 60)
	Retries     int     // retries after a failed request
	// Backoff is the first retry's delay, doubled on each retry (0: 500 ms).
	Backoff time.Duration
	// MaxRetryAfter caps a server's Retry-After (0: 10 s).
	MaxRetryAfter time.Duration
	// BudgetSec bounds the time from the judge's first request to its last
	// (0: no bound); once spent, every call fails at once.
	BudgetSec float64
	// BreakerFailures consecutive failed requests declare the judge down
	// (0: 5, negative: never); ProbeInterval is how often one request then tries it again
	// (0: 30 s).
	BreakerFailures int
	ProbeInterval   time.Duration
	// Strict: a failure is an error of the reward, not a fallback.
	Strict bool
	// Warn receives the judge's state changes (down, up, budget spent,
	// first failure), one line each, for standard error; nil drops them.
	Warn func(msg string)
	// Context ends every request when it ends (a signal).
	Context context.Context
}

// DefaultOptions are the reference's client settings where it has them
// (model, two retries) and this package's bounds.
func DefaultOptions() Options {
	return Options{Model: "qwen2.5:7b", Concurrency: 4, TimeoutSec: 60, Retries: 2}
}

// Failure is why the judge gave no answer: the caller falls back.
type Failure struct {
	Reason string
}

func (f *Failure) Error() string { return "llm judge: " + f.Reason }

// Judge asks the model whether a student answer matches the solution.
type Judge struct {
	client   *http.Client
	url      string
	redacted string // url without secrets, for messages
	key      string
	model    string
	sem      chan struct{}
	retries  int
	timeout  time.Duration
	backoff  time.Duration
	maxWait  time.Duration
	budget   time.Duration
	strict   bool
	ctx      context.Context
	breaker  *breaker
	warn     func(string)
	sleep    func(ctx context.Context, d time.Duration) bool
	now      func() time.Time

	mu       sync.Mutex
	deadline time.Time // zero until the first request, when a budget is set
	spent    bool
	warned   bool
}

// New builds a judge; it makes no request until the first call.
func New(o Options) *Judge {
	base := o.BaseURL
	if base == "" {
		base = defaultBase
	}
	key := o.APIKey
	if key == "" {
		key = defaultKey
	}
	timeout := time.Duration(o.TimeoutSec * float64(time.Second))
	if timeout <= 0 {
		timeout = 60 * time.Second
	}
	j := &Judge{
		client:  &http.Client{},
		url:     endpoint(base),
		key:     key,
		model:   o.Model,
		sem:     make(chan struct{}, max(o.Concurrency, 1)),
		retries: max(o.Retries, 0),
		timeout: timeout,
		backoff: orDefault(o.Backoff, 500*time.Millisecond),
		maxWait: orDefault(o.MaxRetryAfter, 10*time.Second),
		budget:  time.Duration(o.BudgetSec * float64(time.Second)),
		strict:  o.Strict,
		ctx:     o.Context,
		warn:    o.Warn,
		sleep:   sleepCtx,
		now:     time.Now,
	}
	j.redacted = Redact(j.url)
	if j.ctx == nil {
		j.ctx = context.Background()
	}
	if j.warn == nil {
		j.warn = func(string) {}
	}
	threshold := o.BreakerFailures
	switch {
	case threshold == 0:
		threshold = 5
	case threshold < 0:
		threshold = 0 // never down
	}
	j.breaker = newBreaker(threshold, orDefault(o.ProbeInterval, 30*time.Second), func() time.Time { return j.now() })
	return j
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// Strict reports whether failures are errors rather than fallbacks.
func (j *Judge) Strict() bool { return j.strict }

// endpoint appends /chat/completions to the base URL's path, keeping a
// query (some gateways take the key there) where it belongs.
func endpoint(base string) string {
	u, err := url.Parse(base)
	if err != nil {
		return strings.TrimRight(base, "/") + "/chat/completions"
	}
	u.Path = strings.TrimRight(u.Path, "/") + "/chat/completions"
	u.RawPath = ""
	return u.String()
}

// Redact is a URL fit for messages: no password, no query values.
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(an unparsable URL)"
	}
	if u.User != nil {
		u.User = url.User("REDACTED")
	}
	if u.RawQuery != "" {
		q := u.Query()
		for k := range q {
			q[k] = []string{"REDACTED"}
		}
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// Judge asks the model and parses its answer with Python's float(). Every
// failure is a *Failure.
func (j *Judge) Judge(student, gt string) (float64, error) {
	body, err := json.Marshal(map[string]any{
		"model": j.model,
		"messages": []map[string]string{
			{"role": "user", "content": instruction},
			{"role": "user", "content": fmt.Sprintf(question, student, gt)},
		},
		"temperature": 0,
	})
	if err != nil {
		return 0, &Failure{Reason: err.Error()}
	}
	var last error
	for attempt := 0; attempt <= j.retries; attempt++ {
		if attempt > 0 && !j.wait(attempt, last) {
			break
		}
		if reason := j.closed(); reason != "" {
			if last == nil {
				return 0, &Failure{Reason: reason}
			}
			break
		}
		text, retry, err := j.request(body)
		if err == nil {
			j.succeeded()
			v, perr := ParseAnswer(text)
			if perr != nil {
				return 0, &Failure{Reason: perr.Error()}
			}
			return v, nil
		}
		last = err
		j.failed(err)
		if !retry {
			break
		}
	}
	return 0, &Failure{Reason: j.clean(last)}
}

// closed is why no request may go out now, "" when one may.
func (j *Judge) closed() string {
	if j.ctx.Err() != nil {
		return "interrupted"
	}
	if j.budgetSpent() {
		return "--llm-budget spent"
	}
	if !j.breaker.allow() {
		return fmt.Sprintf("down after %d consecutive failures (probed every %s)", j.breaker.threshold, j.breaker.probe)
	}
	return ""
}

func (j *Judge) budgetSpent() bool {
	if j.budget <= 0 {
		return false
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	now := j.now()
	if j.deadline.IsZero() {
		j.deadline = now.Add(j.budget)
	}
	if !now.Before(j.deadline) && !j.spent {
		j.spent = true
		j.warn(fmt.Sprintf("llm judge: --llm-budget of %s spent: the remaining lines get the exact-match fallback", j.budget))
	}
	return j.spent
}

// remaining is the time left in the budget, or d when there is more.
func (j *Judge) remaining(d time.Duration) time.Duration {
	if j.budget <= 0 {
		return d
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.deadline.IsZero() {
		return d
	}
	return min(d, j.deadline.Sub(j.now()))
}

func (j *Judge) succeeded() {
	if j.breaker.success() {
		j.warn("llm judge: answering again")
	}
}

func (j *Judge) failed(err error) {
	j.mu.Lock()
	first := !j.warned
	j.warned = true
	j.mu.Unlock()
	if first {
		j.warn(fmt.Sprintf("llm judge at %s failed (%s): such lines get the exact-match fallback, marked in reward_fallbacks and counted in the summary", j.redacted, j.clean(err)))
	}
	if j.breaker.failure() {
		j.warn(fmt.Sprintf("llm judge: down after %d consecutive failures: lines fall back without asking; one request probes it every %s", j.breaker.threshold, j.breaker.probe))
	}
}

// clean is an error's text with the URL's secrets removed.
func (j *Judge) clean(err error) string {
	if err == nil {
		return "no answer"
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Sprintf("%s %s: %v", ue.Op, j.redacted, ue.Err)
	}
	return strings.ReplaceAll(err.Error(), j.url, j.redacted)
}

// retryAfter is a server's request to wait before the next attempt.
type retryAfter struct {
	err  error
	wait time.Duration
}

func (r *retryAfter) Error() string { return r.err.Error() }
func (r *retryAfter) Unwrap() error { return r.err }

// wait sleeps before a retry: the server's Retry-After (capped), else
// exponential backoff with jitter; never past the budget. It reports false
// when the run ended or the budget cannot cover the wait.
func (j *Judge) wait(attempt int, last error) bool {
	var d time.Duration
	var ra *retryAfter
	if errors.As(last, &ra) && ra.wait > 0 {
		d = min(ra.wait, j.maxWait)
	} else {
		d = min(j.backoff<<(attempt-1), 8*time.Second)
		d = d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
	}
	if j.remaining(d) < d {
		return false
	}
	return j.sleep(j.ctx, d)
}

func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// request sends one request, holding one of the Concurrency slots; retry
// reports whether the failure is worth another attempt (network errors,
// timeouts, 408, 409, 429 and 5xx, as the OpenAI client retries).
func (j *Judge) request(body []byte) (string, bool, error) {
	select {
	case j.sem <- struct{}{}:
	case <-j.ctx.Done():
		return "", false, j.ctx.Err()
	}
	defer func() { <-j.sem }()
	timeout := j.remaining(j.timeout)
	if timeout <= 0 {
		return "", false, errors.New("--llm-budget spent")
	}
	ctx, cancel := context.WithTimeout(j.ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, j.url, bytes.NewReader(body))
	if err != nil {
		return "", false, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+j.key)
	resp, err := j.client.Do(req)
	if err != nil {
		return "", true, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return "", true, err
	}
	if resp.StatusCode != http.StatusOK {
		err := fmt.Errorf("HTTP %d", resp.StatusCode)
		retry := resp.StatusCode == 408 || resp.StatusCode == 409 || resp.StatusCode == 429 || resp.StatusCode >= 500
		if s := resp.Header.Get("Retry-After"); s != "" {
			if secs, perr := strconv.ParseFloat(s, 64); perr == nil && secs > 0 && secs < 1e9 {
				return "", retry, &retryAfter{err: err, wait: time.Duration(secs * float64(time.Second))}
			}
		}
		return "", retry, err
	}
	text, err := ParseResponse(data)
	return text, false, err
}
