package outbound

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// blocked is a job that waits until release is closed or its context ends.
func blocked(release <-chan struct{}, ran *atomic.Int64) Job {
	return func(ctx context.Context) error {
		select {
		case <-release:
			ran.Add(1)
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func TestOfferRefusesWhenFull(t *testing.T) {
	q := New(Config{Workers: 2, Capacity: 3})
	release := make(chan struct{})
	var ran atomic.Int64
	accepted := 0
	for range 10 {
		if q.Offer("job", blocked(release, &ran)) {
			accepted++
		}
	}
	// Two running and three waiting, at most; the workers may not have picked theirs up yet.
	if accepted < 3 || accepted > 5 {
		t.Fatalf("accepted %d of 10 with 2 workers and capacity 3; want 3..5", accepted)
	}
	if got := q.Stats().Refused; got != int64(10-accepted) {
		t.Errorf("refused = %d, want %d", got, 10-accepted)
	}
	close(release)
	d := q.Drain(context.Background())
	if ran.Load() != int64(accepted) || d.GivenUp != 0 {
		t.Errorf("ran %d, drain %+v; want every accepted job run and none given up", ran.Load(), d)
	}
}

func TestDrainSendsEverythingQueued(t *testing.T) {
	q := New(Config{Workers: 3, Capacity: 100})
	var ran atomic.Int64
	for range 100 {
		if !q.Offer("job", func(ctx context.Context) error {
			time.Sleep(time.Millisecond)
			ran.Add(1)
			return nil
		}) {
			t.Fatal("offer refused below capacity")
		}
	}
	d := q.Drain(context.Background())
	if ran.Load() != 100 || d.GivenUp != 0 || d.Drained != 100 {
		t.Errorf("ran %d, drain %+v, stats %+v; want all 100 sent", ran.Load(), d, q.Stats())
	}
	if q.Offer("late", func(context.Context) error { return nil }) {
		t.Error("a drained queue accepted a job")
	}
}

func TestDrainGivesUpOnlyWhatCannotBeSent(t *testing.T) {
	q := New(Config{Workers: 1, Capacity: 10})
	var ran atomic.Int64
	never := make(chan struct{})
	q.Offer("quick", func(context.Context) error { ran.Add(1); return nil })
	q.Offer("stuck", blocked(never, &ran)) // a post that waits forever, e.g. on a long Retry-After
	q.Offer("behind", func(context.Context) error { ran.Add(1); return nil })
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	d := q.Drain(ctx)
	if ran.Load() != 1 {
		t.Errorf("ran %d jobs, want only the quick one", ran.Load())
	}
	if d.GivenUp != 2 {
		t.Errorf("given up %d, want 2 (the stuck job and the one behind it)", d.GivenUp)
	}
	if s := q.Stats(); s.Sent != 1 || s.Failed != 0 {
		t.Errorf("stats %+v: a job cancelled by the drain is given up, not failed", s)
	}
}

func TestFailuresAreCounted(t *testing.T) {
	q := New(Config{Workers: 2})
	q.Offer("bad", func(context.Context) error { return errors.New("channel_not_found") })
	q.Drain(context.Background())
	if s := q.Stats(); s.Failed != 1 || s.GivenUp != 0 {
		t.Errorf("stats %+v, want one failure", s)
	}
}

func TestJobTimeout(t *testing.T) {
	q := New(Config{Workers: 1, JobTimeout: 20 * time.Millisecond})
	var ran atomic.Int64
	q.Offer("slow", blocked(make(chan struct{}), &ran))
	d := q.Drain(context.Background())
	if s := q.Stats(); s.Failed != 1 || d.GivenUp != 0 {
		t.Errorf("stats %+v, drain %+v: a job past its own budget fails; the drain did not give it up", s, d)
	}
}

func TestOfferDuringDrainIsSafe(t *testing.T) {
	q := New(Config{Workers: 4, Capacity: 8})
	var wg sync.WaitGroup
	var accepted, ran atomic.Int64
	for range 8 {
		wg.Go(func() {
			for range 200 {
				if q.Offer("job", func(context.Context) error { ran.Add(1); return nil }) {
					accepted.Add(1)
				}
			}
		})
	}
	time.Sleep(time.Millisecond)
	q.Drain(context.Background())
	wg.Wait()
	if accepted.Load() != ran.Load() {
		t.Errorf("accepted %d, ran %d: an accepted job was lost", accepted.Load(), ran.Load())
	}
}

// A job that ignores its context cannot hold Drain past its budget and a short grace.
func TestDrainReturnsWhenAJobIgnoresCancellation(t *testing.T) {
	q := New(Config{Workers: 1})
	release := make(chan struct{})
	defer close(release)
	q.Offer("deaf", func(context.Context) error { <-release; return nil })
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	d := q.Drain(ctx)
	if took := time.Since(start); took > stopGrace+time.Second {
		t.Errorf("Drain took %v with a 50 ms budget, want at most the budget and %v", took, stopGrace)
	}
	if d.GivenUp != 1 {
		t.Errorf("drain %+v, want the deaf job given up", d)
	}
}
