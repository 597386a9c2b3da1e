package load_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot/digest"
	"github.com/careerbot/careerbot/store/postgres"
	"github.com/careerbot/careerbot/store/postgres/pgtest"
)

// textSlack is a Slack Web API that keeps every chat.postMessage: its channel, thread and
// text, so a test can read what each replica said and count posts per channel.
type textSlack struct {
	srv *httptest.Server

	mu    sync.Mutex
	posts []slackPost
	hooks []string // bodies posted to a response_url (/hooks/…)
}

type slackPost struct{ channel, thread, text string }

func newTextSlack(t *testing.T) *textSlack {
	f := &textSlack{}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		if strings.HasPrefix(r.URL.Path, "/hooks/") {
			body, _ := io.ReadAll(r.Body)
			f.mu.Lock()
			f.hooks = append(f.hooks, string(body))
			f.mu.Unlock()
			io.WriteString(w, `{"ok":true}`)
			return
		}
		if strings.HasSuffix(r.URL.Path, "/chat.postMessage") {
			f.mu.Lock()
			f.posts = append(f.posts, slackPost{r.PostForm.Get("channel"), r.PostForm.Get("thread_ts"), r.PostForm.Get("text")})
			n := len(f.posts)
			f.mu.Unlock()
			fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":"2000000000.%06d"}`, r.PostForm.Get("channel"), n)
			return
		}
		io.WriteString(w, `{"ok":true}`)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

// inThread is every post in a thread, in order.
func (f *textSlack) inThread(ts string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, p := range f.posts {
		if p.thread == ts {
			out = append(out, p.text)
		}
	}
	return out
}

// perChannel counts the posts outside threads (digests) per channel.
func (f *textSlack) perChannel() map[string]int {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string]int{}
	for _, p := range f.posts {
		if p.thread == "" {
			out[p.channel]++
		}
	}
	return out
}

// startReplicas starts two serve processes on one PostgreSQL database and one Slack app.
func startReplicas(t *testing.T, url string, fake *textSlack, env ...string) (a, b *server) {
	secret := randomHex(16)
	cfg := serverConfig{apiURL: fake.srv.URL + "/api/", env: append([]string{"CAREERBOT_DATABASE_URL=" + url, "SLACK_SIGNING_SECRET=" + secret}, env...)}
	a, b = startServer(t, cfg), startServer(t, cfg)
	a.secret, b.secret = secret, secret
	return a, b
}

// mentionIn is an app_mention with text, in thread (empty: a new message).
func mentionIn(ts, thread, text string) string {
	threadField := ""
	if thread != "" {
		threadField = `,"thread_ts":"` + thread + `"`
	}
	return `{"type":"event_callback","team_id":"T1","api_app_id":"A1","event_id":"Ev` + ts + `","event_time":` + strconv.FormatInt(tsBase, 10) +
		`,"event":{"type":"app_mention","user":"U1","text":"<@UBOT> ` + text + `","ts":"` + ts + `","channel":"C1","event_ts":"` + ts + `"` + threadField + `}}`
}

func deliver(t *testing.T, s *server, body string, retry int) {
	t.Helper()
	req := s.slackRequest("/slack/events", "application/json", body, time.Now())
	if retry > 0 {
		req.Header.Set("X-Slack-Retry-Num", strconv.Itoa(retry))
		req.Header.Set("X-Slack-Retry-Reason", "http_timeout")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("delivery to %s: %d, want 200", s.Addr, resp.StatusCode)
	}
}

// TestReplicasShareEventsAndConversations: two replicas on one database. A Slack event
// delivered to A and its retry delivered to B is answered once; a follow-up that lands on
// B keeps what A's answer was about ("and worst?" after the best-paying industry is the
// worst-paying industry, not the lowest 10 percent it means when asked alone).
func TestReplicasShareEventsAndConversations(t *testing.T) {
	url := pgtest.URL(t)
	fake := newTextSlack(t)
	a, b := startReplicas(t, url, fake)

	ts := nextTS()
	first := mentionIn(ts, "", "what sector pays them best")
	deliver(t, a, first, 0)
	deliver(t, b, first, 1)
	if !waitFor(10*time.Second, func() bool { return len(fake.inThread(ts)) >= 1 }) {
		t.Fatalf("no answer:\nA: %s\nB: %s", a.stderr(), b.stderr())
	}
	time.Sleep(500 * time.Millisecond) // room for a second answer, if the retry got one
	if got := fake.inThread(ts); len(got) != 1 {
		t.Fatalf("the event and its retry on the other replica were answered %d times, want 1", len(got))
	}

	deliver(t, b, mentionIn(nextTS(), ts, "and worst?"), 0)
	if !waitFor(10*time.Second, func() bool { return len(fake.inThread(ts)) >= 2 }) {
		t.Fatalf("no answer to the follow-up:\nB: %s", b.stderr())
	}
	reply := fake.inThread(ts)[1]
	if !strings.Contains(reply, "$44,990") || strings.Contains(reply, "$29,680") {
		t.Fatalf("the follow-up on the other replica got %q; want the worst-paying industry ($44,990), as the conversation meant", reply)
	}
}

// TestReplicasPostEachDigestOnce: 200 subscriptions due in the same minute, two replicas
// ticking every second: every channel gets exactly one digest.
func TestReplicasPostEachDigestOnce(t *testing.T) {
	url := pgtest.URL(t)
	const n = 200
	db, err := postgres.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	// Created two hours ago, hourly: the slot at the start of this hour is due now, for all.
	created := time.Now().Add(-2 * time.Hour)
	for i := range n {
		s := digest.Subscription{Platform: "slack", TeamID: "T1", ChannelID: fmt.Sprintf("D%03d", i), Spec: "0 * * * *", Zone: "UTC", CreatedBy: "test", CreatedAt: created}
		if _, err := db.Digests().Add(context.Background(), s); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	fake := newTextSlack(t)
	a, b := startReplicas(t, url, fake, "CAREERBOT_DIGEST_TICK=1s")
	waitFor(40*time.Second, func() bool { return len(fake.perChannel()) >= n })
	time.Sleep(2 * time.Second) // room for doubles
	per := fake.perChannel()
	lost, doubled := 0, 0
	for i := range n {
		switch c := per[fmt.Sprintf("D%03d", i)]; {
		case c == 0:
			lost++
		case c > 1:
			doubled += c - 1
		}
	}
	logTable(t, "digests across two replicas", []string{"subscriptions", "channels posted", "lost", "doubled", "posted by A", "posted by B"},
		[]string{strconv.Itoa(n), strconv.Itoa(len(per)), strconv.Itoa(lost), strconv.Itoa(doubled), strconv.Itoa(a.countLogs("digest posted")), strconv.Itoa(b.countLogs("digest posted"))})
	if lost != 0 || doubled != 0 {
		t.Fatalf("%d channels without their digest, %d doubles; want 0 and 0", lost, doubled)
	}
}
