package sqlite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	driver "modernc.org/sqlite"
)

// concurrentOpens is how many processes (or connections) open one fresh data directory at
// once in the tests below: more than any deployment starts together.
const concurrentOpens = 50

// TestConcurrentOpen: many opens of one fresh data directory at once, each with its own
// *sql.DB as separate processes would have, all succeed and leave the schema migrated
// exactly once.
func TestConcurrentOpen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	start := make(chan struct{})
	errs := make([]error, concurrentOpens)
	var wg sync.WaitGroup
	for i := range concurrentOpens {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			s, err := Open(ctx, dir)
			if err != nil {
				errs[i] = err
				return
			}
			errs[i] = s.Close()
		}()
	}
	close(start)
	wg.Wait()
	failed := 0
	for i, err := range errs {
		if err != nil {
			failed++
			t.Errorf("open %d: %v", i, err)
		}
	}
	if failed > 0 {
		t.Errorf("%d of %d concurrent opens failed", failed, concurrentOpens)
	}
	checkSchema(t, dir)
}

// helperDirEnv names the data directory a child process opens in TestHelperProcess.
const helperDirEnv = "CAREERBOT_SQLITE_TEST_OPEN_DIR"

// TestConcurrentOpenProcesses: as TestConcurrentOpen, with separate processes (this test
// binary run again), which take SQLite's file locks as a real deployment would.
func TestConcurrentOpenProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts 50 processes")
	}
	dir := t.TempDir()
	gate := filepath.Join(t.TempDir(), "go")
	cmds := make([]*exec.Cmd, concurrentOpens)
	outs := make([]*lockedBuffer, concurrentOpens)
	for i := range cmds {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), helperDirEnv+"="+dir, helperDirEnv+"_GATE="+gate)
		outs[i] = &lockedBuffer{}
		cmd.Stdout, cmd.Stderr = outs[i], outs[i]
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds[i] = cmd
	}
	// Every child waits for the gate file, so all of them open the database together.
	if err := os.WriteFile(gate, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	failed := 0
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			failed++
			t.Errorf("process %d: %v\n%s", i, err, outs[i].String())
		}
	}
	if failed > 0 {
		t.Errorf("%d of %d processes failed to open the database", failed, concurrentOpens)
	}
	checkSchema(t, dir)
}

// TestHelperProcess is a child process of TestConcurrentOpenProcesses: it opens the
// directory it is given and exits 0 when that succeeded. Run directly, it does nothing.
func TestHelperProcess(t *testing.T) {
	dir := os.Getenv(helperDirEnv)
	if dir == "" {
		return
	}
	gate := os.Getenv(helperDirEnv + "_GATE")
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(time.Millisecond) {
		if _, err := os.Stat(gate); err == nil {
			break
		}
		if time.Now().After(deadline) {
			fmt.Fprintln(os.Stderr, "the gate never opened")
			os.Exit(2)
		}
	}
	s, err := Open(context.Background(), dir)
	if err == nil {
		err = s.Close()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

// checkSchema asserts that dir's database has every migration applied once and the
// tables and indexes they make.
func checkSchema(t *testing.T, dir string) {
	t.Helper()
	s, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var versions []int
	rows, err := s.db.Query(`SELECT version FROM schema_migrations ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		versions = append(versions, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if want := []int{1, 2, 3, 4}; !reflect.DeepEqual(versions, want) {
		t.Errorf("applied migrations %v, want %v", versions, want)
	}
	var objects []string
	rows2, err := s.db.Query(`SELECT type || ' ' || name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows2.Close()
	for rows2.Next() {
		var o string
		if err := rows2.Scan(&o); err != nil {
			t.Fatal(err)
		}
		objects = append(objects, o)
	}
	if want := []string{"index review_entries_at", "index subscriptions_channel", "table review_entries", "table schema_migrations", "table subscriptions"}; !reflect.DeepEqual(objects, want) {
		t.Errorf("schema objects %v, want %v", objects, want)
	}
	var unique int
	if err := s.db.QueryRow(`SELECT "unique" FROM pragma_index_list('subscriptions') WHERE name = 'subscriptions_channel'`).Scan(&unique); err != nil || unique != 1 {
		t.Errorf("subscriptions_channel unique = %d (%v), want 1", unique, err)
	}
}

// lockedBuffer collects a child's output; exec copies stdout and stderr from two
// goroutines when they are not *os.File.
type lockedBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	return len(p), nil
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}

// TestMigrateErrors: a migration that fails says which version and file (what an operator
// needs to find the fault), keeps the cause reachable with errors.Is/As, and leaves the
// database as it was: the versions already applied stay, nothing of the failed run does.
func TestMigrateErrors(t *testing.T) {
	embedded := func(name string) *fstest.MapFile {
		body, err := migrations.ReadFile("migrations/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return &fstest.MapFile{Data: body}
	}
	var sqliteErr *driver.Error
	tests := []struct {
		name   string
		files  fstest.MapFS
		cancel bool
		want   string
		cause  func(error) bool
	}{
		{
			name: "broken SQL",
			files: fstest.MapFS{
				"migrations/001_subscriptions.sql":   embedded("001_subscriptions.sql"),
				"migrations/002_one_per_channel.sql": embedded("002_one_per_channel.sql"),
				"migrations/003_sending.sql":         embedded("003_sending.sql"),
				"migrations/004_review.sql":          embedded("004_review.sql"),
				"migrations/005_broken.sql":          {Data: []byte("CREATE TABLE extra (x INTEGER); SELEC 1;")},
				"migrations/006_never_reached.sql":   {Data: []byte("CREATE TABLE later (x INTEGER);")},
			},
			want:  "migrate to version 5 (migrations/005_broken.sql): ",
			cause: func(err error) bool { return errors.As(err, &sqliteErr) },
		},
		{
			name:  "file without a version number",
			files: fstest.MapFS{"migrations/extra.sql": {Data: []byte("CREATE TABLE extra (x INTEGER);")}},
			want:  "migration migrations/extra.sql: the name must start with a version number: ",
			cause: func(err error) bool { return errors.Is(err, strconv.ErrSyntax) },
		},
		{
			name:   "cancelled before it began",
			files:  fstest.MapFS{"migrations/005_extra.sql": {Data: []byte("CREATE TABLE extra (x INTEGER);")}},
			cancel: true,
			want:   "begin migration: ",
			cause:  func(err error) bool { return errors.Is(err, context.Canceled) },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			s, err := Open(context.Background(), dir)
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			if tt.cancel {
				cancel()
			}
			err = s.migrateFrom(ctx, tt.files)
			cancel()
			s.Close()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("migrate = %v, want an error containing %q", err, tt.want)
			}
			if err != nil && !tt.cause(err) {
				t.Errorf("migrate = %v (%T): the cause is not wrapped", err, err)
			}
			checkSchema(t, dir) // the embedded versions only; no table of the failed run
		})
	}
}
