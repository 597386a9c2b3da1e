package discord

import (
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Routes registers POST /discord/interactions, Discord's HTTP interactions endpoint.
func (a *Adapter) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /discord/interactions", a.interactions)
}

// interactions verifies the Ed25519 signature (Discord sends bad ones on purpose to test
// the endpoint: they get 401), refuses stale timestamps (discordgo does not check them),
// and answers in the HTTP response itself.
func (a *Adapter) interactions(w http.ResponseWriter, r *http.Request) {
	if a.key == nil {
		http.Error(w, "interactions endpoint not configured", http.StatusNotFound)
		return
	}
	body, err := readBody(w, r, a.maxBody)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "cannot read request body", http.StatusBadRequest)
		return
	}
	if !a.verify(r.Header, body) {
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	ts, err := strconv.ParseInt(r.Header.Get("X-Signature-Timestamp"), 10, 64)
	if err != nil || a.now().Sub(time.Unix(ts, 0)).Abs() > a.freshness {
		http.Error(w, "stale or malformed timestamp", http.StatusBadRequest)
		return
	}
	i, err := decodeInteraction(body)
	if err != nil {
		http.Error(w, "malformed interaction", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(a.encoded(a.Respond(r.Context(), i)))
}

// readBody reads at most limit bytes, in one allocation when the length is announced.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	body := http.MaxBytesReader(w, r.Body, limit)
	if n := r.ContentLength; n > 0 && n <= limit {
		buf := make([]byte, n)
		if _, err := io.ReadFull(body, buf); err != nil {
			return nil, err
		}
		return buf, nil
	}
	return io.ReadAll(body)
}

// wireInteraction is the part of an interaction careerbot reads, decoded in one pass:
// decoding only this (and not, say, the whole message a button sits on) is a good part of
// the endpoint's speed.
type wireInteraction struct {
	ID        string                    `json:"id"`
	AppID     string                    `json:"application_id"`
	Type      discordgo.InteractionType `json:"type"`
	Token     string                    `json:"token"`
	GuildID   string                    `json:"guild_id"`
	ChannelID string                    `json:"channel_id"`
	Member    *wireMember               `json:"member"`
	User      *wireUser                 `json:"user"`
	Data      *wireData                 `json:"data"`
}

type wireUser struct {
	ID string `json:"id"`
}

type wireMember struct {
	User        *wireUser `json:"user"`
	Permissions int64     `json:"permissions,string"`
}

// wireData holds the fields of both command and component data.
type wireData struct {
	ID            string                                               `json:"id"`
	Name          string                                               `json:"name"`
	CommandType   discordgo.ApplicationCommandType                     `json:"type"`
	Options       []*discordgo.ApplicationCommandInteractionDataOption `json:"options"`
	CustomID      string                                               `json:"custom_id"`
	ComponentType discordgo.ComponentType                              `json:"component_type"`
	Values        []string                                             `json:"values"`
}

// decodeInteraction reads an interaction body into the discordgo type Respond takes.
func decodeInteraction(body []byte) (*discordgo.Interaction, error) {
	var wi wireInteraction
	if err := json.Unmarshal(body, &wi); err != nil {
		return nil, err
	}
	i := &discordgo.Interaction{ID: wi.ID, AppID: wi.AppID, Type: wi.Type, Token: wi.Token, GuildID: wi.GuildID, ChannelID: wi.ChannelID}
	if wi.Member != nil && wi.Member.User != nil {
		i.Member = &discordgo.Member{User: &discordgo.User{ID: wi.Member.User.ID}, Permissions: wi.Member.Permissions}
	}
	if wi.User != nil {
		i.User = &discordgo.User{ID: wi.User.ID}
	}
	if d := wi.Data; d != nil {
		switch wi.Type {
		case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
			i.Data = discordgo.ApplicationCommandInteractionData{ID: d.ID, Name: d.Name, CommandType: d.CommandType, Options: d.Options}
		case discordgo.InteractionMessageComponent:
			i.Data = discordgo.MessageComponentInteractionData{CustomID: d.CustomID, ComponentType: d.ComponentType, Values: d.Values}
		}
	}
	return i, nil
}

// verify checks Discord's Ed25519 signature over timestamp + body, as
// discordgo.VerifyInteraction does, without copying the body twice.
func (a *Adapter) verify(h http.Header, body []byte) bool {
	sig, err := hex.DecodeString(h.Get("X-Signature-Ed25519"))
	ts := h.Get("X-Signature-Timestamp")
	if err != nil || len(sig) != ed25519.SignatureSize || ts == "" {
		return false
	}
	msg := make([]byte, 0, len(ts)+len(body))
	msg = append(append(msg, ts...), body...)
	return ed25519.Verify(a.key, msg, sig)
}
