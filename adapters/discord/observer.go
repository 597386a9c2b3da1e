package discord

import (
	"errors"

	"github.com/bwmarrin/discordgo"
)

// Observer is told what operators count: interactions refused before they were handled
// (reason "bad_signature" or "stale_timestamp") and failed REST calls (kind "ratelimited"
// for a 429, "error" otherwise). metrics.Metrics implements it.
type Observer interface {
	Rejected(endpoint, reason string)
	APIError(platform, kind string)
}

type noObserver struct{}

func (noObserver) Rejected(string, string) {}
func (noObserver) APIError(string, string) {}

// countError tells the observer of a failed REST call.
func (a *Adapter) countError(err error) {
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) {
		a.obs.APIError("discord", "ratelimited")
		return
	}
	a.obs.APIError("discord", "error")
}

// Voter records a 👍 (up) or 👎 pressed under an answer about topic. review.Recorder and
// metrics.Metrics implement it; nothing about who pressed is passed.
type Voter interface {
	Vote(platform, topic string, up bool)
}

type noVoter struct{}

func (noVoter) Vote(string, string, bool) {}
