package load_test

import (
	"bytes"
	"context"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestConcurrentFreshStarts starts 50 `careerbot digest list` at once on one fresh data
// directory: each opens and migrates the SQLite store, and every one must exit 0.
func TestConcurrentFreshStarts(t *testing.T) {
	const n = 50
	rounds := pick(1, 5)
	failures, firstErr := 0, ""
	start := time.Now()
	for range rounds {
		dir := t.TempDir()
		var mu sync.Mutex
		var wg sync.WaitGroup
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
				defer cancel()
				cmd := exec.CommandContext(ctx, binary, "digest", "list", "--data-dir", dir)
				cmd.Env = childEnv()
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				err := cmd.Run()
				if err != nil {
					mu.Lock()
					failures++
					if firstErr == "" {
						firstErr = err.Error() + ": " + strings.TrimSpace(stderr.String())
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
	}
	took := time.Since(start)
	logTable(t, "concurrent fresh starts (digest list on one new data dir)",
		[]string{"processes", "rounds", "failed", "took", "first failure"},
		[]string{strconv.Itoa(n), strconv.Itoa(rounds), strconv.Itoa(failures), took.Round(time.Millisecond).String(), firstErr},
	)
	if failures > 0 {
		t.Errorf("%d of %d fresh starts failed; first: %s", failures, n*rounds, firstErr)
	}
}
