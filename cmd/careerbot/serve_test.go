package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestServeSlackHTTP runs `careerbot serve` in HTTP mode against a fake Slack Web API:
// health and readiness answer, a signed mention is answered in its thread, and cancelling
// the context shuts the server down cleanly.
func TestServeSlackHTTP(t *testing.T) {
	var mu sync.Mutex
	var posts []string
	posted := make(chan struct{}, 10)
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		posts = append(posts, r.URL.Path+"?"+string(body))
		mu.Unlock()
		io.WriteString(w, `{"ok":true,"channel":"C1","ts":"1.1"}`)
		posted <- struct{}{}
	}))
	defer fake.Close()

	addr := freeAddr(t)
	env := map[string]string{"SLACK_BOT_TOKEN": "xoxb-secret-token", "SLACK_SIGNING_SECRET": "s3cret", "SLACK_API_URL": fake.URL + "/", "CAREERBOT_DATA_DIR": t.TempDir()}
	ctx, cancel := context.WithCancel(context.Background())
	var stderr bytes.Buffer
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", addr}, func(k string) string { return env[k] }, strings.NewReader(""), io.Discard, &stderr)
	}()
	base := "http://" + addr
	var resp *http.Response
	var err error
	for i := 0; i < 100; i++ {
		if resp, err = http.Get(base + "/healthz"); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("serve never listened: %v\n%s", err, stderr.String())
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("/healthz = %d, want 200", resp.StatusCode)
	}
	if resp, err = http.Get(base + "/readyz"); err != nil || resp.StatusCode != 200 {
		t.Errorf("/readyz = %v %v, want 200", resp.StatusCode, err)
	}

	body := `{"type":"event_callback","team_id":"T1","event_id":"Ev1","event":{"type":"app_mention","user":"U1","text":"<@UB> how much do they make?","ts":"1.5","channel":"C1"}}`
	stamp := strconv.FormatInt(time.Now().Unix(), 10)
	mac := hmac.New(sha256.New, []byte("s3cret"))
	fmt.Fprintf(mac, "v0:%s:%s", stamp, body)
	req, _ := http.NewRequest(http.MethodPost, base+"/slack/events", strings.NewReader(body))
	req.Header.Set("X-Slack-Request-Timestamp", stamp)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	resp, err = http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("POST /slack/events = %v, %v", resp, err)
	}
	select {
	case <-posted:
	case <-time.After(5 * time.Second):
		t.Fatal("no answer posted to Slack")
	}
	mu.Lock()
	if len(posts) != 1 || !strings.HasPrefix(posts[0], "/chat.postMessage?") || !strings.Contains(posts[0], "55%2C560") {
		t.Errorf("posts = %q, want one chat.postMessage with $55,560", posts)
	}
	mu.Unlock()

	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d after shutdown, want 0\n%s", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not shut down")
	}
	logs := stderr.String()
	if strings.Contains(logs, "xoxb-secret-token") || strings.Contains(logs, "s3cret") || strings.Contains(logs, "how much do they make") {
		t.Errorf("logs contain a secret or message text:\n%s", logs)
	}
	if !strings.Contains(logs, `"msg":"outbound queue drained"`) || !strings.Contains(logs, `"given_up":0`) {
		t.Errorf("shutdown did not log the drain:\n%s", logs)
	}
	if !strings.Contains(logs, `"msg":"careerbot serving"`) {
		t.Errorf("logs are not JSON lines off a terminal:\n%s", logs)
	}
}

func TestServeConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"nothing configured", nil, "careerbot chat"},
		{"http without signing secret", map[string]string{"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"},
		{"malformed bot token", map[string]string{"SLACK_BOT_TOKEN": "abc", "SLACK_SIGNING_SECRET": "s"}, "xoxb-"},
		{"malformed app token", map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xoxb-2"}, "xapp-"},
		{"API URL without a slash", map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": "http://x"}, "must end in /"},
		{"malformed Discord key", map[string]string{"DISCORD_PUBLIC_KEY": "abc"}, "DISCORD_PUBLIC_KEY"},
		{"bad shard", map[string]string{"DISCORD_BOT_TOKEN": "t", "DISCORD_SHARD_ID": "3", "DISCORD_SHARD_COUNT": "2"}, "shard"},
		{"malformed Discord API URL", map[string]string{"DISCORD_BOT_TOKEN": "t", "DISCORD_API_URL": "not a url"}, "DISCORD_API_URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A configuration error is found before anything touches the disk: no
			// database is left behind (one used to be committed from this very test).
			dir := filepath.Join(t.TempDir(), "data")
			env := map[string]string{"CAREERBOT_DATA_DIR": dir}
			for k, v := range tt.env {
				env[k] = v
			}
			code, _, errOut := runArgs(t, "", env, "serve", "--addr", "127.0.0.1:0")
			if code != 1 || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want 1 and a message mentioning %q", code, errOut, tt.want)
			}
			if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("the data directory exists after a configuration error (%v)", err)
			}
		})
	}
}
