package discord

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/adapters/inbound"
	"github.com/careerbot/careerbot/adapters/outbound"
)

// endless is a body that never ends and counts the reads made of it.
type endless struct{ reads atomic.Int64 }

func (b *endless) Read(p []byte) (int, error) {
	b.reads.Add(1)
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}

func (b *endless) Close() error { return nil }

// TestBadHeadersCostNoRead: a request whose signature headers are missing, malformed or
// stale is refused with 401 before a byte of its body is read.
func TestBadHeadersCostNoRead(t *testing.T) {
	e := newEndpoint(t)
	now := time.Now()
	stamp := strconv.FormatInt(now.Unix(), 10)
	sig := strings.Repeat("ab", ed25519.SignatureSize)
	for _, h := range []struct{ name, sig, ts string }{
		{"no signature", "", stamp},
		{"no timestamp", sig, ""},
		{"short signature", sig[:126], stamp},
		{"long signature", sig + "ab", stamp},
		{"signature not hex", "zz" + sig[2:], stamp},
		{"timestamp not an integer", sig, stamp + ".5"},
		{"timestamp with a space", sig, " " + stamp},
		{"stale timestamp", sig, strconv.FormatInt(now.Add(-6*time.Minute).Unix(), 10)},
		{"timestamp from the future", sig, strconv.FormatInt(now.Add(6*time.Minute).Unix(), 10)},
	} {
		t.Run(h.name, func(t *testing.T) {
			body := &endless{}
			r := httptest.NewRequest(http.MethodPost, "/discord/interactions", nil)
			r.Body, r.ContentLength = body, -1
			if h.sig != "" {
				r.Header.Set("X-Signature-Ed25519", h.sig)
			}
			if h.ts != "" {
				r.Header.Set("X-Signature-Timestamp", h.ts)
			}
			w := httptest.NewRecorder()
			e.h.ServeHTTP(w, r)
			if w.Code != http.StatusUnauthorized || body.reads.Load() != 0 {
				t.Errorf("status %d after %d reads of the body, want 401 after none", w.Code, body.reads.Load())
			}
		})
	}
}

// TestBadHeadersAnsweredAtOnce: over a real connection, a client that announces a body and
// never sends it gets its 401 at once; the server neither waits for the body nor drains it.
func TestBadHeadersAnsweredAtOnce(t *testing.T) {
	e := newEndpoint(t)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(3 * time.Second))
	fmt.Fprintf(conn, "POST /discord/interactions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\nX-Signature-Timestamp: 1\r\nX-Signature-Ed25519: %s\r\n\r\n",
		60<<10, strings.Repeat("ab", 64))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no response while the body is outstanding: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("status %d, want 401", resp.StatusCode)
	}
}

// blockingREST is Discord's REST API answering message sends only once release is
// closed; calls receives a value as each call arrives.
func blockingREST(t *testing.T) (s *discordgo.Session, calls chan struct{}, release chan struct{}) {
	t.Helper()
	calls, release = make(chan struct{}, 100), make(chan struct{})
	rest := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls <- struct{}{}
		select {
		case <-release:
		case <-r.Context().Done():
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"id":"M9","channel_id":"C1"}`))
	}))
	t.Cleanup(rest.Close)
	s, err := NewSession(GatewayConfig{Token: "test-token", APIURL: rest.URL})
	if err != nil {
		t.Fatal(err)
	}
	s.State.User = &discordgo.User{ID: "BOT", Bot: true}
	return s, calls, release
}

func dm(id string) *discordgo.MessageCreate {
	return &discordgo.MessageCreate{Message: &discordgo.Message{ID: id, ChannelID: "D1", Content: "salary?", Author: &discordgo.User{ID: "U1"}}}
}

// TestGatewayMentionDoesNotWaitForREST: the gateway handler hands the reply to the
// outbound queue and returns; it does not hold its goroutine through the REST call.
func TestGatewayMentionDoesNotWaitForREST(t *testing.T) {
	s, _, release := blockingREST(t)
	defer close(release)
	a, _ := New(newBot(t), Config{})
	done := make(chan struct{})
	go func() {
		a.MessageCreate(s, dm("M1"))
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("MessageCreate still waiting on the REST call after 2 s")
	}
}

// TestGatewayMentionsOverCapacityDropped: with the queue full, a mention is dropped and
// logged at warn with a count; the queue passed in is left to its owner to drain.
func TestGatewayMentionsOverCapacityDropped(t *testing.T) {
	s, calls, release := blockingREST(t)
	q := outbound.New(outbound.Config{Workers: 1, Capacity: 1})
	var logs bytes.Buffer
	a, _ := New(newBot(t), Config{Queue: q, Logger: slog.New(slog.NewJSONHandler(&logs, nil))})
	a.MessageCreate(s, dm("M1"))
	<-calls                      // the worker is sending M1's reply
	a.MessageCreate(s, dm("M2")) // waits in the queue
	a.MessageCreate(s, dm("M3")) // no room
	a.MessageCreate(s, dm("M4")) // no room
	var warned []map[string]any
	for line := range strings.Lines(logs.String()) {
		var m map[string]any
		json.Unmarshal([]byte(line), &m)
		if m["level"] == "WARN" && strings.Contains(m["msg"].(string), "dropped") {
			warned = append(warned, m)
		}
	}
	if len(warned) != 2 || warned[1]["dropped"] != float64(2) || warned[1]["channel"] != "D1" {
		t.Errorf("warnings %v, want two, the second counting 2 dropped mentions in D1", warned)
	}
	if d := a.Drain(context.Background()); d != (outbound.Drained{}) {
		t.Errorf("adapter's Drain of a queue passed in = %+v, want nothing done", d)
	}
	close(release)
	if d := q.Drain(context.Background()); d.GivenUp != 0 {
		t.Errorf("queue's Drain = %+v, want nothing given up", d)
	}
	if st := q.Stats(); st.Sent != 2 || st.Refused != 2 {
		t.Errorf("queue stats %+v, want 2 sent and 2 refused", st)
	}
	a.MessageCreate(s, dm("M5")) // after the drain: refused, not sent
	if len(calls) != 1 {
		t.Errorf("%d more REST calls after the first, want M2's only", len(calls))
	}
}

// TestOwnQueueDrained: an adapter given no queue builds one on the first mention, and its
// Drain sends what is queued; mentions after Drain are dropped.
func TestOwnQueueDrained(t *testing.T) {
	s, calls, release := blockingREST(t)
	a, _ := New(newBot(t), Config{})
	if d := a.Drain(context.Background()); d != (outbound.Drained{}) {
		t.Errorf("Drain before any mention = %+v, want nothing", d)
	}
	a.MessageCreate(s, dm("M1")) // no queue after Drain: dropped
	if a.dropped.Load() != 1 {
		t.Errorf("dropped = %d after a mention following Drain, want 1", a.dropped.Load())
	}

	a, _ = New(newBot(t), Config{})
	a.MessageCreate(s, dm("M2"))
	a.MessageCreate(s, dm("M3"))
	close(release)
	if d := a.Drain(context.Background()); d.GivenUp != 0 {
		t.Errorf("Drain = %+v, want nothing given up", d)
	}
	if len(calls) != 2 {
		t.Errorf("%d REST calls, want 2", len(calls))
	}
}

// busyBody blocks its reader until release is closed, saying when it is first read.
type busyBody struct {
	reading chan struct{}
	release chan struct{}
	once    sync.Once
}

func (b *busyBody) Read(p []byte) (int, error) {
	b.once.Do(func() { close(b.reading) })
	<-b.release
	return 0, io.EOF
}

func (b *busyBody) Close() error { return nil }

// TestSharedReaderBounds: with the Reader serve shares, a body over the Reader's cap on
// bodies read at once gets 503 and Retry-After, and Discord's 64 KiB limit holds although
// the Reader allows more.
func TestSharedReaderBounds(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	rd := inbound.New(inbound.Config{MaxBody: 1 << 20, Concurrent: 1})
	a, err := New(newBot(t), Config{PublicKey: hex.EncodeToString(pub), Reader: rd})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	a.Routes(mux)
	e := endpoint{mux, priv}

	slow := e.request("", time.Now())
	body := &busyBody{reading: make(chan struct{}), release: make(chan struct{})}
	slow.Body, slow.ContentLength = body, -1
	done := make(chan int)
	go func() {
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, slow)
		done <- w.Code
	}()
	<-body.reading
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, e.request(`{"id":"I0","type":1}`, time.Now()))
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
		t.Errorf("second body while one is read: %d, Retry-After %q; want 503 with Retry-After", w.Code, w.Header().Get("Retry-After"))
	}
	close(body.release)
	<-done
	if code, out := e.do(t, `{"id":"I0","type":1}`); code != 200 || out["type"] != float64(1) {
		t.Errorf("PING once the slot is free: %d %v", code, out)
	}

	big := `{"x":"` + strings.Repeat("a", 70<<10) + `"}`
	chunked := e.request(big, time.Now())
	chunked.ContentLength = -1
	for name, r := range map[string]*http.Request{"announced": e.request(big, time.Now()), "chunked": chunked} {
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, r)
		if w.Code != http.StatusRequestEntityTooLarge {
			t.Errorf("70 KiB body, %s, through a 1 MiB Reader: %d, want 413", name, w.Code)
		}
	}
}
