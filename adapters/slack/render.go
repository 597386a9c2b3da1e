package slack

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/careerbot/careerbot/bot"
)

// Slack's Block Kit limits, from its reference.
const (
	maxHeader        = 150
	maxSectionText   = 3000
	maxFieldText     = 2000
	maxFieldsPerSect = 10
	maxButtons       = 5
	maxButtonText    = 75
	maxButtonValue   = 2000
	maxFallbackText  = 3000
)

// Action ids of careerbot's buttons.
const (
	actionSuggest = "careerbot_suggest"       // value: topic id, or topic/facet
	actionShare   = "careerbot_share"         // value: topic id, or topic/facet, posted in channel
	actionUp      = "careerbot_feedback_up"   // value: the topic answered
	actionDown    = "careerbot_feedback_down" // value: the topic answered
)

// Blocks renders a reply as Block Kit: a header, the lead sentence, fields, the table as a
// list, the source in a context block, and suggestions as buttons. share adds a button
// that posts the answer in the channel (for ephemeral slash command answers).
func Blocks(r bot.Reply, share bool) []slack.Block {
	var blocks []slack.Block
	if r.Title != "" {
		blocks = append(blocks, slack.NewHeaderBlock(plain(clip(r.Title, maxHeader))))
	}
	if len(r.Parts) == 0 {
		text := escape(r.Lead)
		if r.Note != "" {
			text += "\n" + escape(r.Note)
		}
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(clip(text, maxSectionText)), nil, nil))
	}
	for _, p := range r.Parts {
		lead := escape(p.Lead)
		if len(r.Parts) > 1 {
			lead = "*" + escape(p.Title) + "*\n" + lead
		}
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(clip(lead, maxSectionText)), nil, nil))
		var fields []*slack.TextBlockObject
		for _, f := range p.Fields {
			fields = append(fields, mrkdwn(clip("*"+escape(f.Label)+"*\n"+escape(f.Value), maxFieldText)))
		}
		for len(fields) > 0 {
			n := min(len(fields), maxFieldsPerSect)
			blocks = append(blocks, slack.NewSectionBlock(nil, fields[:n], nil))
			fields = fields[n:]
		}
		if t := p.Table; t != nil && len(t.Columns) >= 2 {
			var sb strings.Builder
			fmt.Fprintf(&sb, "*%s* · *%s*", escape(t.Columns[0]), escape(t.Columns[1]))
			for _, row := range t.Rows {
				if len(row) >= 2 {
					fmt.Fprintf(&sb, "\n• %s: %s", escape(row[0]), escape(row[1]))
				}
			}
			blocks = append(blocks, slack.NewSectionBlock(mrkdwn(clip(sb.String(), maxSectionText)), nil, nil))
		}
	}
	if len(r.Parts) > 0 && r.Note != "" { // what of the question the profile lacks
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(clip(escape(r.Note), maxSectionText)), nil, nil))
	}
	if r.Kind == bot.KindAnswer && r.Source != "" {
		src := escape(r.SourceLabel() + r.Source)
		if r.SourceURL != "" {
			src = fmt.Sprintf("%s<%s|%s>", escape(r.SourceLabel()), r.SourceURL, escape(r.Source))
		}
		blocks = append(blocks, slack.NewContextBlock("source", mrkdwn(clip(src, maxSectionText))))
	}
	var buttons []slack.BlockElement
	if share && r.Answered && r.Kind == bot.KindAnswer && len(r.Parts) == 1 {
		b := slack.NewButtonBlockElement(actionShare, value(r.Parts[0].Topic, r.Parts[0].Facet), plain("Share in channel"))
		b.Style = slack.StylePrimary
		buttons = append(buttons, b)
	}
	for _, s := range r.Suggestions {
		if len(buttons) == maxButtons {
			break
		}
		label := s.Label
		if label == "" {
			label = s.Question
		}
		buttons = append(buttons, slack.NewButtonBlockElement(fmt.Sprintf("%s_%d", actionSuggest, len(buttons)), value(s.Topic, s.Facet), plain(clip(label, maxButtonText))))
	}
	if len(buttons) > 0 {
		blocks = append(blocks, slack.NewActionBlock("suggestions", buttons...))
	}
	if r.Answered && r.Kind == bot.KindAnswer && len(r.Intents) > 0 {
		blocks = append(blocks, slack.NewActionBlock("feedback",
			slack.NewButtonBlockElement(actionUp, r.Intents[0], plain("👍")),
			slack.NewButtonBlockElement(actionDown, r.Intents[0], plain("👎"))))
	}
	return blocks
}

// Text is the plain-text fallback Slack shows in notifications and to screen readers.
func Text(r bot.Reply) string { return clip(escape(bot.Text(r)), maxFallbackText) }

func value(topic, facet string) string {
	if facet == "" {
		return topic
	}
	return topic + "/" + facet
}

// parseValue splits a button value into topic and facet.
func parseValue(v string) (topic, facet string) {
	topic, facet, _ = strings.Cut(v, "/")
	return topic, facet
}

func plain(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
}

func mrkdwn(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, s, false, true)
}

// escape makes text safe for mrkdwn: Slack reads <, > and & as markup, so knowledge-file
// text can never turn into a mention or a link.
func escape(s string) string {
	if !strings.ContainsAny(s, "<>&") {
		return s
	}
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// clip shortens s to at most n bytes at a rune boundary, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
