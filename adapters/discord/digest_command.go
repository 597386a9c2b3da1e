package discord

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/bot/digest"
)

// digestCommand handles /career digest subscribe|unsubscribe|list|preview. Changing a
// subscription needs Manage Channels. Discord can only require a permission of a whole
// command (default_member_permissions), and /career is for everyone, so it is checked here,
// from the permissions Discord sends with the interaction.
func (a *Adapter) digestCommand(ctx context.Context, i *discordgo.Interaction, group *discordgo.ApplicationCommandInteractionDataOption) *discordgo.InteractionResponse {
	if a.digests == nil {
		return ephemeral("Scheduled digests are not set up on this careerbot.")
	}
	if len(group.Options) == 0 || group.Options[0] == nil {
		return ephemeral("Try `/career digest subscribe`, `list`, `unsubscribe` or `preview`.")
	}
	sub := group.Options[0]
	switch sub.Name {
	case subList:
		subs, err := a.digests.List(ctx, "discord", i.ChannelID)
		if err != nil {
			a.log.Error("digest list failed", "err", err)
			return ephemeral("Sorry, I couldn't read this channel's digests right now.")
		}
		if len(subs) == 0 {
			return ephemeral("This channel has no digest. `/career digest subscribe` sets one up.")
		}
		var lines []string
		for _, s := range subs {
			next := digest.Slot{}
			if sched, err := s.Schedule(); err == nil && s.Disabled == "" {
				next = sched.Next(s.LastSlot)
			}
			lines = append(lines, "• "+digest.Describe(s, next))
		}
		return ephemeral("This channel's digest:\n" + strings.Join(lines, "\n"))
	case subPreview:
		spec, zone := scheduleFrom(sub)
		if spec == "" {
			spec = "weekly monday 09:00"
		}
		d, err := a.digests.Preview(spec, zone)
		if err != nil {
			return ephemeral(err.Error())
		}
		return &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{DigestEmbed(d)}, Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions()},
		}
	case subSubscribe, subUnsubscribe:
		if !mayManage(i) {
			return ephemeral("Only members who can manage this channel (Manage Channels) can change its digest.")
		}
		if sub.Name == subUnsubscribe {
			n, err := a.digests.Unsubscribe(ctx, "discord", i.ChannelID)
			switch {
			case err != nil:
				a.log.Error("digest unsubscribe failed", "err", err)
				return ephemeral("Sorry, I couldn't stop the digest right now.")
			case n == 0:
				return ephemeral("This channel has no digest to stop.")
			}
			return ephemeral("Stopped this channel's digest.")
		}
		spec, zone := scheduleFrom(sub)
		s, next, err := a.digests.Subscribe(ctx, "discord", i.GuildID, i.ChannelID, spec, zone, userID(i))
		if err != nil {
			return ephemeral("I couldn't set that up: " + err.Error())
		}
		return ephemeral("This channel will get the job-outlook digest " + digest.Describe(s, next) + ". `/career digest unsubscribe` stops it.")
	}
	return ephemeral("Try `/career digest subscribe`, `list`, `unsubscribe` or `preview`.")
}

// mayManage says whether the member may change a channel's digest: Manage Channels or
// Administrator in a server; anyone in a DM.
func mayManage(i *discordgo.Interaction) bool {
	if i.GuildID == "" {
		return true
	}
	if i.Member == nil {
		return false
	}
	p := i.Member.Permissions
	return p&discordgo.PermissionManageChannels != 0 || p&discordgo.PermissionAdministrator != 0
}

// scheduleFrom builds a preset ("weekly monday 09:00") and zone from the options.
func scheduleFrom(sub *discordgo.ApplicationCommandInteractionDataOption) (spec, zone string) {
	freq, _ := stringOption(sub, optFrequency)
	at, _ := stringOption(sub, optTime)
	day, _ := stringOption(sub, optDay)
	zone, _ = stringOption(sub, optTimezone)
	if zone == "" {
		zone = "UTC"
	}
	if freq == "" {
		return "", zone
	}
	parts := []string{freq}
	if day != "" && (freq == "weekly" || freq == "monthly") {
		parts = append(parts, day)
	}
	if at != "" && freq != "hourly" {
		parts = append(parts, at)
	}
	return strings.Join(parts, " "), zone
}

func zoneChoices(typed string) []*discordgo.ApplicationCommandOptionChoice {
	var out []*discordgo.ApplicationCommandOptionChoice
	for _, z := range digest.Zones(typed, maxChoices) {
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: z, Value: z})
	}
	return out
}
