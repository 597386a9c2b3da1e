package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/careerbot/careerbot/bot/digest"
	"github.com/careerbot/careerbot/bot/digest/sqlite"
	"github.com/careerbot/careerbot/review"
	"github.com/careerbot/careerbot/store/postgres"
)

// storeConfig says where shared state lives: PostgreSQL when a database URL is given (the
// choice for more than one replica), otherwise SQLite in the data directory.
type storeConfig struct {
	databaseURL string
	dataDir     string
}

// check refuses a database URL careerbot cannot use, before anything is opened. The
// message never repeats the URL: it may hold a password.
func (c storeConfig) check() error {
	if c.databaseURL != "" && !postgres.IsURL(c.databaseURL) {
		return fmt.Errorf("%w: --database / CAREERBOT_DATABASE_URL must be a postgres:// or postgresql:// URL", errUsage)
	}
	return nil
}

// openedStore is the digest store, the review queue's store beside it, and what closes
// them; db is set on PostgreSQL.
type openedStore struct {
	digest.Store
	reviews review.Store
	db      *postgres.DB
	close   func() error
}

func (s openedStore) Close() error { return s.close() }

// startRetry is how long serve keeps trying to reach PostgreSQL at start, so replicas
// started with (or just before) their database come up with it. The CLI commands try once.
const startRetry = 60 * time.Second

// openStore opens (and migrates) the configured store, trying PostgreSQL for up to retry.
func openStore(ctx context.Context, c storeConfig, retry time.Duration) (openedStore, error) {
	if err := c.check(); err != nil {
		return openedStore{}, err
	}
	if c.databaseURL != "" {
		db, err := openPostgres(ctx, c.databaseURL, retry)
		if err != nil {
			return openedStore{}, err
		}
		return openedStore{Store: db.Digests(), reviews: db.Reviews(), db: db, close: func() error { db.Close(); return nil }}, nil
	}
	s, err := sqlite.Open(ctx, c.dataDir)
	if err != nil {
		return openedStore{}, err
	}
	return openedStore{Store: s, reviews: s, close: s.Close}, nil
}

const migrateUsage = `usage: careerbot migrate [--database URL | --data-dir DIR]

Brings the database's schema up to date and exits. serve does the same at start, under
PostgreSQL's advisory lock, so replicas starting at once are safe; migrate lets a deploy
do it first, as a step of its own.
`

// migrateCmd opens the store, which migrates it, and reports where.
func migrateCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("careerbot migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c storeConfig
	storeFlags(fs, getenv, &c)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v\n\n%s", errUsage, err, migrateUsage)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: migrate takes no arguments\n\n%s", errUsage, migrateUsage)
	}
	s, err := openStore(ctx, c, 0)
	if err != nil {
		return err
	}
	defer s.Close()
	where := "SQLite in " + c.dataDir
	if s.db != nil {
		where = "PostgreSQL"
	}
	_, err = fmt.Fprintf(stdout, "schema up to date (%s)\n", where)
	return err
}

// storeFlags defines --database and --data-dir, their defaults from the environment.
func storeFlags(fs *flag.FlagSet, getenv func(string) string, c *storeConfig) {
	fs.StringVar(&c.databaseURL, "database", getenv("CAREERBOT_DATABASE_URL"), "PostgreSQL `url` (postgres://…) for state shared by replicas; prefer the env CAREERBOT_DATABASE_URL, which keeps a password out of the process list")
	fs.StringVar(&c.dataDir, "data-dir", cmp.Or(getenv("CAREERBOT_DATA_DIR"), "./data"), "`directory` of the SQLite database, used when no database URL is given")
}

// openPostgres opens the database, retrying with backoff (0.25 s doubling to 5 s) until
// retry has passed. pgx's pool reconnects by itself after that: a database that goes away
// later makes /readyz fail and calls error, and the process carries on.
func openPostgres(ctx context.Context, url string, retry time.Duration) (*postgres.DB, error) {
	deadline := time.Now().Add(retry)
	for wait := 250 * time.Millisecond; ; wait = min(2*wait, 5*time.Second) {
		db, err := postgres.Open(ctx, url)
		if err == nil || time.Now().Add(wait).After(deadline) {
			return db, err
		}
		select {
		case <-ctx.Done():
			return nil, err
		case <-time.After(wait):
		}
	}
}
