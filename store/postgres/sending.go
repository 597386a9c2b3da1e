package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/careerbot/careerbot/bot/digest"
)

// Begin claims slot and records it as being sent until lease, in one UPDATE.
func (d *Digests) Begin(ctx context.Context, id int64, slot, lease time.Time) (bool, error) {
	tag, err := d.db.pool.Exec(ctx, `UPDATE subscriptions SET last_slot = $1, sending_slot = $1, lease_until = $2, updated_at = clock_timestamp()
		WHERE id = $3 AND last_slot < $1 AND disabled = ''`, slot.UTC(), lease.UTC(), id)
	if err != nil {
		return false, fmt.Errorf("begin slot: %w", err)
	}
	return tag.RowsAffected() == 1, nil
}

// Renew moves the lease of a slot still being sent.
func (d *Digests) Renew(ctx context.Context, id int64, slot, held, lease time.Time) (bool, error) {
	tag, err := d.db.pool.Exec(ctx, `UPDATE subscriptions SET lease_until = $1 WHERE id = $2 AND sending_slot = $3 AND lease_until = $4`, lease.UTC(), id, slot.UTC(), held.UTC())
	if err != nil {
		return false, fmt.Errorf("renew lease: %w", err)
	}
	return tag.RowsAffected() == 1, nil
}

// Sent settles a posted slot.
func (d *Digests) Sent(ctx context.Context, id int64, slot time.Time) error {
	_, err := d.db.pool.Exec(ctx, `UPDATE subscriptions SET sending_slot = NULL, lease_until = NULL WHERE id = $1 AND sending_slot = $2`, id, slot.UTC())
	if err != nil {
		return fmt.Errorf("settle slot: %w", err)
	}
	return nil
}

// TakeOver leases the slots whose lease ran out to the caller. SKIP LOCKED lets replicas
// taking over at once share the work instead of waiting on each other's rows; each row is
// updated, and so returned, once.
func (d *Digests) TakeOver(ctx context.Context, now, lease time.Time) ([]digest.Sending, error) {
	rows, err := d.db.pool.Query(ctx, `UPDATE subscriptions SET lease_until = $1
		WHERE id IN (SELECT id FROM subscriptions WHERE sending_slot IS NOT NULL AND lease_until < $2 FOR UPDATE SKIP LOCKED)
		RETURNING `+columns+`, sending_slot`, lease.UTC(), now.UTC())
	if err != nil {
		return nil, fmt.Errorf("take over slots: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (digest.Sending, error) {
		var p digest.Sending
		s := &p.Sub
		err := r.Scan(&s.ID, &s.Platform, &s.TeamID, &s.ChannelID, &s.Spec, &s.Zone, &s.CreatedBy, &s.CreatedAt, &s.LastSlot, &s.Disabled, &p.Slot)
		s.CreatedAt, s.LastSlot, p.Slot, p.Lease = s.CreatedAt.UTC(), s.LastSlot.UTC(), p.Slot.UTC(), lease.UTC()
		return p, err
	})
	if err != nil {
		return nil, fmt.Errorf("take over slots: %w", err)
	}
	return out, nil
}
