package slack

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"github.com/careerbot/careerbot/adapters/outbound"
)

type recAcker struct {
	mu   sync.Mutex
	acks []ackCall
}

type ackCall struct {
	envelope string
	payload  []any
}

func (r *recAcker) AckCtx(_ context.Context, envelope string, payload any) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	var p []any
	if payload != nil {
		p = []any{payload}
	}
	r.acks = append(r.acks, ackCall{envelope, p})
	return nil
}

func (r *recAcker) calls() []ackCall {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]ackCall(nil), r.acks...)
}

func eventsAPI(t *testing.T, envelope, body string) socketmode.Event {
	t.Helper()
	ev, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
		t.Fatal(err)
	}
	return socketmode.Event{Type: socketmode.EventTypeEventsAPI, Data: ev, Request: &socketmode.Request{Type: "events_api", EnvelopeID: envelope}}
}

func TestSocketModeMention(t *testing.T) {
	f := newFakeSlack(t)
	a, _ := newTestAdapter(t, f, "")
	ack := &recAcker{}
	evt := eventsAPI(t, "env-1", mention("Ev30", "<@UBOT> how much do the top 10% make"))
	a.SocketEvent(evt, ack)
	f.wait(t, 1)
	evt.Request.RetryAttempt = 1
	a.SocketEvent(evt, ack) // redelivered: acknowledged again, answered once
	settle(t, a)
	if len(ack.calls()) != 2 {
		t.Errorf("got %d acks, want 2 (every envelope is acknowledged)", len(ack.calls()))
	}
	posts := f.recorded("chat.postMessage")
	if len(posts) != 1 || !strings.Contains(posts[0].form.Get("text"), "$98,490") {
		t.Fatalf("posts %d, want one answer with $98,490", len(posts))
	}
	if posts[0].form.Get("thread_ts") == "" {
		t.Error("mention answered outside its thread")
	}
}

func TestSocketModeSlashCommandAnswersInAck(t *testing.T) {
	a, _ := newTestAdapter(t, newFakeSlack(t), "")
	ack := &recAcker{}
	cmd := slack.SlashCommand{Command: "/career", Text: "wat degree do i need", TeamID: "T1", ChannelID: "C1", UserID: "U1"}
	a.SocketEvent(socketmode.Event{Type: socketmode.EventTypeSlashCommand, Data: cmd, Request: &socketmode.Request{EnvelopeID: "env-2"}}, ack)
	msg := waitAck(t, ack, "env-2") // answered off the event loop
	if msg == nil || msg.ResponseType != "ephemeral" || !strings.Contains(msg.Text, "associate's") {
		t.Errorf("ack payload %+v, want an ephemeral answer about the associate's degree", msg)
	}
}

// Over the cap of slash commands answered at once, the user hears at once that careerbot
// is busy: Slack does not send a slash command again.
func TestSocketModeSlashCommandsOverTheCapGetABusyNote(t *testing.T) {
	a, _ := newTestAdapter(t, newFakeSlack(t), "")
	for range cap(a.commandSlots) {
		a.commandSlots <- struct{}{} // every slot taken by a slow /career digest
	}
	ack := &recAcker{}
	cmd := slack.SlashCommand{Command: "/career", Text: "salary", TeamID: "T1", ChannelID: "C1", UserID: "U1"}
	a.SocketEvent(socketmode.Event{Type: socketmode.EventTypeSlashCommand, Data: cmd, Request: &socketmode.Request{EnvelopeID: "env-busy"}}, ack)
	if msg := waitAck(t, ack, "env-busy"); msg == nil || !strings.Contains(msg.Text, "again") {
		t.Errorf("slash command over the cap: %+v, want a busy note", msg)
	}
	for range cap(a.commandSlots) {
		<-a.commandSlots
	}
}

// waitAck waits for the acknowledgement of envelope and returns the message it carries.
func waitAck(t *testing.T, r *recAcker, envelope string) *slack.Msg {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		for _, c := range r.calls() {
			if c.envelope != envelope {
				continue
			}
			if len(c.payload) != 1 {
				t.Fatalf("envelope %s acknowledged with %d payloads, want 1", envelope, len(c.payload))
			}
			msg, _ := c.payload[0].(*slack.Msg)
			return msg
		}
	}
	t.Fatalf("envelope %s never acknowledged", envelope)
	return nil
}

func TestSocketModeReadiness(t *testing.T) {
	a, _ := newTestAdapter(t, newFakeSlack(t), "")
	if !a.Ready() {
		t.Error("HTTP-only adapter not ready")
	}
	ack := &recAcker{}
	a.SocketEvent(socketmode.Event{Type: socketmode.EventTypeConnecting}, ack)
	if a.Ready() {
		t.Error("ready while Socket Mode is connecting")
	}
	a.SocketEvent(socketmode.Event{Type: socketmode.EventTypeConnected}, ack)
	if !a.Ready() {
		t.Error("not ready after Socket Mode connected")
	}
	a.SocketEvent(socketmode.Event{Type: socketmode.EventTypeConnectionError}, ack)
	if a.Ready() {
		t.Error("ready after the connection failed")
	}
	if len(ack.calls()) != 0 {
		t.Errorf("acknowledged %d connection events, want 0", len(ack.calls()))
	}
}

func TestSocketModeButton(t *testing.T) {
	f := newFakeSlack(t)
	a, _ := newTestAdapter(t, f, "")
	var cb slack.InteractionCallback
	json.Unmarshal([]byte(`{"type":"block_actions","team":{"id":"T1"},"user":{"id":"U1"},"channel":{"id":"C1"},"response_url":"`+f.srv.URL+`/response-url","actions":[{"block_id":"suggestions","action_id":"careerbot_suggest_0","value":"education","type":"button"}]}`), &cb)
	ack := &recAcker{}
	a.SocketEvent(socketmode.Event{Type: socketmode.EventTypeInteractive, Data: cb, Request: &socketmode.Request{EnvelopeID: "env-3"}}, ack)
	f.wait(t, 1)
	got := f.recorded("response-url")
	if len(ack.calls()) != 1 || len(got) != 1 || !strings.Contains(got[0].json["text"].(string), "associate's") {
		t.Errorf("acks %d, responses %v; want one ack and an answer about education", len(ack.calls()), got)
	}
}

// Over Socket Mode, an envelope is acknowledged only once its answer is queued: when the
// queue is full it is left unacknowledged, and Slack redelivers it.
func TestSocketModeFullQueueLeavesEnvelopeUnacknowledged(t *testing.T) {
	f := newFakeSlack(t)
	f.hold = make(chan struct{})
	q := outbound.New(outbound.Config{Workers: 1, Capacity: 1})
	a, _ := newTestAdapterWith(t, f, "", func(c *Config) { c.Queue = q })
	ack := &recAcker{}
	acked := map[string]bool{}
	for i := range 6 {
		env := fmt.Sprintf("env-q%d", i)
		a.SocketEvent(eventsAPI(t, env, mentionAt(fmt.Sprintf("EvSQ%d", i), "salary", i)), ack)
	}
	for _, c := range ack.calls() {
		acked[c.envelope] = true
	}
	if len(acked) == 0 || len(acked) > 2 {
		t.Fatalf("%d envelopes acknowledged with 1 worker and room for 1; want 1 or 2", len(acked))
	}
	// A slash command is answered in its acknowledgement, not behind the full queue.
	cmd := slack.SlashCommand{Command: "/career", Text: "salary", TeamID: "T1", ChannelID: "C1", UserID: "U1"}
	a.SocketEvent(socketmode.Event{Type: socketmode.EventTypeSlashCommand, Data: cmd, Request: &socketmode.Request{EnvelopeID: "env-cmd"}}, ack)
	if msg := waitAck(t, ack, "env-cmd"); msg == nil || !strings.Contains(msg.Text, "$98,490") {
		t.Errorf("slash command while the answer queue is full: %+v, want the pay answer", msg)
	}
	close(f.hold)
	settle(t, a)
	if got := len(f.recorded("chat.postMessage")); got != len(acked) {
		t.Errorf("answered %d, acknowledged %d", got, len(acked))
	}
	// The redelivery of an unacknowledged envelope is answered.
	a.SocketEvent(eventsAPI(t, "env-q5", mentionAt("EvSQ5", "salary", 5)), ack)
	settle(t, a)
	if got := len(f.recorded("chat.postMessage")); got != len(acked)+1 {
		t.Errorf("after the redelivery: %d answers, want %d", got, len(acked)+1)
	}
}
