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

	"github.com/careerbot/careerbot/bot"
)

// Routes registers the HTTP endpoints on mux: /slack/events, /slack/commands and
// /slack/interactivity. Each verifies Slack's signature before reading anything else.
func (a *Adapter) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /slack/events", a.events)
	mux.HandleFunc("POST /slack/commands", a.commands)
	mux.HandleFunc("POST /slack/interactivity", a.interactivity)
}

// verified reads the body, bounded, and checks its signature. On failure it has already
// written the response.
func (a *Adapter) verified(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	if a.secret == "" {
		http.Error(w, "this app receives events over Socket Mode", http.StatusNotFound)
		return nil, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, a.maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
		} else {
			http.Error(w, "cannot read request body", http.StatusBadRequest)
		}
		return nil, false
	}
	sv, err := slack.NewSecretsVerifier(r.Header, a.secret)
	if err == nil {
		sv.Write(body)
		err = sv.Ensure()
	}
	if err != nil {
		// Covers missing headers, stale timestamps (more than 5 minutes) and bad signatures.
		a.log.Warn("slack request rejected", "path", r.URL.Path, "err", err)
		http.Error(w, "invalid signature", http.StatusUnauthorized)
		return nil, false
	}
	return body, true
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
		w.WriteHeader(http.StatusOK) // acknowledge first: Slack retries after 3 seconds
		if !a.seen.first(cb.EventID) {
			a.log.Info("slack retry ignored", "event_id", cb.EventID, "retry", r.Header.Get("X-Slack-Retry-Num"))
			return
		}
		a.later(func(ctx context.Context) {
			if err := a.event(ctx, ev); err != nil {
				a.seen.forget(cb.EventID) // let Slack's retry try again
				a.log.Error("slack event failed", "event_id", cb.EventID, "err", err)
			}
		})
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
	w.WriteHeader(http.StatusOK)
	a.press(cb)
}

// press answers a button: a suggestion answers its topic (by id, never by re-reading the
// label) for the presser, "Share in channel" posts the answer for everyone. It replies
// through the interaction's response_url after the press was acknowledged.
func (a *Adapter) press(cb slack.InteractionCallback) {
	if cb.Type != slack.InteractionTypeBlockActions || len(cb.ActionCallback.BlockActions) == 0 || cb.ResponseURL == "" {
		return
	}
	act := cb.ActionCallback.BlockActions[0]
	topic, facet := parseValue(act.Value)
	req := bot.Request{Topic: topic, Facet: facet, ConversationID: conversation(cb.Team.ID, cb.Channel.ID, cb.Container.ThreadTs, cb.User.ID)}
	respType, share := slack.ResponseTypeEphemeral, true
	switch {
	case act.ActionID == actionShare:
		respType, share = slack.ResponseTypeInChannel, false
	case !strings.HasPrefix(act.ActionID, actionSuggest):
		return
	}
	responseURL := cb.ResponseURL
	a.later(func(ctx context.Context) {
		rep := a.bot.Answer(ctx, req)
		opts := append(replyOptions(rep, share), slack.MsgOptionResponseURL(responseURL, respType))
		if _, _, _, err := a.api.SendMessageContext(ctx, "", opts...); err != nil {
			a.log.Error("slack button answer failed", "action", act.ActionID, "err", err)
		}
	})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}
