// Package review keeps the questions careerbot could not answer well, so that whoever runs
// it knows what to add to the knowledge file: declined and low-confidence questions asked
// in Slack and Discord, and answers someone marked 👎. An entry holds the time, platform,
// outcome, topic guessed and confidence, and the question with e-mail addresses, phone
// numbers and platform mentions masked; never a user or channel id.
package review

import (
	"context"
	"regexp"
	"time"
)

// Entry is one question kept for review.
type Entry struct {
	At         time.Time
	Platform   string  // slack, discord
	Question   string  // masked
	Outcome    string  // declined, suggested, low_confidence, thumbs_down
	Topic      string  // the topic answered or guessed; "none"
	Reason     string  // the rule that decided
	Confidence float64 // the bot's, 0..1
}

// Store keeps entries. Implementations: Memory, and the SQLite and PostgreSQL stores;
// reviewtest checks them all.
type Store interface {
	AddReview(ctx context.Context, e Entry) error
	// Reviews returns the entries at or after since, oldest first.
	Reviews(ctx context.Context, since time.Time) ([]Entry, error)
	// PruneReviews deletes the entries before before and says how many.
	PruneReviews(ctx context.Context, before time.Time) (int64, error)
}

// Retention is how long entries are kept by default.
const Retention = 30 * 24 * time.Hour

var (
	email = regexp.MustCompile(`(?i)[a-z0-9._%+\-]+@[a-z0-9.\-]+\.[a-z]{2,}`)
	// A phone number: 7 or more digits with the usual separators, optionally with a +.
	phone = regexp.MustCompile(`\+?\(?\d[\d\s().\-]{5,}\d`)
	// Slack (<@U1>, <#C1|x>, <!here>, <mailto:…>) and Discord (<@1>, <@!1>, <@&1>, <#1>)
	// markup holds user, role and channel ids.
	markup = regexp.MustCompile(`<[@#!][^>]*>|<mailto:[^>]*>`)
)

// Mask replaces e-mail addresses, phone numbers and platform mentions (which hold user,
// role and channel ids) in a question before it is stored.
func Mask(q string) string {
	q = markup.ReplaceAllString(q, "[mention]")
	q = email.ReplaceAllString(q, "[email]")
	return phone.ReplaceAllStringFunc(q, func(m string) string {
		digits := 0
		for _, r := range m {
			if r >= '0' && r <= '9' {
				digits++
			}
		}
		if digits < 7 { // "2021 to 2031", "$55,560" stay
			return m
		}
		return "[phone]"
	})
}
