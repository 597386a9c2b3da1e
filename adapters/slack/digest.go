package slack

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/slack-go/slack"

	"github.com/careerbot/careerbot/bot/digest"
)

// DigestBlocks renders a digest as Block Kit: the outlook first, its figures as fields,
// why, the rotating fact, and how to ask more.
func DigestBlocks(d digest.Digest) []slack.Block {
	blocks := []slack.Block{
		slack.NewHeaderBlock(plain(clip(d.Title, maxHeader))),
		slack.NewSectionBlock(mrkdwn(clip(escape(d.Lead), maxSectionText)), nil, nil),
	}
	var fields []*slack.TextBlockObject
	for _, f := range d.Fields {
		fields = append(fields, mrkdwn(clip("*"+escape(f.Label)+"*\n"+escape(f.Value), maxFieldText)))
	}
	if len(fields) > 0 {
		blocks = append(blocks, slack.NewSectionBlock(nil, fields[:min(len(fields), maxFieldsPerSect)], nil))
	}
	if d.Why != "" {
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(clip("*Why:* "+escape(d.Why), maxSectionText)), nil, nil))
	}
	if d.Fact != "" {
		blocks = append(blocks, slack.NewDividerBlock(), slack.NewSectionBlock(mrkdwn(clip("*Did you know?* "+escape(d.Fact), maxSectionText)), nil, nil))
	}
	ctx := []slack.MixedElement{}
	if d.Footer != "" {
		ctx = append(ctx, mrkdwn(clip(escape(d.Footer), maxSectionText)))
	}
	if d.Source != "" {
		src := "Source: " + escape(d.Source)
		if d.SourceURL != "" {
			src = fmt.Sprintf("Source: <%s|%s>", d.SourceURL, escape(d.Source))
		}
		ctx = append(ctx, mrkdwn(clip(src, maxSectionText)))
	}
	if len(ctx) > 0 {
		blocks = append(blocks, slack.NewContextBlock("digest", ctx...))
	}
	return blocks
}

// PostDigest posts a scheduled digest to a channel. It makes no retries of its own: the
// scheduler waits out rate limits and retries within the slot, and stops for good on a
// channel that is gone.
func (a *Adapter) PostDigest(ctx context.Context, sub digest.Subscription, d digest.Digest) error {
	_, _, err := a.api.PostMessageContext(ctx, sub.ChannelID,
		slack.MsgOptionText(digestText(d), false),
		slack.MsgOptionBlocks(DigestBlocks(d)...),
		slack.MsgOptionDisableLinkUnfurl(),
		slack.MsgOptionMetadata(digestMetadata(sub.ID, d.Slot)))
	return digestError(err)
}

// digestEvent is the message metadata event type every digest carries, with its
// subscription and slot, so that a slot left "sending" by a process that died mid-post can
// be looked up in the channel's history instead of guessed.
const digestEvent = "careerbot_digest"

func digestMetadata(id int64, slot time.Time) slack.SlackMetadata {
	return slack.SlackMetadata{EventType: digestEvent, EventPayload: map[string]any{
		"subscription": strconv.FormatInt(id, 10), "slot": slot.UTC().Format(time.RFC3339),
	}}
}

// historyPages bounds the history read for one slot: a digest is posted within its grace
// period of the slot, and busy channels are read 200 messages a page.
const historyPages = 5

// Posted says whether the slot's digest is in the channel's history since the slot
// (conversations.history with include_all_metadata; the channels:history and
// groups:history scopes). The scheduler asks it only for a slot left "sending".
func (a *Adapter) Posted(ctx context.Context, sub digest.Subscription, slot time.Time) (bool, error) {
	want := digestMetadata(sub.ID, slot).EventPayload
	params := &slack.GetConversationHistoryParameters{
		ChannelID: sub.ChannelID, Oldest: strconv.FormatInt(slot.Add(-time.Minute).Unix(), 10), Limit: 200, IncludeAllMetadata: true,
	}
	for range historyPages {
		resp, err := a.api.GetConversationHistoryContext(ctx, params)
		if err != nil {
			return false, fmt.Errorf("slack: read history: %w", err)
		}
		for _, m := range resp.Messages {
			md := m.Metadata
			if md.EventType == digestEvent && md.EventPayload["subscription"] == want["subscription"] && md.EventPayload["slot"] == want["slot"] {
				return true, nil
			}
		}
		if !resp.HasMore || resp.ResponseMetaData.NextCursor == "" {
			return false, nil
		}
		params.Cursor = resp.ResponseMetaData.NextCursor
	}
	return false, errors.New("slack: the slot's digest was not in the history read")
}

// digestError maps Slack's answers to what the scheduler acts on.
func digestError(err error) error {
	if err == nil {
		return nil
	}
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		return fmt.Errorf("slack: %w", &digest.RateLimitedError{After: rl.RetryAfter})
	}
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		switch se.Err {
		case "channel_not_found", "not_in_channel", "is_archived", "channel_is_archived", "team_access_not_granted":
			return fmt.Errorf("slack: %s: %w", se.Err, digest.ErrChannelGone)
		}
	}
	switch err.Error() {
	case "channel_not_found", "not_in_channel", "is_archived":
		return fmt.Errorf("slack: %s: %w", err, digest.ErrChannelGone)
	}
	return fmt.Errorf("slack: %w", err)
}
