package postgres

import (
	"context"
	"sync/atomic"
	"time"
)

// sweepEvery is how often a store deletes its expired rows, piggybacked on a write: rows
// are small, and a minute's worth of expired ones costs nothing to keep.
const sweepEvery = time.Minute

// sweeper runs a delete of expired rows at most once per sweepEvery.
type sweeper struct {
	db    *DB
	query string
	last  atomic.Int64 // unix nanoseconds of the last sweep
}

func (s *sweeper) maybe(ctx context.Context, now time.Time) {
	last := s.last.Load()
	if now.UnixNano()-last < int64(sweepEvery) || !s.last.CompareAndSwap(last, now.UnixNano()) {
		return
	}
	// Best effort: a failed sweep leaves rows that the next one deletes.
	s.db.pool.Exec(context.WithoutCancel(ctx), s.query, now)
}
