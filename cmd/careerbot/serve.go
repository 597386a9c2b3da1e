package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/adapters/dedupe"
	"github.com/careerbot/careerbot/adapters/discord"
	"github.com/careerbot/careerbot/adapters/inbound"
	"github.com/careerbot/careerbot/adapters/outbound"
	"github.com/careerbot/careerbot/adapters/slack"
	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/digest"
	"github.com/careerbot/careerbot/knowledge"
	"github.com/careerbot/careerbot/metrics"
	"github.com/careerbot/careerbot/review"
)

// serveConfig is everything serve reads from flags and the environment.
type serveConfig struct {
	addr          string
	slackBotToken string
	slackAppToken string
	slackSecret   string
	slackAPIURL   string

	discordToken      string
	discordPublicKey  string
	discordAPIURL     string
	discordShardID    int
	discordShardCount int

	store       storeConfig
	digestGrace time.Duration
	digestTick  time.Duration
	digestLease time.Duration
	reviewLog   bool // keep the questions not answered well (CAREERBOT_REVIEW_LOG)

	// The outbound queue: answers sent after an acknowledgement, and how long shutdown
	// may spend sending the ones still queued.
	workers      int
	queueSize    int
	drainTimeout time.Duration

	getenv func(string) string
}

// Limits of the HTTP server: Slack's and Discord's requests carry a few headers of a few
// hundred bytes; keep-alive connections from their load balancers are reused, idle ones
// are closed.
const (
	maxHeaderBytes = 32 << 10
	idleTimeout    = 60 * time.Second
	httpShutdown   = 10 * time.Second // at most, for requests in flight; inside the drain budget
)

// check reports the first configuration error, before anything touches the disk or the
// network: a typo in a token must not leave a database behind or open a socket.
func (cfg serveConfig) check() error {
	useSlack := cfg.slackBotToken != ""
	useDiscord := cfg.discordToken != "" || cfg.discordPublicKey != ""
	if !useSlack && !useDiscord {
		return errors.New(noCredentials)
	}
	if err := cfg.store.check(); err != nil {
		return err
	}
	if useSlack {
		if cfg.slackAppToken == "" && cfg.slackSecret == "" {
			return errors.New("slack HTTP mode needs SLACK_SIGNING_SECRET to verify requests (or set SLACK_APP_TOKEN for Socket Mode)")
		}
		if cfg.slackAppToken != "" && !strings.HasPrefix(cfg.slackAppToken, "xapp-") {
			return errors.New("SLACK_APP_TOKEN must be an app-level token (xapp-…) with connections:write")
		}
		if err := (slack.Config{BotToken: cfg.slackBotToken, APIURL: cfg.slackAPIURL}).Check(); err != nil {
			return err
		}
	}
	if cfg.discordToken != "" {
		if _, err := discord.NewSession(cfg.gateway()); err != nil {
			return err
		}
	}
	if cfg.discordPublicKey != "" {
		if err := discord.CheckPublicKey(cfg.discordPublicKey); err != nil {
			return err
		}
	}
	if _, _, err := net.SplitHostPort(cfg.addr); err != nil {
		return fmt.Errorf("--addr %q: %w", cfg.addr, err)
	}
	if cfg.workers < 1 || cfg.queueSize < 1 || cfg.drainTimeout <= 0 {
		return fmt.Errorf("outbound workers (%d), queue size (%d) and drain timeout (%s) must be positive", cfg.workers, cfg.queueSize, cfg.drainTimeout)
	}
	// The scheduler would quietly replace a zero with its own default: say so instead.
	if cfg.digestGrace <= 0 || cfg.digestTick <= 0 {
		return fmt.Errorf("digest grace (%s) and tick (%s) must be positive", cfg.digestGrace, cfg.digestTick)
	}
	if cfg.digestLease <= 0 || cfg.digestLease > digest.MaxLease {
		return fmt.Errorf("digest lease (%s) must be positive and at most %s", cfg.digestLease, digest.MaxLease)
	}
	return nil
}

func (cfg serveConfig) gateway() discord.GatewayConfig {
	return discord.GatewayConfig{Token: cfg.discordToken, APIURL: cfg.discordAPIURL, ShardID: cfg.discordShardID, ShardCount: cfg.discordShardCount, Workers: cfg.workers}
}

const noCredentials = `no chat platform is configured, so there is nothing to serve.
Set, for Slack:
  SLACK_BOT_TOKEN=xoxb-…         the bot token (OAuth & Permissions)
  SLACK_APP_TOKEN=xapp-…         for Socket Mode (no public URL needed), or
  SLACK_SIGNING_SECRET=…         for HTTP mode (/slack/events, /slack/commands, /slack/interactivity)
and/or, for Discord:
  DISCORD_BOT_TOKEN=…            the gateway (slash commands, mentions, DMs), and/or
  DISCORD_PUBLIC_KEY=…           the HTTP interactions endpoint (/discord/interactions)
To talk to careerbot in this terminal instead: careerbot chat`

// readiness is what /readyz asks.
type readiness interface{ Ready() bool }

// serve runs every configured adapter and one HTTP listener until ctx is done, then shuts
// down gracefully: stop accepting, finish answers in flight, close the socket.
func serve(ctx context.Context, b *bot.Bot, kb *knowledge.Base, cfg serveConfig, stderr io.Writer, isTerm bool) error {
	if err := cfg.check(); err != nil {
		return err
	}
	s := &server{cfg: cfg, log: newLogger(stderr, isTerm), mux: http.NewServeMux(), metrics: metrics.New()}
	// Scheduled digests: the store is opened (and migrated) at start-up, so a bad data
	// directory is a start-up error, not a surprise at the first slot.
	store, err := openStore(ctx, cfg.store, startRetry)
	if err != nil {
		return err
	}
	defer store.Close()
	if b, err = s.share(b, kb, store.db); err != nil {
		return err
	}
	s.addReview(store.reviews)
	composer := digest.NewComposer(kb)
	manager := s.digestManager(store, composer)
	// One queue and one body reader for every platform: the bounds are the process's.
	s.queue = outbound.New(outbound.Config{Workers: cfg.workers, Capacity: cfg.queueSize, Logger: s.log.With("component", "outbound")})
	s.metrics.WatchQueue(s.queue)
	reader := inbound.New(inbound.Config{})
	slackAdapter, err := s.addSlack(b, manager, reader)
	if err != nil {
		return err
	}
	discordSession, err := s.addDiscord(b, manager, reader)
	if err != nil {
		return err
	}
	if err := s.addScheduler(store, composer, slackAdapter, discordSession); err != nil {
		return err
	}
	s.addHealth()
	return s.run(ctx)
}

// server is what serve builds, one step at a time, and then runs.
type server struct {
	metrics *metrics.Metrics // GET /metrics
	review  *review.Recorder // questions not answered well; nil when CAREERBOT_REVIEW_LOG=off
	cfg     serveConfig
	log     *slog.Logger
	mux     *http.ServeMux
	queue   *outbound.Queue
	sched   *digest.Scheduler
	ready   []readiness                   // all must be ready for /readyz
	seen    dedupe.Store                  // event ids shared by replicas; nil: each adapter's own
	runners []func(context.Context) error // run until their context ends
	modes   []any                         // what the "careerbot serving" line says
}

// digestManager serves /career digest. The scheduler it must tell about changes is built
// later, from the adapters, so it is looked up when a subscription changes.
func (s *server) digestManager(store digest.Store, composer *digest.Composer) *digest.Manager {
	var platforms []string // where digests can be posted: a bot token is needed to post
	if s.cfg.slackBotToken != "" {
		platforms = append(platforms, "slack")
	}
	if s.cfg.discordToken != "" {
		platforms = append(platforms, "discord")
	}
	return digest.NewManager(store, composer, digest.ManagerOptions{Platforms: platforms, Changed: func() {
		if s.sched != nil {
			s.sched.Reload()
		}
	}})
}

// addSlack sets up the Slack adapter, if Slack is configured: its HTTP routes, and Socket
// Mode when there is an app token.
func (s *server) addSlack(b *bot.Bot, manager *digest.Manager, reader *inbound.Reader) (*slack.Adapter, error) {
	if s.cfg.slackBotToken == "" {
		return nil, nil
	}
	sa, err := slack.New(s.observe("slack", b), slack.Config{Observer: s.metrics, Voter: s.voter(),
		BotToken: s.cfg.slackBotToken, SigningSecret: s.cfg.slackSecret, APIURL: s.cfg.slackAPIURL,
		Logger: s.log.With("adapter", "slack"), Digests: manager, Reader: reader, Queue: s.queue, Seen: s.seen,
	})
	if err != nil {
		return nil, err
	}
	sa.Routes(s.mux)
	s.ready = append(s.ready, sa)
	mode := "http"
	if appToken := s.cfg.slackAppToken; appToken != "" {
		mode = "socket"
		s.runners = append(s.runners, func(ctx context.Context) error { return sa.RunSocketMode(ctx, appToken) })
	}
	s.modes = append(s.modes, "slack", mode)
	return sa, nil
}

// addDiscord sets up the Discord adapter, if Discord is configured: the HTTP interactions
// endpoint with a public key, the gateway with a bot token, or both.
func (s *server) addDiscord(b *bot.Bot, manager *digest.Manager, reader *inbound.Reader) (*discordgo.Session, error) {
	if s.cfg.discordToken == "" && s.cfg.discordPublicKey == "" {
		return nil, nil
	}
	da, err := discord.New(s.observe("discord", b), discord.Config{Observer: s.metrics, Voter: s.voter(),
		PublicKey: s.cfg.discordPublicKey, Logger: s.log.With("adapter", "discord"), Digests: manager,
		Reader: reader, Queue: s.queue, Seen: s.seen,
	})
	if err != nil {
		return nil, err
	}
	s.ready = append(s.ready, da)
	var mode []string
	if s.cfg.discordPublicKey != "" {
		da.Routes(s.mux)
		mode = append(mode, "http")
	}
	var session *discordgo.Session
	if s.cfg.discordToken != "" {
		if session, err = discord.NewSession(s.cfg.gateway()); err != nil {
			return nil, err
		}
		s.runners = append(s.runners, func(ctx context.Context) error { return da.RunGateway(ctx, session) })
		mode = append(mode, "gateway")
	}
	s.modes = append(s.modes, "discord", strings.Join(mode, "+"))
	return session, nil
}

// addScheduler posts digests through the adapters already built, where there are some.
func (s *server) addScheduler(store digest.Store, composer *digest.Composer, sa *slack.Adapter, ds *discordgo.Session) error {
	posters, err := digestPosters(sa, s.cfg.getenv, ds)
	if err != nil {
		return err
	}
	s.sched = digest.New(store, composer, posters, digest.Config{
		Grace: s.cfg.digestGrace, Lease: s.cfg.digestLease, Logger: s.log.With("component", "digest"), Observer: s.metrics,
		Pace: map[string]time.Duration{"slack": time.Second / 20, "discord": time.Second / 20},
	})
	sched, tick := s.sched, s.cfg.digestTick
	s.runners = append(s.runners, func(ctx context.Context) error { return sched.Run(ctx, tick) })
	if s.cfg.store.databaseURL != "" {
		s.modes = append(s.modes, "store", "postgres")
	} else {
		s.modes = append(s.modes, "store", "sqlite", "data_dir", s.cfg.store.dataDir)
	}
	return nil
}

// addHealth adds /healthz (the process is alive) and /readyz (every adapter can receive).
func (s *server) addHealth() {
	ready := s.ready
	s.mux.Handle("GET /metrics", s.metrics.Handler())
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok\n") })
	s.mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		for _, a := range ready {
			if !a.Ready() {
				http.Error(w, "not ready", http.StatusServiceUnavailable)
				return
			}
		}
		io.WriteString(w, "ready\n")
	})
}

// run listens, serves and runs the runners until ctx is done or one of them fails, then
// shuts down.
func (s *server) run(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.cfg.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.cfg.addr, err)
	}
	srv := &http.Server{
		Handler: s.metrics.Middleware(s.mux, s.mux), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second,
		MaxHeaderBytes: maxHeaderBytes, IdleTimeout: idleTimeout,
	}
	s.log.Info("careerbot serving", append([]any{"addr", ln.Addr().String()}, s.modes...)...)

	var wg sync.WaitGroup
	errc := make(chan error, 1+len(s.runners))
	wg.Go(func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errc <- fmt.Errorf("http server: %w", err)
		}
	})
	runCtx, stopRun := context.WithCancel(ctx)
	defer stopRun()
	for _, run := range s.runners {
		wg.Go(func() {
			if err := run(runCtx); err != nil {
				errc <- err
			}
		})
	}

	var runErr error
	select {
	case <-ctx.Done():
		s.log.Info("shutting down")
	case runErr = <-errc:
		s.log.Error("stopping after an error", "err", runErr)
	}
	s.shutdown(srv, stopRun)
	wg.Wait()
	return runErr
}

// shutdown stops taking work (HTTP, then Socket Mode, the gateway and the scheduler),
// then sends what was acknowledged, within the drain budget that started at the signal.
func (s *server) shutdown(srv *http.Server, stopRunners context.CancelFunc) {
	drainCtx, cancel := context.WithTimeout(context.Background(), s.cfg.drainTimeout)
	defer cancel()
	shutCtx, cancelHTTP := context.WithTimeout(drainCtx, httpShutdown)
	defer cancelHTTP()
	if err := srv.Shutdown(shutCtx); err != nil {
		s.log.Error("http shutdown", "err", err)
	}
	stopRunners()
	d := s.queue.Drain(drainCtx)
	s.log.Info("outbound queue drained", "drained", d.Drained, "given_up", d.GivenUp, "budget", s.cfg.drainTimeout.String())
}

// newLogger logs text on a terminal and JSON otherwise.
func newLogger(w io.Writer, isTerm bool) *slog.Logger {
	if isTerm {
		return slog.New(slog.NewTextHandler(w, nil))
	}
	return slog.New(slog.NewJSONHandler(w, nil))
}

func isTerminalWriter(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
