package main

import (
	"context"
	"time"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/knowledge"
	"github.com/careerbot/careerbot/store/postgres"
)

// eventTTL is how long event ids are remembered across replicas: Slack retries an event
// three times within about five minutes.
const eventTTL = 15 * time.Minute

// share moves what replicas must agree on into the database, when there is one: the
// conversations (a follow-up may reach another replica), the event ids (so may a retry),
// and readiness (a replica without its database is not ready). Without a database the bot
// and adapters keep them in this process, as one replica needs.
func (s *server) share(b *bot.Bot, kb *knowledge.Base, db *postgres.DB) (*bot.Bot, error) {
	if db == nil {
		return b, nil
	}
	shared, err := bot.New(kb, bot.Options{Contexts: db.Contexts(bot.DefaultContextTTL, nil), Logger: s.log.With("component", "bot")})
	if err != nil {
		return nil, err
	}
	s.seen = db.Seen(eventTTL)
	s.ready = append(s.ready, dbReady{db})
	return shared, nil
}

// dbReady is /readyz's view of the database: a replica that cannot reach it would answer
// without the shared state, so the load balancer should send its traffic elsewhere.
type dbReady struct{ db *postgres.DB }

func (r dbReady) Ready() bool {
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	return r.db.Ping(ctx) == nil
}
