package slack

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// acker acknowledges Socket Mode envelopes; *socketmode.Client satisfies it.
type acker interface {
	AckCtx(ctx context.Context, envelopeID string, payload any) error
}

// ackTimeout bounds one acknowledgement: it is a write to the socket, and a socket that
// is gone must not hold the event loop or a worker.
const ackTimeout = 2 * time.Second

// RunSocketMode connects to Slack over Socket Mode with an app-level token (xapp-…) and
// answers until ctx is done. It needs no public URL. Reconnects are slack-go's.
func (a *Adapter) RunSocketMode(ctx context.Context, appToken string) error {
	if !strings.HasPrefix(appToken, "xapp-") {
		return errors.New("slack: SLACK_APP_TOKEN must be an app-level token (xapp-…)")
	}
	if a.client == nil {
		return errors.New("slack: socket mode needs an adapter built with New")
	}
	sm := socketmode.New(slack.New(a.token, append(a.clientOpts, slack.OptionAppLevelToken(appToken))...))
	errc := make(chan error, 1)
	go func() { errc <- sm.RunContext(ctx) }()
	for {
		select {
		case <-ctx.Done():
			a.connected.Store(false)
			return nil
		case err := <-errc:
			a.connected.Store(false)
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("slack socket mode: %w", err)
		case evt, ok := <-sm.Events:
			if !ok {
				return nil
			}
			a.SocketEvent(evt, sm)
		}
	}
}

// Ready says whether the adapter can receive events: always over HTTP, and over Socket
// Mode once connected.
func (a *Adapter) Ready() bool { return !a.socket.Load() || a.connected.Load() }

// SocketEvent handles one Socket Mode event: it acknowledges the envelope at once (a slash
// command's answer rides in the acknowledgement), then answers as over HTTP. Redelivered
// envelopes are answered once.
func (a *Adapter) SocketEvent(evt socketmode.Event, c acker) {
	switch evt.Type {
	case socketmode.EventTypeConnecting:
		a.socket.Store(true)
		a.connected.Store(false)
		a.log.Info("slack socket mode connecting")
		return
	case socketmode.EventTypeConnected:
		a.socket.Store(true)
		a.connected.Store(true)
		a.log.Info("slack socket mode connected")
		return
	case socketmode.EventTypeConnectionError, socketmode.EventTypeDisconnect:
		a.connected.Store(false)
		a.log.Warn("slack socket mode disconnected", "type", evt.Type)
		return
	case socketmode.EventTypeInvalidAuth:
		a.connected.Store(false)
		a.log.Error("slack socket mode: invalid auth; check SLACK_APP_TOKEN and SLACK_BOT_TOKEN")
		return
	}
	if evt.Request == nil {
		return
	}
	req := *evt.Request
	switch evt.Type {
	case socketmode.EventTypeEventsAPI:
		a.socketEventsAPI(evt, req, c)
	case socketmode.EventTypeSlashCommand:
		a.socketCommand(evt, req, c)
	case socketmode.EventTypeInteractive:
		a.socketInteractive(evt, req, c)
	default:
		if req.EnvelopeID != "" {
			a.ack(c, req, nil)
		}
	}
}

// socketEventsAPI acknowledges an event only once its answer is queued: an envelope left
// unacknowledged is redelivered by Slack.
func (a *Adapter) socketEventsAPI(evt socketmode.Event, req socketmode.Request, c acker) {
	ev, ok := evt.Data.(slackevents.EventsAPIEvent)
	if !ok {
		a.ack(c, req, nil)
		return
	}
	// A retry may come in a new envelope; the event id inside stays the same.
	key := "envelope:" + req.EnvelopeID
	if cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent); ok && cb.EventID != "" {
		key = cb.EventID
	}
	if !a.seen.First(key) {
		a.ack(c, req, nil)
		return
	}
	if !a.later("slack event", a.eventJob(ev, key)) {
		a.seen.Forget(key)
		return
	}
	a.ack(c, req, nil)
}

// socketCommand answers a slash command in its acknowledgement, off the event loop
// (/career digest may look the user up first, and the loop must keep acknowledging other
// envelopes), but not behind the answer queue: Slack waits 3 seconds, and does not send a
// slash command again. Over the cap of commands answered at once, the user hears at once
// that careerbot is busy.
func (a *Adapter) socketCommand(evt socketmode.Event, req socketmode.Request, c acker) {
	cmd, ok := evt.Data.(slack.SlashCommand)
	if !ok || !a.seen.First("envelope:"+req.EnvelopeID) {
		a.ack(c, req, nil)
		return
	}
	select {
	case a.commandSlots <- struct{}{}:
	default:
		a.ack(c, req, busyMessage())
		return
	}
	go func() {
		defer func() { <-a.commandSlots }()
		ctx, cancel := context.WithTimeout(context.Background(), ackBudget)
		defer cancel()
		a.ack(c, req, a.command(ctx, cmd))
	}()
}

// socketInteractive acknowledges a button press once its answer is queued. Slack does not
// send a press again: unacknowledged, the user sees that it failed and can press again.
func (a *Adapter) socketInteractive(evt socketmode.Event, req socketmode.Request, c acker) {
	cb, ok := evt.Data.(slack.InteractionCallback)
	if !ok || !a.seen.First("envelope:"+req.EnvelopeID) {
		a.ack(c, req, nil)
		return
	}
	if !a.press(cb) {
		a.seen.Forget("envelope:" + req.EnvelopeID)
		return
	}
	a.ack(c, req, nil)
}

func (a *Adapter) ack(c acker, req socketmode.Request, payload any) {
	ctx, cancel := context.WithTimeout(context.Background(), ackTimeout)
	defer cancel()
	if err := c.AckCtx(ctx, req.EnvelopeID, payload); err != nil {
		a.log.Error("slack socket mode ack failed", "envelope_id", req.EnvelopeID, "err", err)
	}
}

// busyMessage is the acknowledgement of a slash command that could not be queued.
func busyMessage() *slack.Msg {
	return &slack.Msg{ResponseType: slack.ResponseTypeEphemeral, Text: "I'm answering a lot of questions right now. Please ask again in a moment."}
}
