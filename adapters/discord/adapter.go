package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/careerbot/careerbot/adapters/dedupe"
	"github.com/careerbot/careerbot/adapters/inbound"
	"github.com/careerbot/careerbot/adapters/outbound"
	"github.com/careerbot/careerbot/bot/digest"
)

// Config configures the adapter. Secrets come from the environment and are never logged.
type Config struct {
	// PublicKey is the application's Ed25519 public key, hex (DISCORD_PUBLIC_KEY), for the
	// HTTP interactions endpoint.
	PublicKey string
	// MaxBody bounds interaction bodies; 0 means 64 KiB. It applies even when Reader allows
	// more.
	MaxBody int64
	// Reader reads interaction bodies under a cap on how many are read at once (over it:
	// 503 and Retry-After). serve passes the one Reader every platform shares, so the cap is
	// the process's; nil builds one for this adapter (MaxBody, inbound's defaults otherwise).
	Reader *inbound.Reader
	// Queue sends the replies to gateway mentions and direct messages. serve passes the one
	// Queue every platform shares, and drains it at shutdown; nil builds one with outbound's
	// defaults on the first mention, which Drain drains.
	Queue *outbound.Queue
	// Freshness is how old a signed timestamp may be; 0 means 5 minutes.
	Freshness time.Duration
	// Now is the clock for the freshness check; nil means time.Now.
	Now func() time.Time
	// Logger receives operational logs (never tokens or message text); nil discards them.
	Logger *slog.Logger
	// Digests manages scheduled digests from /career digest; nil means they are not set up.
	Digests digests
	// Seen keeps the ids of gateway interactions and messages taken, so that replicas
	// connected as the same shard answer each once: serve passes one shared through the
	// database; nil keeps them in this process.
	Seen dedupe.Store
	// Observer is told of requests refused and REST errors (metrics); nil: no one.
	Observer Observer
	// Voter records 👍 and 👎 pressed under answers; nil: the presses are only thanked.
	Voter Voter
}

// digests is what /career digest needs; *digest.Manager satisfies it.
type digests interface {
	Subscribe(ctx context.Context, platform, team, channel, spec, zone, user string) (digest.Subscription, digest.Slot, error)
	Unsubscribe(ctx context.Context, platform, channel string) (int, error)
	List(ctx context.Context, platform, channel string) ([]digest.Subscription, error)
	Preview(spec, zone string) (digest.Digest, error)
}

// Adapter connects a bot to Discord.
type Adapter struct {
	bot       answerer
	sugg      *suggester
	pub       ed25519.PublicKey // nil: the HTTP endpoint is not configured
	maxBody   int64
	reader    *inbound.Reader
	freshness time.Duration
	now       func() time.Time
	log       *slog.Logger
	digests   digests
	seen      dedupe.Guard
	obs       Observer
	votes     Voter

	gateway   atomic.Bool // a gateway session is in use
	connected atomic.Bool

	out     *outbound.Queue // Config.Queue, or the adapter's own once outOnce has run
	ownOut  bool            // out was built here: Drain drains it
	outOnce sync.Once
	dropped atomic.Int64 // gateway mentions refused by a full (or drained) queue
}

// New builds an adapter. A public key that is not 32 bytes of hex is a configuration error.
// (32 bytes that are not a point of the curve are not caught here: crypto/ed25519 has no
// check for it, and every request then gets 401, as with a wrong key.)
func New(b answerer, cfg Config) (*Adapter, error) {
	a := &Adapter{
		bot: b, sugg: newSuggester(b.Topics()), maxBody: cfg.MaxBody, reader: cfg.Reader, out: cfg.Queue,
		freshness: cfg.Freshness, now: cfg.Now, log: cfg.Logger, digests: cfg.Digests,
	}
	if cfg.PublicKey != "" {
		k, err := hex.DecodeString(cfg.PublicKey)
		if err != nil || len(k) != ed25519.PublicKeySize {
			return nil, fmt.Errorf("discord: DISCORD_PUBLIC_KEY must be %d bytes of hex", ed25519.PublicKeySize)
		}
		a.pub = ed25519.PublicKey(k)
	}
	if a.maxBody <= 0 {
		// Discord's interaction payloads are a few kB: a /career ask with every field Discord
		// sends is 1.8 kB, and the largest careerbot can get, a button press, carries the
		// message the button is on, whose embeds Discord caps at 6,000 characters (24 kB of
		// UTF-8 at most). 64 KiB is ample, and half of what inbound's default lets each read
		// slot hold: what unauthenticated clients can make the process hold is this times the
		// Reader's cap on bodies read at once.
		a.maxBody = 64 << 10
	}
	if a.reader == nil {
		a.reader = inbound.New(inbound.Config{MaxBody: a.maxBody})
	}
	if a.freshness <= 0 {
		a.freshness = 5 * time.Minute
	}
	if a.now == nil {
		a.now = time.Now
	}
	if a.log == nil {
		a.log = slog.New(slog.DiscardHandler)
	}
	a.seen = dedupe.Guard{Store: cfg.Seen, Log: a.log}
	if a.obs = cfg.Observer; a.obs == nil {
		a.obs = noObserver{}
	}
	if a.votes = cfg.Voter; a.votes == nil {
		a.votes = noVoter{}
	}
	if a.seen.Store == nil {
		a.seen.Store = dedupe.NewMemory(seenTTL, 100_000, a.now)
	}
	return a, nil
}

// seenTTL is how long gateway event ids are remembered: Discord replays missed events only
// on a resume, within minutes.
const seenTTL = 15 * time.Minute

// Ready says whether the adapter can take interactions: always over HTTP, and over the
// gateway once connected.
func (a *Adapter) Ready() bool { return !a.gateway.Load() || a.connected.Load() }

// queue returns the queue gateway replies go through: Config.Queue, or the adapter's own,
// built on first use so that an adapter serving only HTTP starts no workers. It is nil
// once Drain has run on an adapter that never built one.
func (a *Adapter) queue() *outbound.Queue {
	a.outOnce.Do(func() {
		if a.out == nil {
			a.out, a.ownOut = outbound.New(outbound.Config{Logger: a.log}), true
		}
	})
	return a.out
}

// Drain sends the gateway replies still queued, within ctx, when the adapter built its own
// queue (Config.Queue nil), and stops its workers; mentions that arrive afterwards are
// dropped. A queue passed in Config is its owner's to drain: Drain leaves it alone and
// reports nothing.
func (a *Adapter) Drain(ctx context.Context) outbound.Drained {
	a.outOnce.Do(func() {}) // no queue is built after this
	if !a.ownOut {
		return outbound.Drained{}
	}
	return a.out.Drain(ctx)
}
