package slack

// Observer is told what operators count: requests refused before they were handled
// (reason "bad_signature" or "stale_timestamp") and failed Web API calls (kind
// "ratelimited" for a 429, "error" otherwise). metrics.Metrics implements it.
type Observer interface {
	Rejected(endpoint, reason string)
	APIError(platform, kind string)
}

type noObserver struct{}

func (noObserver) Rejected(string, string) {}
func (noObserver) APIError(string, string) {}

func observerOr(o Observer) Observer {
	if o == nil {
		return noObserver{}
	}
	return o
}

// Voter records a 👍 (up) or 👎 pressed under an answer about topic. review.Recorder and
// metrics.Metrics implement it; nothing about who pressed is passed.
type Voter interface {
	Vote(platform, topic string, up bool)
}

type noVoter struct{}

func (noVoter) Vote(string, string, bool) {}

func voterOr(v Voter) Voter {
	if v == nil {
		return noVoter{}
	}
	return v
}
