// Package pipeline scores JSON Lines in parallel and writes them back in
// input order: one reader, N scoring goroutines and one writer, with a
// bounded window of batches in flight so memory stays flat however large the
// input. It knows rewards only through scoring.Reward.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/grpo-score/grpo-score/jsonlio"
	"github.com/grpo-score/grpo-score/scoring"
)

// OnError is the policy for lines with input errors.
type OnError int

const (
	// Keep writes a bad line unchanged, with nothing appended.
	Keep OnError = iota
	// Skip leaves a bad line out of the output.
	Skip
	// Fail stops at the first bad line, after writing every line before it.
	Fail
)

// ParseOnError reads the --on-error flag.
func ParseOnError(s string) (OnError, error) {
	switch s {
	case "keep":
		return Keep, nil
	case "skip":
		return Skip, nil
	case "fail":
		return Fail, nil
	}
	return 0, fmt.Errorf("--on-error must be keep, skip or fail, not %q", s)
}

// NamedReward is a reward with the name it is written under and its weight
// in the total.
type NamedReward struct {
	Name   string
	Reward scoring.Reward
	Weight float64
	// Key, when not empty, names the computation: rewards of Config.Sets
	// with the same Key give the same value on every line (the same reward
	// under the same options), so each line scores them once.
	Key string
}

// Config is everything a run needs besides its streams.
type Config struct {
	Rewards []NamedReward
	Fields  Fields
	OnError OnError
	// Jobs is the number of scoring goroutines; 0 means one per CPU.
	Jobs int
	// ShardIndex and ShardCount select every ShardCount-th line (or group,
	// when grouping) starting at the ShardIndex-th, both 0-based.
	ShardIndex, ShardCount int
	// StrOf is Python's str() of a non-string solution value; nil means
	// the json.loads + str() of package pyjson.
	StrOf func(jsonlio.Value) (string, error)
	// MethodOf names the accuracy method a sample uses, for statistics.
	MethodOf func(*scoring.Sample) string
	// Sets are further reward configurations scored on every line beside
	// Rewards (compare): each line gets one Scores per set in Outcome.Sets,
	// with its own total, method and advantages. Sets are not written.
	Sets []RewardSet
	// Discard renders and writes no output line; the sink still sees every
	// outcome.
	Discard bool
	// Sink sees every line's outcome in input order; may be nil.
	Sink Sink
	// Trace, when set, records an explanation for every line (explain).
	Trace bool
	// Prefix goes before the names of the members a line gets ("rewards",
	// "reward", "reward_errors", "advantage"), so that a trainer's own
	// members of those names survive beside the recomputed ones.
	Prefix string
	// Progress, when set, is kept at the number of input bytes consumed
	// (compressed bytes of a compressed input), and ProgressLines at the
	// number of lines read.
	Progress, ProgressLines *atomic.Int64
	// WaitConcurrency is how many lines of a batch a worker scores at once
	// when a reward waits on a remote service for them (scoring.Waiter);
	// 0 or 1 scores them one after another.
	WaitConcurrency int
	// MaxLineBytes caps a line's length; 0 means jsonlio.DefaultMaxLineBytes.
	// A longer line is an input error (it cannot be kept: it is left out
	// under --on-error keep too).
	MaxLineBytes int
	// Read says how inputs become records (format, records path).
	Read jsonlio.ReadOptions
	// GroupBuffer bounds, in bytes, the lines held back while their groups
	// are open; 0 means DefaultGroupBuffer.
	GroupBuffer int64
	// GroupContiguous closes a group when a line of another group follows,
	// instead of at the end of its file: for streams whose groups are
	// contiguous, whose lines then need not wait for the end of the input.
	GroupContiguous bool
	// Join, when set, brings fields the lines lack in from a dataset.
	Join *Join
}

// Sink receives outcomes in input order, on the writer goroutine.
type Sink interface {
	Line(o *Outcome)
	// Group is called with the outcomes of one finished group (lines that
	// were scored and carry the group key), after their Line calls.
	Group(key string, members []*Outcome)
}

// Status is what became of a line.
type Status int

const (
	Scored Status = iota
	Blank
	Invalid // an input error; see Outcome.Err
)

// RewardSet is one configuration of rewards in Config.Sets.
type RewardSet struct {
	Rewards []NamedReward
	// MethodOf names the accuracy method a sample uses under this set.
	MethodOf func(*scoring.Sample) string
}

// Scores are the values of one set of rewards on one line.
type Scores struct {
	// Values and Errs are aligned with the rewards; Errs[i] != nil means
	// reward i raised and its value is null.
	Values []float64
	Errs   []error
	// Total is the weighted sum, valid when TotalOK.
	Total   float64
	TotalOK bool
	Method  string
	// Advantage is set for grouped lines once their group is complete.
	Advantage   float64
	AdvantageOK bool
	// Fallbacks[i], when not "", says reward i's value is the reference's
	// fallback (the LLM judge did not answer); nil when no reward fell back.
	Fallbacks []string
	// Unavailable: a reward's service did not answer under --llm-strict.
	Unavailable bool
	// InputErr, in Outcome.Sets only, is the input error that kept this
	// set from scoring a line the others could score (a field only its
	// rewards read); score would report the line as invalid.
	InputErr error
	// parts are the group rewards' parts while the group is open (nil
	// otherwise, and for the other rewards).
	parts []any
}

// Outcome is one line's result.
type Outcome struct {
	File   string
	Line   int
	Status Status
	Err    error // for Invalid
	Scores       // of Config.Rewards
	// Sets holds the scores of Config.Sets, in order.
	Sets       []Scores
	Group      string
	Traces     []*scoring.Trace
	Sample     *scoring.Sample
	obj        *jsonlio.Object // the parsed line, kept until its group is finished
	raw        []byte          // the input line
	crlf       bool            // the input line ended with "\r\n"
	unreadable bool            // the line was not read (over the length cap): it cannot be kept
	// The rendered line, without its newline, is out + extra + tail: out
	// is the input up to its closing brace (the input's own bytes unless
	// replaced members were cut out), extra the appended members, tail
	// the closing brace on. A group's advantage goes before tail.
	out, extra, tail []byte
}

// Counts are the line tallies of a run.
type Counts struct {
	Read    int64 `json:"read"`
	Written int64 `json:"written"`
	Skipped int64 `json:"skipped"`
	Blank   int64 `json:"blank"`
	Invalid int64 `json:"invalid"`
	Failed  int64 `json:"failed"`
	// Fallback counts the written lines with a fallback value (the LLM
	// judge did not answer); Unavailable those whose judge did not answer
	// under --llm-strict.
	Fallback    int64 `json:"fallback"`
	Unavailable int64 `json:"unavailable"`
}

// Result is what a run did.
type Result struct {
	// Counts cover the lines up to the last one that reached the output:
	// after an interruption, the lines read but not written are not counted.
	Counts  Counts
	Elapsed time.Duration
	// InputFailed is set when --on-error fail stopped the run.
	InputFailed bool
	// Interrupted is set when the caller's context ended the run early
	// (a signal): the output is a prefix of whole lines.
	Interrupted bool
}

// DefaultGroupBuffer is the default Config.GroupBuffer: room for a verl
// step file of several thousand long rollouts.
const DefaultGroupBuffer = 1 << 30

func (cfg *Config) groupBuffer() int64 {
	if cfg.GroupBuffer > 0 {
		return cfg.GroupBuffer
	}
	return DefaultGroupBuffer
}

// ErrWrite wraps a failure to write the output (a full disk, a closed pipe).
type ErrWrite struct{ Err error }

func (e *ErrWrite) Error() string { return "writing output: " + e.Err.Error() }
func (e *ErrWrite) Unwrap() error { return e.Err }

const (
	batchLines = 256
	batchBytes = 1 << 20
)

type batch struct {
	file    string
	lines   [][]byte
	linenos []int
	arena   []byte
	outs    []Outcome
	done    chan struct{}
	// cut is set when the run was cancelled before every line of the batch
	// was scored: outs holds the scored prefix, and nothing after it may
	// be written.
	cut bool
	// crlf[i] is set when line i ended with "\r\n", which the output keeps.
	crlf []bool
	// errs holds, by index, the lines that could not be read whole (longer
	// than the cap); nil when there are none.
	errs map[int]error
	// held is what the batch took of the run's byte budget.
	held int64
}

// Run scores inputs into out, reporting bad lines on msgs. When ctx ends
// (a signal), the run stops reading and scoring, writes the whole lines
// scored before, and returns with Result.Interrupted set. A read error
// (a corrupt compressed stream) ends the run after every line decoded
// before it was written.
func Run(parent context.Context, cfg *Config, names []string, stdin io.Reader, out io.Writer, msgs io.Writer) (*Result, error) {
	start := time.Now()
	jobs := cfg.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	ctx, cancel := context.WithCancel(parent)
	defer cancel()

	work := make(chan *batch, jobs*2)
	order := make(chan *batch, jobs*4)
	var readErr error
	inflight := newBudget(inflightBytes)
	go func() {
		defer close(work)
		defer close(order)
		readErr = readBatches(ctx, cfg, names, stdin, work, order, inflight)
	}()
	var wg sync.WaitGroup
	for i := 0; i < jobs; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := newScorer(cfg)
			for b := range work {
				sc.scoreBatch(ctx, b)
				close(b.done)
			}
		}()
	}

	w := newWriter(cfg, out, msgs)
	var werr error
	readerDone := false
	for {
		b, ok := nextBatch(ctx, order)
		if !ok {
			readerDone = b == nil && ctx.Err() == nil
			break
		}
		<-b.done
		werr = w.batch(b)
		inflight.release(b.held)
		if werr != nil {
			cancel()
			break
		}
		if b.cut {
			break
		}
		if len(order) == 0 {
			// Nothing more is ready: the input is slow, so let what is
			// written so far reach the reader now.
			if werr = w.flush(); werr != nil {
				cancel()
				break
			}
		}
	}
	interrupted := parent.Err() != nil
	if readerDone {
		wg.Wait()
	}
	// After a write error, an interruption or a stop, the reader may be
	// blocked on an input that delivers nothing more (a quiet pipe): the
	// run ends without waiting for it.
	if werr == nil || errors.Is(werr, errStop) {
		if ferr := w.finish(werr != nil, interrupted); ferr != nil {
			werr = ferr
		}
	}
	res := &Result{Counts: w.counts, Elapsed: time.Since(start), InputFailed: w.failed, Interrupted: interrupted}
	if werr != nil && !errors.Is(werr, errStop) {
		return res, werr
	}
	if readerDone && readErr != nil && !errors.Is(readErr, context.Canceled) {
		return res, readErr
	}
	return res, nil
}

// nextBatch returns the next batch in input order. Once ctx is done it
// still returns the batches already queued (their scored lines are
// written), but no longer waits for the reader.
func nextBatch(ctx context.Context, order <-chan *batch) (*batch, bool) {
	select {
	case b, ok := <-order:
		return b, ok
	case <-ctx.Done():
		select {
		case b, ok := <-order:
			return b, ok
		default:
			return nil, false
		}
	}
}

// ErrRead wraps a failure to open or read an input.
type ErrRead struct{ Err error }

func (e *ErrRead) Error() string { return e.Err.Error() }
func (e *ErrRead) Unwrap() error { return e.Err }

// errStop ends a run under --on-error fail once the bad line is reported.
var errStop = errors.New("stopped at an input error")

// readBatches splits the inputs into batches, copying line bytes into a
// per-batch arena because the line reader reuses its buffer.
func readBatches(ctx context.Context, cfg *Config, names []string, stdin io.Reader, work, order chan<- *batch, inflight *budget) error {
	r := &reader{cfg: cfg, ctx: ctx, work: work, order: order, unit: -1, inflight: inflight, arenaHint: 64 << 10}
	for _, name := range names {
		if err := r.file(name, stdin); err != nil {
			if errors.Is(err, errStopReading) {
				return nil
			}
			return err
		}
	}
	return nil
}

// errStopReading ends the reading early without an error: under
// --on-error fail after a line the run will stop at.
var errStopReading = errors.New("stop reading")

// reader is the state that carries across input files.
type reader struct {
	cfg         *Config
	ctx         context.Context
	work, order chan<- *batch
	base        int64 // bytes of the inputs already read, for progress
	unit        int   // index of the current line, for sharding
	inflight    *budget
	arenaHint   int // the arena size of the last full batch
}

func (r *reader) file(name string, stdin io.Reader) error {
	var b *batch
	sendFailed := false
	if name == "-" {
		// A pipe may stall: send what has been read before waiting.
		sr := newStallReader(stdin, func() {
			if b != nil && len(b.lines) > 0 && !sendFailed {
				if sendFailed = !r.send(b); !sendFailed {
					b = r.newBatch(b.file)
				}
			}
		})
		defer sr.close()
		stdin = sr
	}
	cfg := r.cfg
	opt := cfg.Read
	opt.MaxLine = cfg.MaxLineBytes
	in, err := jsonlio.OpenRecords(name, stdin, opt)
	if err != nil {
		return &ErrRead{Err: err}
	}
	defer in.Close()
	b = r.newBatch(in.Name)
	for {
		line, n, err := in.Next()
		if sendFailed {
			return r.ctx.Err()
		}
		if err == io.EOF {
			break
		}
		tooLong := jsonlio.IsLineTooLong(err)
		if err != nil && !tooLong {
			// Every line decoded before the error is written first.
			if len(b.lines) > 0 {
				r.send(b)
			}
			return &ErrRead{Err: fmt.Errorf("%s:%d: %w", in.Name, n, err)}
		}
		if cfg.Progress != nil {
			cfg.Progress.Store(r.base + in.Consumed())
		}
		if cfg.ProgressLines != nil {
			cfg.ProgressLines.Add(1)
		}
		if cfg.ShardCount > 1 && !r.inShard(line) {
			continue
		}
		if tooLong {
			if b.errs == nil {
				b.errs = map[int]error{}
			}
			b.errs[len(b.lines)] = err
		}
		off := len(b.arena)
		b.arena = append(b.arena, line...)
		b.lines = append(b.lines, b.arena[off:len(b.arena):len(b.arena)])
		b.linenos = append(b.linenos, n)
		b.crlf = append(b.crlf, in.CRLF())
		if tooLong && cfg.OnError == Fail {
			// The run stops at this line: reading on would only discard
			// the rest of it.
			if !r.send(b) {
				return r.ctx.Err()
			}
			return errStopReading
		}
		if len(b.lines) >= batchLines || len(b.arena) >= batchBytes {
			r.arenaHint = min(len(b.arena)+len(b.arena)/8, batchBytes+batchBytes/8)
			if !r.send(b) {
				return r.ctx.Err()
			}
			b = r.newBatch(in.Name)
		}
	}
	if len(b.lines) > 0 && !r.send(b) {
		return r.ctx.Err()
	}
	r.base += in.Consumed()
	if cfg.Progress != nil {
		cfg.Progress.Store(r.base)
	}
	return nil
}

// inShard reports whether a line belongs to this shard: every ShardCount-th
// line, or, when grouping, the groups whose key hashes to this shard, so
// that groups stay whole wherever their lines are. A line without a
// usable key goes to shard 0, which reports it.
func (r *reader) inShard(line []byte) bool {
	if r.cfg.Fields.Group == nil {
		r.unit++
		return r.unit%r.cfg.ShardCount == r.cfg.ShardIndex
	}
	key, ok := rawGroupKey(line, r.cfg.Fields.Group)
	if !ok {
		return r.cfg.ShardIndex == 0
	}
	h := fnv.New64a()
	h.Write([]byte(key))
	return int(h.Sum64()%uint64(r.cfg.ShardCount)) == r.cfg.ShardIndex
}

// newBatch starts a batch with room for what the previous one held, so
// that its arena is not grown (and copied) line by line.
func (r *reader) newBatch(file string) *batch {
	return &batch{
		file:    file,
		done:    make(chan struct{}),
		arena:   make([]byte, 0, r.arenaHint),
		lines:   make([][]byte, 0, batchLines),
		linenos: make([]int, 0, batchLines),
		crlf:    make([]bool, 0, batchLines),
	}
}

// send queues b once the byte budget has room for it.
func (r *reader) send(b *batch) bool {
	held, ok := r.inflight.acquire(r.ctx, int64(len(b.arena)))
	if !ok {
		return false
	}
	b.held = held
	return send(r.ctx, b, r.work, r.order)
}

func send(ctx context.Context, b *batch, work, order chan<- *batch) bool {
	if ctx.Err() != nil {
		return false
	}
	select {
	case order <- b:
	case <-ctx.Done():
		return false
	}
	select {
	case work <- b:
		return true
	case <-ctx.Done():
		b.cut = true
		close(b.done)
		return false
	}
}

// rawGroupKey parses just enough of a line to find its group for sharding.
func rawGroupKey(line []byte, p GroupKey) (string, bool) {
	obj, err := jsonlio.ParseObject(line)
	if err != nil {
		return "", false
	}
	return groupKey(obj, p)
}
