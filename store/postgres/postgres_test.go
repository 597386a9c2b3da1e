package postgres

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/careerbot/careerbot/bot/digest"
	"github.com/careerbot/careerbot/bot/digest/storetest"
	"github.com/careerbot/careerbot/store/postgres/pgtest"
)

func open(t testing.TB) *DB {
	t.Helper()
	db, err := Open(context.Background(), pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	return db
}

func TestPostgresDigestsConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) digest.Store { return open(t).Digests() })
}

// TestPostgresMigrateConcurrently: replicas starting at once on one new database all come
// up, and each migration is applied once.
func TestPostgresMigrateConcurrently(t *testing.T) {
	url := pgtest.URL(t)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := Open(context.Background(), url)
			if err != nil {
				errs <- err
				return
			}
			db.Close()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	db := open(t)
	var n, distinct int
	if err := db.pool.QueryRow(context.Background(), `SELECT count(*), count(DISTINCT version) FROM schema_migrations`).Scan(&n, &distinct); err != nil {
		t.Fatal(err)
	}
	if n != distinct || n == 0 {
		t.Fatalf("schema_migrations has %d rows for %d versions, want each version once", n, distinct)
	}
}

func TestPostgresBadURLHidesPassword(t *testing.T) {
	_, err := Open(context.Background(), "postgres://user:s3cret@127.0.0.1:1/db?connect_timeout=1")
	if err == nil {
		t.Fatal("Open of an unreachable server succeeded")
	}
	if got := err.Error(); strings.Contains(got, "s3cret") {
		t.Fatalf("error shows the password: %s", got)
	}
}
