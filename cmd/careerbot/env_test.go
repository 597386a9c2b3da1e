package main

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestServeEnvSettings: every typed setting serve reads from the environment is used when
// valid, is its default when unset or empty, and, when set to something that cannot be
// read, stops serve with exit status 1 and a message naming the variable and the value,
// before the data directory is created or the address is listened on.
func TestServeEnvSettings(t *testing.T) {
	tests := []struct {
		key     string
		setting func(serveConfig) any // what serve runs with
		valid   string
		want    any // with valid
		def     any // unset or empty
		invalid []string
	}{
		{"CAREERBOT_DIGEST_GRACE", func(c serveConfig) any { return c.digestGrace }, "90m", 90 * time.Minute, time.Hour, []string{"abc", "0", "-1h"}},
		{"CAREERBOT_DIGEST_TICK", func(c serveConfig) any { return c.digestTick }, "50ms", 50 * time.Millisecond, 15 * time.Second, []string{"15", "0s"}},
		{"CAREERBOT_DRAIN_TIMEOUT", func(c serveConfig) any { return c.drainTimeout }, "40s", 40 * time.Second, 25 * time.Second, []string{"abc", "-5s", "25 s"}},
		{"CAREERBOT_OUTBOUND_WORKERS", func(c serveConfig) any { return c.workers }, "4", 4, 16, []string{"-3", "0", "many"}},
		{"CAREERBOT_OUTBOUND_QUEUE", func(c serveConfig) any { return c.queueSize }, "10", 10, 1024, []string{"0", "1e3", "1,024"}},
		{"DISCORD_SHARD_ID", func(c serveConfig) any { return c.discordShardID }, "1", 1, 0, []string{"-1", "one"}},
		{"DISCORD_SHARD_COUNT", func(c serveConfig) any { return c.discordShardCount }, "2", 2, 0, []string{"2.0", "-2"}},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			name, value string
			want        any
		}{{"valid", tt.valid, tt.want}, {"unset", "", tt.def}} {
			t.Run(tt.key+"/"+c.name, func(t *testing.T) {
				env := map[string]string{tt.key: c.value}
				o, err := parseCommand("serve", nil, func(k string) string { return env[k] }, io.Discard)
				if err != nil {
					t.Fatalf("%s=%q: %v, want no error", tt.key, c.value, err)
				}
				if got := tt.setting(o.serve); got != c.want {
					t.Errorf("%s=%q: serve runs with %v, want %v", tt.key, c.value, got, c.want)
				}
			})
		}
		for _, v := range tt.invalid {
			t.Run(tt.key+"/invalid="+v, func(t *testing.T) {
				code, errOut, dataDir := serveWith(t, map[string]string{tt.key: v})
				if want := tt.key + "=" + strconv.Quote(v); code != 1 || !strings.Contains(errOut, want) {
					t.Errorf("exit %d, stderr %q; want 1 and a message naming %s", code, errOut, want)
				}
				if _, err := os.Stat(dataDir); !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("the data directory exists after %s=%q (%v)", tt.key, v, err)
				}
			})
		}
	}
}

// TestServeFlagSettings: a flag value serve cannot run with is a configuration error too,
// not a default chosen in silence further down (the scheduler turns a zero tick into 15 s).
func TestServeFlagSettings(t *testing.T) {
	tests := []struct {
		flag, value, want string
	}{
		{"--digest-tick", "0s", "digest grace (1h0m0s) and tick (0s) must be positive"},
		{"--digest-grace", "-1h", "digest grace (-1h0m0s) and tick (15s) must be positive"},
		{"--drain-timeout", "0s", "drain timeout (0s) must be positive"},
		{"--outbound-workers", "0", "outbound workers (0)"},
		{"--outbound-queue", "-1", "queue size (-1)"},
	}
	for _, tt := range tests {
		t.Run(tt.flag, func(t *testing.T) {
			code, errOut, dataDir := serveWith(t, nil, tt.flag, tt.value)
			if code != 1 || !strings.Contains(errOut, tt.want) {
				t.Errorf("serve %s %s: exit %d, stderr %q; want 1 and %q", tt.flag, tt.value, code, errOut, tt.want)
			}
			if _, err := os.Stat(dataDir); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("the data directory exists after %s %s (%v)", tt.flag, tt.value, err)
			}
		})
	}
}

// serveWith runs serve configured for Slack over HTTP, which would otherwise start, plus
// env and args; it gives up after a few seconds so that a setting that is wrongly
// accepted fails the test instead of hanging it.
func serveWith(t *testing.T, env map[string]string, args ...string) (code int, stderr, dataDir string) {
	t.Helper()
	dataDir = filepath.Join(t.TempDir(), "data")
	all := map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "CAREERBOT_DATA_DIR": dataDir}
	for k, v := range env {
		all[k] = v
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	var errb strings.Builder
	args = append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)
	code = run(ctx, args, func(k string) string { return all[k] }, strings.NewReader(""), io.Discard, &errb)
	return code, errb.String(), dataDir
}
