package digest

import (
	"context"
	"testing"
	"time"
)

// checkPoster is a recPoster that can tell whether a slot was posted (as Slack's history
// lookup does), or fail to tell.
type checkPoster struct {
	recPoster
	posted map[time.Time]bool
	err    error
	asked  int
}

func (c *checkPoster) Posted(_ context.Context, _ Subscription, slot time.Time) (bool, error) {
	c.asked++
	return c.posted[slot], c.err
}

// TestResolveSlotLeftSending: a process died after Begin, mid-post. Once the lease has run
// out, the next process settles the slot: found posted, it does not post again; not found,
// or when the platform cannot tell, it posts it (late rather than lost); a poster without
// a check posts again, relying on its own idempotency (Discord's nonce).
func TestResolveSlotLeftSending(t *testing.T) {
	slot := utc("2026-01-02 09:00")
	tests := []struct {
		name      string
		poster    Poster
		wantPosts int
	}{
		{"found posted", &checkPoster{posted: map[time.Time]bool{slot: true}}, 0},
		{"not found", &checkPoster{posted: map[time.Time]bool{}}, 1},
		{"cannot tell", &checkPoster{err: context.DeadlineExceeded}, 1},
		{"no check", &recPoster{}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			st := NewMemoryStore()
			sub := add(t, st, "C1", "daily 09:00", "UTC", utc("2026-01-01 12:00"))
			if ok, _ := st.Begin(ctx, sub.ID, slot, slot.Add(time.Minute)); !ok {
				t.Fatal("Begin")
			}
			s := setup(t, st, tt.poster, Config{})
			if n := s.Resolve(ctx, slot.Add(30*time.Second)); n != 0 {
				t.Fatalf("took over %d slots inside their lease, want 0", n)
			}
			if n := s.Resolve(ctx, slot.Add(61*time.Second)); n != 1 {
				t.Fatalf("took over %d slots after the lease, want 1", n)
			}
			if got := posts(tt.poster); got != tt.wantPosts {
				t.Fatalf("posts: %d, want %d", got, tt.wantPosts)
			}
			s.Tick(ctx, slot.Add(2*time.Minute)) // the tick never posts a slot already begun
			if n := s.Resolve(ctx, slot.Add(10*time.Minute)); n != 0 || posts(tt.poster) != tt.wantPosts {
				t.Fatalf("after settling: took over %d more, %d posts; want 0 and %d", n, posts(tt.poster), tt.wantPosts)
			}
		})
	}
}

func posts(p Poster) int {
	switch p := p.(type) {
	case *checkPoster:
		return p.count()
	case *recPoster:
		return p.count()
	}
	return -1
}

// TestLeaseLostStopsPost: when another process has taken the slot over, the one whose lease
// ran out does not post it too.
func TestLeaseLostStopsPost(t *testing.T) {
	ctx := context.Background()
	st, p := NewMemoryStore(), &recPoster{}
	sub := add(t, st, "C1", "daily 09:00", "UTC", utc("2026-01-01 12:00"))
	slot := utc("2026-01-02 09:00")
	s := setup(t, st, p, Config{})
	lease := slot.Add(time.Minute) // long run out: post renews it first
	st.Begin(ctx, sub.ID, slot, lease)
	st.TakeOver(ctx, lease.Add(time.Second), time.Now().Add(time.Hour)) // another process holds it now
	e := s.byID[sub.ID]
	if got := s.post(ctx, job{e: e, slot: Slot{At: slot}}, slot, lease); got != taken || p.count() != 0 {
		t.Fatalf("post after the lease was lost: outcome %v, %d posts; want taken, 0", got, p.count())
	}
}
