package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/careerbot/careerbot/bot/digest"
)

// Begin claims slot and records it as being sent until lease, in one UPDATE.
func (s *Store) Begin(ctx context.Context, id int64, slot, lease time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE subscriptions SET last_slot = ?, sending_slot = ?, lease_until = ?
		WHERE id = ? AND last_slot < ? AND disabled = ''`, slot.Unix(), slot.Unix(), lease.Unix(), id, slot.Unix())
	if err != nil {
		return false, fmt.Errorf("begin slot: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// Renew moves the lease of a slot still being sent.
func (s *Store) Renew(ctx context.Context, id int64, slot, held, lease time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE subscriptions SET lease_until = ? WHERE id = ? AND sending_slot = ? AND lease_until = ?`, lease.Unix(), id, slot.Unix(), held.Unix())
	if err != nil {
		return false, fmt.Errorf("renew lease: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// Sent settles a posted slot.
func (s *Store) Sent(ctx context.Context, id int64, slot time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE subscriptions SET sending_slot = 0, lease_until = 0 WHERE id = ? AND sending_slot = ?`, id, slot.Unix())
	if err != nil {
		return fmt.Errorf("settle slot: %w", err)
	}
	return nil
}

// TakeOver leases the slots whose lease ran out to the caller: one UPDATE … RETURNING,
// which SQLite runs under its write lock, so each slot goes to one caller.
func (s *Store) TakeOver(ctx context.Context, now, lease time.Time) ([]digest.Sending, error) {
	rows, err := s.db.QueryContext(ctx, `UPDATE subscriptions SET lease_until = ?
		WHERE sending_slot != 0 AND lease_until < ?
		RETURNING id, platform, team_id, channel_id, spec, zone, created_by, created_at, last_slot, disabled, sending_slot`, lease.Unix(), now.Unix())
	if err != nil {
		return nil, fmt.Errorf("take over slots: %w", err)
	}
	defer rows.Close()
	var out []digest.Sending
	for rows.Next() {
		var p digest.Sending
		var created, last, slot int64
		if err := rows.Scan(&p.Sub.ID, &p.Sub.Platform, &p.Sub.TeamID, &p.Sub.ChannelID, &p.Sub.Spec, &p.Sub.Zone, &p.Sub.CreatedBy, &created, &last, &p.Sub.Disabled, &slot); err != nil {
			return nil, fmt.Errorf("take over slots: %w", err)
		}
		p.Sub.CreatedAt, p.Sub.LastSlot = time.Unix(created, 0).UTC(), time.Unix(last, 0).UTC()
		p.Slot, p.Lease = time.Unix(slot, 0).UTC(), time.Unix(lease.Unix(), 0).UTC()
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("take over slots: %w", err)
	}
	return out, nil
}
