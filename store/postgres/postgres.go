// Package postgres keeps careerbot's shared state in PostgreSQL, so that several replicas
// can serve one set of workspaces: digest subscriptions and their slots (and, beside them,
// what the replicas must agree on). It uses github.com/jackc/pgx/v5 through a pool; every
// call takes the caller's context, so deadlines reach the database.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrateLock is the pg_advisory_lock key held while migrating, so replicas starting at
// once take turns: the first migrates, the others find every version applied.
const migrateLock int64 = 0x636172656572626f // "careerbo"

// DB is a pool of connections to one PostgreSQL database.
type DB struct {
	pool *pgxpool.Pool
}

// IsURL says whether s names a PostgreSQL database (postgres:// or postgresql://).
func IsURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Open connects to the database at url and brings its schema up to date.
func Open(ctx context.Context, url string) (*DB, error) {
	db, err := Connect(ctx, url)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Connect connects without migrating (see Migrate). The error never holds the URL, which
// may carry a password.
func Connect(ctx context.Context, url string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, errors.New("postgres: the database URL cannot be parsed")
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: connect to %s: %w", cfg.ConnConfig.Host, err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: connect to %s:%d: %w", cfg.ConnConfig.Host, cfg.ConnConfig.Port, err)
	}
	return &DB{pool: pool}, nil
}

// Close closes every connection.
func (db *DB) Close() { db.pool.Close() }

// Ping says whether the database answers; /readyz uses it.
func (db *DB) Ping(ctx context.Context) error { return db.pool.Ping(ctx) }

// Pool is the connection pool, for the stores of other packages that live beside these.
func (db *DB) Pool() *pgxpool.Pool { return db.pool }

// Migrate applies the embedded migrations not yet applied, in version order, while holding
// an advisory lock, each in its own transaction with its version recorded.
func (db *DB) Migrate(ctx context.Context) error { return db.migrateFrom(ctx, migrations) }

func (db *DB) migrateFrom(ctx context.Context, fsys fs.FS) error {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("postgres: list migrations: %w", err)
	}
	sort.Strings(names)
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("postgres: migrate: %w", err)
	}
	defer conn.Release()
	// A session-level lock: held across the transactions below, released by the unlock or
	// when the connection dies with a crashed process.
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, migrateLock); err != nil {
		return fmt.Errorf("postgres: take the migration lock: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, migrateLock)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("postgres: create schema_migrations: %w", err)
	}
	for _, name := range names {
		if err := applyMigration(ctx, conn.Conn(), fsys, name); err != nil {
			return err
		}
	}
	return nil
}

// applyMigration runs one migration file and records its version in one transaction,
// unless the version is already recorded. Errors name the version and file.
func applyMigration(ctx context.Context, conn *pgx.Conn, fsys fs.FS, name string) error {
	v, err := strconv.Atoi(strings.SplitN(path.Base(name), "_", 2)[0])
	if err != nil {
		return fmt.Errorf("postgres: migration %s: the name must start with a version number: %w", name, err)
	}
	body, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("postgres: migrate to version %d: %w", v, err)
	}
	return pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		var done bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = $1)`, v).Scan(&done); err != nil {
			return fmt.Errorf("postgres: read applied migrations: %w", err)
		}
		if done {
			return nil
		}
		if _, err := tx.Exec(ctx, string(body)); err != nil {
			return fmt.Errorf("postgres: migrate to version %d (%s): %w", v, name, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version) VALUES ($1)`, v); err != nil {
			return fmt.Errorf("postgres: migrate to version %d: record it: %w", v, err)
		}
		return nil
	})
}
