package postgres

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/careerbot/careerbot/bot/digest"
	"github.com/careerbot/careerbot/knowledge"
)

func sub(channel string, created time.Time) digest.Subscription {
	return digest.Subscription{Platform: "slack", ChannelID: channel, Spec: "0 9 * * *", Zone: "UTC", CreatedAt: created}
}

// TestPostgresChangesSince: a reload asks only for what changed since the last one, and
// gets additions, changes and removals.
func TestPostgresChangesSince(t *testing.T) {
	ctx := context.Background()
	d := open(t).Digests()
	now := time.Now().UTC().Truncate(time.Second)
	a, _ := d.Add(ctx, sub("C1", now))
	b, _ := d.Add(ctx, sub("C2", now))
	all, err := d.Changes(ctx, time.Time{})
	if err != nil || len(all.Changed) != 2 || len(all.Removed) != 0 {
		t.Fatalf("Changes since the start = %+v, %v; want both subscriptions", all, err)
	}
	time.Sleep(6 * time.Second) // past the overlap read again at every reload
	if c, _ := d.Changes(ctx, all.AsOf.Add(changeOverlap)); len(c.Changed)+len(c.Removed) != 0 {
		t.Fatalf("nothing changed, yet Changes = %+v", c)
	}
	d.Add(ctx, sub("C3", now))
	d.Disable(ctx, a.ID, "gone")
	d.Remove(ctx, b.ID)
	c, err := d.Changes(ctx, all.AsOf.Add(changeOverlap))
	if err != nil {
		t.Fatal(err)
	}
	var changed []string
	for _, s := range c.Changed {
		changed = append(changed, s.ChannelID)
	}
	if fmt.Sprint(changed) != "[C1 C3]" || fmt.Sprint(c.Removed) != fmt.Sprint([]int64{b.ID}) {
		t.Fatalf("changed %v removed %v; want [C1 C3] (disabled, added) and [%d]", changed, c.Removed, b.ID)
	}
}

// TestPostgresSchedulerReloadsChanges: a scheduler on PostgreSQL picks up a subscription
// added by another process (the CLI, another replica) and drops one removed.
func TestPostgresSchedulerReloadsChanges(t *testing.T) {
	ctx := context.Background()
	d := open(t).Digests()
	now := time.Now().UTC()
	first, _ := d.Add(ctx, sub("C1", now))
	kb, _ := knowledge.Default()
	s := digest.New(d, digest.NewComposer(kb), nil, digest.Config{})
	if err := s.Load(ctx); err != nil || s.Len() != 1 {
		t.Fatalf("Load: %d scheduled, %v", s.Len(), err)
	}
	d.Add(ctx, sub("C2", now))
	d.Remove(ctx, first.ID)
	if err := s.Refresh(ctx); err != nil || s.Len() != 1 {
		t.Fatalf("after a reload: %d scheduled, %v; want 1 (C2 added, C1 removed)", s.Len(), err)
	}
}

type nopPoster struct{}

func (nopPoster) PostDigest(context.Context, digest.Subscription, digest.Digest) error { return nil }

// BenchmarkPostgres100k measures, over 100,000 subscriptions (hourly, spread over the 60
// minutes: 1,667 due in each), a full load, an incremental reload with nothing changed,
// and one tick: finding the minute's 1,667 due subscriptions and beginning, posting (to a
// poster that does nothing) and settling each.
func BenchmarkPostgres100k(b *testing.B) {
	ctx := context.Background()
	db := open(b)
	created := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	rows := make([][]any, 100_000)
	for i := range rows {
		rows[i] = []any{"slack", "", fmt.Sprintf("C%06d", i), fmt.Sprintf("%d * * * *", i%60), "UTC", "bench", created, created}
	}
	if _, err := db.pool.CopyFrom(ctx, pgx.Identifier{"subscriptions"}, []string{"platform", "team_id", "channel_id", "spec", "zone", "created_by", "created_at", "last_slot"}, pgx.CopyFromRows(rows)); err != nil {
		b.Fatal(err)
	}
	kb, _ := knowledge.Default()
	s := digest.New(db.Digests(), digest.NewComposer(kb), map[string]digest.Poster{"slack": nopPoster{}}, digest.Config{Concurrency: 16})
	b.Run("load", func(b *testing.B) {
		for b.Loop() {
			if err := s.Load(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("reload-unchanged", func(b *testing.B) {
		s.Load(ctx)
		time.Sleep(changeOverlap + time.Second) // the copied rows are older than the overlap read again
		s.Refresh(ctx)
		for b.Loop() {
			if err := s.Refresh(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("tick-1667-due", func(b *testing.B) {
		s.Load(ctx)
		now := created.Add(90 * time.Second) // the slot at 00:01 is the first due
		for b.Loop() {
			if r := s.Tick(ctx, now); r.Posted < 1666 || r.Failed > 0 {
				b.Fatalf("tick at %v: %+v, want 1,666 or 1,667 posted", now, r)
			}
			now = now.Add(time.Minute)
		}
	})
}
