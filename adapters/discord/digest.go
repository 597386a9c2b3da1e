package discord

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/bot/digest"
)

// DigestEmbed renders a digest as an embed within Discord's limits.
func DigestEmbed(d digest.Digest) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{Title: clip(d.Title, maxTitle), Description: clip(d.Lead, maxDescription), Color: embedColor, URL: d.SourceURL}
	for _, f := range d.Fields {
		e.Fields = append(e.Fields, field(f.Label, f.Value, true))
	}
	if d.Why != "" {
		e.Fields = append(e.Fields, field("Why", d.Why, false))
	}
	if d.Fact != "" {
		e.Fields = append(e.Fields, field("Did you know?", d.Fact, false))
	}
	footer := d.Footer
	if d.Source != "" {
		footer += "\nSource: " + d.Source
	}
	if footer != "" {
		e.Footer = &discordgo.MessageEmbedFooter{Text: clip(footer, maxFooter)}
	}
	fit(e)
	return e
}

// DigestPoster posts digests through a session's REST API.
type DigestPoster struct {
	Session *discordgo.Session
}

// PostDigest posts a scheduled digest to a channel, leaving rate limits and retries to the
// scheduler.
//
// It sends the slot's nonce with enforce_nonce, so a digest posted again for the same slot
// (its process died before recording it as sent) returns the message Discord already has
// instead of posting twice, within Discord's nonce window of a few minutes. discordgo's
// MessageSend has no nonce, so this one request body is written here, with encoding/json.
func (p DigestPoster) PostDigest(ctx context.Context, sub digest.Subscription, d digest.Digest) error {
	endpoint := discordgo.EndpointChannelMessages(sub.ChannelID)
	body := nonceMessage{
		MessageSend:  &discordgo.MessageSend{Embeds: []*discordgo.MessageEmbed{DigestEmbed(d)}, AllowedMentions: noMentions()},
		Nonce:        digestNonce(sub.ID, d.Slot),
		EnforceNonce: true,
	}
	_, err := p.Session.RequestWithBucketID(http.MethodPost, endpoint, body, endpoint,
		discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false), discordgo.WithRestRetries(0))
	return digestError(err)
}

// nonceMessage is a message create body with Discord's nonce fields.
type nonceMessage struct {
	*discordgo.MessageSend
	Nonce        string `json:"nonce"`
	EnforceNonce bool   `json:"enforce_nonce"`
}

// digestNonce names a subscription's slot in at most 25 characters, Discord's limit:
// "d" and the id and the slot's Unix time in base 36 (at most 1+13+1+8).
func digestNonce(id int64, slot time.Time) string {
	return "d" + strconv.FormatInt(id, 36) + "-" + strconv.FormatInt(slot.Unix(), 36)
}

// Discord's JSON error codes for a channel the bot can no longer post in. Missing
// Permissions (50013) is not one: a channel made read-only for a while comes back.
const (
	codeUnknownChannel = 10003
	codeMissingAccess  = 50001
)

func digestError(err error) error {
	if err == nil {
		return nil
	}
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) && rl.RateLimit != nil && rl.TooManyRequests != nil {
		return fmt.Errorf("discord: %w", &digest.RateLimitedError{After: rl.RetryAfter})
	}
	// Only Discord's own error codes disable a subscription: a 404 from a misconfigured
	// proxy or DISCORD_API_URL must not switch every digest off.
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Message != nil {
		switch re.Message.Code {
		case codeUnknownChannel, codeMissingAccess:
			return fmt.Errorf("discord: %s: %w", re.Message.Message, digest.ErrChannelGone)
		}
	}
	return fmt.Errorf("discord: %w", err)
}
