package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/careerbot/careerbot/bot/digest"
)

// Config configures the adapter. Secrets come from the environment and are never logged.
type Config struct {
	// PublicKey is the application's Ed25519 public key, hex (DISCORD_PUBLIC_KEY), for the
	// HTTP interactions endpoint.
	PublicKey string
	// MaxBody bounds interaction bodies; 0 means 64 KiB.
	MaxBody int64
	// Freshness is how old a signed timestamp may be; 0 means 5 minutes.
	Freshness time.Duration
	// Now is the clock for the freshness check; nil means time.Now.
	Now func() time.Time
	// Logger receives operational logs (never tokens or message text); nil discards them.
	Logger *slog.Logger
	// Digests manages scheduled digests from /career digest; nil means they are not set up.
	Digests digests
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
	freshness time.Duration
	now       func() time.Time
	log       *slog.Logger
	digests   digests

	gateway   atomic.Bool // a gateway session is in use
	connected atomic.Bool
}

// New builds an adapter. A public key that is not 32 bytes of hex is a configuration error.
// (32 bytes that are not a point of the curve are not caught here: crypto/ed25519 offers no
// check of its own, and every request would then get 401, as with a wrong key.)
func New(b answerer, cfg Config) (*Adapter, error) {
	a := &Adapter{bot: b, sugg: newSuggester(b.Topics()), maxBody: cfg.MaxBody, freshness: cfg.Freshness, now: cfg.Now, log: cfg.Logger, digests: cfg.Digests}
	if cfg.PublicKey != "" {
		k, err := hex.DecodeString(cfg.PublicKey)
		if err != nil || len(k) != ed25519.PublicKeySize {
			return nil, fmt.Errorf("discord: DISCORD_PUBLIC_KEY must be %d bytes of hex", ed25519.PublicKeySize)
		}
		a.pub = ed25519.PublicKey(k)
	}
	if a.maxBody <= 0 {
		a.maxBody = 64 << 10
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
	return a, nil
}

// Ready says whether the adapter can take interactions: always over HTTP, and over the
// gateway once connected.
func (a *Adapter) Ready() bool { return !a.gateway.Load() || a.connected.Load() }
