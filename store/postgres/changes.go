package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/careerbot/careerbot/bot/digest"
)

// changeOverlap is read again at every reload: a transaction that stamped updated_at
// just before the last reload but committed just after it is still seen. Reading a row
// twice is harmless.
const changeOverlap = 5 * time.Second

// Changes returns the subscriptions changed and the ids removed since since (all of them
// when since is zero), and the time to ask from next, on the database's clock.
func (d *Digests) Changes(ctx context.Context, since time.Time) (digest.Changes, error) {
	var c digest.Changes
	err := pgx.BeginFunc(ctx, d.db.pool, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `SELECT clock_timestamp()`).Scan(&c.AsOf); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT `+columns+` FROM subscriptions WHERE updated_at >= $1 ORDER BY id`, since)
		if err != nil {
			return err
		}
		if c.Changed, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (digest.Subscription, error) { return scan(r) }); err != nil {
			return err
		}
		if since.IsZero() {
			return nil
		}
		rows, err = tx.Query(ctx, `SELECT id FROM removed_subscriptions WHERE removed_at >= $1`, since)
		if err != nil {
			return err
		}
		c.Removed, err = pgx.CollectRows(rows, pgx.RowTo[int64])
		return err
	})
	if err != nil {
		return digest.Changes{}, fmt.Errorf("read changed subscriptions: %w", err)
	}
	c.AsOf = c.AsOf.Add(-changeOverlap)
	return c, nil
}
