package load_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/careerbot/careerbot/bot/digest"
	"github.com/careerbot/careerbot/bot/digest/sqlite"
	"github.com/careerbot/careerbot/store/postgres"
	"github.com/careerbot/careerbot/store/postgres/pgtest"
)

// platforms fakes Slack's and Discord's APIs as they document what makes a digest post
// idempotent: Slack keeps each message's metadata and returns it from
// conversations.history when include_all_metadata is set; Discord, given a nonce with
// enforce_nonce, returns the message it already created with that nonce instead of a new
// one. A message is created when its request arrives and answered latency later, so a
// process killed in between has posted without knowing it: the case that loses or
// doubles a digest.
type platforms struct {
	srv     *httptest.Server
	latency time.Duration

	mu      sync.Mutex
	created map[string]int              // channel -> messages created
	slack   map[string][]map[string]any // channel -> messages with metadata
	nonces  map[string]string           // channel+nonce -> message id
	total   int
}

func newPlatforms(t *testing.T, latency time.Duration) *platforms {
	p := &platforms{latency: latency, created: map[string]int{}, slack: map[string][]map[string]any{}, nonces: map[string]string{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/slack/", p.slackAPI)
	mux.HandleFunc("GET /api/v9/gateway", p.gatewayURL)
	mux.HandleFunc("GET /api/v9/gateway/bot", p.gatewayURL)
	mux.HandleFunc("/gw/", p.gateway)
	mux.HandleFunc("POST /api/v9/channels/{channel}/messages", p.discordMessage)
	// Started after p.srv is set: the gateway handler reads the listener's address.
	p.srv = httptest.NewUnstartedServer(mux)
	p.srv.Start()
	t.Cleanup(p.srv.Close)
	return p
}

func (p *platforms) record(channel string) {
	p.created[channel]++
	p.total++
}

func (p *platforms) slackAPI(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	w.Header().Set("Content-Type", "application/json")
	ch := r.Form.Get("channel")
	switch {
	case strings.HasSuffix(r.URL.Path, "/chat.postMessage"):
		var md map[string]any
		json.Unmarshal([]byte(r.Form.Get("metadata")), &md)
		p.mu.Lock()
		p.record(ch)
		p.slack[ch] = append(p.slack[ch], map[string]any{"type": "message", "ts": fmt.Sprintf("%d.%06d", time.Now().Unix(), p.total), "metadata": md})
		p.mu.Unlock()
		time.Sleep(p.latency)
		fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":"1.0"}`, ch)
	case strings.HasSuffix(r.URL.Path, "/conversations.history"):
		p.mu.Lock()
		var msgs []map[string]any
		for i := len(p.slack[ch]) - 1; i >= 0; i-- {
			m := map[string]any{"type": "message", "ts": p.slack[ch][i]["ts"]}
			if r.Form.Get("include_all_metadata") == "1" {
				m["metadata"] = p.slack[ch][i]["metadata"]
			}
			msgs = append(msgs, m)
		}
		p.mu.Unlock()
		json.NewEncoder(w).Encode(map[string]any{"ok": true, "messages": msgs, "has_more": false})
	default:
		io.WriteString(w, `{"ok":true}`)
	}
}

func (p *platforms) discordMessage(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Nonce        string `json:"nonce"`
		EnforceNonce bool   `json:"enforce_nonce"`
	}
	json.NewDecoder(r.Body).Decode(&body)
	ch := r.PathValue("channel")
	p.mu.Lock()
	key := ch + "/" + body.Nonce
	id, seen := p.nonces[key]
	if !seen || !body.EnforceNonce || body.Nonce == "" {
		p.record(ch)
		id = strconv.Itoa(p.total)
		p.nonces[key] = id
	}
	p.mu.Unlock()
	time.Sleep(p.latency)
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"id":%q,"channel_id":%q}`, id, ch)
}

func (p *platforms) gatewayURL(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"url":"ws://%s/gw","shards":1,"session_start_limit":{"total":1000,"remaining":1000,"reset_after":0,"max_concurrency":1}}`, p.srv.Listener.Addr())
}

// gateway is the least of Discord's gateway that discordgo needs to be ready: hello, the
// identify, READY; then it reads (heartbeats) until the connection closes.
func (p *platforms) gateway(w http.ResponseWriter, r *http.Request) {
	c, err := (&websocket.Upgrader{}).Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer c.Close()
	c.WriteMessage(websocket.TextMessage, []byte(`{"op":10,"d":{"heartbeat_interval":45000}}`))
	if _, _, err := c.ReadMessage(); err != nil {
		return
	}
	c.WriteMessage(websocket.TextMessage, []byte(`{"op":0,"t":"READY","s":1,"d":{"v":9,"session_id":"s1","user":{"id":"B1","username":"careerbot","bot":true},"guilds":[]}}`))
	for {
		if _, _, err := c.ReadMessage(); err != nil {
			return
		}
	}
}

func (p *platforms) counts() (total int, per map[string]int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	per = map[string]int{}
	for k, v := range p.created {
		per[k] = v
	}
	return p.total, per
}

// crashStore is where the subscriptions live: SQLite in a data directory both runs
// share, or PostgreSQL. open returns the store and the settings serve needs for it.
type crashStore struct {
	name string
	open func(t *testing.T) (digest.Store, serverConfig)
}

// TestKillDuringDigestBatch: 30 Slack and 30 Discord subscriptions are due; the process
// posting them is killed with SIGKILL after 20 messages, with posts in flight, and started
// again. Every channel gets exactly one digest for the slot: 0 lost, 0 doubled.
func TestKillDuringDigestBatch(t *testing.T) {
	stores := []crashStore{
		{"sqlite", func(t *testing.T) (digest.Store, serverConfig) {
			dir := t.TempDir()
			s, err := sqlite.Open(context.Background(), dir)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s, serverConfig{dataDir: dir}
		}},
		{"postgres", func(t *testing.T) (digest.Store, serverConfig) {
			url := pgtest.URL(t)
			db, err := postgres.Open(context.Background(), url)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(db.Close)
			return db.Digests(), serverConfig{env: []string{"CAREERBOT_DATABASE_URL=" + url}}
		}},
	}
	for _, st := range stores {
		t.Run(st.name, func(t *testing.T) { killDuringBatch(t, st) })
	}
}

func killDuringBatch(t *testing.T, st crashStore) {
	store, cfg := st.open(t)
	const perPlatform = 30
	created := time.Now().Add(-2 * time.Hour)
	for i := range perPlatform {
		for _, platform := range []string{"slack", "discord"} {
			s := digest.Subscription{Platform: platform, ChannelID: fmt.Sprintf("%s-%02d", platform, i), Spec: "0 * * * *", Zone: "UTC", CreatedAt: created}
			if _, err := store.Add(context.Background(), s); err != nil {
				t.Fatal(err)
			}
		}
	}
	p := newPlatforms(t, 300*time.Millisecond)
	cfg.apiURL = p.srv.URL + "/slack/"
	cfg.env = append(cfg.env, "DISCORD_BOT_TOKEN=test", "DISCORD_API_URL="+p.srv.URL, "CAREERBOT_DIGEST_TICK=500ms", "CAREERBOT_DIGEST_LEASE=2s")
	first := startServer(t, cfg)
	if !waitFor(30*time.Second, func() bool { n, _ := p.counts(); return n >= 20 }) {
		t.Fatalf("20 digests not posted within 30 s:\n%s", first.stderr())
	}
	syscall.Kill(first.pid(), syscall.SIGKILL)
	<-first.exited
	atKill, _ := p.counts()

	second := startServer(t, cfg)
	all := func() bool { _, per := p.counts(); return len(per) >= 2*perPlatform }
	if !waitFor(60*time.Second, all) {
		_, per := p.counts()
		t.Fatalf("after the restart %d of %d channels have their digest:\n%s", len(per), 2*perPlatform, second.stderr())
	}
	time.Sleep(3 * time.Second) // past a lease, for any double to show
	total, per := p.counts()
	lost, doubled := 0, 0
	for i := range perPlatform {
		for _, platform := range []string{"slack", "discord"} {
			switch n := per[fmt.Sprintf("%s-%02d", platform, i)]; {
			case n == 0:
				lost++
			case n > 1:
				doubled += n - 1
			}
		}
	}
	logTable(t, "kill -9 during a digest batch ("+st.name+")",
		[]string{"due", "created before kill", "created in all", "lost", "doubled", "slots resolved after restart"},
		[]string{strconv.Itoa(2 * perPlatform), strconv.Itoa(atKill), strconv.Itoa(total), strconv.Itoa(lost), strconv.Itoa(doubled),
			strconv.Itoa(second.countLogs("digest slot left sending was posted; settled") + second.countLogs("digest slot left sending; posting it again"))})
	if lost != 0 || doubled != 0 {
		t.Fatalf("%d channels lost their digest and %d got it twice; want 0 and 0\n%s", lost, doubled, second.stderr())
	}
}
