// Package contexttest checks that an implementation of bot.Contexts behaves as the bot
// relies on, in the spirit of testing/fstest and testing/slogtest: every store (in memory
// today; shared ones for replicas) runs the same suite.
package contexttest

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
)

// Clock is a settable clock for the store under test.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// NewStore makes an empty store that keeps a turn for ttl, reading time from clock (a
// store that keeps time elsewhere, such as a database, should skip the expiry checks by
// reporting so in its own test instead).
type NewStore func(t *testing.T, ttl time.Duration, clock *Clock) bot.Contexts

// TTL is the time to live the suite asks stores for.
const TTL = 5 * time.Minute

// Run runs the suite against stores made by newStore.
func Run(t *testing.T, newStore NewStore) {
	tests := []struct {
		name string
		f    func(*testing.T, bot.Contexts, *Clock)
	}{
		{"nothing before the first turn", nothingFirst},
		{"the last turn is returned whole", lastWhole},
		{"a new turn replaces the old", replaces},
		{"conversations are apart", apart},
		{"a turn expires after its time to live", expires},
		{"a new turn restarts the time to live", restarts},
		{"concurrent use", concurrent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := &Clock{t: time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)}
			tt.f(t, newStore(t, TTL, clock), clock)
		})
	}
}

var ctx = context.Background()

// sample uses every field of a turn: a store keeps all of what a turn meant, and the
// entities in order (the second of a kind is the one the first was compared with).
var sample = bot.Turn{
	Topic: "pay",
	Facet: "top_industry",
	Entities: []bot.EntityRef{
		{Kind: "industry", ID: "hospitals"}, {Kind: "certification", ID: "ctr"}, {Kind: "industry", ID: "physicians"},
	},
	Dimension: "industry",
	Declined:  "location",
	Sourced:   true,
}

func want(t *testing.T, s bot.Contexts, conv string, wantTurn bot.Turn, wantOK bool) {
	t.Helper()
	got, ok, err := s.Last(ctx, conv)
	if err != nil {
		t.Fatalf("Last(%q): %v", conv, err)
	}
	if ok != wantOK || ok && !reflect.DeepEqual(got, wantTurn) {
		t.Fatalf("Last(%q) = %+v, %v; want %+v, %v", conv, got, ok, wantTurn, wantOK)
	}
}

func remember(t *testing.T, s bot.Contexts, conv string, tn bot.Turn) {
	t.Helper()
	if err := s.Remember(ctx, conv, tn); err != nil {
		t.Fatalf("Remember(%q): %v", conv, err)
	}
}

func nothingFirst(t *testing.T, s bot.Contexts, _ *Clock) {
	want(t, s, "slack:T1:C1:1700000000.000100", bot.Turn{}, false)
}

func lastWhole(t *testing.T, s bot.Contexts, _ *Clock) {
	remember(t, s, "c", sample)
	want(t, s, "c", sample, true)
	other := bot.Turn{Topic: "pay", OtherOccupation: true}
	remember(t, s, "d", other)
	want(t, s, "d", other, true)
}

func replaces(t *testing.T, s bot.Contexts, _ *Clock) {
	remember(t, s, "c", sample)
	next := bot.Turn{Topic: "outlook"}
	remember(t, s, "c", next)
	want(t, s, "c", next, true)
}

func apart(t *testing.T, s bot.Contexts, _ *Clock) {
	remember(t, s, "slack:T1:C1:1", sample)
	want(t, s, "slack:T1:C1:2", bot.Turn{}, false)
	want(t, s, "discord:G1:C1:U1", bot.Turn{}, false)
}

func expires(t *testing.T, s bot.Contexts, clock *Clock) {
	remember(t, s, "c", sample)
	clock.Advance(TTL - time.Second)
	want(t, s, "c", sample, true)
	clock.Advance(2 * time.Second)
	want(t, s, "c", bot.Turn{}, false)
}

func restarts(t *testing.T, s bot.Contexts, clock *Clock) {
	remember(t, s, "c", sample)
	clock.Advance(TTL - time.Second)
	remember(t, s, "c", sample)
	clock.Advance(TTL - time.Second)
	want(t, s, "c", sample, true)
}

func concurrent(t *testing.T, s bot.Contexts, _ *Clock) {
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			conv := fmt.Sprintf("c%d", i%4)
			for range 50 {
				if err := s.Remember(ctx, conv, sample); err != nil {
					t.Error(err)
					return
				}
				if _, _, err := s.Last(ctx, conv); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	for i := range 4 {
		want(t, s, fmt.Sprintf("c%d", i), sample, true)
	}
}
