package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/digest"
)

// answerer is what the adapter needs from the bot.
type answerer interface {
	Answer(ctx context.Context, req bot.Request) bot.Reply
	Topics() []bot.Topic
	Occupation() string
}

// api is the part of the Slack Web API the adapter uses; *slack.Client satisfies it.
type api interface {
	PostMessageContext(ctx context.Context, channelID string, options ...slack.MsgOption) (string, string, error)
	SendMessageContext(ctx context.Context, channelID string, options ...slack.MsgOption) (string, string, string, error)
	PublishViewContext(ctx context.Context, req slack.PublishViewContextRequest) (*slack.ViewResponse, error)
	GetUserInfoContext(ctx context.Context, user string, options ...slack.GetUserInfoOption) (*slack.User, error)
}

// digests is what /career digest needs; *digest.Manager satisfies it.
type digests interface {
	Subscribe(ctx context.Context, platform, team, channel, spec, zone, user string) (digest.Subscription, digest.Slot, error)
	Unsubscribe(ctx context.Context, platform, channel string) (int, error)
	List(ctx context.Context, platform, channel string) ([]digest.Subscription, error)
	Preview(spec, zone string) (digest.Digest, error)
}

// Config configures the adapter. BotToken and SigningSecret come from the environment
// (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET); they are never logged.
type Config struct {
	BotToken string // xoxb-…
	// SigningSecret verifies HTTP requests from Slack; without it the HTTP endpoints refuse
	// every request (Socket Mode needs none).
	SigningSecret string
	// APIURL overrides the Web API base URL (a proxy, or a fake in tests). It must end in "/".
	APIURL string
	// HTTPClient is used for the Web API; nil means a client with a 10 s timeout.
	HTTPClient *http.Client
	// MaxBody bounds request bodies; 0 means 1 MiB.
	MaxBody int64
	// DedupeTTL is how long event ids are remembered; 0 means 15 minutes.
	DedupeTTL time.Duration
	// Now is the clock for deduplication; nil means time.Now.
	Now func() time.Time
	// Logger receives operational logs (never tokens or message text); nil discards them.
	Logger *slog.Logger
	// Digests manages scheduled digests from /career digest; nil means they are not set up.
	Digests digests
}

// Adapter connects a bot to Slack.
type Adapter struct {
	bot     answerer
	api     api
	secret  string
	maxBody int64
	seen    *seen
	log     *slog.Logger
	digests digests

	// work tracks answers still being posted, so shutdown can wait for them; closing
	// stops new work from starting once shutdown waits.
	workMu  sync.Mutex
	closing bool
	work    sync.WaitGroup
	// postCtx outlives each request: an answer is posted after the event is acknowledged.
	postCtx context.Context
	stop    context.CancelFunc

	// For Socket Mode: the client the adapter was built with, and the connection state.
	client     *slack.Client
	token      string
	clientOpts []slack.Option
	socket     atomic.Bool // Socket Mode is in use
	connected  atomic.Bool
}

// New checks the configuration and builds an adapter.
func New(b answerer, cfg Config) (*Adapter, error) {
	if !strings.HasPrefix(cfg.BotToken, "xoxb-") {
		return nil, errors.New("slack: SLACK_BOT_TOKEN must be a bot token (xoxb-…)")
	}

	if cfg.APIURL != "" && !strings.HasSuffix(cfg.APIURL, "/") {
		return nil, fmt.Errorf("slack: SLACK_API_URL %q must end in /", cfg.APIURL)
	}
	opts := []slack.Option{slack.OptionHTTPClient(cfg.httpClient())}
	if cfg.APIURL != "" {
		opts = append(opts, slack.OptionAPIURL(cfg.APIURL))
	}
	client := slack.New(cfg.BotToken, opts...)
	a := newAdapter(b, client, cfg)
	a.client, a.token, a.clientOpts = client, cfg.BotToken, opts
	return a, nil
}

func newAdapter(b answerer, client api, cfg Config) *Adapter {
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 1 << 20
	}
	if cfg.DedupeTTL <= 0 {
		cfg.DedupeTTL = 15 * time.Minute
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	ctx, stop := context.WithCancel(context.Background())
	return &Adapter{
		bot: b, api: client, secret: cfg.SigningSecret, maxBody: cfg.MaxBody,
		seen: newSeen(cfg.DedupeTTL, 100_000, cfg.Now), log: cfg.Logger, digests: cfg.Digests,
		postCtx: ctx, stop: stop,
	}
}

func (c Config) httpClient() *http.Client {
	if c.HTTPClient != nil {
		return c.HTTPClient
	}
	return &http.Client{Timeout: 10 * time.Second}
}

// Shutdown waits for answers still being posted, until ctx is done; then it cancels them.
func (a *Adapter) Shutdown(ctx context.Context) error {
	a.workMu.Lock()
	a.closing = true
	a.workMu.Unlock()
	done := make(chan struct{})
	go func() { a.work.Wait(); close(done) }()
	select {
	case <-done:
		a.stop()
		return nil
	case <-ctx.Done():
		a.stop()
		return fmt.Errorf("slack: answers still being posted at shutdown: %w", ctx.Err())
	}
}

// later runs f after the current request has been acknowledged, tracked for shutdown.
func (a *Adapter) later(f func(ctx context.Context)) {
	a.workMu.Lock()
	defer a.workMu.Unlock()
	if a.closing {
		a.log.Warn("slack event arrived during shutdown; not answered")
		return
	}
	a.work.Add(1)
	go func() {
		defer a.work.Done()
		ctx, cancel := context.WithTimeout(a.postCtx, 30*time.Second)
		defer cancel()
		f(ctx)
	}()
}

// post sends a message, waiting out Slack's rate limit (HTTP 429 with Retry-After) a few
// times, as Slack asks.
func (a *Adapter) post(ctx context.Context, channel string, opts ...slack.MsgOption) error {
	for attempt := 0; ; attempt++ {
		_, _, err := a.api.PostMessageContext(ctx, channel, opts...)
		var rl *slack.RateLimitedError
		if !errors.As(err, &rl) || attempt == 3 {
			return err
		}
		a.log.Warn("slack rate limited", "retry_after", rl.RetryAfter)
		select {
		case <-time.After(rl.RetryAfter):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// ackBudget is how long an answer carried in an acknowledgement may take: Slack waits 3 s.
const ackBudget = 2500 * time.Millisecond

// conversation is the bot's context key: one per user per channel and thread.
func conversation(team, channel, thread, user string) string {
	return "slack:" + team + ":" + channel + ":" + thread + ":" + user
}

// replyOptions renders a reply as message options.
func replyOptions(r bot.Reply, share bool) []slack.MsgOption {
	return []slack.MsgOption{
		slack.MsgOptionText(Text(r), false),
		slack.MsgOptionBlocks(Blocks(r, share)...),
		slack.MsgOptionDisableLinkUnfurl(),
	}
}
