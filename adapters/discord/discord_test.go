package discord

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/adapters/dedupe"
	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/knowledge"
)

func newBot(t testing.TB) *bot.Bot {
	t.Helper()
	kb, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(kb, bot.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type endpoint struct {
	h    http.Handler
	priv ed25519.PrivateKey
}

func newEndpoint(t testing.TB) endpoint {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(newBot(t), Config{PublicKey: hex.EncodeToString(pub)})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	a.Routes(mux)
	return endpoint{mux, priv}
}

// request signs body as Discord does, at time ts.
func (e endpoint) request(body string, ts time.Time) *http.Request {
	stamp := strconv.FormatInt(ts.Unix(), 10)
	r := httptest.NewRequest(http.MethodPost, "/discord/interactions", strings.NewReader(body))
	r.Header.Set("X-Signature-Timestamp", stamp)
	r.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(e.priv, []byte(stamp+body))))
	return r
}

func (e endpoint) do(t *testing.T, body string) (int, map[string]any) {
	t.Helper()
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, e.request(body, time.Now()))
	var out map[string]any
	json.Unmarshal(w.Body.Bytes(), &out)
	return w.Code, out
}

const member = `"guild_id":"G1","channel_id":"C1","member":{"user":{"id":"U1","username":"sam"}}`

func command(sub, options string) string {
	return `{"id":"I1","application_id":"A1","type":2,"token":"tok",` + member + `,"data":{"id":"D1","name":"career","type":1,"options":[{"name":"` + sub + `","type":1,"options":[` + options + `]}]}}`
}

func data(t *testing.T, out map[string]any) map[string]any {
	t.Helper()
	d, ok := out["data"].(map[string]any)
	if !ok {
		t.Fatalf("response has no data: %v", out)
	}
	return d
}

func TestInteractionsEndpoint(t *testing.T) {
	e := newEndpoint(t)

	if code, out := e.do(t, `{"id":"I0","type":1,"application_id":"A1","token":"t"}`); code != 200 || out["type"] != float64(1) {
		t.Errorf("PING: %d %v, want 200 {type:1}", code, out)
	}

	code, out := e.do(t, command("ask", `{"name":"question","type":3,"value":"what's the salary <@&123> @everyone"}`))
	if code != 200 || out["type"] != float64(4) {
		t.Fatalf("ask: %d %v, want 200 type 4", code, out)
	}
	d := data(t, out)
	embed, _ := json.Marshal(d["embeds"])
	if !strings.Contains(string(embed), "$55,560") {
		t.Errorf("ask embed %s does not contain $55,560", embed)
	}
	if am, _ := json.Marshal(d["allowed_mentions"]); string(am) != `{"parse":[],"replied_user":false}` {
		t.Errorf("allowed_mentions = %s, want nothing parsed", am)
	}
	if strings.Contains(string(embed), "@everyone") || strings.Contains(string(embed), "<@&123>") {
		t.Errorf("ask echoed a mention: %s", embed)
	}
	if d["flags"] != nil && d["flags"] != float64(0) {
		t.Errorf("answer flags = %v, want a public answer", d["flags"])
	}

	code, out = e.do(t, `{"id":"I2","type":4,"token":"t",`+member+`,"data":{"name":"career","type":1,"options":[{"name":"ask","type":1,"options":[{"name":"question","type":3,"value":"sal","focused":true}]}]}}`)
	if code != 200 || out["type"] != float64(8) {
		t.Fatalf("autocomplete: %d %v, want 200 type 8", code, out)
	}
	choices, _ := data(t, out)["choices"].([]any)
	if len(choices) == 0 || len(choices) > 25 {
		t.Fatalf("autocomplete for \"sal\": %d choices, want 1 to 25", len(choices))
	}
	first := strings.ToLower(choices[0].(map[string]any)["name"].(string))
	if !strings.Contains(first, "salary") && !strings.Contains(first, "pay") {
		t.Errorf("first suggestion for \"sal\" is %q, want one about pay", first)
	}

	code, out = e.do(t, `{"id":"I3","type":3,"token":"t",`+member+`,"data":{"custom_id":"careerbot:outlook","component_type":2}}`)
	if code != 200 {
		t.Fatalf("button: %d", code)
	}
	if embed, _ := json.Marshal(data(t, out)["embeds"]); !strings.Contains(string(embed), "17%") {
		t.Errorf("button careerbot:outlook answered %s, want the 17%% outlook", embed)
	}

	code, out = e.do(t, command("help", ""))
	if d := data(t, out); code != 200 || d["flags"] != float64(64) {
		t.Errorf("help: %d flags %v, want an ephemeral (64) reply", code, d["flags"])
	}

	code, out = e.do(t, `{"id":"I4","type":2,"token":"t",`+member+`,"data":{"name":"frobnicate","type":1}}`)
	if d := data(t, out); code != 200 || d["flags"] != float64(64) || !strings.Contains(d["content"].(string), "/career help") {
		t.Errorf("unknown command: %d %v, want an ephemeral pointer to /career help", code, d)
	}

	code, out = e.do(t, command("topic", `{"name":"name","type":3,"value":"certification"}`))
	if embed, _ := json.Marshal(data(t, out)["embeds"]); code != 200 || !strings.Contains(string(embed), "RHIT") {
		t.Errorf("/career topic certification: %d %s", code, embed)
	}
}

// TestOddShapesNeverPanic feeds interactions whose shapes discordgo's accessors would panic on.
func TestOddShapesNeverPanic(t *testing.T) {
	e := newEndpoint(t)
	dm := `"channel_id":"D1","user":{"id":"U2"}`
	for _, body := range []string{
		command("ask", `{"name":"question","type":4,"value":7}`), // wrong option type
		command("ask", ``), // missing option
		command("topic", `{"name":"name","type":3,"value":"no-such-topic"}`),
		`{"id":"I","type":2,"token":"t",` + dm + `,"data":{"name":"career","type":1,"options":[{"name":"ask","type":1,"options":[{"name":"question","type":3,"value":"outlook?"}]}]}}`,
		`{"id":"I","type":2,"token":"t",` + dm + `,"data":{"name":"career","type":1,"options":[null]}}`,
		`{"id":"I","type":2,"token":"t",` + dm + `,"data":{"name":"career","type":1}}`,
		`{"id":"I","type":4,"token":"t",` + dm + `,"data":{"name":"career","type":1,"options":[]}}`,
		`{"id":"I","type":3,"token":"t",` + dm + `,"data":{"custom_id":"someone-elses-button","component_type":2}}`,
		`{"id":"I","type":5,"token":"t",` + dm + `,"data":{"custom_id":"modal","components":[]}}`,
		`{"id":"I","type":99,"token":"t"}`,
	} {
		code, out := e.do(t, body)
		if code != 200 || out["type"] == nil {
			t.Errorf("%s: %d %v, want 200 and a response", body, code, out)
		}
	}
}

func TestRejectedRequests(t *testing.T) {
	e := newEndpoint(t)
	body := command("ask", `{"name":"question","type":3,"value":"salary"}`)
	flipped := e.request(body, time.Now())
	sig := []byte(flipped.Header.Get("X-Signature-Ed25519"))
	if sig[0] == 'a' {
		sig[0] = 'b'
	} else {
		sig[0] = 'a'
	}
	flipped.Header.Set("X-Signature-Ed25519", string(sig))
	unsigned := httptest.NewRequest(http.MethodPost, "/discord/interactions", strings.NewReader(body))
	big := `{"x":"` + strings.Repeat("a", 70<<10) + `"}`
	tests := []struct {
		name string
		req  *http.Request
		want int
	}{
		{"wrong signature", flipped, 401},
		{"no signature", unsigned, 401},
		{"stale timestamp", e.request(body, time.Now().Add(-10*time.Minute)), 401},
		{"malformed body", e.request(`{"type":`, time.Now()), 400},
		{"oversized body", e.request(big, time.Now()), 413},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			e.h.ServeHTTP(w, tt.req)
			if w.Code != tt.want {
				t.Errorf("status %d, want %d", w.Code, tt.want)
			}
		})
	}
}

// fakeREST is Discord's REST API, recording requests.
type fakeREST struct {
	srv  *httptest.Server
	mu   sync.Mutex
	reqs []restReq
}

type restReq struct {
	method, path string
	body         map[string]any
}

func newFakeREST(t *testing.T) *fakeREST {
	f := &fakeREST{}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		var m map[string]any
		json.Unmarshal(b, &m)
		f.mu.Lock()
		f.reqs = append(f.reqs, restReq{r.Method, r.URL.Path, m})
		f.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		switch {
		case strings.HasSuffix(r.URL.Path, "/messages"):
			io.WriteString(w, `{"id":"M9","channel_id":"C1"}`)
		case strings.Contains(r.URL.Path, "/callback"):
			w.WriteHeader(http.StatusNoContent)
		default:
			io.WriteString(w, `[]`)
		}
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeREST) session(t *testing.T) *discordgo.Session {
	t.Helper()
	s, err := NewSession(GatewayConfig{Token: "test-token", APIURL: f.srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	s.State.User = &discordgo.User{ID: "BOT", Bot: true}
	return s
}

func TestGatewayMention(t *testing.T) {
	f := newFakeREST(t)
	s := f.session(t)
	a, _ := New(newBot(t), Config{})
	defer a.Drain(context.Background())
	msg := func(id, author string, bot bool, mentions []*discordgo.User, guild string) *discordgo.MessageCreate {
		return &discordgo.MessageCreate{Message: &discordgo.Message{ID: id, ChannelID: "C1", GuildID: guild, Content: "<@BOT> how many openings a year? @here",
			Author: &discordgo.User{ID: author, Bot: bot}, Mentions: mentions}}
	}
	me := []*discordgo.User{{ID: "BOT"}}
	a.MessageCreate(s, msg("M1", "U9", true, me, "G1"))   // another bot
	a.MessageCreate(s, msg("M2", "BOT", true, me, "G1"))  // ourselves
	a.MessageCreate(s, msg("M3", "U1", false, nil, "G1")) // not addressed to us
	a.MessageCreate(s, msg("M4", "U1", false, me, "G1"))  // a mention: answered
	a.MessageCreate(s, msg("M5", "U1", false, nil, ""))   // a DM: answered
	if d := a.Drain(context.Background()); d.GivenUp != 0 {
		t.Errorf("Drain = %+v, want nothing given up", d)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.reqs) != 2 {
		t.Fatalf("got %d REST calls, want 2 (the mention and the DM)", len(f.reqs))
	}
	// The queue's workers send in either order.
	replied := map[any]bool{}
	for _, r := range f.reqs {
		if r.method != http.MethodPost || r.path != "/api/v9/channels/C1/messages" {
			t.Errorf("route %s %s, want POST /api/v9/channels/C1/messages", r.method, r.path)
		}
		if am, _ := json.Marshal(r.body["allowed_mentions"]); string(am) != `{"parse":[],"replied_user":false}` {
			t.Errorf("allowed_mentions = %s, want nothing parsed", am)
		}
		ref, _ := r.body["message_reference"].(map[string]any)
		replied[ref["message_id"]] = true
		embeds, _ := json.Marshal(r.body["embeds"])
		if !strings.Contains(string(embeds), "3,400") || strings.Contains(string(embeds), "@here") {
			t.Errorf("embeds %s: want the 3,400 openings and no @here", embeds)
		}
	}
	if !replied["M4"] || !replied["M5"] {
		t.Errorf("replies to %v, want replies to M4 and M5", replied)
	}
}

func TestGatewayInteraction(t *testing.T) {
	f := newFakeREST(t)
	s := f.session(t)
	a, _ := New(newBot(t), Config{})
	var i discordgo.Interaction
	if err := json.Unmarshal([]byte(command("help", "")), &i); err != nil {
		t.Fatal(err)
	}
	a.InteractionCreate(s, &discordgo.InteractionCreate{Interaction: &i})
	if len(f.reqs) != 1 {
		t.Fatalf("got %d REST calls, want 1", len(f.reqs))
	}
	r := f.reqs[0]
	if r.path != "/api/v9/interactions/I1/tok/callback" || r.body["type"] != float64(4) {
		t.Errorf("callback %s %v, want /api/v9/interactions/I1/tok/callback type 4", r.path, r.body["type"])
	}
	if d, _ := r.body["data"].(map[string]any); d["flags"] != float64(64) {
		t.Errorf("help flags %v, want ephemeral", d["flags"])
	}
}

var nameRE = regexp.MustCompile(`^[-_\p{Ll}\p{N}]{1,32}$`)

// TestCommandDefinitions checks what Discord would otherwise reject with 50035.
func TestCommandDefinitions(t *testing.T) {
	var check func(path string, opts []*discordgo.ApplicationCommandOption)
	check = func(path string, opts []*discordgo.ApplicationCommandOption) {
		if len(opts) > 25 {
			t.Errorf("%s: %d options, Discord allows 25", path, len(opts))
		}
		for _, o := range opts {
			p := path + " " + o.Name
			if !nameRE.MatchString(o.Name) {
				t.Errorf("%s: bad option name", p)
			}
			if n := len([]rune(o.Description)); n < 1 || n > 100 {
				t.Errorf("%s: description of %d characters, want 1 to 100", p, n)
			}
			if len(o.Choices) > 0 && o.Autocomplete {
				t.Errorf("%s: choices and autocomplete together", p)
			}
			if len(o.Choices) > 25 {
				t.Errorf("%s: %d choices, Discord allows 25", p, len(o.Choices))
			}
			check(p, o.Options)
		}
	}
	for _, c := range Commands(newBot(t).Topics()) {
		if !nameRE.MatchString(c.Name) || len(c.Description) > 100 {
			t.Errorf("command %q: bad name or description", c.Name)
		}
		check("/"+c.Name, c.Options)
	}
}

type fakeCommands struct {
	have       []*discordgo.ApplicationCommand
	overwrites int
	sent       []*discordgo.ApplicationCommand
}

func (f *fakeCommands) ApplicationCommands(appID, guildID string, _ ...discordgo.RequestOption) ([]*discordgo.ApplicationCommand, error) {
	return f.have, nil
}

func (f *fakeCommands) ApplicationCommandBulkOverwrite(appID, guildID string, cmds []*discordgo.ApplicationCommand, _ ...discordgo.RequestOption) ([]*discordgo.ApplicationCommand, error) {
	f.overwrites++
	f.sent = cmds
	f.have = cmds
	return cmds, nil
}

func TestRegisterIsIdempotent(t *testing.T) {
	cmds := Commands(newBot(t).Topics())
	api := &fakeCommands{have: []*discordgo.ApplicationCommand{{Name: "old"}}}
	var out bytes.Buffer
	if err := Register(api, "A1", "G1", cmds, &out); err != nil {
		t.Fatal(err)
	}
	if api.overwrites != 1 || !strings.Contains(out.String(), "create /career") || !strings.Contains(out.String(), "delete /old") {
		t.Errorf("first run: %d overwrites, output %q", api.overwrites, out.String())
	}
	out.Reset()
	if err := Register(api, "A1", "G1", Commands(newBot(t).Topics()), &out); err != nil {
		t.Fatal(err)
	}
	if api.overwrites != 1 || !strings.Contains(out.String(), "unchanged /career") {
		t.Errorf("second run: %d overwrites (want still 1), output %q", api.overwrites, out.String())
	}
}

func TestEmbedLimits(t *testing.T) {
	r := bot.Reply{Kind: bot.KindAnswer, Answered: true, Title: strings.Repeat("t", 300), Source: "s"}
	p := bot.Part{Title: "p", Lead: strings.Repeat("l", 5000)}
	for i := 0; i < 40; i++ {
		p.Fields = append(p.Fields, knowledge.Field{Label: strings.Repeat("n", 300), Value: strings.Repeat("v", 1500)})
	}
	r.Parts = []bot.Part{p}
	e := Embed(r)
	if n := size(e); n > maxEmbedTotal || len(e.Fields) > maxFields || len([]rune(e.Title)) > maxTitle || len([]rune(e.Description)) > maxDescription {
		t.Errorf("embed of %d characters, %d fields, title %d, description %d: over Discord's limits", n, len(e.Fields), len([]rune(e.Title)), len([]rune(e.Description)))
	}
	for _, f := range e.Fields {
		if len([]rune(f.Name)) > maxFieldName || len([]rune(f.Value)) > maxFieldValue {
			t.Errorf("field over limits: name %d, value %d", len([]rune(f.Name)), len([]rune(f.Value)))
		}
	}
}

func TestNewRejectsBadKey(t *testing.T) {
	for _, k := range []string{"zz", "abcd", strings.Repeat("0", 62)} {
		if _, err := New(newBot(t), Config{PublicKey: k}); err == nil {
			t.Errorf("New(PublicKey %q) = nil error", k)
		}
	}
	if _, err := NewSession(GatewayConfig{Token: "x", ShardID: 2, ShardCount: 2}); err == nil {
		t.Error("shard 2 of 2 accepted")
	}
}

// TestVerifyAgreesWithDiscordgo: the endpoint accepts exactly the requests
// discordgo.VerifyInteraction accepts, whatever is wrong with the headers, as long as the
// timestamp is fresh; a stale one it refuses where discordgo, which has no freshness
// window, accepts.
func TestVerifyAgreesWithDiscordgo(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	signedAt := time.Unix(1700000000, 0)
	clock := signedAt
	a, err := New(newBot(t), Config{PublicKey: hex.EncodeToString(pub), Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	a.Routes(mux)
	body := fullAsk(t, "what's the salary")
	sig := ed25519.Sign(priv, []byte("1700000000"+body))
	good := hex.EncodeToString(sig)
	tampered := append([]byte(nil), sig...)
	tampered[10] ^= 4
	accepts := func(sig, ts string) (endpoint, discord bool) {
		r := httptest.NewRequest(http.MethodPost, "/discord/interactions", strings.NewReader(body))
		r.Header.Set("X-Signature-Ed25519", sig)
		r.Header.Set("X-Signature-Timestamp", ts)
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, r)
		if w.Code != http.StatusOK && w.Code != http.StatusUnauthorized {
			t.Errorf("signature %.16q… timestamp %q: status %d, want 200 or 401", sig, ts, w.Code)
		}
		r = httptest.NewRequest(http.MethodPost, "/discord/interactions", strings.NewReader(body))
		r.Header.Set("X-Signature-Ed25519", sig)
		r.Header.Set("X-Signature-Timestamp", ts)
		return w.Code == http.StatusOK, discordgo.VerifyInteraction(r, pub)
	}
	for _, h := range []struct{ sig, ts string }{
		{good, "1700000000"},
		{strings.ToUpper(good), "1700000000"},
		{hex.EncodeToString(tampered), "1700000000"},
		{good, "1700000001"},
		{good, "+1700000000"},
		{good, "1"},
		{good, ""},
		{"", "1700000000"},
		{"00", "1700000000"},
		{good[:126], "1700000000"},
		{good + "00", "1700000000"},
		{"zz" + good[2:], "1700000000"},
		{good, " 1700000000"},
	} {
		if got, want := accepts(h.sig, h.ts); got != want {
			t.Errorf("signature %.16q… timestamp %q: endpoint accepts: %v, discordgo.VerifyInteraction: %v", h.sig, h.ts, got, want)
		}
	}
	clock = signedAt.Add(5*time.Minute + time.Second)
	if got, discord := accepts(good, "1700000000"); got || !discord {
		t.Errorf("signed 5 min 1 s ago: endpoint accepts: %v (want false), discordgo: %v (want true)", got, discord)
	}
}

// TestGatewayInteractionOncePerSharedStore: two replicas connected as the same shard both
// receive an interaction; with one shared store of ids, it is answered once.
func TestGatewayInteractionOncePerSharedStore(t *testing.T) {
	f := newFakeREST(t)
	s := f.session(t)
	shared := dedupe.NewMemory(time.Minute, 100, nil)
	a, _ := New(newBot(t), Config{Seen: shared})
	b, _ := New(newBot(t), Config{Seen: shared})
	var i discordgo.Interaction
	if err := json.Unmarshal([]byte(command("help", "")), &i); err != nil {
		t.Fatal(err)
	}
	a.InteractionCreate(s, &discordgo.InteractionCreate{Interaction: &i})
	b.InteractionCreate(s, &discordgo.InteractionCreate{Interaction: &i})
	if len(f.reqs) != 1 {
		t.Fatalf("got %d REST calls for one interaction delivered to two replicas, want 1", len(f.reqs))
	}
}
