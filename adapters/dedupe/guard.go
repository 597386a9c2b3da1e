package dedupe

import (
	"context"
	"log/slog"
	"time"
)

// Store is a store of event ids already taken: Memory in one process, store/postgres's
// Seen across replicas.
type Store interface {
	First(ctx context.Context, id string) (bool, error)
	Forget(ctx context.Context, id string) error
}

// budget bounds a look-up: Slack waits 3 seconds for an acknowledgement, Discord 3 seconds
// for an interaction's response.
const budget = time.Second

// Guard is how an adapter asks a Store: when the store cannot answer, it takes the event,
// since a duplicate answer is better than a question left unanswered.
type Guard struct {
	Store Store
	Log   *slog.Logger
}

// First records id and says whether this is the first time it is seen.
func (g Guard) First(id string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), budget)
	defer cancel()
	ok, err := g.Store.First(ctx, id)
	if err != nil {
		g.Log.Warn("event dedupe unavailable; answering", "err", err)
		return true
	}
	return ok
}

// Forget drops id after its handling failed, so the platform's redelivery is answered.
func (g Guard) Forget(id string) {
	ctx, cancel := context.WithTimeout(context.Background(), budget)
	defer cancel()
	if err := g.Store.Forget(ctx, id); err != nil {
		g.Log.Warn("event dedupe: forget failed; a redelivery will be ignored", "err", err)
	}
}
