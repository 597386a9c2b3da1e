package digest

import (
	"container/heap"
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"
)

// Config tunes a Scheduler. The zero value is sensible.
type Config struct {
	// Grace is how old a missed slot may be and still be posted (after downtime); older
	// slots are skipped and logged, so a restart never floods a channel. 0 means 1 hour.
	Grace time.Duration
	// Concurrency bounds posts in flight. 0 means 8.
	Concurrency int
	// Pace is the least time between two posts to one platform. 0 means none.
	Pace map[string]time.Duration
	// MaxAttempts bounds tries of one slot when rate limited. 0 means 5.
	MaxAttempts int
	// MaxWait is the longest Retry-After waited out inside a tick; a longer one gives the
	// slot back to be retried at a later tick, so one channel cannot stall the others.
	// 0 means 30 seconds.
	MaxWait time.Duration
	// PostTimeout bounds one post. Posts in flight are not cut short by shutdown: a post
	// the platform accepted but we cancelled would be posted again after the restart.
	// 0 means 20 seconds.
	PostTimeout time.Duration
	// Lease is how long a slot being posted stays this process's before another process
	// may resolve it (a process that died mid-post holds it until then). It is renewed
	// before each attempt. 0 means 60 seconds, also the most allowed.
	Lease time.Duration
	// Sleep waits (tests replace it). nil means a timer that ctx can cut short.
	Sleep func(ctx context.Context, d time.Duration) error
	// Logger receives what happened to each slot; nil discards it.
	Logger *slog.Logger
	// Observer is told each slot's result (metrics); nil: no one.
	Observer Observer
}

// Observer is told what happened to each digest slot, by platform: "posted", "failed",
// "skipped" (missed beyond the grace period) or "disabled" (the channel is gone).
type Observer interface {
	Digest(platform, result string)
}

type noObserver struct{}

func (noObserver) Digest(string, string) {}

// MaxLease is the longest a slot being posted is held: a slot left "sending" by a process
// that died is resolved within this of its last renewal.
const MaxLease = time.Minute

// Result counts what one Tick did.
type Result struct {
	Posted, Skipped, Failed, Disabled int
}

// Scheduler delivers due digests through the platforms' posters, exactly once per slot.
type Scheduler struct {
	store   Store
	comp    *Composer
	posters map[string]Poster
	cfg     Config
	log     *slog.Logger

	mu     sync.Mutex
	queue  slotQueue
	byID   map[int64]*entry
	pace   map[string]*pacer
	reload chan struct{}
	asOf   time.Time // where the next reload of changes starts (ChangeLister stores)
}

// Reload asks Run to reload subscriptions before its next tick: a subscription was added
// or removed in this process. It never blocks.
func (s *Scheduler) Reload() {
	select {
	case s.reload <- struct{}{}:
	default:
	}
}

type entry struct {
	sub   Subscription
	sched Schedule
	next  Slot
	index int // in the queue
}

// New builds a scheduler; call Load before the first Tick.
func New(store Store, comp *Composer, posters map[string]Poster, cfg Config) *Scheduler {
	if cfg.Grace <= 0 {
		cfg.Grace = time.Hour
	}
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 8
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = 5
	}
	if cfg.MaxWait <= 0 {
		cfg.MaxWait = 30 * time.Second
	}
	if cfg.PostTimeout <= 0 {
		cfg.PostTimeout = 20 * time.Second
	}
	if cfg.Lease <= 0 || cfg.Lease > MaxLease {
		cfg.Lease = MaxLease
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleep
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Observer == nil {
		cfg.Observer = noObserver{}
	}
	s := &Scheduler{store: store, comp: comp, posters: posters, cfg: cfg, log: cfg.Logger, byID: map[int64]*entry{}, pace: map[string]*pacer{}, reload: make(chan struct{}, 1)}
	for p, d := range cfg.Pace {
		s.pace[p] = &pacer{interval: d}
	}
	return s
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Load reads the active subscriptions from the store and schedules each one's next slot
// after the last slot it was given. It can be called again to pick up changes.
func (s *Scheduler) Load(ctx context.Context) error {
	var subs []Subscription
	var asOf time.Time
	if cl, ok := s.store.(ChangeLister); ok {
		c, err := cl.Changes(ctx, time.Time{})
		if err != nil {
			return err
		}
		subs, asOf = c.Changed, c.AsOf
	} else {
		var err error
		if subs, err = s.store.List(ctx); err != nil {
			return err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queue = s.queue[:0]
	s.byID = make(map[int64]*entry, len(subs))
	for _, sub := range subs {
		if e := s.newEntry(sub); e != nil {
			s.byID[sub.ID] = e
			e.index = len(s.queue)
			s.queue = append(s.queue, e)
		}
	}
	heap.Init(&s.queue)
	s.asOf = asOf
	return nil
}

// newEntry schedules an active subscription's next slot after its last; nil if it has none.
func (s *Scheduler) newEntry(sub Subscription) *entry {
	if sub.Disabled != "" {
		return nil
	}
	sched, err := sub.Schedule()
	if err != nil {
		s.log.Error("digest subscription has a bad schedule; skipped", "id", sub.ID, "err", err)
		return nil
	}
	from := sub.LastSlot
	if from.IsZero() {
		from = sub.CreatedAt
	}
	e := &entry{sub: sub, sched: sched, next: sched.Next(from)}
	if e.next.At.IsZero() {
		return nil
	}
	return e
}

// Refresh picks up what changed in the store: only the changes, from a store that can say
// what they are, or everything.
func (s *Scheduler) Refresh(ctx context.Context) error {
	cl, ok := s.store.(ChangeLister)
	s.mu.Lock()
	since := s.asOf
	s.mu.Unlock()
	if !ok || since.IsZero() {
		return s.Load(ctx)
	}
	c, err := cl.Changes(ctx, since)
	if err != nil {
		return err
	}
	for _, id := range c.Removed {
		s.drop(id)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, sub := range c.Changed {
		s.replace(sub)
	}
	s.asOf = c.AsOf
	return nil
}

// replace puts a subscription's new state in the queue; s.mu is held.
func (s *Scheduler) replace(sub Subscription) {
	old, had := s.byID[sub.ID]
	if had && old.index >= 0 && old.index < len(s.queue) && s.queue[old.index] == old {
		heap.Remove(&s.queue, old.index)
	}
	delete(s.byID, sub.ID)
	if e := s.newEntry(sub); e != nil {
		s.byID[sub.ID] = e
		heap.Push(&s.queue, e)
	}
}

// Len is the number of scheduled subscriptions.
func (s *Scheduler) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.queue)
}

type job struct {
	e    *entry
	slot Slot
}

// Tick delivers every slot due at now. For a subscription with several slots due (the
// process was down), only the latest counts: posted if it is within the grace period,
// skipped otherwise. It returns when the posts are done.
func (s *Scheduler) Tick(ctx context.Context, now time.Time) Result {
	var jobs []job
	var res Result
	s.mu.Lock()
	for len(s.queue) > 0 && !s.queue[0].next.At.After(now) {
		e := heap.Pop(&s.queue).(*entry)
		slot := e.next
		for n := e.sched.Next(slot.At); !n.At.IsZero() && !n.At.After(now); n = e.sched.Next(n.At) {
			slot = n
		}
		e.next = e.sched.Next(slot.At)
		if now.Sub(slot.At) > s.cfg.Grace {
			res.Skipped++
			s.cfg.Observer.Digest(e.sub.Platform, "skipped")
			s.log.Warn("digest slot missed beyond the grace period; skipped", "id", e.sub.ID, "slot", slot.At, "late", now.Sub(slot.At).Round(time.Second))
			if _, err := s.store.Claim(ctx, e.sub.ID, slot.At); err != nil {
				s.log.Error("digest: recording a skipped slot failed", "id", e.sub.ID, "err", err)
			}
		} else {
			jobs = append(jobs, job{e, slot})
		}
		if !e.next.At.IsZero() {
			heap.Push(&s.queue, e)
		}
	}
	s.mu.Unlock()

	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, s.cfg.Concurrency)
	for _, j := range jobs {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			outcome := failed
			func() {
				// A poster that panics loses its slot's post, never the process.
				defer func() {
					if p := recover(); p != nil {
						s.log.Error("digest poster panicked", "id", j.e.sub.ID, "panic", p)
					}
				}()
				outcome = s.deliver(ctx, j, now)
			}()
			if name := outcomeNames[outcome]; name != "" {
				s.cfg.Observer.Digest(j.e.sub.Platform, name)
			}
			mu.Lock()
			switch outcome {
			case posted:
				res.Posted++
			case disabled:
				res.Disabled++
			case failed:
				res.Failed++
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	return res
}

type outcome int

const (
	posted outcome = iota
	taken          // another process claimed the slot first
	failed
	disabled
)

// outcomeNames are what Observer is told; a slot taken by another process is not this one's.
var outcomeNames = map[outcome]string{posted: "posted", failed: "failed", disabled: "disabled"}

// deliver begins a slot (claims it, with a lease), posts it, and settles it.
func (s *Scheduler) deliver(ctx context.Context, j job, now time.Time) outcome {
	sub := j.e.sub
	if _, ok := s.posters[sub.Platform]; !ok {
		s.log.Error("digest: no poster for this platform; is it configured?", "id", sub.ID, "platform", sub.Platform)
		return failed
	}
	lease := s.leaseFrom(time.Now())
	ok, err := s.store.Begin(ctx, sub.ID, j.slot.At, lease)
	if err != nil {
		s.log.Error("digest: claiming the slot failed", "id", sub.ID, "err", err)
		return failed
	}
	if !ok {
		return taken
	}
	return s.post(ctx, j, now, lease)
}

// leaseFrom is the lease that starts at t, in whole seconds: every store keeps those
// exactly, and Renew compares the lease held with the one stored.
func (s *Scheduler) leaseFrom(t time.Time) time.Time { return t.Add(s.cfg.Lease).Truncate(time.Second) }

// post sends a begun slot held under lease. Before an attempt with less than half the
// lease left (after waiting for the pacer or a rate limit) it renews the lease; a lease
// that was taken over means another process is resolving the slot, and this one stops.
func (s *Scheduler) post(ctx context.Context, j job, now, lease time.Time) outcome {
	sub := j.e.sub
	log := s.log.With("id", sub.ID, "platform", sub.Platform, "slot", j.slot.At)
	poster := s.posters[sub.Platform]
	d := s.comp.Compose(j.e.sched, j.slot)
	for attempt := 1; ; attempt++ {
		if p := s.pacer(sub.Platform); p != nil {
			if err := s.cfg.Sleep(ctx, p.wait(time.Now())); err != nil {
				return s.release(ctx, j, err)
			}
		}
		if t := time.Now(); lease.Sub(t) < s.cfg.Lease/2 {
			renewed := s.leaseFrom(t)
			if held, err := s.store.Renew(ctx, sub.ID, j.slot.At, lease, renewed); err != nil || !held {
				log.Warn("digest: the slot's lease is no longer ours; leaving it to its new holder", "err", err)
				return taken
			}
			lease = renewed
		}
		postCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.cfg.PostTimeout)
		err := poster.PostDigest(postCtx, sub, d)
		cancel()
		var rl *RateLimitedError
		switch {
		case err == nil:
			log.Info("digest posted")
			s.settle(ctx, sub.ID, j.slot.At)
			return posted
		case errors.Is(err, ErrChannelGone):
			log.Warn("digest channel is gone; subscription disabled", "err", err)
			if derr := s.store.Disable(ctx, sub.ID, err.Error()); derr != nil {
				log.Error("digest: disabling failed", "err", derr)
			}
			s.settle(ctx, sub.ID, j.slot.At)
			s.drop(sub.ID)
			return disabled
		case errors.As(err, &rl) && attempt < s.cfg.MaxAttempts && rl.After <= s.cfg.MaxWait && now.Add(rl.After).Sub(j.slot.At) <= s.cfg.Grace:
			log.Warn("digest rate limited; waiting", "retry_after", rl.After)
			if err := s.cfg.Sleep(ctx, rl.After); err != nil {
				return s.release(ctx, j, err)
			}
			now = now.Add(rl.After)
		default:
			return s.release(ctx, j, err)
		}
	}
}

// settle records a slot as sent. If that fails the slot stays "sending", and after its
// lease the resolution finds it posted (Slack) or posts it with the same nonce (Discord).
func (s *Scheduler) settle(ctx context.Context, id int64, slot time.Time) {
	if err := s.store.Sent(context.WithoutCancel(ctx), id, slot); err != nil {
		s.log.Error("digest: recording the slot as sent failed", "id", id, "slot", slot, "err", err)
	}
}

// release gives a slot back after its post failed, so the next tick retries it while it
// is within the grace period.
func (s *Scheduler) release(ctx context.Context, j job, cause error) outcome {
	s.log.Error("digest post failed; will retry", "id", j.e.sub.ID, "slot", j.slot.At, "err", cause)
	prev := j.e.sched.Prev(j.slot.At).At
	if prev.Before(j.e.sub.CreatedAt) {
		prev = j.e.sub.CreatedAt
	}
	if err := s.store.Release(context.WithoutCancel(ctx), j.e.sub.ID, j.slot.At, prev); err != nil {
		s.log.Error("digest: releasing the slot failed", "id", j.e.sub.ID, "err", err)
	}
	s.mu.Lock()
	if e, ok := s.byID[j.e.sub.ID]; ok && e.index >= 0 && e.index < len(s.queue) && s.queue[e.index] == e {
		e.next = j.slot
		heap.Fix(&s.queue, e.index)
	}
	s.mu.Unlock()
	return failed
}

func (s *Scheduler) drop(id int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.byID[id]; ok {
		if e.index >= 0 && e.index < len(s.queue) && s.queue[e.index] == e {
			heap.Remove(&s.queue, e.index)
		}
		delete(s.byID, id)
	}
}

func (s *Scheduler) pacer(platform string) *pacer {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pace[platform]
}

// pacer spaces posts to one platform.
type pacer struct {
	mu       sync.Mutex
	interval time.Duration
	next     time.Time
}

// wait reserves the next turn and says how long to wait for it.
func (p *pacer) wait(now time.Time) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.next.Before(now) {
		p.next = now
	}
	d := p.next.Sub(now)
	p.next = p.next.Add(p.interval)
	return d
}

// Run loads the subscriptions and ticks every interval until ctx is done. It reloads them
// when Reload asks and at least once a minute, so subscriptions added elsewhere (the CLI,
// another replica) are picked up without reading the whole store at every tick.
func (s *Scheduler) Run(ctx context.Context, interval time.Duration) error {
	if interval <= 0 {
		interval = 15 * time.Second
	}
	const reloadEvery = time.Minute
	var loaded time.Time
	for {
		select {
		case <-s.reload:
			loaded = time.Time{}
		default:
		}
		if time.Since(loaded) >= reloadEvery {
			if err := s.Refresh(ctx); err != nil {
				s.log.Error("digest: loading subscriptions failed", "err", err)
			} else {
				loaded = time.Now()
			}
		}
		if !loaded.IsZero() {
			s.Resolve(ctx, time.Now())
			s.Tick(ctx, time.Now())
		}
		select {
		case <-ctx.Done():
			return nil
		case <-s.reload:
			loaded = time.Time{}
		case <-time.After(interval):
		}
	}
}

// slotQueue is a min-heap of entries by next slot.
type slotQueue []*entry

func (q slotQueue) Len() int { return len(q) }
func (q slotQueue) Less(i, j int) bool {
	if !q[i].next.At.Equal(q[j].next.At) {
		return q[i].next.At.Before(q[j].next.At)
	}
	return q[i].sub.ID < q[j].sub.ID
}
func (q slotQueue) Swap(i, j int) {
	q[i], q[j] = q[j], q[i]
	q[i].index, q[j].index = i, j
}
func (q *slotQueue) Push(x any) {
	e := x.(*entry)
	e.index = len(*q)
	*q = append(*q, e)
}
func (q *slotQueue) Pop() any {
	old := *q
	e := old[len(old)-1]
	old[len(old)-1] = nil
	e.index = -1
	*q = old[:len(old)-1]
	return e
}
