package discord

import (
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/bot"
)

// Discord's message limits, from its API reference.
const (
	maxTitle       = 256
	maxDescription = 4096
	maxFields      = 25
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFooter      = 2048
	maxEmbedTotal  = 6000
	maxButtons     = 5
	maxButtonLabel = 80
	maxCustomID    = 100
	maxChoices     = 25
	maxChoiceText  = 100
	embedColor     = 0x1d3557
)

// customPrefix starts the custom_id of careerbot's buttons: "careerbot:topic[/facet]".
const customPrefix = "careerbot:"

// noMentions parses no mentions at all: not @everyone, roles or users, whatever the text.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// Embed renders a reply as an embed: the lead sentence as the description, fields inline,
// the table as a field, the source in the footer, all trimmed to Discord's limits.
func Embed(r bot.Reply) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{Title: clip(r.Title, maxTitle), Color: embedColor}
	if r.Kind == bot.KindAnswer && r.SourceURL != "" {
		e.URL = r.SourceURL
	}
	switch {
	case len(r.Parts) == 1:
		e.Description = r.Parts[0].Lead
	case len(r.Parts) == 0:
		e.Description = r.Lead
	}
	if r.Note != "" { // what was not understood, or what of the question the profile lacks
		if e.Description != "" {
			e.Description += "\n\n"
		}
		e.Description += r.Note
	}
	e.Description = clip(e.Description, maxDescription)
	for _, p := range r.Parts {
		if len(r.Parts) > 1 {
			e.Fields = append(e.Fields, field(p.Title, p.Lead, false))
		}
		for _, f := range p.Fields {
			e.Fields = append(e.Fields, field(f.Label, f.Value, len(f.Value) < 60))
		}
		if t := p.Table; t != nil && len(t.Columns) >= 2 {
			var sb strings.Builder
			for _, row := range t.Rows {
				if len(row) >= 2 {
					sb.WriteString(row[0] + " — **" + row[1] + "**\n")
				}
			}
			e.Fields = append(e.Fields, field(t.Columns[0]+" · "+t.Columns[1], sb.String(), false))
		}
	}
	if len(e.Fields) > maxFields {
		e.Fields = e.Fields[:maxFields]
	}
	if r.Kind == bot.KindAnswer && r.Source != "" {
		e.Footer = &discordgo.MessageEmbedFooter{Text: clip(r.SourceLabel()+r.Source, maxFooter)}
	}
	fit(e)
	return e
}

// fit trims an embed to Discord's 6,000 characters: fields go first, from the last (the
// lead and the source matter most), then the description is shortened.
func fit(e *discordgo.MessageEmbed) {
	for size(e) > maxEmbedTotal && len(e.Fields) > 0 {
		e.Fields = e.Fields[:len(e.Fields)-1]
	}
	if over := size(e) - maxEmbedTotal; over > 0 {
		e.Description = clip(e.Description, max(1, utf8.RuneCountInString(e.Description)-over))
	}
}

func field(name, value string, inline bool) *discordgo.MessageEmbedField {
	if value == "" {
		value = "—"
	}
	return &discordgo.MessageEmbedField{Name: clip(name, maxFieldName), Value: clip(value, maxFieldValue), Inline: inline}
}

// size counts the characters Discord counts toward an embed's 6,000.
func size(e *discordgo.MessageEmbed) int {
	n := utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
	for _, f := range e.Fields {
		n += utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
	}
	if e.Footer != nil {
		n += utf8.RuneCountInString(e.Footer.Text)
	}
	return n
}

// Buttons renders suggestions as one row of buttons that answer by topic id.
func Buttons(r bot.Reply) []discordgo.MessageComponent {
	var row []discordgo.MessageComponent
	for _, s := range r.Suggestions {
		if len(row) == maxButtons {
			break
		}
		id := customPrefix + s.Topic
		if s.Facet != "" {
			id += "/" + s.Facet
		}
		if len(id) > maxCustomID {
			continue
		}
		label := s.Label
		if label == "" {
			label = s.Question
		}
		row = append(row, discordgo.Button{Label: clip(label, maxButtonLabel), Style: discordgo.SecondaryButton, CustomID: id})
	}
	var rows []discordgo.MessageComponent
	if len(row) > 0 {
		rows = append(rows, discordgo.ActionsRow{Components: row})
	}
	if r.Answered && r.Kind == bot.KindAnswer && len(r.Intents) > 0 && len(feedbackPrefix+"down:"+r.Intents[0]) <= maxCustomID {
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Emoji: &discordgo.ComponentEmoji{Name: "👍"}, Style: discordgo.SecondaryButton, CustomID: feedbackPrefix + "up:" + r.Intents[0]},
			discordgo.Button{Emoji: &discordgo.ComponentEmoji{Name: "👎"}, Style: discordgo.SecondaryButton, CustomID: feedbackPrefix + "down:" + r.Intents[0]},
		}})
	}
	return rows
}

// feedbackPrefix starts the custom_id of the 👍 and 👎 buttons under an answer: then "up:"
// or "down:" and the topic answered.
const feedbackPrefix = "careerbot-feedback:"

// clip shortens s to at most n characters, marking the cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
