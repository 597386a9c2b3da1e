package sqlite

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot/digest"
)

// TestOneSubscriptionPerChannel: adding to a channel replaces its subscription, also when
// many add at once.
func TestOneSubscriptionPerChannel(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	created := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	m := digest.NewManager(s, composer(t), digest.ManagerOptions{Now: func() time.Time { return created }})
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, _, err := m.Subscribe(ctx, "slack", "T1", "C1", fmt.Sprintf("daily 0%d:00", i+1), "UTC", "U1"); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	subs, err := s.ListChannel(ctx, "slack", "C1")
	if err != nil || len(subs) != 1 {
		t.Fatalf("C1 has %d subscriptions (%v), want 1", len(subs), err)
	}
	if all, _ := s.List(ctx); len(all) != 1 {
		t.Errorf("%d subscriptions in all, want 1", len(all))
	}
}

func TestStore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	created := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	sub, err := s.Add(ctx, digest.Subscription{Platform: "slack", ChannelID: "C1", Spec: "0 9 * * *", Zone: "UTC", CreatedBy: "U1", CreatedAt: created})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Add(ctx, digest.Subscription{Platform: "slack", ChannelID: "C1", Spec: "* * * * *", Zone: "UTC", CreatedAt: created}); err == nil {
		t.Error("an every-minute subscription was stored")
	}
	if _, err := s.Add(ctx, digest.Subscription{Platform: "irc", ChannelID: "C1", Spec: "0 9 * * *", Zone: "UTC", CreatedAt: created}); err == nil {
		t.Error("an unknown platform was stored")
	}
	slot := created.Add(9 * time.Hour)
	if ok, err := s.Claim(ctx, sub.ID, slot); !ok || err != nil {
		t.Fatalf("first claim = %v, %v; want true", ok, err)
	}
	if ok, _ := s.Claim(ctx, sub.ID, slot); ok {
		t.Error("the same slot was claimed twice")
	}
	if err := s.Release(ctx, sub.ID, slot, created); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.Claim(ctx, sub.ID, slot); !ok {
		t.Error("a released slot could not be claimed again")
	}
	s.Close()

	// Reopen: the last slot survived, migrations are not applied twice.
	s, err = Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	subs, err := s.List(ctx)
	if err != nil || len(subs) != 1 || !subs[0].LastSlot.Equal(slot) || subs[0].CreatedBy != "U1" {
		t.Fatalf("after reopening: %+v, %v", subs, err)
	}
	if err := s.Disable(ctx, sub.ID, "channel_not_found"); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.Claim(ctx, sub.ID, slot.Add(24*time.Hour)); ok {
		t.Error("a disabled subscription was claimed")
	}
	if err := s.Remove(ctx, sub.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Remove(ctx, sub.ID); !errors.Is(err, digest.ErrNotFound) {
		t.Errorf("removing twice: %v, want ErrNotFound", err)
	}
	var mode string
	s.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode)
	if mode != "wal" {
		t.Errorf("journal mode %q, want wal", mode)
	}
	if _, err := Open(ctx, filepath.Join(dir, FileName, "x")); err == nil {
		t.Error("opening under a file succeeded")
	}
}

type countPoster struct {
	mu    chan struct{}
	posts map[string]int
}

func (p *countPoster) PostDigest(_ context.Context, s digest.Subscription, _ digest.Digest) error {
	p.mu <- struct{}{}
	p.posts[s.ChannelID]++
	<-p.mu
	return nil
}

// TestSchedulersShareOneDatabase: two schedulers (replicas, or a restart racing the old
// process) on one database file post each of 2,000 due slots exactly once.
func TestSchedulersShareOneDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	created := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 2000; i++ {
		if _, err := a.Add(ctx, digest.Subscription{Platform: "slack", ChannelID: fmt.Sprintf("C%d", i), Spec: "0 9 * * *", Zone: "UTC", CreatedAt: created}); err != nil {
			t.Fatal(err)
		}
	}
	kb := composer(t)
	p := &countPoster{mu: make(chan struct{}, 1), posts: map[string]int{}}
	done := make(chan struct{})
	for _, st := range []*Store{a, b} {
		s := digest.New(st, kb, map[string]digest.Poster{"slack": p}, digest.Config{Concurrency: 8})
		if err := s.Load(ctx); err != nil {
			t.Fatal(err)
		}
		go func() { s.Tick(ctx, created.Add(9*time.Hour)); done <- struct{}{} }()
	}
	<-done
	<-done
	if len(p.posts) != 2000 {
		t.Errorf("%d channels posted, want 2000", len(p.posts))
	}
	for ch, n := range p.posts {
		if n != 1 {
			t.Fatalf("%s posted %d times, want once", ch, n)
		}
	}
}
