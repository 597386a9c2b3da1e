package discord

import (
	"context"
	"errors"
	"fmt"

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
func (p DigestPoster) PostDigest(ctx context.Context, sub digest.Subscription, d digest.Digest) error {
	_, err := p.Session.ChannelMessageSendComplex(sub.ChannelID, &discordgo.MessageSend{
		Embeds:          []*discordgo.MessageEmbed{DigestEmbed(d)},
		AllowedMentions: noMentions(),
	}, discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false), discordgo.WithRestRetries(0))
	return digestError(err)
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
