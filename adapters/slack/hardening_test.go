package slack

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/careerbot/careerbot/adapters/outbound"
)

// trackedBody counts the bytes the server reads of a request body.
type trackedBody struct {
	r    io.Reader
	read atomic.Int64
}

func (b *trackedBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.read.Add(int64(n))
	return n, err
}

// Headers are checked before a byte of the body is read: an unsigned flood of big bodies
// costs no memory.
func TestHeadersCheckedBeforeTheBody(t *testing.T) {
	_, h := newTestAdapter(t, newFakeSlack(t), "")
	now := time.Now()
	stamp := strconv.FormatInt(now.Unix(), 10)
	tests := []struct {
		name    string
		headers map[string]string
	}{
		{"no headers", nil},
		{"no signature", map[string]string{"X-Slack-Request-Timestamp": stamp}},
		{"no timestamp", map[string]string{"X-Slack-Signature": "v0=" + strings.Repeat("ab", 32)}},
		{"signature not v0", map[string]string{"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": "v1=" + strings.Repeat("ab", 32)}},
		{"signature not hex", map[string]string{"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": "v0=" + strings.Repeat("zz", 32)}},
		{"signature short", map[string]string{"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": "v0=abcd"}},
		{"timestamp not a number", map[string]string{"X-Slack-Request-Timestamp": "yesterday", "X-Slack-Signature": "v0=" + strings.Repeat("ab", 32)}},
		{"timestamp stale", map[string]string{"X-Slack-Request-Timestamp": strconv.FormatInt(now.Add(-6*time.Minute).Unix(), 10), "X-Slack-Signature": "v0=" + strings.Repeat("ab", 32)}},
		{"timestamp from the future", map[string]string{"X-Slack-Request-Timestamp": strconv.FormatInt(now.Add(6*time.Minute).Unix(), 10), "X-Slack-Signature": "v0=" + strings.Repeat("ab", 32)}},
	}
	for _, path := range []string{"/slack/events", "/slack/commands", "/slack/interactivity"} {
		for _, tt := range tests {
			t.Run(path+"/"+tt.name, func(t *testing.T) {
				body := &trackedBody{r: strings.NewReader(strings.Repeat("x", 1<<20-1))}
				r := httptest.NewRequest(http.MethodPost, path, body)
				for k, v := range tt.headers {
					r.Header.Set(k, v)
				}
				if w := serve(h, r); w.Code != http.StatusUnauthorized {
					t.Errorf("status %d, want 401", w.Code)
				}
				if n := body.read.Load(); n != 0 {
					t.Errorf("read %d bytes of the body before rejecting the headers; want 0", n)
				}
			})
		}
	}
}

// A well-formed but wrong signature is only known after the body: the body is then read
// within the limit, never up to the old 1 MiB.
func TestBodyLimit(t *testing.T) {
	_, h := newTestAdapter(t, newFakeSlack(t), "")
	stamp := strconv.FormatInt(time.Now().Unix(), 10)
	body := &trackedBody{r: strings.NewReader(strings.Repeat("x", 1<<20-1))}
	r := httptest.NewRequest(http.MethodPost, "/slack/events", body)
	r.ContentLength = -1 // chunked: the size is found out while reading
	r.Header.Set("X-Slack-Request-Timestamp", stamp)
	r.Header.Set("X-Slack-Signature", "v0="+strings.Repeat("ab", 32))
	if w := serve(h, r); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d, want 413", w.Code)
	}
	if n := body.read.Load(); n > 129<<10 {
		t.Errorf("read %d bytes of a too-large body; want at most the 128 KiB limit and a buffer", n)
	}
}

// When the queue is full, an event is not acknowledged (503, so Slack redelivers it);
// every event that got a 200 is answered.
func TestFullQueueRefusesInsteadOfDropping(t *testing.T) {
	f := newFakeSlack(t)
	f.hold = make(chan struct{})
	q := outbound.New(outbound.Config{Workers: 1, Capacity: 2})
	a, h := newTestAdapterWith(t, f, "", func(c *Config) { c.Queue = q })
	var acked []string
	refused := 0
	for i := range 10 {
		id := fmt.Sprintf("EvQ%d", i)
		w := serve(h, signed("/slack/events", "application/json", mentionAt(id, "salary", i), time.Now()))
		switch w.Code {
		case http.StatusOK:
			acked = append(acked, id)
		case http.StatusServiceUnavailable:
			refused++
			if w.Header().Get("Retry-After") == "" {
				t.Error("503 without Retry-After")
			}
		default:
			t.Fatalf("event %s: status %d", id, w.Code)
		}
	}
	if refused == 0 || len(acked) > 3 {
		t.Fatalf("acknowledged %d, refused %d of 10 with 1 worker and room for 2; want at most 3 acknowledged", len(acked), refused)
	}
	close(f.hold)
	settle(t, a)
	if got := len(f.recorded("chat.postMessage")); got != len(acked) {
		t.Errorf("answered %d, acknowledged %d: want every acknowledged event answered", got, len(acked))
	}
	// Slack redelivers a refused event: now there is room, and it is answered.
	w := serve(h, signed("/slack/events", "application/json", mentionAt("EvQ9", "salary", 9), time.Now()))
	if w.Code != http.StatusOK {
		t.Fatalf("redelivery: status %d, want 200", w.Code)
	}
	settle(t, a)
	if got := len(f.recorded("chat.postMessage")); got != len(acked)+1 {
		t.Errorf("after the redelivery: %d answers, want %d", got, len(acked)+1)
	}
}

// Posts are retried on 5xx as on 429, within a budget.
func TestServerErrorsAreRetried(t *testing.T) {
	f := newFakeSlack(t)
	f.failing = 2
	a, h := newTestAdapter(t, f, "")
	a.backoff = time.Millisecond
	serve(h, signed("/slack/events", "application/json", mention("Ev5xx", "salary"), time.Now()))
	settle(t, a)
	if got := len(f.recorded("chat.postMessage")); got != 3 {
		t.Fatalf("%d attempts, want 3 (two 500s, then the answer)", got)
	}
	if s := a.queue.Stats(); s.Sent != 1 {
		t.Errorf("stats %+v, want the answer sent", s)
	}
	f.failing = 100
	serve(h, signed("/slack/events", "application/json", mention("Ev5xx2", "salary"), time.Now()))
	settle(t, a)
	if got := len(f.recorded("chat.postMessage")) - 3; got != maxAttempts {
		t.Errorf("a post that always fails was tried %d times, want the budget of %d", got, maxAttempts)
	}
}

// Network errors (no HTTP answer at all) are retried too.
func TestNetworkErrorsAreRetried(t *testing.T) {
	f := newFakeSlack(t)
	f.dropped = 2
	a, h := newTestAdapter(t, f, "")
	a.backoff = time.Millisecond
	serve(h, signed("/slack/events", "application/json", mention("EvNet", "salary"), time.Now()))
	settle(t, a)
	if s := a.queue.Stats(); s.Sent != 1 || len(f.recorded("chat.postMessage")) != 3 {
		t.Errorf("stats %+v after %d attempts, want the answer sent on the third", s, len(f.recorded("chat.postMessage")))
	}
}

// An answer waiting out a rate limit when shutdown starts is sent within the drain budget.
func TestShutdownDrainsWaitingAnswers(t *testing.T) {
	f := newFakeSlack(t)
	f.limited, f.retryAfter = 1, "1"
	a, h := newTestAdapter(t, f, "")
	serve(h, signed("/slack/events", "application/json", mention("EvS", "salary"), time.Now()))
	for deadline := time.Now().Add(5 * time.Second); len(f.recorded("chat.postMessage")) == 0; {
		if time.Now().After(deadline) {
			t.Fatal("the first attempt never reached the API")
		}
		time.Sleep(time.Millisecond)
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := a.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if s := a.queue.Stats(); s.Sent != 1 || s.GivenUp != 0 || len(f.recorded("chat.postMessage")) != 2 {
		t.Errorf("stats %+v: want the answer sent on its second attempt, during the drain", s)
	}
	if took := time.Since(start); took < 500*time.Millisecond {
		t.Errorf("shutdown took %v: it did not wait out the 1 s Retry-After", took)
	}
	if w := serve(h, signed("/slack/events", "application/json", mention("EvLate", "salary"), time.Now())); w.Code != http.StatusServiceUnavailable {
		t.Errorf("an event after shutdown: status %d, want 503 so Slack redelivers it to a running replica", w.Code)
	}
}

// A response_url outside Slack is never called.
func TestResponseURLAllowlist(t *testing.T) {
	var hits atomic.Int64
	internal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer internal.Close()
	f := newFakeSlack(t)
	a, h := newTestAdapter(t, f, "")
	for _, target := range []string{
		internal.URL + "/admin",
		"http://hooks.slack.com/actions/1",          // not https
		"https://hooks.slack.com.evil.example/x",    // another host
		"https://user:pw@hooks.slack.com/actions/1", // credentials
		"file:///etc/passwd",
		strings.Replace(f.srv.URL, "http://", "https://", 1) + "/x", // the API's host, another scheme
	} {
		payload := fmt.Sprintf(`{"type":"block_actions","team":{"id":"T1"},"user":{"id":"U1"},"channel":{"id":"C1"},"response_url":%q,"actions":[{"block_id":"suggestions","action_id":%q,"value":"outlook","type":"button"}]}`, target, actionSuggest+"_1")
		w := serve(h, signed("/slack/interactivity", "application/x-www-form-urlencoded", url.Values{"payload": {payload}}.Encode(), time.Now()))
		if w.Code != http.StatusOK {
			t.Errorf("%s: status %d, want 200 (acknowledged, then ignored)", target, w.Code)
		}
	}
	settle(t, a)
	if hits.Load() != 0 || len(f.recorded("x")) != 0 {
		t.Errorf("careerbot called a response_url outside Slack (%d internal hits)", hits.Load())
	}
	if s := a.queue.Stats(); s.Sent+s.Failed != 0 {
		t.Errorf("stats %+v: nothing should have been queued", s)
	}
}

func TestResponseURLAllowed(t *testing.T) {
	a := newAdapter(nil, nil, Config{APIURL: "http://127.0.0.1:5555/api/"})
	for raw, want := range map[string]bool{
		"https://hooks.slack.com/actions/T1/1/abc": true,
		"https://HOOKS.slack.com/actions/T1/1/abc": false, // Go keeps the host's case; Slack sends lower case
		"http://127.0.0.1:5555/hook":               true,  // the configured API (tests, proxies)
		"http://127.0.0.1:5556/hook":               false,
		"http://localhost:5555/hook":               false,
		"https://hooks.slack.com:8443/x":           false,
		"//hooks.slack.com/x":                      false,
		"":                                         false,
	} {
		if got := a.responseURLAllowed(raw); got != want {
			t.Errorf("responseURLAllowed(%q) = %v, want %v", raw, got, want)
		}
	}
}

// mentionAt is a mention with its own ts, so each gets its own thread.
func mentionAt(eventID, text string, i int) string {
	ts := fmt.Sprintf("1700000000.%06d", i)
	return fmt.Sprintf(`{"type":"event_callback","team_id":"T1","event_id":%q,"event":{"type":"app_mention","user":"U1","text":%q,"ts":%q,"channel":"C1","event_ts":%q}}`, eventID, text, ts, ts)
}
