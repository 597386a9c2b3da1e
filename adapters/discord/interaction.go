package discord

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/bot"
)

// answerer is what the adapter needs from the bot.
type answerer interface {
	Answer(ctx context.Context, req bot.Request) bot.Reply
	Topics() []bot.Topic
	Feedback(topic string, helpful bool) bot.Reply
}

// Respond turns an interaction into its response. It never panics on unexpected shapes
// (discordgo's accessors do), so it serves both the gateway and the HTTP endpoint.
func (a *Adapter) Respond(ctx context.Context, i *discordgo.Interaction) (resp *discordgo.InteractionResponse) {
	defer func() {
		if p := recover(); p != nil {
			a.log.Error("discord interaction panicked", "type", i.Type, "panic", fmt.Sprint(p))
			resp = ephemeral("Sorry, something went wrong answering that.")
		}
	}()
	switch i.Type {
	case discordgo.InteractionPing:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}
	case discordgo.InteractionApplicationCommand:
		data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
		if !ok || data.Name != commandName || len(data.Options) == 0 || data.Options[0] == nil {
			return ephemeral("I don't know that command. Try `/career help`.")
		}
		return a.command(ctx, i, data.Options[0])
	case discordgo.InteractionApplicationCommandAutocomplete:
		data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
		if !ok {
			return autocomplete(nil)
		}
		name, typed := focused(data.Options)
		if name == optTimezone {
			return autocomplete(zoneChoices(typed))
		}
		return autocomplete(a.suggest(ctx, typed))
	case discordgo.InteractionMessageComponent:
		data, ok := i.Data.(discordgo.MessageComponentInteractionData)
		if vote, ok2 := strings.CutPrefix(data.CustomID, feedbackPrefix); ok && ok2 {
			up, topic, _ := strings.Cut(vote, ":")
			a.votes.Vote("discord", topic, up == "up")
			return message(a.bot.Feedback(topic, up == "up"), discordgo.MessageFlagsEphemeral)
		}
		if !ok || !strings.HasPrefix(data.CustomID, customPrefix) {
			return ephemeral("That button is not mine.")
		}
		topic, facet, _ := strings.Cut(strings.TrimPrefix(data.CustomID, customPrefix), "/")
		r := a.bot.Answer(ctx, bot.Request{Topic: topic, Facet: facet, ConversationID: conversation(i)})
		return message(r, discordgo.MessageFlagsEphemeral)
	}
	return ephemeral("I can't handle that kind of interaction.")
}

// command answers /career ask, topic and help.
func (a *Adapter) command(ctx context.Context, i *discordgo.Interaction, sub *discordgo.ApplicationCommandInteractionDataOption) *discordgo.InteractionResponse {
	switch sub.Name {
	case subAsk:
		q, ok := stringOption(sub, optQuestion)
		if !ok || strings.TrimSpace(q) == "" {
			return ephemeral("Ask a question, e.g. `/career ask question: what's the salary?`")
		}
		return message(a.bot.Answer(ctx, bot.Request{Text: q, ConversationID: conversation(i)}), 0)
	case subTopic:
		t, ok := stringOption(sub, optTopicName)
		if !ok {
			return ephemeral("Pick a topic, e.g. `/career topic name: Pay`.")
		}
		return message(a.bot.Answer(ctx, bot.Request{Topic: t, ConversationID: conversation(i)}), 0)
	case subHelp:
		return message(a.bot.Answer(ctx, bot.Request{Text: "help"}), discordgo.MessageFlagsEphemeral)
	case groupDigest:
		return a.digestCommand(ctx, i, sub)
	}
	return ephemeral("I don't know that command. Try `/career help`.")
}

// stringOption reads a string option without discordgo's panicking accessors.
func stringOption(o *discordgo.ApplicationCommandInteractionDataOption, name string) (string, bool) {
	for _, opt := range o.Options {
		if opt != nil && opt.Name == name && opt.Type == discordgo.ApplicationCommandOptionString {
			s, ok := opt.Value.(string)
			return s, ok
		}
	}
	return "", false
}

// focused returns the focused option of an autocomplete and what is typed in it.
func focused(opts []*discordgo.ApplicationCommandInteractionDataOption) (name, typed string) {
	for _, o := range opts {
		if o == nil {
			continue
		}
		if o.Focused {
			s, _ := o.Value.(string)
			return o.Name, s
		}
		if n, s := focused(o.Options); n != "" {
			return n, s
		}
	}
	return "", ""
}

// conversation keys follow-ups per user per channel.
func conversation(i *discordgo.Interaction) string {
	return "discord:" + i.GuildID + ":" + i.ChannelID + ":" + userID(i)
}

func userID(i *discordgo.Interaction) string {
	switch {
	case i.Member != nil && i.Member.User != nil:
		return i.Member.User.ID // in a server
	case i.User != nil:
		return i.User.ID // in a DM
	}
	return ""
}

func message(r bot.Reply, flags discordgo.MessageFlags) *discordgo.InteractionResponse {
	if r.Kind == bot.KindHelp || r.Kind == bot.KindFallback || r.Kind == bot.KindClarify {
		flags = discordgo.MessageFlagsEphemeral // help and "I don't know" are for the asker only
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Embeds:          []*discordgo.MessageEmbed{Embed(r)},
			Components:      Buttons(r),
			AllowedMentions: noMentions(),
			Flags:           flags,
		},
	}
}

func ephemeral(text string) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: text, Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions()},
	}
}

func autocomplete(choices []*discordgo.ApplicationCommandOptionChoice) *discordgo.InteractionResponse {
	if choices == nil {
		choices = []*discordgo.ApplicationCommandOptionChoice{}
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	}
}
