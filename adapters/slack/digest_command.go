package slack

import (
	"context"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/careerbot/careerbot/bot/digest"
)

const digestHelp = "*Scheduled job-outlook digests for this channel*\n" +
	"• `/career digest weekly monday 09:00` (your time zone) or `/career digest daily 08:30 America/Chicago`\n" +
	"• `/career digest monthly 1 09:00`, `/career digest hourly`, or a cron spec: `/career digest 0 9 * * 1-5 Europe/Berlin`\n" +
	"• `/career digest list`, `/career digest off`, `/career digest preview`"

// digestCommand handles /career digest …, answering the person who typed it.
func (a *Adapter) digestCommand(ctx context.Context, cmd slack.SlashCommand, args []string) *slack.Msg {
	say := func(text string) *slack.Msg {
		return &slack.Msg{ResponseType: slack.ResponseTypeEphemeral, Text: text}
	}
	if a.digests == nil {
		return say("Scheduled digests are not set up on this careerbot.")
	}
	verb := ""
	if len(args) > 0 {
		verb = strings.ToLower(args[0])
	}
	switch verb {
	case "", "help":
		return say(digestHelp)
	case "list", "status":
		subs, err := a.digests.List(ctx, "slack", cmd.ChannelID)
		if err != nil {
			a.log.Error("digest list failed", "err", err)
			return say("Sorry, I couldn't read this channel's digests right now.")
		}
		if len(subs) == 0 {
			return say("This channel has no digest. " + digestHelp)
		}
		var lines []string
		for _, s := range subs {
			next := digest.Slot{}
			if sched, err := s.Schedule(); err == nil && s.Disabled == "" {
				next = sched.Next(s.LastSlot)
			}
			lines = append(lines, "• "+escape(digest.Describe(s, next)))
		}
		return say("This channel's digest:\n" + strings.Join(lines, "\n"))
	case "off", "stop", "unsubscribe", "remove", "cancel":
		if why := a.mayManage(ctx, cmd.UserID); why != "" {
			return say(why)
		}
		n, err := a.digests.Unsubscribe(ctx, "slack", cmd.ChannelID)
		if err != nil {
			a.log.Error("digest unsubscribe failed", "err", err)
			return say("Sorry, I couldn't stop the digest right now.")
		}
		if n == 0 {
			return say("This channel has no digest to stop.")
		}
		return say("Stopped this channel's digest.")
	case "preview":
		spec, zone := a.scheduleArgs(ctx, cmd.UserID, args[1:])
		if spec == "" {
			spec = "weekly monday 09:00"
		}
		d, err := a.digests.Preview(spec, zone)
		if err != nil {
			return say(escape(err.Error()))
		}
		return &slack.Msg{ResponseType: slack.ResponseTypeEphemeral, Text: digestText(d), Blocks: slack.Blocks{BlockSet: DigestBlocks(d)}}
	}
	if why := a.mayManage(ctx, cmd.UserID); why != "" {
		return say(why)
	}
	spec, zone := a.scheduleArgs(ctx, cmd.UserID, args)
	sub, next, err := a.digests.Subscribe(ctx, "slack", cmd.TeamID, cmd.ChannelID, spec, zone, cmd.UserID)
	if err != nil {
		return say("I couldn't set that up: " + escape(err.Error()))
	}
	return say("This channel will get the job-outlook digest " + escape(digest.Describe(sub, next)) + ". `/career digest off` stops it.")
}

// digestText is a digest's plain-text fallback.
func digestText(d digest.Digest) string { return clip(escape(digest.Text(d)), maxFallbackText) }

// mayManage says why a user may not change a channel's digest, or "" if they may: full
// members may, guests (restricted accounts) and bots may not. Slack has no per-channel
// "manage" permission an app can read without admin scopes, so this is the line drawn.
func (a *Adapter) mayManage(ctx context.Context, user string) string {
	u, err := a.userInfo(ctx, user)
	switch {
	case err != nil:
		return "I couldn't check who you are right now; try again in a moment."
	case u.IsBot:
		return "Bots can't change digests."
	case u.IsRestricted || u.IsUltraRestricted:
		return "Guests can't change this channel's digest; ask a member of the workspace."
	}
	return ""
}

// userInfo looks a user up, quickly: it runs inside Slack's 3-second window.
func (a *Adapter) userInfo(ctx context.Context, user string) (*slack.User, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return a.api.GetUserInfoContext(ctx, user)
}

// scheduleArgs splits "weekly monday 09:00 America/Chicago" into the schedule and the zone;
// without a zone it is the user's own, from their Slack profile, or UTC.
func (a *Adapter) scheduleArgs(ctx context.Context, user string, args []string) (spec, zone string) {
	if n := len(args); n > 0 {
		last := args[n-1]
		if strings.Contains(last, "/") || strings.EqualFold(last, "UTC") || strings.EqualFold(last, "GMT") {
			if strings.EqualFold(last, "utc") || strings.EqualFold(last, "gmt") {
				last = "UTC"
			}
			return strings.Join(args[:n-1], " "), last
		}
	}
	zone = "UTC"
	if u, err := a.userInfo(ctx, user); err == nil && u.TZ != "" {
		zone = u.TZ
	} else if err != nil {
		a.log.Warn("slack users.info failed; using UTC", "err", err)
	}
	return strings.Join(args, " "), zone
}
