package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/careerbot/careerbot/bot/digest"
)

// Digests is a digest.Store in PostgreSQL. Each method is one statement, so concurrent
// replicas need no locks of their own: the database's row locks decide.
type Digests struct {
	db *DB
}

var _ digest.Store = (*Digests)(nil)

// Digests returns the digest subscription store.
func (db *DB) Digests() *Digests { return &Digests{db: db} }

const columns = `id, platform, team_id, channel_id, spec, zone, created_by, created_at, last_slot, disabled`

// Add stores a validated subscription, replacing the channel's, in one upsert.
func (d *Digests) Add(ctx context.Context, s digest.Subscription) (digest.Subscription, error) {
	if err := s.Validate(); err != nil {
		return digest.Subscription{}, err
	}
	if s.LastSlot.IsZero() {
		s.LastSlot = s.CreatedAt
	}
	row := d.db.pool.QueryRow(ctx, `INSERT INTO subscriptions (platform, team_id, channel_id, spec, zone, created_by, created_at, last_slot)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (platform, channel_id) DO UPDATE SET team_id = excluded.team_id, spec = excluded.spec, zone = excluded.zone,
			created_by = excluded.created_by, created_at = excluded.created_at, last_slot = excluded.last_slot,
			disabled = '', updated_at = clock_timestamp()
		RETURNING `+columns,
		s.Platform, s.TeamID, s.ChannelID, s.Spec, s.Zone, s.CreatedBy, s.CreatedAt.UTC(), s.LastSlot.UTC())
	out, err := scan(row)
	if err != nil {
		return digest.Subscription{}, fmt.Errorf("add subscription: %w", err)
	}
	return out, nil
}

// Remove deletes a subscription.
func (d *Digests) Remove(ctx context.Context, id int64) error {
	tag, err := d.db.pool.Exec(ctx, `DELETE FROM subscriptions WHERE id = $1`, id)
	if err != nil {
		return fmt.Errorf("remove subscription %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return digest.ErrNotFound
	}
	return nil
}

// List returns every subscription by ID.
func (d *Digests) List(ctx context.Context) ([]digest.Subscription, error) {
	return d.query(ctx, ``)
}

// ListChannel returns a channel's subscription, if any.
func (d *Digests) ListChannel(ctx context.Context, platform, channel string) ([]digest.Subscription, error) {
	return d.query(ctx, `WHERE platform = $1 AND channel_id = $2`, platform, channel)
}

func (d *Digests) query(ctx context.Context, where string, args ...any) ([]digest.Subscription, error) {
	rows, err := d.db.pool.Query(ctx, `SELECT `+columns+` FROM subscriptions `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list subscriptions: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (digest.Subscription, error) { return scan(r) })
	if err != nil {
		return nil, fmt.Errorf("list subscriptions: %w", err)
	}
	return out, nil
}

func scan(r pgx.Row) (digest.Subscription, error) {
	var s digest.Subscription
	err := r.Scan(&s.ID, &s.Platform, &s.TeamID, &s.ChannelID, &s.Spec, &s.Zone, &s.CreatedBy, &s.CreatedAt, &s.LastSlot, &s.Disabled)
	s.CreatedAt, s.LastSlot = s.CreatedAt.UTC(), s.LastSlot.UTC()
	return s, err
}

// Claim moves the last slot forward if it is earlier and the subscription is active; one
// UPDATE decides which replica posts the slot.
func (d *Digests) Claim(ctx context.Context, id int64, slot time.Time) (bool, error) {
	tag, err := d.db.pool.Exec(ctx, `UPDATE subscriptions SET last_slot = $1, updated_at = clock_timestamp()
		WHERE id = $2 AND last_slot < $1 AND disabled = ''`, slot.UTC(), id)
	if err != nil {
		return false, fmt.Errorf("claim slot: %w", err)
	}
	return tag.RowsAffected() == 1, nil
}

// Release puts the last slot back after a claimed slot could not be posted.
func (d *Digests) Release(ctx context.Context, id int64, slot, prev time.Time) error {
	_, err := d.db.pool.Exec(ctx, `UPDATE subscriptions SET last_slot = $1, sending_slot = NULL, lease_until = NULL, updated_at = clock_timestamp()
		WHERE id = $2 AND last_slot = $3`, prev.UTC(), id, slot.UTC())
	if err != nil {
		return fmt.Errorf("release slot: %w", err)
	}
	return nil
}

// Disable stops delivery to a subscription.
func (d *Digests) Disable(ctx context.Context, id int64, reason string) error {
	if reason == "" {
		reason = "disabled"
	}
	tag, err := d.db.pool.Exec(ctx, `UPDATE subscriptions SET disabled = $1, updated_at = clock_timestamp() WHERE id = $2`, reason, id)
	if err != nil {
		return fmt.Errorf("disable subscription %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return digest.ErrNotFound
	}
	return nil
}
