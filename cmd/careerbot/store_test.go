package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/store/postgres/pgtest"
)

// TestDigestCLIOnPostgres: with a database URL every digest command works on PostgreSQL,
// and nothing is written to the data directory.
func TestDigestCLIOnPostgres(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	env := map[string]string{"CAREERBOT_DATABASE_URL": pgtest.URL(t), "CAREERBOT_DATA_DIR": dir}
	if code, out, errOut := runArgs(t, "", env, "migrate"); code != 0 || !strings.Contains(out, "PostgreSQL") {
		t.Fatalf("migrate: exit %d, %q %q", code, out, errOut)
	}
	code, out, errOut := runArgs(t, "", env, "digest", "add", "--platform", "slack", "--channel", "C9", "--schedule", "weekly monday 09:00", "--tz", "America/Chicago")
	if code != 0 || !strings.Contains(out, "added subscription") {
		t.Fatalf("add: exit %d, %q %q", code, out, errOut)
	}
	code, out, _ = runArgs(t, "", env, "digest", "list")
	if code != 0 || !strings.Contains(out, "C9") || !strings.Contains(out, "America/Chicago") {
		t.Fatalf("list: exit %d, %q; want the channel added", code, out)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("the data directory was created although a database URL was given")
	}
}

// TestDatabaseURLRefused: a database URL that is not PostgreSQL's is a usage error that
// does not repeat the URL (it may hold a password), for serve, digest and migrate alike.
func TestDatabaseURLRefused(t *testing.T) {
	env := map[string]string{"CAREERBOT_DATABASE_URL": "mysql://root:hunter2@db/careerbot", "CAREERBOT_DATA_DIR": t.TempDir(),
		"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}
	for _, args := range [][]string{{"migrate"}, {"digest", "list"}, {"serve", "--addr", "127.0.0.1:0"}} {
		code, _, errOut := runArgs(t, "", env, args...)
		if code != 2 || !strings.Contains(errOut, "postgres://") || strings.Contains(errOut, "hunter2") {
			t.Errorf("%v: exit %d, %q; want 2, saying a postgres:// URL is needed, without the password", args, code, errOut)
		}
	}
}

// TestMigrateSQLite: without a database URL, migrate prepares the SQLite file.
func TestMigrateSQLite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	code, out, errOut := runArgs(t, "", map[string]string{"CAREERBOT_DATA_DIR": dir}, "migrate")
	if code != 0 || !strings.Contains(out, "SQLite") {
		t.Fatalf("migrate: exit %d, %q %q", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "careerbot.db")); err != nil {
		t.Fatalf("no database file: %v", err)
	}
}
