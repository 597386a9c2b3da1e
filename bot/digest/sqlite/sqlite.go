// Package sqlite stores digest subscriptions in an embedded SQLite database through a
// pure-Go driver (modernc.org/sqlite), so the binary stays static. Schema migrations are
// embedded and versioned; the database runs in WAL mode.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	driver "modernc.org/sqlite" // the "sqlite" database/sql driver
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/careerbot/careerbot/bot/digest"
)

//go:embed migrations/*.sql
var migrations embed.FS

// FileName is the database's name inside the data directory.
const FileName = "careerbot.db"

// busyTimeout is how long a statement waits for another connection's (or process's) write
// lock before failing: long enough for 50 processes starting at once on one fresh
// database to take turns migrating it.
const busyTimeout = 10 * time.Second

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
	dsn := fmt.Sprintf("file:%s?_pragma=busy_timeout(%d)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(on)&_txlock=immediate", path, busyTimeout.Milliseconds())
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := connect(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := &Store{db: db}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", path, err) // migrate's errors say which step failed
	}
	return s, nil
}

// connect makes the pool's first connection, which switches a new database to WAL. That
// switch upgrades a read lock to a write lock, and SQLite fails such an upgrade at once with
// SQLITE_BUSY, without waiting out the busy timeout, when another process is switching the
// same new file: so a busy first connection is retried, for as long as the busy timeout.
// Once the file is in WAL mode (which persists) connections need no such upgrade.
func connect(ctx context.Context, db *sql.DB) error {
	deadline := time.Now().Add(busyTimeout)
	for wait := time.Millisecond; ; wait = min(2*wait, 50*time.Millisecond) {
		err := db.PingContext(ctx)
		var se *driver.Error
		if err == nil || !errors.As(err, &se) || se.Code()&0xff != sqlite3.SQLITE_BUSY || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// migrate applies the embedded migrations not yet applied, in version order, in one
// transaction begun IMMEDIATE (the DSN's _txlock): it holds SQLite's write lock from the
// start, so of several processes starting on one database one migrates while the others
// wait (busy_timeout), and then each finds every version recorded. Reading the versions
// outside the transaction would let two processes both see a version missing and both
// apply it. The bookkeeping table is created inside the same transaction, so a database
// is either wholly migrated or untouched.
func (s *Store) migrate(ctx context.Context) error {
	return s.migrateFrom(ctx, migrations)
}

// migrateFrom is migrate with the migrations read from fsys (migrations/NNN_name.sql), so
// that tests can give it a broken one. Every error says which step or version failed: an
// operator reading "migrate …: no such table" alone could not tell which file to look at.
func (s *Store) migrateFrom(ctx context.Context, fsys fs.FS) (err error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("list migrations: %w", err)
	}
	sort.Strings(names)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin migration: %w", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback() // the error that made us roll back is the one worth reporting
		}
	}()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	applied, err := appliedVersions(ctx, tx)
	if err != nil {
		return err
	}
	for _, name := range names {
		if err := applyMigration(ctx, tx, fsys, name, applied); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit migrations: %w", err)
	}
	return nil
}

// appliedVersions reads the versions recorded in schema_migrations.
func appliedVersions(ctx context.Context, tx *sql.Tx) (map[int]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, fmt.Errorf("read applied migrations: %w", err)
	}
	defer rows.Close()
	applied := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("read applied migrations: %w", err)
		}
		applied[v] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read applied migrations: %w", err)
	}
	return applied, nil
}

// applyMigration runs the migration in file name and records its version, unless that
// version is already applied.
func applyMigration(ctx context.Context, tx *sql.Tx, fsys fs.FS, name string, applied map[int]bool) error {
	v, err := strconv.Atoi(strings.SplitN(filepath.Base(name), "_", 2)[0])
	if err != nil {
		return fmt.Errorf("migration %s: the name must start with a version number: %w", name, err)
	}
	if applied[v] {
		return nil
	}
	body, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("migrate to version %d: read %s: %w", v, name, err)
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return fmt.Errorf("migrate to version %d (%s): %w", v, name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`, v, time.Now().Unix()); err != nil {
		return fmt.Errorf("migrate to version %d: record it: %w", v, err)
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
			return nil, fmt.Errorf("list subscriptions: %w", err)
		}
		sub.CreatedAt, sub.LastSlot = time.Unix(created, 0).UTC(), time.Unix(last, 0).UTC()
		out = append(out, sub)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list subscriptions: %w", err)
	}
	return out, nil
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
	_, err := s.db.ExecContext(ctx, `UPDATE subscriptions SET last_slot = ?, sending_slot = 0, lease_until = 0 WHERE id = ? AND last_slot = ?`, prev.Unix(), id, slot.Unix())
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
