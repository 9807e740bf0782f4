package scoring

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/grpo-score/grpo-score/scoring/py"
)

// The judge prompt of evaluate_answer_similarity, word for word: the model
// was trained against these rewards, so the text is part of the behaviour.
const (
	llmInstruction = "You are a evaluation expert. First, analyze the student's response to identify and extract their final answer. Then, compare the extracted answer with the correct solution. Output ONLY '1.0' if the extracted answer matches the correct solution in meaning, or '0.0' if the student's response does not contain a clear or correct answer. No other output is allowed."
	llmQuestion    = "Student's response: %s\nCorrect solution: %s\nOutput only 1.0 or 0.0:"
	defaultLLMBase = "https://api.openai.com/v1"
	defaultLLMKey  = "sk-proj-1234567890"
)

// LLMJudge asks an OpenAI-compatible chat-completions endpoint whether a
// student answer matches the solution, one call per sample, bounded in
// concurrency, with a timeout and retries. VLM-R1's llm accuracy method
// (scoring/vlmr1) falls back to exact string equality when it fails.
type LLMJudge struct {
	client  *http.Client
	url     string
	key     string
	model   string
	sem     chan struct{}
	retries int
	timeout time.Duration
	backoff time.Duration
}

func NewLLMJudge(o LLMOptions) *LLMJudge {
	base := o.BaseURL
	if base == "" {
		base = defaultLLMBase
	}
	key := o.APIKey
	if key == "" {
		key = defaultLLMKey
	}
	n := o.Concurrency
	if n < 1 {
		n = 1
	}
	timeout := time.Duration(o.TimeoutSec * float64(time.Second))
	if timeout <= 0 {
		timeout = 60 * time.Second
	}
	backoff := o.Backoff
	if backoff <= 0 {
		backoff = 500 * time.Millisecond
	}
	return &LLMJudge{
		client:  &http.Client{},
		url:     strings.TrimRight(base, "/") + "/chat/completions",
		key:     key,
		model:   o.Model,
		sem:     make(chan struct{}, n),
		retries: max(o.Retries, 0),
		timeout: timeout,
		backoff: backoff,
	}
}

// Judge asks the model and parses its answer with Python's float().
func (j *LLMJudge) Judge(student, gt string) (float64, error) {
	body, err := json.Marshal(map[string]any{
		"model": j.model,
		"messages": []map[string]string{
			{"role": "user", "content": llmInstruction},
			{"role": "user", "content": fmt.Sprintf(llmQuestion, student, gt)},
		},
		"temperature": 0,
	})
	if err != nil {
		return 0, err
	}
	j.sem <- struct{}{}
	defer func() { <-j.sem }()
	var lastErr error
	for attempt := 0; attempt <= j.retries; attempt++ {
		if attempt > 0 {
			time.Sleep(j.delay(attempt, lastErr))
		}
		text, retry, err := j.post(body)
		if err == nil {
			v, perr := py.ParseFloat(py.Strip(text))
			if perr != nil {
				return 0, fmt.Errorf("judge answered %q, not a number", text)
			}
			return v, nil
		}
		lastErr = err
		if !retry {
			break
		}
	}
	return 0, lastErr
}

// retryAfter is a server's request to wait before the next attempt.
type retryAfter struct {
	err  error
	wait time.Duration
}

func (r *retryAfter) Error() string { return r.err.Error() }

func (j *LLMJudge) delay(attempt int, last error) time.Duration {
	var ra *retryAfter
	if errors.As(last, &ra) && ra.wait > 0 {
		return min(ra.wait, 60*time.Second)
	}
	d := j.backoff << (attempt - 1)
	d = min(d, 8*time.Second)
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}

// post sends one request; retry reports whether the failure is worth
// another attempt (network errors, timeouts, 408, 409, 429 and 5xx, as the
// OpenAI client retries).
func (j *LLMJudge) post(body []byte) (string, bool, error) {
	ctx, cancel := context.WithTimeout(context.Background(), j.timeout)
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
		err := fmt.Errorf("judge returned HTTP %d", resp.StatusCode)
		retry := resp.StatusCode == 408 || resp.StatusCode == 409 || resp.StatusCode == 429 || resp.StatusCode >= 500
		if s := resp.Header.Get("Retry-After"); s != "" {
			if secs, perr := strconv.ParseFloat(s, 64); perr == nil {
				return "", retry, &retryAfter{err: err, wait: time.Duration(secs * float64(time.Second))}
			}
		}
		return "", retry, err
	}
	var parsed struct {
		Choices []struct {
			Message struct {
				Content *string `json:"content"`
			} `json:"message"`
		} `json:"choices"`
	}
	if err := json.Unmarshal(data, &parsed); err != nil {
		return "", false, fmt.Errorf("judge response is not JSON: %w", err)
	}
	if len(parsed.Choices) == 0 || parsed.Choices[0].Message.Content == nil {
		return "", false, errors.New("judge response has no message content")
	}
	return *parsed.Choices[0].Message.Content, false, nil
}
