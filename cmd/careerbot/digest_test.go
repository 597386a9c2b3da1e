package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot/digest"
	"github.com/careerbot/careerbot/bot/digest/sqlite"
)

func TestDigestCLI(t *testing.T) {
	env := map[string]string{"CAREERBOT_DATA_DIR": t.TempDir()}
	code, _, errOut := runArgs(t, "", env, "digest", "add", "--platform", "slack", "--channel", "C1", "--schedule", "* * * * *", "--tz", "UTC")
	if code != 2 || !strings.Contains(errOut, "more often than hourly") {
		t.Errorf("every-minute schedule: exit %d, %q; want 2 and why", code, errOut)
	}
	for _, bad := range [][]string{
		{"--schedule", "daily 25:00", "--tz", "UTC"},
		{"--schedule", "daily", "--tz", "Mars/Base"},
		{"--schedule", "CRON_TZ=Nowhere 0 9 * * *", "--tz", "UTC"},
		{"--schedule", "0 9 * *", "--tz", "UTC"},
	} {
		args := append([]string{"digest", "add", "--platform", "slack", "--channel", "C1"}, bad...)
		if code, _, errOut := runArgs(t, "", env, args...); code != 2 || !strings.Contains(errOut, "accepted") && !strings.Contains(errOut, "IANA") {
			t.Errorf("%v: exit %d, %q; want 2 and what is accepted", bad, code, errOut)
		}
	}
	if code, _, errOut := runArgs(t, "", env, "digest", "add", "--platform", "irc", "--channel", "C1", "--schedule", "daily"); code != 2 {
		t.Errorf("unknown platform: exit %d, %q", code, errOut)
	}
	code, out, errOut := runArgs(t, "", env, "digest", "add", "--platform", "slack", "--channel", "C1", "--schedule", "weekly monday 09:00", "--tz", "America/Chicago")
	if code != 0 || !strings.Contains(out, "added subscription 1") {
		t.Fatalf("add: exit %d, %q %q", code, out, errOut)
	}
	code, out, _ = runArgs(t, "", env, "digest", "add", "--platform", "slack", "--channel", "C1", "--schedule", "weekly monday 09:00", "--tz", "America/Chicago")
	if code != 0 || !strings.Contains(out, "replaced") {
		t.Errorf("adding to the same channel again: exit %d, %q; want it replaced", code, out)
	}
	code, out, _ = runArgs(t, "", env, "digest", "list")
	if code != 0 || !strings.Contains(out, "0 9 * * 1") || !strings.Contains(out, "America/Chicago") || !strings.Contains(out, "active") || strings.Count(out, "C1") != 1 {
		t.Errorf("list: exit %d, %q; want one subscription for C1", code, out)
	}
	code, out, _ = runArgs(t, "", env, "digest", "preview")
	if code != 0 || !strings.Contains(out, "17%") || !strings.Contains(out, "3,400") {
		t.Errorf("preview: exit %d, %q; want 17%% and 3,400", code, out)
	}
	if code, _, errOut := runArgs(t, "", env, "digest", "send", "1"); code != 1 || !strings.Contains(errOut, "SLACK_BOT_TOKEN") {
		t.Errorf("send without credentials: exit %d, %q", code, errOut)
	}
	code, out, _ = runArgs(t, "", env, "digest", "remove", "1")
	if code != 0 || !strings.Contains(out, "removed subscription 1") {
		t.Errorf("remove: exit %d, %q", code, out)
	}
	if code, _, _ := runArgs(t, "", env, "digest", "remove", "1"); code != 1 {
		t.Errorf("removing again: exit %d, want 1", code)
	}
	if code, _, _ := runArgs(t, "", env, "digest", "frob"); code != 2 {
		t.Errorf("unknown digest command: exit %d, want 2", code)
	}
}

// TestServePostsDueDigestOnce: with serve running against a fake Slack API, a subscription
// due now produces exactly one chat.postMessage; stopping and starting serve again right
// after produces no second one for that slot.
func TestServePostsDueDigestOnce(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	spec := fmt.Sprintf("%d %d * * *", now.Minute(), now.Hour())
	if _, err := store.Add(ctx, digest.Subscription{Platform: "slack", ChannelID: "CDIGEST", Spec: spec, Zone: "UTC", CreatedAt: now.Add(-2 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	store.Close()

	var mu sync.Mutex
	var posts []string
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		posts = append(posts, r.URL.Path+" "+string(b))
		mu.Unlock()
		io.WriteString(w, `{"ok":true,"channel":"CDIGEST","ts":"1.1"}`)
	}))
	defer fake.Close()
	env := map[string]string{"SLACK_BOT_TOKEN": "xoxb-t", "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": fake.URL + "/", "CAREERBOT_DATA_DIR": dir, "CAREERBOT_DIGEST_TICK": "50ms"}
	runServe := func(d time.Duration) {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		defer cancel()
		var stderr bytes.Buffer
		if code := run(ctx, []string{"serve", "--addr", freeAddr(t)}, func(k string) string { return env[k] }, strings.NewReader(""), io.Discard, &stderr); code != 0 {
			t.Fatalf("serve exited %d:\n%s", code, stderr.String())
		}
	}
	runServe(time.Second)
	runServe(time.Second) // a restart
	mu.Lock()
	defer mu.Unlock()
	n := 0
	for _, p := range posts {
		if strings.HasPrefix(p, "/chat.postMessage") && strings.Contains(p, "CDIGEST") {
			n++
			if !strings.Contains(p, "17%25") {
				t.Errorf("digest post lacks the outlook: %s", p)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d digest posts across a restart, want exactly 1", n)
	}
}
