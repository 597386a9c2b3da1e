package digest

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Subscription is a channel that receives digests on a schedule.
type Subscription struct {
	ID        int64
	Platform  string // "slack" or "discord"
	TeamID    string // Slack workspace or Discord guild; may be empty
	ChannelID string
	Spec      string // the schedule's cron spec, as ParseSchedule wrote it
	Zone      string // IANA time zone
	CreatedBy string
	CreatedAt time.Time
	// LastSlot is the instant of the last slot delivered (or skipped as too old); a new
	// subscription starts at its creation, so its first digest is its next slot.
	LastSlot time.Time
	// Disabled says why delivery stopped (the channel is gone); empty while active.
	Disabled string
}

// Schedule parses the subscription's schedule.
func (s Subscription) Schedule() (Schedule, error) { return ParseSchedule(s.Spec, s.Zone) }

// Platforms careerbot posts digests to.
var Platforms = []string{"slack", "discord"}

// Validate checks a subscription before it is stored: nothing invalid is ever saved.
func (s Subscription) Validate() error {
	if s.Platform != "slack" && s.Platform != "discord" {
		return fmt.Errorf("platform %q: want slack or discord", s.Platform)
	}
	if s.ChannelID == "" {
		return errors.New("a channel id is required")
	}
	_, err := s.Schedule()
	return err
}

// Store keeps subscriptions and the last slot of each. Claim must be atomic, also across
// processes sharing the store: it is what makes each slot post once.
type Store interface {
	// Add stores a subscription and returns it with its ID. A channel has at most one
	// subscription: Add replaces the channel's existing one, atomically.
	Add(ctx context.Context, s Subscription) (Subscription, error)
	// Remove deletes a subscription; ErrNotFound if there is none with that ID.
	Remove(ctx context.Context, id int64) error
	// List returns every subscription, active or not, by ID.
	List(ctx context.Context) ([]Subscription, error)
	// ListChannel returns a channel's subscription, if it has one.
	ListChannel(ctx context.Context, platform, channel string) ([]Subscription, error)
	// Claim records slot as the subscription's last slot if it is later than the one
	// recorded and the subscription is active, and says whether it did.
	Claim(ctx context.Context, id int64, slot time.Time) (bool, error)
	// Release puts the last slot back to prev after a claimed slot could not be posted.
	Release(ctx context.Context, id int64, slot, prev time.Time) error
	// Disable stops delivery to a subscription, saying why.
	Disable(ctx context.Context, id int64, reason string) error

	// Begin claims slot as Claim does and, in the same step, records it as being sent
	// until lease. A process that dies mid-post leaves it so; TakeOver finds it once the
	// lease has run out, so the slot is resolved instead of lost.
	Begin(ctx context.Context, id int64, slot, lease time.Time) (bool, error)
	// Renew moves the lease of a slot still being sent under the lease held (the one Begin,
	// TakeOver or the last Renew gave); false when the slot is no longer so held: another
	// process took it over (and holds another lease), or it was settled. Leases are whole
	// seconds, which every store keeps exactly.
	Renew(ctx context.Context, id int64, slot, held, lease time.Time) (bool, error)
	// Sent settles a slot that was posted.
	Sent(ctx context.Context, id int64, slot time.Time) error
	// TakeOver returns the slots being sent whose lease ran out before now, leasing each
	// to the caller until lease: of several callers, one gets each slot.
	TakeOver(ctx context.Context, now, lease time.Time) ([]Sending, error)
}

// Sending is a slot recorded as being sent, and its lease.
type Sending struct {
	Sub   Subscription
	Slot  time.Time
	Lease time.Time
}

// ErrNotFound is returned for a subscription that does not exist.
var ErrNotFound = errors.New("no such subscription")

// Poster delivers a digest to a subscription's channel on one platform. Adapters provide
// one each. It returns an error wrapping ErrChannelGone when the channel no longer exists
// or the bot was removed from it, and a *RateLimitedError when told to wait.
type Poster interface {
	PostDigest(ctx context.Context, s Subscription, d Digest) error
}

// ErrChannelGone means a channel will never accept a digest again.
var ErrChannelGone = errors.New("channel is gone or the bot is not in it")

// RateLimitedError asks the scheduler to try again after a while (HTTP 429, Retry-After).
type RateLimitedError struct{ After time.Duration }

func (e *RateLimitedError) Error() string {
	return fmt.Sprintf("rate limited, retry after %s", e.After)
}

// ChangeLister is what a store may offer so that a reload reads only what changed since
// the last one (PostgreSQL, where replicas share many subscriptions); the scheduler reads
// every subscription from stores without it.
type ChangeLister interface {
	Changes(ctx context.Context, since time.Time) (Changes, error)
}

// Changes is what changed in a store since a time.
type Changes struct {
	Changed []Subscription // added or modified; all of them when asked since the zero time
	Removed []int64
	AsOf    time.Time // ask from here next time
}
