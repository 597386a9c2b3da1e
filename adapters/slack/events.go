package slack

import (
	"context"
	"fmt"
	"strings"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/careerbot/careerbot/bot"
)

// event handles one Events API callback after it was acknowledged: an app mention is
// answered in its thread, a direct message in the DM, App Home gets the home tab.
// Everything else (edits, joins, bots, our own messages) is ignored.
func (a *Adapter) event(ctx context.Context, ev slackevents.EventsAPIEvent) error {
	team := ev.TeamID
	switch e := ev.InnerEvent.Data.(type) {
	case *slackevents.AppMentionEvent:
		if e.BotID != "" || e.User == "" {
			return nil
		}
		thread := e.ThreadTimeStamp
		if thread == "" {
			thread = e.TimeStamp
		}
		r := a.bot.Answer(ctx, bot.Request{Text: e.Text, ConversationID: conversation(team, e.Channel, thread, e.User)})
		return a.post(ctx, e.Channel, append(replyOptions(r, false), slack.MsgOptionTS(thread))...)
	case *slackevents.MessageEvent:
		if e.ChannelType != "im" || e.BotID != "" || e.SubType != "" || e.User == "" {
			return nil
		}
		opts := replyOptions(a.bot.Answer(ctx, bot.Request{Text: e.Text, ConversationID: conversation(team, e.Channel, e.ThreadTimeStamp, e.User)}), false)
		if e.ThreadTimeStamp != "" {
			opts = append(opts, slack.MsgOptionTS(e.ThreadTimeStamp))
		}
		return a.post(ctx, e.Channel, opts...)
	case *slackevents.AppHomeOpenedEvent:
		if e.Tab != "home" || e.User == "" {
			return nil
		}
		return a.retry(ctx, "views.publish", func(ctx context.Context) error {
			_, err := a.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: e.User, View: a.home()})
			return err
		})
	}
	return nil
}

// home is the App Home tab: what careerbot knows, with example questions, and how to use it.
func (a *Adapter) home() slack.HomeTabViewRequest {
	blocks := []slack.Block{
		slack.NewHeaderBlock(plain("careerbot")),
		slack.NewSectionBlock(mrkdwn(clip(escape(fmt.Sprintf(
			"I answer questions about %s, straight from the U.S. Bureau of Labor Statistics Occupational Outlook Handbook. "+
				"Mention me in a channel, send me a direct message, or use `/career <question>`.", a.bot.Occupation())), maxSectionText)), nil, nil),
		slack.NewDividerBlock(),
	}
	var sb strings.Builder
	for _, t := range a.bot.Topics() {
		fmt.Fprintf(&sb, "*%s*: _%s_\n", escape(t.Title), escape(t.Question))
	}
	blocks = append(blocks,
		slack.NewSectionBlock(mrkdwn(clip(sb.String(), maxSectionText)), nil, nil),
		slack.NewDividerBlock(),
		slack.NewSectionBlock(mrkdwn("*Scheduled digests*: a channel can get the job outlook on a schedule. In the channel, type "+
			"`/career digest weekly monday 09:00` (your time zone, or add one such as `America/Chicago`); "+
			"`/career digest list` shows it, `/career digest off` stops it."), nil, nil),
	)
	return slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: blocks}}
}
