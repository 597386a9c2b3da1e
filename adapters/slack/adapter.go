package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"

	"github.com/careerbot/careerbot/adapters/dedupe"
	"github.com/careerbot/careerbot/adapters/inbound"
	"github.com/careerbot/careerbot/adapters/outbound"
	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/digest"
)

// answerer is what the adapter needs from the bot.
type answerer interface {
	Answer(ctx context.Context, req bot.Request) bot.Reply
	Topics() []bot.Topic
	Occupation() string
	Feedback(topic string, helpful bool) bot.Reply
}

// api is the part of the Slack Web API the adapter uses; *slack.Client satisfies it.
type api interface {
	PostMessageContext(ctx context.Context, channelID string, options ...slack.MsgOption) (string, string, error)
	SendMessageContext(ctx context.Context, channelID string, options ...slack.MsgOption) (string, string, string, error)
	PublishViewContext(ctx context.Context, req slack.PublishViewContextRequest) (*slack.ViewResponse, error)
	GetUserInfoContext(ctx context.Context, user string, options ...slack.GetUserInfoOption) (*slack.User, error)
	GetConversationHistoryContext(ctx context.Context, params *slack.GetConversationHistoryParameters) (*slack.GetConversationHistoryResponse, error)
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
	// HTTPClient is used for the Web API; nil means outbound.Client: pooled, one idle
	// connection per worker, 10 s per request.
	HTTPClient *http.Client
	// Reader reads request bodies within bounds; nil means a reader of its own with
	// MaxBody and inbound's defaults. serve passes one shared by every endpoint.
	Reader *inbound.Reader
	// MaxBody bounds request bodies when Reader is nil; 0 means 128 KiB. Slack caps a
	// message at 40,000 characters, so an event (the text plus its rich-text copy) or an
	// interaction on one of careerbot's own short messages stays far below it.
	MaxBody int64
	// Queue sends the answers that go out after an acknowledgement; nil means a queue of
	// its own, which Shutdown drains. serve passes one shared with Discord and drains it.
	Queue *outbound.Queue
	// DedupeTTL is how long event ids are remembered; 0 means 15 minutes.
	DedupeTTL time.Duration
	// Observer is told of requests refused and platform API errors (metrics); nil: no one.
	Observer Observer
	// Voter records 👍 and 👎 pressed under answers; nil: the presses are only thanked.
	Voter Voter
	// Seen keeps the event ids, so a retry is answered once: serve passes one shared by
	// every replica when it has a database; nil keeps them in this process for DedupeTTL.
	Seen dedupe.Store
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
	reader  *inbound.Reader
	queue   *outbound.Queue
	seen    dedupe.Guard
	obs     Observer
	votes   Voter
	log     *slog.Logger
	digests digests
	backoff time.Duration // the first wait after a 5xx
	// commandSlots caps the Socket Mode slash commands being answered at once.
	commandSlots chan struct{}
	// apiOrigin is the configured Web API's scheme://host: besides hooks.slack.com, the
	// only place a response_url may point (it comes from the request).
	apiOrigin string

	// For Socket Mode: the client the adapter was built with, and the connection state.
	client     *slack.Client
	token      string
	clientOpts []slack.Option
	socket     atomic.Bool // Socket Mode is in use
	connected  atomic.Bool
}

// Check reports what is wrong with the configuration, without building anything.
func (c Config) Check() error {
	if !strings.HasPrefix(c.BotToken, "xoxb-") {
		return errors.New("slack: SLACK_BOT_TOKEN must be a bot token (xoxb-…)")
	}
	if c.APIURL != "" && !strings.HasSuffix(c.APIURL, "/") {
		return fmt.Errorf("slack: SLACK_API_URL %q must end in /", c.APIURL)
	}
	return nil
}

// New checks the configuration and builds an adapter.
func New(b answerer, cfg Config) (*Adapter, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	// newAdapter fills in the defaults, the queue among them; the Web API client is
	// built after it because its connection pool is sized by that queue's workers.
	a := newAdapter(b, nil, cfg)
	httpClient := cfg.HTTPClient
	if httpClient == nil {
		httpClient = outbound.Client(a.queue.Workers(), 10*time.Second)
	}
	opts := []slack.Option{slack.OptionHTTPClient(httpClient)}
	if cfg.APIURL != "" {
		opts = append(opts, slack.OptionAPIURL(cfg.APIURL))
	}
	client := slack.New(cfg.BotToken, opts...)
	a.api, a.client, a.token, a.clientOpts = client, client, cfg.BotToken, opts
	return a, nil
}

// newAdapter builds an adapter around client, filling in every default of cfg; New and
// the tests (with a fake client) both build through it.
func newAdapter(b answerer, client api, cfg Config) *Adapter {
	if cfg.Reader == nil {
		cfg.Reader = inbound.New(inbound.Config{MaxBody: cfg.MaxBody})
	}
	if cfg.Queue == nil {
		cfg.Queue = outbound.New(outbound.Config{Logger: cfg.Logger})
	}
	if cfg.DedupeTTL <= 0 {
		cfg.DedupeTTL = 15 * time.Minute
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Seen == nil {
		cfg.Seen = dedupe.NewMemory(cfg.DedupeTTL, 100_000, cfg.Now)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return &Adapter{
		bot: b, api: client, secret: cfg.SigningSecret, reader: cfg.Reader, queue: cfg.Queue,
		seen: dedupe.Guard{Store: cfg.Seen, Log: cfg.Logger}, obs: observerOr(cfg.Observer), votes: voterOr(cfg.Voter), log: cfg.Logger, digests: cfg.Digests,
		backoff: serverBackoff, commandSlots: make(chan struct{}, maxCommands), apiOrigin: origin(cfg.APIURL),
	}
}

// Shutdown drains the adapter's queue until ctx is done (serve drains the shared queue
// itself; draining twice is harmless) and says how many answers were given up.
func (a *Adapter) Shutdown(ctx context.Context) error {
	if d := a.queue.Drain(ctx); d.GivenUp > 0 {
		return fmt.Errorf("slack: %d answers given up at shutdown", d.GivenUp)
	}
	return nil
}

// later queues f, to run after the current request is acknowledged. It returns false when
// the queue is full or shutting down: the caller must then not acknowledge, so Slack
// redelivers.
func (a *Adapter) later(name string, f outbound.Job) bool {
	if a.queue.Offer(name, f) {
		return true
	}
	a.log.Warn("slack answer refused: the outbound queue is full or shutting down", "job", name)
	return false
}

// maxCommands is how many Socket Mode slash commands are answered at once; each takes
// microseconds, or one users.info call for /career digest.
const maxCommands = 32

// ackBudget is how long an answer carried in an acknowledgement may take: Slack waits 3 s.
const ackBudget = 2500 * time.Millisecond

// conversation is the key follow-ups are remembered under: a thread, where there is one
// (everyone in it talks with careerbot together, as in the thread itself), otherwise the
// person in the channel (a DM, or /career's private answers).
func conversation(team, channel, thread, user string) string {
	if thread != "" {
		return "slack:" + team + ":" + channel + ":" + thread
	}
	return "slack:" + team + ":" + channel + "::" + user
}

// replyOptions renders a reply as message options.
func replyOptions(r bot.Reply, share bool) []slack.MsgOption {
	return []slack.MsgOption{
		slack.MsgOptionText(Text(r), false),
		slack.MsgOptionBlocks(Blocks(r, share)...),
		slack.MsgOptionDisableLinkUnfurl(),
	}
}
