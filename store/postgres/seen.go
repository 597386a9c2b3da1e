package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Seen is a store of event ids shared by replicas: a Slack retry, or the same Discord
// event reaching two replicas, is taken by whichever inserts its id first. Expiry uses the
// database's clock, the one clock every replica shares.
type Seen struct {
	db    *DB
	ttl   time.Duration
	sweep *sweeper
}

// Seen returns the event-id store; ids are remembered for ttl.
func (db *DB) Seen(ttl time.Duration) *Seen {
	return &Seen{db: db, ttl: ttl, sweep: &sweeper{db: db, query: `DELETE FROM seen_events WHERE expires_at < $1`}}
}

// First records id and says whether no live record of it existed. The upsert replaces only
// an expired row, so of concurrent deliveries exactly one gets a row back.
func (s *Seen) First(ctx context.Context, id string) (bool, error) {
	if id == "" {
		return true, nil
	}
	var taken bool
	err := s.db.pool.QueryRow(ctx, `INSERT INTO seen_events (id, expires_at) VALUES ($1, clock_timestamp() + $2::interval)
		ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_events.expires_at <= clock_timestamp()
		RETURNING true`, id, s.ttl).Scan(&taken)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("record event id: %w", err)
	}
	s.sweep.maybe(ctx, time.Now())
	return true, nil
}

// Forget drops id after its handling failed, so the platform's retry is answered.
func (s *Seen) Forget(ctx context.Context, id string) error {
	if _, err := s.db.pool.Exec(ctx, `DELETE FROM seen_events WHERE id = $1`, id); err != nil {
		return fmt.Errorf("forget event id: %w", err)
	}
	return nil
}
