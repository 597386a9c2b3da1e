package postgres

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/careerbot/careerbot/adapters/dedupe/dedupetest"
	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/contexttest"
	"github.com/careerbot/careerbot/review"
	"github.com/careerbot/careerbot/review/reviewtest"
)

func TestPostgresSeenConformance(t *testing.T) {
	dedupetest.Run(t, func(t *testing.T, ttl time.Duration) dedupetest.Seen { return open(t).Seen(ttl) })
}

func TestPostgresContextsConformance(t *testing.T) {
	contexttest.Run(t, func(t *testing.T, ttl time.Duration, clock *contexttest.Clock) bot.Contexts {
		return open(t).Contexts(ttl, clock.Now)
	})
}

func TestPostgresReviewConformance(t *testing.T) {
	reviewtest.Run(t, func(t *testing.T) review.Store { return open(t).Reviews() })
}

// TestPostgresContextsStoreNoIDs: the table holds a hash of the conversation's key, never
// the workspace, channel or user ids the adapters build it from.
func TestPostgresContextsStoreNoIDs(t *testing.T) {
	db := open(t)
	c := db.Contexts(time.Minute, nil)
	if err := c.Remember(context.Background(), "slack:T0TEAM:C0CHAN::U0USER", bot.Turn{Topic: "pay"}); err != nil {
		t.Fatal(err)
	}
	var stored string
	if err := db.pool.QueryRow(context.Background(), `SELECT conversation FROM conversation_turns`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"T0TEAM", "C0CHAN", "U0USER"} {
		if strings.Contains(stored, id) {
			t.Errorf("conversation_turns holds %q: %s", id, stored)
		}
	}
	if turn, ok, _ := c.Last(context.Background(), "slack:T0TEAM:C0CHAN::U0USER"); !ok || turn.Topic != "pay" {
		t.Errorf("Last = %+v, %v; want the turn back", turn, ok)
	}
}
