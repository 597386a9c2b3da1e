package digest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

// recPoster records digests and can fail on demand.
type recPoster struct {
	mu    sync.Mutex
	posts []post
	fail  func(s Subscription, n int) error // n counts attempts to that channel
	tries map[string]int
}

type post struct {
	channel string
	slot    time.Time
	fact    string
}

func (p *recPoster) PostDigest(_ context.Context, s Subscription, d Digest) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tries == nil {
		p.tries = map[string]int{}
	}
	p.tries[s.ChannelID]++
	if p.fail != nil {
		if err := p.fail(s, p.tries[s.ChannelID]); err != nil {
			return err
		}
	}
	p.posts = append(p.posts, post{s.ChannelID, d.Slot, d.Fact})
	return nil
}

func (p *recPoster) count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.posts)
}

type fakeSleep struct {
	mu    sync.Mutex
	slept []time.Duration
}

func (f *fakeSleep) sleep(ctx context.Context, d time.Duration) error {
	f.mu.Lock()
	f.slept = append(f.slept, d)
	f.mu.Unlock()
	return ctx.Err()
}

func utc(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

func setup(t testing.TB, store Store, p Poster, cfg Config) *Scheduler {
	t.Helper()
	if cfg.Sleep == nil {
		cfg.Sleep = (&fakeSleep{}).sleep
	}
	s := New(store, composer(t), map[string]Poster{"slack": p, "discord": p}, cfg)
	if err := s.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

func add(t testing.TB, st Store, channel, spec, zone string, created time.Time) Subscription {
	t.Helper()
	sched, err := ParseSchedule(spec, zone)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := st.Add(context.Background(), Subscription{Platform: "slack", ChannelID: channel, Spec: sched.Spec, Zone: zone, CreatedAt: created})
	if err != nil {
		t.Fatal(err)
	}
	return sub
}

func TestOnePostPerSlotAndRestart(t *testing.T) {
	ctx := context.Background()
	st, p := NewMemoryStore(), &recPoster{}
	add(t, st, "C1", "daily 09:00", "UTC", utc("2026-01-01 12:00"))
	s := setup(t, st, p, Config{})
	for _, now := range []string{"2026-01-02 08:59", "2026-01-02 09:00", "2026-01-02 09:00", "2026-01-02 09:05"} {
		s.Tick(ctx, utc(now))
	}
	if p.count() != 1 {
		t.Fatalf("posts after the 09:00 slot: %d, want 1", p.count())
	}
	// A restart (a new scheduler on the same store) right after: no second post.
	s2 := setup(t, st, p, Config{})
	s2.Tick(ctx, utc("2026-01-02 09:06"))
	if p.count() != 1 {
		t.Fatalf("posts after a restart: %d, want still 1", p.count())
	}
	s2.Tick(ctx, utc("2026-01-03 09:00"))
	if p.count() != 2 || !p.posts[1].slot.Equal(utc("2026-01-03 09:00")) {
		t.Fatalf("next day: %v, want a second post for 2026-01-03 09:00", p.posts)
	}
}

func TestMissedSlots(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name      string
		spec      string
		downUntil string
		wantPosts int
		wantSlot  string
	}{
		{"missed slot within the grace period is posted once", "daily 09:00", "2026-01-02 09:40", 1, "2026-01-02 09:00"},
		{"missed slot beyond the grace period is skipped", "daily 09:00", "2026-01-02 10:30", 0, ""},
		{"several missed hourly slots: only the latest, once", "hourly", "2026-01-02 14:20", 1, "2026-01-02 14:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, p := NewMemoryStore(), &recPoster{}
			add(t, st, "C1", tt.spec, "UTC", utc("2026-01-02 08:30"))
			s := setup(t, st, p, Config{Grace: time.Hour})
			r := s.Tick(ctx, utc(tt.downUntil))
			if p.count() != tt.wantPosts {
				t.Fatalf("posts %d, want %d (result %+v)", p.count(), tt.wantPosts, r)
			}
			if tt.wantSlot != "" && !p.posts[0].slot.Equal(utc(tt.wantSlot)) {
				t.Errorf("posted slot %s, want %s", p.posts[0].slot, tt.wantSlot)
			}
			// Nothing more for the same slots, even after a restart.
			setup(t, st, p, Config{Grace: time.Hour}).Tick(ctx, utc(tt.downUntil).Add(time.Minute))
			if p.count() != tt.wantPosts {
				t.Errorf("after a restart: posts %d, want %d", p.count(), tt.wantPosts)
			}
		})
	}
}

func TestDSTDeliveredOnceEachDay(t *testing.T) {
	ctx := context.Background()
	st, p := NewMemoryStore(), &recPoster{}
	ny, _ := time.LoadLocation("America/New_York")
	add(t, st, "C1", "daily 02:30", "America/New_York", time.Date(2025, 3, 7, 12, 0, 0, 0, ny))
	add(t, st, "C2", "daily 01:30", "America/New_York", time.Date(2025, 10, 31, 12, 0, 0, 0, ny))
	s := setup(t, st, p, Config{})
	// Tick every minute across both change days.
	for _, span := range [][2]time.Time{
		{time.Date(2025, 3, 8, 0, 0, 0, 0, ny), time.Date(2025, 3, 11, 0, 0, 0, 0, ny)},
		{time.Date(2025, 11, 1, 0, 0, 0, 0, ny), time.Date(2025, 11, 4, 0, 0, 0, 0, ny)},
	} {
		for now := span[0]; now.Before(span[1]); now = now.Add(time.Minute) {
			s.Tick(ctx, now)
		}
	}
	perDay := map[string]int{}
	for _, po := range p.posts {
		perDay[po.channel+" "+po.slot.In(ny).Format("2006-01-02")]++
	}
	for _, day := range []string{"C1 2025-03-08", "C1 2025-03-09", "C1 2025-03-10", "C2 2025-11-01", "C2 2025-11-02", "C2 2025-11-03"} {
		if perDay[day] != 1 {
			t.Errorf("%s: %d posts, want exactly 1 (all: %v)", day, perDay[day], perDay)
		}
	}
}

func TestRateLimitedRetriesWithinTheSlot(t *testing.T) {
	st := NewMemoryStore()
	p := &recPoster{fail: func(_ Subscription, n int) error {
		if n == 1 {
			return fmt.Errorf("slack: %w", &RateLimitedError{After: 3 * time.Second})
		}
		return nil
	}}
	add(t, st, "C1", "daily 09:00", "UTC", utc("2026-01-01 00:00"))
	sl := &fakeSleep{}
	s := setup(t, st, p, Config{Sleep: sl.sleep})
	r := s.Tick(context.Background(), utc("2026-01-01 09:00"))
	if p.count() != 1 || r.Posted != 1 {
		t.Fatalf("posts %d (result %+v), want 1 after waiting out the rate limit", p.count(), r)
	}
	found := false
	for _, d := range sl.slept {
		found = found || d == 3*time.Second
	}
	if !found {
		t.Errorf("slept %v, want a 3s wait for Retry-After", sl.slept)
	}
}

func TestVanishedChannelIsDisabled(t *testing.T) {
	ctx := context.Background()
	st := NewMemoryStore()
	p := &recPoster{fail: func(s Subscription, _ int) error {
		if s.ChannelID == "GONE" {
			return fmt.Errorf("slack: channel_not_found: %w", ErrChannelGone)
		}
		return nil
	}}
	gone := add(t, st, "GONE", "hourly", "UTC", utc("2026-01-01 00:00"))
	add(t, st, "C1", "hourly", "UTC", utc("2026-01-01 00:00"))
	s := setup(t, st, p, Config{})
	r := s.Tick(ctx, utc("2026-01-01 01:00"))
	s.Tick(ctx, utc("2026-01-01 02:00"))
	subs, _ := st.List(ctx)
	if subs[0].ID != gone.ID || subs[0].Disabled == "" {
		t.Errorf("subscription to a vanished channel not disabled: %+v", subs[0])
	}
	if p.tries["GONE"] != 1 || r.Disabled != 1 {
		t.Errorf("tried the vanished channel %d times (result %+v), want once", p.tries["GONE"], r)
	}
	if p.count() != 2 {
		t.Errorf("the other channel got %d posts, want 2", p.count())
	}
}

func TestFailedPostIsRetriedNextTick(t *testing.T) {
	ctx := context.Background()
	st := NewMemoryStore()
	p := &recPoster{fail: func(_ Subscription, n int) error {
		if n == 1 {
			return errors.New("slack: 500 internal error")
		}
		return nil
	}}
	add(t, st, "C1", "daily 09:00", "UTC", utc("2026-01-01 00:00"))
	s := setup(t, st, p, Config{})
	if r := s.Tick(ctx, utc("2026-01-01 09:00")); r.Failed != 1 || p.count() != 0 {
		t.Fatalf("first tick %+v, %d posts; want one failure", r, p.count())
	}
	s.Tick(ctx, utc("2026-01-01 09:01"))
	s.Tick(ctx, utc("2026-01-01 09:02"))
	if p.count() != 1 {
		t.Errorf("posts %d, want the slot posted once on retry", p.count())
	}
}

// TestTenThousandDueAtOnce: every subscription due in the same minute gets exactly one post,
// also with two schedulers (replicas) sharing the store.
func TestTenThousandDueAtOnce(t *testing.T) {
	ctx := context.Background()
	st, p := NewMemoryStore(), &recPoster{}
	for i := 0; i < 10_000; i++ {
		add(t, st, fmt.Sprintf("C%d", i), "daily 09:00", "UTC", utc("2026-01-01 00:00"))
	}
	a := setup(t, st, p, Config{Concurrency: 32})
	b := setup(t, st, p, Config{Concurrency: 32})
	var wg sync.WaitGroup
	for _, s := range []*Scheduler{a, b} {
		wg.Add(1)
		go func() { defer wg.Done(); s.Tick(ctx, utc("2026-01-01 09:00")) }()
	}
	wg.Wait()
	got := map[string]int{}
	for _, po := range p.posts {
		got[po.channel]++
	}
	if len(got) != 10_000 {
		t.Errorf("%d channels got a digest, want 10000", len(got))
	}
	for ch, n := range got {
		if n != 1 {
			t.Fatalf("%s got %d digests, want 1", ch, n)
		}
	}
}

func TestPacing(t *testing.T) {
	st, p := NewMemoryStore(), &recPoster{}
	for i := 0; i < 5; i++ {
		add(t, st, fmt.Sprintf("C%d", i), "daily 09:00", "UTC", utc("2026-01-01 00:00"))
	}
	sl := &fakeSleep{}
	s := setup(t, st, p, Config{Concurrency: 1, Pace: map[string]time.Duration{"slack": time.Second}, Sleep: sl.sleep})
	s.Tick(context.Background(), utc("2026-01-01 09:00"))
	var total time.Duration
	for _, d := range sl.slept {
		total += d
	}
	if p.count() != 5 || total < 3*time.Second {
		t.Errorf("5 posts paced 1s apart: posted %d, waited %v in total, want about 4s", p.count(), total)
	}
}

func TestLongRetryAfterGivesTheSlotBack(t *testing.T) {
	ctx := context.Background()
	st := NewMemoryStore()
	p := &recPoster{fail: func(_ Subscription, n int) error {
		if n == 1 {
			return &RateLimitedError{After: 10 * time.Minute}
		}
		return nil
	}}
	add(t, st, "C1", "daily 09:00", "UTC", utc("2026-01-01 00:00"))
	sl := &fakeSleep{}
	s := setup(t, st, p, Config{Sleep: sl.sleep})
	if r := s.Tick(ctx, utc("2026-01-01 09:00")); r.Failed != 1 {
		t.Fatalf("first tick %+v, want the slot given back", r)
	}
	for _, d := range sl.slept {
		if d >= time.Minute {
			t.Errorf("slept %v inside a tick", d)
		}
	}
	s.Tick(ctx, utc("2026-01-01 09:11"))
	if p.count() != 1 {
		t.Errorf("posts %d, want the slot posted at a later tick", p.count())
	}
}
