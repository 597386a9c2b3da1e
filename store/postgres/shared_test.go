package postgres

import (
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
