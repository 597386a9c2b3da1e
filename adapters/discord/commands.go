package discord

import (
	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/bot"
)

// Command and option names, as users type them.
const (
	commandName  = "career"
	subAsk       = "ask"
	subTopic     = "topic"
	subHelp      = "help"
	optQuestion  = "question"
	optTopicName = "name"

	groupDigest    = "digest"
	subSubscribe   = "subscribe"
	subUnsubscribe = "unsubscribe"
	subList        = "list"
	subPreview     = "preview"
	optFrequency   = "frequency"
	optTime        = "time"
	optDay         = "day"
	optTimezone    = "timezone"
)

// scheduleOptions are subscribe's (and preview's) options.
func scheduleOptions(required bool) []*discordgo.ApplicationCommandOption {
	var freq []*discordgo.ApplicationCommandOptionChoice
	for _, f := range []string{"daily", "weekly", "monthly", "hourly"} {
		freq = append(freq, &discordgo.ApplicationCommandOptionChoice{Name: f, Value: f})
	}
	return []*discordgo.ApplicationCommandOption{
		{Type: discordgo.ApplicationCommandOptionString, Name: optFrequency, Description: "How often", Required: required, Choices: freq},
		{Type: discordgo.ApplicationCommandOptionString, Name: optTime, Description: "Time of day, 24-hour HH:MM (default 09:00)", MaxLength: 8},
		{Type: discordgo.ApplicationCommandOptionString, Name: optDay, Description: "Weekly: a weekday (default Monday); monthly: 1 to 28 (default 1)", MaxLength: 10},
		{Type: discordgo.ApplicationCommandOptionString, Name: optTimezone, Description: "IANA time zone, e.g. America/Chicago (default UTC)", Autocomplete: true, MaxLength: 64},
	}
}

// Commands is the /career command: ask (with autocomplete), topic (a choice per topic), help.
func Commands(topics []bot.Topic) []*discordgo.ApplicationCommand {
	var choices []*discordgo.ApplicationCommandOptionChoice
	for _, t := range topics {
		if len(choices) == maxChoices {
			break
		}
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: clip(t.Title, maxChoiceText), Value: t.ID})
	}
	minLen := 1
	return []*discordgo.ApplicationCommand{{
		Name:        commandName,
		Description: "Career answers from the BLS Occupational Outlook Handbook",
		Options: []*discordgo.ApplicationCommandOption{
			{
				Type:        discordgo.ApplicationCommandOptionSubCommand,
				Name:        subAsk,
				Description: "Ask a question",
				Options: []*discordgo.ApplicationCommandOption{{
					Type:         discordgo.ApplicationCommandOptionString,
					Name:         optQuestion,
					Description:  "What do you want to know? e.g. what's the salary?",
					Required:     true,
					Autocomplete: true,
					MinLength:    &minLen,
					MaxLength:    300,
				}},
			},
			{
				Type:        discordgo.ApplicationCommandOptionSubCommand,
				Name:        subTopic,
				Description: "Browse a topic",
				Options: []*discordgo.ApplicationCommandOption{{
					Type:        discordgo.ApplicationCommandOptionString,
					Name:        optTopicName,
					Description: "The topic",
					Required:    true,
					Choices:     choices,
				}},
			},
			{
				Type:        discordgo.ApplicationCommandOptionSubCommand,
				Name:        subHelp,
				Description: "What can I ask?",
			},
			{
				Type:        discordgo.ApplicationCommandOptionSubCommandGroup,
				Name:        groupDigest,
				Description: "Scheduled job-outlook digests for this channel",
				Options: []*discordgo.ApplicationCommandOption{
					{Type: discordgo.ApplicationCommandOptionSubCommand, Name: subSubscribe, Description: "Post the job outlook here on a schedule (Manage Channels)", Options: scheduleOptions(true)},
					{Type: discordgo.ApplicationCommandOptionSubCommand, Name: subUnsubscribe, Description: "Stop this channel's digest (Manage Channels)"},
					{Type: discordgo.ApplicationCommandOptionSubCommand, Name: subList, Description: "Show this channel's digest"},
					{Type: discordgo.ApplicationCommandOptionSubCommand, Name: subPreview, Description: "Show what a digest looks like", Options: scheduleOptions(false)},
				},
			},
		},
	}}
}
