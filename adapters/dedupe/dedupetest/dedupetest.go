// Package dedupetest checks an event-id store as the adapters rely on it, in the spirit of
// testing/slogtest: the in-memory store and the PostgreSQL one run the same suite.
package dedupetest

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Seen is what the adapters need of a store of event ids.
type Seen interface {
	First(ctx context.Context, id string) (bool, error)
	Forget(ctx context.Context, id string) error
}

// NewSeen returns an empty store remembering ids for ttl, on the real clock.
type NewSeen func(t *testing.T, ttl time.Duration) Seen

// TTL is the time to live the suite asks for: short, since expiry is checked on the real
// clock (a database keeps its own time).
const TTL = 1500 * time.Millisecond

// Run runs the suite.
func Run(t *testing.T, newSeen NewSeen) {
	tests := []struct {
		name string
		f    func(*testing.T, Seen)
	}{
		{"first then seen", firstThenSeen},
		{"ids are apart", apart},
		{"forget lets a retry in", forget},
		{"an id is first again after its time to live", expires},
		{"one of many concurrent deliveries is first", concurrent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.f(t, newSeen(t, TTL)) })
	}
}

var ctx = context.Background()

func first(t *testing.T, s Seen, id string, want bool) {
	t.Helper()
	got, err := s.First(ctx, id)
	if err != nil || got != want {
		t.Fatalf("First(%q) = %v, %v; want %v", id, got, err, want)
	}
}

func firstThenSeen(t *testing.T, s Seen) {
	first(t, s, "Ev1", true)
	first(t, s, "Ev1", false)
	first(t, s, "Ev1", false)
}

func apart(t *testing.T, s Seen) {
	first(t, s, "Ev1", true)
	first(t, s, "Ev2", true)
	first(t, s, "ev1", true) // ids are case-sensitive, as Slack's and Discord's are
}

func forget(t *testing.T, s Seen) {
	first(t, s, "Ev1", true)
	if err := s.Forget(ctx, "Ev1"); err != nil {
		t.Fatal(err)
	}
	first(t, s, "Ev1", true)
	if err := s.Forget(ctx, "never-seen"); err != nil {
		t.Errorf("Forget of an unknown id: %v", err)
	}
}

func expires(t *testing.T, s Seen) {
	first(t, s, "Ev1", true)
	time.Sleep(TTL + 300*time.Millisecond)
	first(t, s, "Ev1", true)
	first(t, s, "Ev1", false)
}

func concurrent(t *testing.T, s Seen) {
	for round := range 5 {
		id := fmt.Sprintf("Ev-%d", round)
		var firsts atomic.Int32
		var wg sync.WaitGroup
		for range 12 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if ok, err := s.First(ctx, id); err != nil {
					t.Error(err)
				} else if ok {
					firsts.Add(1)
				}
			}()
		}
		wg.Wait()
		if n := firsts.Load(); n != 1 {
			t.Fatalf("%s: %d of 12 concurrent deliveries were first, want 1", id, n)
		}
	}
}
