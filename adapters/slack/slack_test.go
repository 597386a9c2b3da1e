package slack

import (
	"cmp"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/digest"
	"github.com/careerbot/careerbot/knowledge"
)

const secret = "test-signing-secret"

// fakeSlack is a Slack Web API that records what the adapter sends.
type fakeSlack struct {
	srv *httptest.Server

	mu    sync.Mutex
	calls []call
	// limited, when > 0, answers that many chat.postMessage calls with HTTP 429;
	// failing, that many with HTTP 500.
	limited, failing int
	// dropped, when > 0, closes that many chat.postMessage connections without an answer.
	dropped int
	// retryAfter is the Retry-After sent with a 429; "" means "0".
	retryAfter string
	// hold, when not nil, keeps every chat.postMessage waiting until it is closed.
	hold   chan struct{}
	posted chan struct{}
}

type call struct {
	method string
	form   url.Values
	json   map[string]any
}

func newFakeSlack(t *testing.T) *fakeSlack {
	f := &fakeSlack{posted: make(chan struct{}, 1000)}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		c := call{method: strings.TrimPrefix(r.URL.Path, "/")}
		if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
			json.Unmarshal(body, &c.json)
		} else {
			c.form, _ = url.ParseQuery(string(body))
		}
		f.mu.Lock()
		limited := c.method == "chat.postMessage" && f.limited > 0
		if limited {
			f.limited--
		}
		failing := c.method == "chat.postMessage" && !limited && f.failing > 0
		if failing {
			f.failing--
		}
		drop := c.method == "chat.postMessage" && !limited && !failing && f.dropped > 0
		if drop {
			f.dropped--
		}
		hold, retryAfter := f.hold, cmp.Or(f.retryAfter, "0")
		f.calls = append(f.calls, c)
		f.mu.Unlock()
		if drop {
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
			return
		}
		if hold != nil && c.method == "chat.postMessage" {
			<-hold
		}
		if failing {
			http.Error(w, "<html>oops</html>", http.StatusInternalServerError)
			return
		}
		if limited {
			w.Header().Set("Retry-After", retryAfter)
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		if c.method == "users.info" {
			if c.form.Get("user") == "UGUEST" {
				io.WriteString(w, `{"ok":true,"user":{"id":"UGUEST","tz":"UTC","is_restricted":true}}`)
				return
			}
			io.WriteString(w, `{"ok":true,"user":{"id":"U1","tz":"America/New_York"}}`)
			return
		}
		io.WriteString(w, `{"ok":true,"channel":"C1","ts":"1700000000.000100"}`)
		f.posted <- struct{}{}
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeSlack) wait(t *testing.T, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		select {
		case <-f.posted:
		case <-time.After(5 * time.Second):
			t.Fatalf("waited for %d Slack API calls, got %d", n, i)
		}
	}
}

func (f *fakeSlack) recorded(method string) []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []call
	for _, c := range f.calls {
		if c.method == method {
			out = append(out, c)
		}
	}
	return out
}

func newTestAdapter(t *testing.T, f *fakeSlack, url string) (*Adapter, http.Handler) {
	t.Helper()
	return newTestAdapterWith(t, f, url, func(*Config) {})
}

// newTestAdapterWith builds a test adapter whose configuration change alters.
func newTestAdapterWith(t *testing.T, f *fakeSlack, url string, change func(*Config)) (*Adapter, http.Handler) {
	t.Helper()
	kb, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(kb, bot.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if url == "" {
		url = f.srv.URL + "/"
	}
	cfg := Config{BotToken: "xoxb-test", SigningSecret: secret, APIURL: url}
	change(&cfg)
	a, err := New(b, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Shutdown(context.Background()) })
	mux := http.NewServeMux()
	a.Routes(mux)
	return a, mux
}

// signed builds a request signed as Slack signs them, at time ts.
func signed(path, contentType, body string, ts time.Time) *http.Request {
	r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	r.Header.Set("Content-Type", contentType)
	stamp := strconv.FormatInt(ts.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%s:%s", stamp, body)
	r.Header.Set("X-Slack-Request-Timestamp", stamp)
	r.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	return r
}

func serve(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func mention(eventID, text string) string {
	return fmt.Sprintf(`{"type":"event_callback","team_id":"T1","event_id":%q,"event":{"type":"app_mention","user":"U1","text":%q,"ts":"1700000000.000001","channel":"C1","event_ts":"1700000000.000001"}}`, eventID, text)
}

func TestMentionIsAnsweredOnceInThread(t *testing.T) {
	f := newFakeSlack(t)
	_, h := newTestAdapter(t, f, "")
	body := mention("Ev1", "<@UBOT> what's the salary? <!channel>")
	if w := serve(h, signed("/slack/events", "application/json", body, time.Now())); w.Code != http.StatusOK {
		t.Fatalf("event: status %d, want 200", w.Code)
	}
	f.wait(t, 1)
	// Slack retries the same event: no second answer.
	retry := signed("/slack/events", "application/json", body, time.Now())
	retry.Header.Set("X-Slack-Retry-Num", "1")
	if w := serve(h, retry); w.Code != http.StatusOK {
		t.Fatalf("retry: status %d, want 200", w.Code)
	}
	time.Sleep(100 * time.Millisecond)
	posts := f.recorded("chat.postMessage")
	if len(posts) != 1 {
		t.Fatalf("got %d chat.postMessage calls, want exactly 1", len(posts))
	}
	p := posts[0].form
	if p.Get("channel") != "C1" || p.Get("thread_ts") != "1700000000.000001" {
		t.Errorf("posted to channel %q thread %q, want C1 in thread 1700000000.000001", p.Get("channel"), p.Get("thread_ts"))
	}
	if !strings.Contains(p.Get("text"), "$55,560") || !strings.Contains(p.Get("blocks"), "$55,560") {
		t.Errorf("answer does not carry the median wage: text %q", p.Get("text"))
	}
	for _, ping := range []string{"<!channel>", "<@U", "@channel"} {
		if strings.Contains(p.Get("text")+p.Get("blocks"), ping) {
			t.Errorf("answer contains %q: user text must never ping", ping)
		}
	}
}

// An event whose answer could not be sent is forgotten: if Slack delivers it again (it
// does when an acknowledgement came late), it is answered then.
func TestFailedEventIsForgotten(t *testing.T) {
	f := newFakeSlack(t)
	a, h := newTestAdapter(t, f, "http://127.0.0.1:1/") // nothing listens: posting fails
	a.backoff = time.Millisecond
	serve(h, signed("/slack/events", "application/json", mention("Ev2", "<@UBOT> salary"), time.Now()))
	settle(t, a)
	if s := a.queue.Stats(); s.Failed != 1 {
		t.Fatalf("stats %+v, want the answer failed after its retries", s)
	}
	if !a.seen.First("Ev2") {
		t.Error("an event whose answer failed is still marked answered; a redelivery would be dropped")
	}
}

func TestDirectMessagesAndWhatToIgnore(t *testing.T) {
	f := newFakeSlack(t)
	a, h := newTestAdapter(t, f, "")
	msg := func(id, extra string) string {
		return fmt.Sprintf(`{"type":"event_callback","team_id":"T1","event_id":%q,"event":{"type":"message","channel_type":"im","channel":"D1","user":"U1","text":"how many openings a year","ts":"1.2"%s}}`, id, extra)
	}
	for _, body := range []string{
		msg("Ev10", `,"bot_id":"B1"`),               // a bot, maybe ourselves
		msg("Ev11", `,"subtype":"message_changed"`), // an edit
		msg("Ev12", `,"subtype":"channel_join"`),    // a join
		`{"type":"event_callback","team_id":"T1","event_id":"Ev13","event":{"type":"message","channel_type":"channel","channel":"C1","user":"U1","text":"salary","ts":"1.3"}}`, // a channel message without a mention
	} {
		serve(h, signed("/slack/events", "application/json", body, time.Now()))
	}
	settle(t, a)
	if n := len(f.recorded("chat.postMessage")); n != 0 {
		t.Fatalf("answered %d ignorable messages, want 0", n)
	}
	serve(h, signed("/slack/events", "application/json", msg("Ev14", ""), time.Now()))
	f.wait(t, 1)
	p := f.recorded("chat.postMessage")[0].form
	if p.Get("channel") != "D1" || !strings.Contains(p.Get("text"), "3,400") {
		t.Errorf("DM answer: channel %q text %q, want D1 and 3,400 openings", p.Get("channel"), p.Get("text"))
	}
}

func TestRateLimitedPostIsRetried(t *testing.T) {
	f := newFakeSlack(t)
	f.limited = 1
	_, h := newTestAdapter(t, f, "")
	serve(h, signed("/slack/events", "application/json", mention("Ev3", "<@UBOT> outlook"), time.Now()))
	f.wait(t, 1)
	if n := len(f.recorded("chat.postMessage")); n != 2 {
		t.Errorf("got %d chat.postMessage calls, want 2 (one 429, one retry)", n)
	}
}

func TestURLVerification(t *testing.T) {
	_, h := newTestAdapter(t, newFakeSlack(t), "")
	w := serve(h, signed("/slack/events", "application/json", `{"type":"url_verification","challenge":"abc123","token":"x"}`, time.Now()))
	if w.Code != http.StatusOK || w.Body.String() != "abc123" {
		t.Errorf("challenge: %d %q, want 200 abc123", w.Code, w.Body.String())
	}
}

func TestBadRequests(t *testing.T) {
	_, h := newTestAdapter(t, newFakeSlack(t), "")
	now := time.Now()
	badSig := signed("/slack/events", "application/json", mention("Ev4", "salary"), now)
	badSig.Header.Set("X-Slack-Signature", "v0=deadbeef")
	unsigned := httptest.NewRequest(http.MethodPost, "/slack/events", strings.NewReader(mention("Ev5", "salary")))
	tests := []struct {
		name string
		req  *http.Request
		want int
	}{
		{"bad signature", badSig, http.StatusUnauthorized},
		{"no signature", unsigned, http.StatusUnauthorized},
		{"stale timestamp", signed("/slack/events", "application/json", mention("Ev6", "salary"), now.Add(-6*time.Minute)), http.StatusUnauthorized},
		{"malformed JSON", signed("/slack/events", "application/json", `{"type":`, now), http.StatusBadRequest},
		{"oversized body", signed("/slack/events", "application/json", `{"x":"`+strings.Repeat("a", 130<<10)+`"}`, now), http.StatusRequestEntityTooLarge},
		{"unknown event type", signed("/slack/events", "application/json", `{"type":"something_new","x":1}`, now), http.StatusOK},
		{"unknown inner event", signed("/slack/events", "application/json", `{"type":"event_callback","event_id":"Ev7","event":{"type":"reaction_added"}}`, now), http.StatusOK},
		{"malformed interaction", signed("/slack/interactivity", "application/x-www-form-urlencoded", "payload=%7Bnot-json", now), http.StatusBadRequest},
		{"interaction without payload", signed("/slack/interactivity", "application/x-www-form-urlencoded", "a=b", now), http.StatusBadRequest},
		{"command bad signature", func() *http.Request {
			r := signed("/slack/commands", "application/x-www-form-urlencoded", "command=%2Fcareer&text=salary", now)
			r.Header.Set("X-Slack-Signature", "v0=00")
			return r
		}(), http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if w := serve(h, tt.req); w.Code != tt.want {
				t.Errorf("status %d, want %d (body %q)", w.Code, tt.want, w.Body.String())
			}
		})
	}
}

func TestSlashCommand(t *testing.T) {
	_, h := newTestAdapter(t, newFakeSlack(t), "")
	tests := []struct {
		text, want string
	}{
		{"what certification do I need", "RHIT"},
		{"", "I answer questions about"},
		{"help", "I answer questions about"},
		{"what's the weather <!here>", "I only know about"},
	}
	for _, tt := range tests {
		form := url.Values{"command": {"/career"}, "text": {tt.text}, "team_id": {"T1"}, "channel_id": {"C1"}, "user_id": {"U1"}, "response_url": {"https://hooks.example/x"}}
		w := serve(h, signed("/slack/commands", "application/x-www-form-urlencoded", form.Encode(), time.Now()))
		if w.Code != http.StatusOK {
			t.Fatalf("/career %q: status %d", tt.text, w.Code)
		}
		var msg struct {
			ResponseType string `json:"response_type"`
			Text         string `json:"text"`
		}
		json.Unmarshal(w.Body.Bytes(), &msg)
		if msg.ResponseType != "ephemeral" || !strings.Contains(msg.Text, tt.want) {
			t.Errorf("/career %q: %s %q, want ephemeral containing %q", tt.text, msg.ResponseType, msg.Text, tt.want)
		}
		if strings.Contains(w.Body.String(), "<!here>") {
			t.Errorf("/career %q echoed <!here>", tt.text)
		}
	}
}

func TestButtonAnswersItsTopic(t *testing.T) {
	f := newFakeSlack(t)
	_, h := newTestAdapter(t, f, "")
	hook := f.srv.URL + "/response-url"
	for _, tt := range []struct{ action, value, respType, want string }{
		{actionSuggest + "_1", "outlook", "ephemeral", "17%"},
		{actionShare, "pay/highest_10", "in_channel", "$98,490"},
	} {
		payload := fmt.Sprintf(`{"type":"block_actions","team":{"id":"T1"},"user":{"id":"U1"},"channel":{"id":"C1"},"response_url":%q,"actions":[{"block_id":"suggestions","action_id":%q,"value":%q,"type":"button"}]}`, hook, tt.action, tt.value)
		w := serve(h, signed("/slack/interactivity", "application/x-www-form-urlencoded", url.Values{"payload": {payload}}.Encode(), time.Now()))
		if w.Code != http.StatusOK {
			t.Fatalf("press %s: status %d", tt.action, w.Code)
		}
		f.wait(t, 1)
		calls := f.recorded("response-url")
		got := calls[len(calls)-1].json
		if got["response_type"] != tt.respType || !strings.Contains(fmt.Sprint(got["text"]), tt.want) {
			t.Errorf("press %s=%s: response %v %q, want %s containing %q", tt.action, tt.value, got["response_type"], got["text"], tt.respType, tt.want)
		}
	}
}

func TestAppHome(t *testing.T) {
	f := newFakeSlack(t)
	_, h := newTestAdapter(t, f, "")
	body := `{"type":"event_callback","team_id":"T1","event_id":"Ev20","event":{"type":"app_home_opened","user":"U1","channel":"D1","tab":"home"}}`
	serve(h, signed("/slack/events", "application/json", body, time.Now()))
	f.wait(t, 1)
	views := f.recorded("views.publish")
	if len(views) != 1 || !strings.Contains(fmt.Sprint(views[0].json), "What's the median salary?") {
		t.Fatalf("views.publish calls %v, want one home tab listing example questions", views)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	for _, cfg := range []Config{
		{BotToken: "", SigningSecret: "s"},
		{BotToken: "xapp-1", SigningSecret: "s"},
		{BotToken: "xoxb-1", SigningSecret: "s", APIURL: "http://x"},
	} {
		if _, err := New(nil, cfg); err == nil {
			t.Errorf("New(%+v) = nil error, want a configuration error", cfg)
		} else if strings.Contains(err.Error(), cfg.BotToken) && cfg.BotToken != "" {
			t.Errorf("error %q shows the token", err)
		}
	}
}

func TestFollowUpInThreadKeepsContext(t *testing.T) {
	f := newFakeSlack(t)
	_, h := newTestAdapter(t, f, "")
	first := `{"type":"event_callback","team_id":"T1","event_id":"Ev40","event":{"type":"app_mention","user":"U1","text":"<@UBOT> what's the salary?","ts":"100.1","channel":"C1"}}`
	serve(h, signed("/slack/events", "application/json", first, time.Now()))
	f.wait(t, 1)
	follow := `{"type":"event_callback","team_id":"T1","event_id":"Ev41","event":{"type":"app_mention","user":"U1","text":"<@UBOT> what about hospitals?","ts":"100.2","thread_ts":"100.1","channel":"C1"}}`
	serve(h, signed("/slack/events", "application/json", follow, time.Now()))
	f.wait(t, 1)
	posts := f.recorded("chat.postMessage")
	last := posts[len(posts)-1].form
	if last.Get("thread_ts") != "100.1" || !strings.Contains(last.Get("text"), "$49,550") {
		t.Errorf("follow-up: thread %q text %q, want thread 100.1 and the hospital median $49,550", last.Get("thread_ts"), last.Get("text"))
	}
}

// TestThreadIsTheConversation: in a thread everyone talks with careerbot together, as the
// thread shows them; the same person in another thread starts afresh.
func TestThreadIsTheConversation(t *testing.T) {
	tests := []struct {
		name, user, thread string
		continues          bool // the answer is the hospitals' pay ($49,550)
	}{
		{"another person in the same thread", "U2", "100.1", true},
		{"the same person in another thread", "U1", "200.1", false},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeSlack(t)
			_, h := newTestAdapter(t, f, "")
			first := fmt.Sprintf(`{"type":"event_callback","team_id":"T1","event_id":"Ev5%d","event":{"type":"app_mention","user":"U1","text":"<@UBOT> what's the salary?","ts":"100.1","channel":"C1"}}`, i)
			serve(h, signed("/slack/events", "application/json", first, time.Now()))
			f.wait(t, 1)
			follow := fmt.Sprintf(`{"type":"event_callback","team_id":"T1","event_id":"Ev6%d","event":{"type":"app_mention","user":%q,"text":"<@UBOT> what about hospitals?","ts":"300.2","thread_ts":%q,"channel":"C1"}}`, i, tt.user, tt.thread)
			serve(h, signed("/slack/events", "application/json", follow, time.Now()))
			f.wait(t, 1)
			posts := f.recorded("chat.postMessage")
			if got := posts[len(posts)-1].form.Get("text"); strings.Contains(got, "$49,550") != tt.continues {
				t.Errorf("follow-up answered %q; want the conversation continued: %v", got, tt.continues)
			}
		})
	}
}

func TestDigestCommands(t *testing.T) {
	f := newFakeSlack(t)
	kb, _ := knowledge.Default()
	store := digest.NewMemoryStore()
	b, _ := bot.New(kb, bot.Options{})
	a, err := New(b, Config{BotToken: "xoxb-test", SigningSecret: secret, APIURL: f.srv.URL + "/", Digests: digest.NewManager(store, digest.NewComposer(kb), digest.ManagerOptions{})})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	a.Routes(mux)
	askAs := func(user, text string) string {
		form := url.Values{"command": {"/career"}, "text": {text}, "team_id": {"T1"}, "channel_id": {"C1"}, "user_id": {user}}
		w := serve(mux, signed("/slack/commands", "application/x-www-form-urlencoded", form.Encode(), time.Now()))
		var msg struct {
			ResponseType string `json:"response_type"`
			Text         string `json:"text"`
		}
		json.Unmarshal(w.Body.Bytes(), &msg)
		if msg.ResponseType != "ephemeral" {
			t.Errorf("/career %s: response type %q, want ephemeral", text, msg.ResponseType)
		}
		return msg.Text
	}
	ask := func(text string) string { return askAs("U1", text) }
	if got := askAs("UGUEST", "digest daily 09:00"); !strings.Contains(got, "Guests can't") {
		t.Errorf("a guest subscribing: %q, want it refused", got)
	}
	tests := []struct{ text, want string }{
		{"digest", "Scheduled job-outlook digests"},
		{"digest list", "no digest"},
		{"digest * * * * *", "more often than hourly"},
		{"digest daily 25:00", "not a time of day"},
		{"digest daily Mars/Base", "unknown time zone"},
		{"digest weekly monday 09:00 America/Chicago", "every Monday at 09:00 (America/Chicago)"},
		{"digest list", "every Monday at 09:00 (America/Chicago)"},
		{"digest daily 08:30", "every day at 08:30 (America/New_York)"}, // the user's own zone, from users.info
		{"digest preview", "17%"},
		{"digest off", "Stopped"},
		{"digest off", "no digest to stop"},
	}
	for _, tt := range tests {
		if got := ask(tt.text); !strings.Contains(got, tt.want) {
			t.Errorf("/career %s = %q, want it to contain %q", tt.text, got, tt.want)
		}
	}
}

// settle waits until every queued answer has been sent (or has failed).
func settle(t *testing.T, a *Adapter) {
	t.Helper()
	// Socket Mode slash commands are answered beside the queue, each holding a slot.
	for deadline := time.Now().Add(10 * time.Second); a.queue.Stats().Pending > 0 || len(a.commandSlots) > 0; {
		if time.Now().After(deadline) {
			t.Fatalf("answers still pending after 10 s: %+v", a.queue.Stats())
		}
		time.Sleep(time.Millisecond)
	}
}
