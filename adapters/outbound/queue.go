// Package outbound sends the answers that go out after a request was acknowledged (Slack
// events and button presses, Discord gateway mentions) through a bounded queue and a fixed
// pool of workers, so a flood costs a bounded amount of memory and goroutines, and an
// answer is either queued (and then sent, retried, or counted as given up at shutdown) or
// refused at once, while the caller can still tell the platform to redeliver.
package outbound

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Job sends one answer. ctx ends when the job's time budget is spent or when shutdown gives
// up on the queue.
type Job func(ctx context.Context) error

// Config sizes a Queue. Zero values take the defaults.
type Config struct {
	// Workers is how many jobs run at once; 0 means 16. It is also how many connections
	// per host the shared HTTP client should keep (see Transport).
	Workers int
	// Capacity is how many jobs may wait; 0 means 1024. When it is reached, Offer refuses.
	Capacity int
	// JobTimeout bounds one job, its retries included; 0 means 60 s.
	JobTimeout time.Duration
	// Logger receives failures (never message text); nil discards them.
	Logger *slog.Logger
}

// Stats counts what a queue did since it was built.
type Stats struct {
	Queued  int   // waiting now
	Pending int64 // waiting or running now
	Sent    int64
	Failed  int64 // the job returned an error other than the shutdown's cancellation
	Refused int64 // Offer said no: full or closed
	GivenUp int64 // cancelled, or never started, because the drain budget ran out
}

// Drained is what Drain reports.
type Drained struct {
	Drained int64 // jobs finished (sent or failed) while draining
	GivenUp int64 // jobs that could not be sent within the budget
}

type task struct {
	name string
	run  Job
}

// Queue is a bounded queue with a fixed pool of workers.
type Queue struct {
	cfg  Config
	jobs chan task

	mu     sync.RWMutex // guards closed against sends on jobs
	closed bool

	ctx    context.Context // cancelled when the drain budget is spent
	cancel context.CancelFunc
	wg     sync.WaitGroup

	pending, sent, failed, refused, givenUp atomic.Int64
}

// New starts a queue's workers.
func New(cfg Config) *Queue {
	if cfg.Workers <= 0 {
		cfg.Workers = 16
	}
	if cfg.Capacity <= 0 {
		cfg.Capacity = 1024
	}
	if cfg.JobTimeout <= 0 {
		cfg.JobTimeout = 60 * time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	ctx, cancel := context.WithCancel(context.Background())
	q := &Queue{cfg: cfg, jobs: make(chan task, cfg.Capacity), ctx: ctx, cancel: cancel}
	q.wg.Add(cfg.Workers)
	for range cfg.Workers {
		go q.work()
	}
	return q
}

// Offer queues job without waiting. It returns false when the queue is full or draining:
// the caller has not acknowledged anything yet and must say so to the platform (Slack:
// a 503, so it redelivers).
func (q *Queue) Offer(name string, job Job) bool {
	q.mu.RLock()
	defer q.mu.RUnlock()
	if q.closed {
		q.refused.Add(1)
		return false
	}
	q.pending.Add(1) // before the send: a worker may finish the job before Offer returns
	select {
	case q.jobs <- task{name: name, run: job}:
		return true
	default:
		q.pending.Add(-1)
		q.refused.Add(1)
		return false
	}
}

// Len is how many jobs are waiting.
func (q *Queue) Len() int { return len(q.jobs) }

// Workers is the size of the worker pool.
func (q *Queue) Workers() int { return q.cfg.Workers }

// Stats reports the counters.
func (q *Queue) Stats() Stats {
	return Stats{
		Queued: len(q.jobs), Pending: q.pending.Load(), Sent: q.sent.Load(), Failed: q.failed.Load(),
		Refused: q.refused.Load(), GivenUp: q.givenUp.Load(),
	}
}

func (q *Queue) work() {
	defer q.wg.Done()
	for t := range q.jobs {
		q.run(t)
	}
}

func (q *Queue) run(t task) {
	defer q.pending.Add(-1)
	if q.ctx.Err() != nil {
		q.givenUp.Add(1)
		q.cfg.Logger.Warn("outbound answer given up at shutdown", "job", t.name)
		return
	}
	ctx, cancel := context.WithTimeout(q.ctx, q.cfg.JobTimeout)
	defer cancel()
	err := t.run(ctx)
	switch {
	case err == nil:
		q.sent.Add(1)
	case q.ctx.Err() != nil && errors.Is(err, context.Canceled):
		q.givenUp.Add(1)
		q.cfg.Logger.Warn("outbound answer given up at shutdown", "job", t.name, "err", err)
	default:
		q.failed.Add(1)
		q.cfg.Logger.Error("outbound answer failed", "job", t.name, "err", err)
	}
}

// Drain stops taking jobs and runs the queued ones until the queue is empty or ctx is done;
// then it cancels what is still running and gives up what never started. It returns once
// every worker has stopped. Calling it twice is harmless.
func (q *Queue) Drain(ctx context.Context) Drained {
	before := q.sent.Load() + q.failed.Load()
	gaveUp := q.givenUp.Load()
	q.mu.Lock()
	if !q.closed {
		q.closed = true
		close(q.jobs)
	}
	q.mu.Unlock()
	done := make(chan struct{})
	go func() { q.wg.Wait(); close(done) }()
	stuck := int64(0)
	select {
	case <-done:
	case <-ctx.Done():
		q.cancel() // in-flight jobs see it; the workers count the rest as given up
		select {
		case <-done:
		case <-time.After(stopGrace):
			// A job that ignores its context (a library sleeping out a rate limit) must
			// not hold shutdown past its budget: what is still running is given up.
			stuck = q.pending.Load()
			q.cfg.Logger.Warn("outbound jobs still running after the drain budget; giving them up", "jobs", stuck)
		}
	}
	q.cancel()
	return Drained{Drained: q.sent.Load() + q.failed.Load() - before, GivenUp: q.givenUp.Load() - gaveUp + stuck}
}

// stopGrace is how long Drain waits, once its budget is spent, for running jobs to notice
// the cancellation.
const stopGrace = 2 * time.Second

// Client is the one HTTP client the workers share: it keeps as many idle connections per
// host as there are workers (the default transport keeps 2, so a busy pool would open and
// close a connection per answer), caps connections per host at twice that, and bounds each
// request.
func Client(workers int, timeout time.Duration) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = max(workers, 2)
	t.MaxConnsPerHost = 2 * max(workers, 2)
	t.IdleConnTimeout = 90 * time.Second
	return &http.Client{Transport: t, Timeout: timeout}
}
