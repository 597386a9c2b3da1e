package slack

import (
	"context"
	"errors"
	"fmt"

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
		slack.MsgOptionDisableLinkUnfurl())
	return digestError(err)
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
