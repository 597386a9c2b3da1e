// Package sqlite stores digest subscriptions in an embedded SQLite database through a
// pure-Go driver (modernc.org/sqlite), so the binary stays static. Schema migrations are
// embedded and versioned; the database runs in WAL mode.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver

	"github.com/careerbot/careerbot/bot/digest"
)

//go:embed migrations/*.sql
var migrations embed.FS

// FileName is the database's name inside the data directory.
const FileName = "careerbot.db"

// Store is a digest.Store on SQLite.
type Store struct {
	db *sql.DB
}

var _ digest.Store = (*Store)(nil)

// Open opens (creating if needed) the database in dir and brings its schema up to date.
func Open(ctx context.Context, dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	path := filepath.Join(dir, FileName)
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_pragma=foreign_keys(on)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := &Store{db: db}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate %s: %w", path, err)
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// migrate applies the embedded migrations not yet applied, each in a transaction, in
// version order.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)`); err != nil {
		return err
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		v, err := strconv.Atoi(strings.SplitN(filepath.Base(name), "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: no version number", name)
		}
		var n int
		if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, v).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`, v, time.Now().Unix()); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// Add stores a validated subscription, replacing the channel's subscription if it has
// one, in one statement: concurrent Adds for a channel leave exactly one.
func (s *Store) Add(ctx context.Context, sub digest.Subscription) (digest.Subscription, error) {
	if err := sub.Validate(); err != nil {
		return digest.Subscription{}, err
	}
	if sub.LastSlot.IsZero() {
		sub.LastSlot = sub.CreatedAt
	}
	err := s.db.QueryRowContext(ctx, `INSERT INTO subscriptions (platform, team_id, channel_id, spec, zone, created_by, created_at, last_slot)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (platform, channel_id) DO UPDATE SET team_id = excluded.team_id, spec = excluded.spec, zone = excluded.zone,
			created_by = excluded.created_by, created_at = excluded.created_at, last_slot = excluded.last_slot, disabled = ''
		RETURNING id`,
		sub.Platform, sub.TeamID, sub.ChannelID, sub.Spec, sub.Zone, sub.CreatedBy, sub.CreatedAt.Unix(), sub.LastSlot.Unix()).Scan(&sub.ID)
	if err != nil {
		return digest.Subscription{}, fmt.Errorf("add subscription: %w", err)
	}
	sub.CreatedAt = time.Unix(sub.CreatedAt.Unix(), 0).UTC()
	sub.LastSlot = time.Unix(sub.LastSlot.Unix(), 0).UTC()
	return sub, nil
}

// Remove deletes a subscription.
func (s *Store) Remove(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM subscriptions WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("remove subscription %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return digest.ErrNotFound
	}
	return nil
}

// ListChannel returns a channel's subscription, if any.
func (s *Store) ListChannel(ctx context.Context, platform, channel string) ([]digest.Subscription, error) {
	return s.query(ctx, `WHERE platform = ? AND channel_id = ?`, platform, channel)
}

// List returns every subscription by ID.
func (s *Store) List(ctx context.Context) ([]digest.Subscription, error) {
	return s.query(ctx, ``)
}

func (s *Store) query(ctx context.Context, where string, args ...any) ([]digest.Subscription, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, platform, team_id, channel_id, spec, zone, created_by, created_at, last_slot, disabled
		FROM subscriptions `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list subscriptions: %w", err)
	}
	defer rows.Close()
	var out []digest.Subscription
	for rows.Next() {
		var sub digest.Subscription
		var created, last int64
		if err := rows.Scan(&sub.ID, &sub.Platform, &sub.TeamID, &sub.ChannelID, &sub.Spec, &sub.Zone, &sub.CreatedBy, &created, &last, &sub.Disabled); err != nil {
			return nil, err
		}
		sub.CreatedAt, sub.LastSlot = time.Unix(created, 0).UTC(), time.Unix(last, 0).UTC()
		out = append(out, sub)
	}
	return out, rows.Err()
}

// Claim atomically moves the last slot forward; one UPDATE decides, whichever process
// runs it first.
func (s *Store) Claim(ctx context.Context, id int64, slot time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE subscriptions SET last_slot = ? WHERE id = ? AND last_slot < ? AND disabled = ''`, slot.Unix(), id, slot.Unix())
	if err != nil {
		return false, fmt.Errorf("claim slot: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// Release puts the last slot back when the claimed slot could not be posted.
func (s *Store) Release(ctx context.Context, id int64, slot, prev time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE subscriptions SET last_slot = ? WHERE id = ? AND last_slot = ?`, prev.Unix(), id, slot.Unix())
	if err != nil {
		return fmt.Errorf("release slot: %w", err)
	}
	return nil
}

// Disable stops delivery to a subscription.
func (s *Store) Disable(ctx context.Context, id int64, reason string) error {
	if reason == "" {
		reason = "disabled"
	}
	res, err := s.db.ExecContext(ctx, `UPDATE subscriptions SET disabled = ? WHERE id = ?`, reason, id)
	if err != nil {
		return fmt.Errorf("disable subscription %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return digest.ErrNotFound
	}
	return nil
}
