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
)

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
		},
	}}
}
