// Package pgtest gives tests a PostgreSQL database of their own. Tests that need one skip,
// saying why, when CAREERBOT_TEST_DATABASE_URL is not set; .ci/run starts a server and
// sets it, and fails if those tests skip.
package pgtest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL is the environment variable naming the server tests may use.
const EnvURL = "CAREERBOT_TEST_DATABASE_URL"

var seq atomic.Int64

// URL returns the URL of a fresh, empty schema on the test server, dropped when the test
// ends, so tests (and packages) run in parallel without seeing each other's rows.
func URL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvURL)
	if base == "" {
		t.Skip("PostgreSQL tests skipped: " + EnvURL + " is not set; .ci/run starts a server and sets it")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("%s is set but the server does not answer: %v", EnvURL, err)
	}
	defer conn.Close(ctx)
	schema := fmt.Sprintf("t_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9, seq.Add(1))
	if _, err := conn.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatalf("create schema %s: %v", schema, err)
	}
	t.Cleanup(func() { drop(base, schema) })
	return withSearchPath(t, base, schema)
}

func drop(base, schema string) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if conn, err := pgx.Connect(ctx, base); err == nil {
		conn.Exec(ctx, `DROP SCHEMA `+schema+` CASCADE`)
		conn.Close(ctx)
	}
}

// withSearchPath adds search_path to the URL's query, which pgx sends as a run-time
// parameter on every connection of the pool.
func withSearchPath(t testing.TB, base, schema string) string {
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s cannot be parsed: %v", EnvURL, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	if !strings.Contains(u.String(), schema) {
		t.Fatal("search_path was not set")
	}
	return u.String()
}
