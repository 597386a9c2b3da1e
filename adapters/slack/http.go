package slack

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/careerbot/careerbot/adapters/inbound"
	"github.com/careerbot/careerbot/adapters/outbound"
	"github.com/careerbot/careerbot/bot"
)

// Routes registers the HTTP endpoints on mux: /slack/events, /slack/commands and
// /slack/interactivity. Each verifies Slack's signature before reading anything else.
func (a *Adapter) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /slack/events", a.events)
	mux.HandleFunc("POST /slack/commands", a.commands)
	mux.HandleFunc("POST /slack/interactivity", a.interactivity)
}

// verified checks the signature headers (present, well-formed, timestamp within Slack's
// 5 minutes) before reading a byte of the body, then reads the body within the reader's
// bounds and checks the signature over it. On failure it has already written the response.
func (a *Adapter) verified(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	if a.secret == "" {
		http.Error(w, "this app receives events over Socket Mode", http.StatusNotFound)
		return nil, false
	}
	// slack-go checks the headers and the timestamp window without the body.
	sv, err := slack.NewSecretsVerifier(r.Header, a.secret)
	if err != nil {
		a.log.Warn("slack request rejected before its body", "path", r.URL.Path, "err", err)
		reason := "bad_signature"
		if errors.Is(err, slack.ErrExpiredTimestamp) {
			reason = "stale_timestamp"
		}
		a.obs.Rejected(r.Pattern, reason)
		inbound.Refuse(w)
		http.Error(w, "invalid signature", http.StatusUnauthorized)
		return nil, false
	}
	body, ok := a.reader.Read(w, r)
	if !ok {
		return nil, false
	}
	sv.Write(body)
	if err := sv.Ensure(); err != nil {
		a.log.Warn("slack request rejected", "path", r.URL.Path, "err", err)
		a.obs.Rejected(r.Pattern, "bad_signature")
		http.Error(w, "invalid signature", http.StatusUnauthorized)
		return nil, false
	}
	return body, true
}

// busy refuses a request the queue cannot take: Slack retries a delivery that did not get
// a 2xx, so nothing acknowledged is dropped.
func busy(w http.ResponseWriter) {
	w.Header().Set("Retry-After", "1")
	http.Error(w, "busy, try again", http.StatusServiceUnavailable)
}

func (a *Adapter) events(w http.ResponseWriter, r *http.Request) {
	body, ok := a.verified(w, r)
	if !ok {
		return
	}
	// The signature is checked, so Slack's deprecated verification token is not needed.
	ev, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
		// A well-signed event of a type this slack-go does not know is still Slack's: 200,
		// so it is not retried; a body that is not JSON at all is a bad request.
		if !json.Valid(body) {
			http.Error(w, "malformed event", http.StatusBadRequest)
			return
		}
		a.log.Info("slack event ignored", "err", err)
		w.WriteHeader(http.StatusOK)
		return
	}
	switch ev.Type {
	case slackevents.URLVerification:
		c, ok := ev.Data.(*slackevents.EventsAPIURLVerificationEvent)
		if !ok {
			http.Error(w, "malformed challenge", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, c.Challenge)
	case slackevents.CallbackEvent:
		cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent)
		if !ok {
			http.Error(w, "malformed event", http.StatusBadRequest)
			return
		}
		if !a.seen.First(cb.EventID) {
			a.log.Info("slack retry ignored", "event_id", cb.EventID, "retry", r.Header.Get("X-Slack-Retry-Num"))
			w.WriteHeader(http.StatusOK)
			return
		}
		if !a.later("slack event", a.eventJob(ev, cb.EventID)) {
			a.seen.Forget(cb.EventID) // the redelivery must be answered
			busy(w)
			return
		}
		w.WriteHeader(http.StatusOK) // queued: answered after the acknowledgement
	case slackevents.AppRateLimited:
		a.log.Warn("slack app rate limited: events are being dropped by Slack")
		w.WriteHeader(http.StatusOK)
	default:
		w.WriteHeader(http.StatusOK)
	}
}

// commands answers /career. The answer is the HTTP response itself, ephemeral, with a
// button to share it in the channel: answering takes microseconds, well inside 3 seconds.
func (a *Adapter) commands(w http.ResponseWriter, r *http.Request) {
	body, ok := a.verified(w, r)
	if !ok {
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		http.Error(w, "malformed command", http.StatusBadRequest)
		return
	}
	cmd := slack.SlashCommand{
		Command: form.Get("command"), Text: form.Get("text"), TeamID: form.Get("team_id"),
		ChannelID: form.Get("channel_id"), UserID: form.Get("user_id"), ResponseURL: form.Get("response_url"),
	}
	writeJSON(w, a.command(r.Context(), cmd))
}

// command turns a slash command into the message to show.
func (a *Adapter) command(ctx context.Context, cmd slack.SlashCommand) *slack.Msg {
	text := strings.TrimSpace(cmd.Text)
	if text == "" || strings.EqualFold(text, "help") {
		text = "help"
	}
	if f := strings.Fields(text); len(f) > 0 && strings.EqualFold(f[0], "digest") {
		return a.digestCommand(ctx, cmd, f[1:])
	}
	rep := a.bot.Answer(ctx, bot.Request{Text: text, ConversationID: conversation(cmd.TeamID, cmd.ChannelID, "", cmd.UserID)})
	return message(rep, slack.ResponseTypeEphemeral, true)
}

func message(r bot.Reply, responseType string, share bool) *slack.Msg {
	return &slack.Msg{
		ResponseType: responseType,
		Text:         Text(r),
		Blocks:       slack.Blocks{BlockSet: Blocks(r, share)},
	}
}

// interactivity handles button presses: a suggestion answers its topic (by id, never by
// re-reading the label), "Share in channel" posts the answer for everyone.
func (a *Adapter) interactivity(w http.ResponseWriter, r *http.Request) {
	body, ok := a.verified(w, r)
	if !ok {
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil || form.Get("payload") == "" {
		http.Error(w, "malformed interaction", http.StatusBadRequest)
		return
	}
	var cb slack.InteractionCallback
	if err := json.Unmarshal([]byte(form.Get("payload")), &cb); err != nil {
		http.Error(w, "malformed interaction payload", http.StatusBadRequest)
		return
	}
	if !a.press(cb) {
		busy(w)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// eventJob answers an acknowledged event. If it fails, its id is forgotten so that a
// redelivery is answered.
func (a *Adapter) eventJob(ev slackevents.EventsAPIEvent, key string) outbound.Job {
	return func(ctx context.Context) error {
		err := a.event(ctx, ev)
		if err != nil {
			a.seen.Forget(key)
		}
		return err
	}
}

// press answers a button: a suggestion answers its topic (by id, never by re-reading the
// label) for the presser, "Share in channel" posts the answer for everyone. It replies
// through the interaction's response_url after the press was acknowledged. It returns
// false only when the answer could not be queued; a press there is nothing to answer for
// (another kind of interaction, a response_url careerbot may not call) is done with.
func (a *Adapter) press(cb slack.InteractionCallback) bool {
	if cb.Type != slack.InteractionTypeBlockActions || len(cb.ActionCallback.BlockActions) == 0 || cb.ResponseURL == "" {
		return true
	}
	act := cb.ActionCallback.BlockActions[0]
	if act.ActionID == actionUp || act.ActionID == actionDown {
		return a.vote(cb, act)
	}
	topic, facet := parseValue(act.Value)
	req := bot.Request{Topic: topic, Facet: facet, ConversationID: conversation(cb.Team.ID, cb.Channel.ID, cb.Container.ThreadTs, cb.User.ID)}
	respType, share := slack.ResponseTypeEphemeral, true
	switch {
	case act.ActionID == actionShare:
		respType, share = slack.ResponseTypeInChannel, false
	case !strings.HasPrefix(act.ActionID, actionSuggest):
		return true
	}
	if !a.responseURLAllowed(cb.ResponseURL) {
		a.log.Warn("slack interaction ignored: response_url is not Slack's", "host", host(cb.ResponseURL))
		return true
	}
	responseURL := cb.ResponseURL
	return a.later("slack button", func(ctx context.Context) error {
		rep := a.bot.Answer(ctx, req)
		return a.respond(ctx, responseURL, respType, replyOptions(rep, share)...)
	})
}

// host is what the logs say of a refused URL: its host only, never its path or query.
func host(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return u.Host
	}
	return "(unparsable)"
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// vote records a 👍 or 👎 under an answer (its topic, never who pressed it) and thanks the
// presser, offering the other topics after a 👎.
func (a *Adapter) vote(cb slack.InteractionCallback, act *slack.BlockAction) bool {
	up := act.ActionID == actionUp
	topic, _ := parseValue(act.Value)
	a.votes.Vote("slack", topic, up)
	if !a.responseURLAllowed(cb.ResponseURL) {
		a.log.Warn("slack interaction ignored: response_url is not Slack's", "host", host(cb.ResponseURL))
		return true
	}
	responseURL := cb.ResponseURL
	return a.later("slack feedback", func(ctx context.Context) error {
		return a.respond(ctx, responseURL, slack.ResponseTypeEphemeral, replyOptions(a.bot.Feedback(topic, up), false)...)
	})
}
