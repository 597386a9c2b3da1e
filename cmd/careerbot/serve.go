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

	"github.com/careerbot/careerbot/adapters/discord"
	"github.com/careerbot/careerbot/adapters/inbound"
	"github.com/careerbot/careerbot/adapters/outbound"
	"github.com/careerbot/careerbot/adapters/slack"
	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/digest"
	"github.com/careerbot/careerbot/bot/digest/sqlite"
	"github.com/careerbot/careerbot/knowledge"
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

	dataDir     string
	digestGrace time.Duration
	digestTick  time.Duration

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
	log := newLogger(stderr, isTerm)
	useSlack := cfg.slackBotToken != ""
	useDiscord := cfg.discordToken != "" || cfg.discordPublicKey != ""
	// Scheduled digests: the store is opened (and migrated) at start-up, so a bad data
	// directory is a start-up error, not a surprise at the first slot.
	store, err := sqlite.Open(ctx, cfg.dataDir)
	if err != nil {
		return err
	}
	defer store.Close()
	composer := digest.NewComposer(kb)
	var platforms []string // where digests can be posted: a bot token is needed to post
	if cfg.slackBotToken != "" {
		platforms = append(platforms, "slack")
	}
	if cfg.discordToken != "" {
		platforms = append(platforms, "discord")
	}
	var sched *digest.Scheduler
	manager := digest.NewManager(store, composer, digest.ManagerOptions{Platforms: platforms, Changed: func() {
		if sched != nil {
			sched.Reload()
		}
	}})

	mux := http.NewServeMux()
	var ready []readiness
	var runners []func(context.Context) error
	var modes []any

	var slackAdapter *slack.Adapter
	var discordSession *discordgo.Session
	// One queue and one body reader for every platform: the bounds are the process's.
	queue := outbound.New(outbound.Config{Workers: cfg.workers, Capacity: cfg.queueSize, Logger: log.With("component", "outbound")})
	reader := inbound.New(inbound.Config{})
	if useSlack {
		sa, err := slack.New(b, slack.Config{
			BotToken: cfg.slackBotToken, SigningSecret: cfg.slackSecret, APIURL: cfg.slackAPIURL,
			Logger: log.With("adapter", "slack"), Digests: manager, Reader: reader, Queue: queue,
		})
		if err != nil {
			return err
		}
		sa.Routes(mux)
		slackAdapter = sa
		ready = append(ready, sa)
		mode := "http"
		if cfg.slackAppToken != "" {
			mode = "socket"
			runners = append(runners, func(ctx context.Context) error { return sa.RunSocketMode(ctx, cfg.slackAppToken) })
		}
		modes = append(modes, "slack", mode)
	}
	if useDiscord {
		da, err := discord.New(b, discord.Config{
			PublicKey: cfg.discordPublicKey, Logger: log.With("adapter", "discord"), Digests: manager,
			Reader: reader, Queue: queue,
		})
		if err != nil {
			return err
		}
		ready = append(ready, da)
		var mode []string
		if cfg.discordPublicKey != "" {
			da.Routes(mux)
			mode = append(mode, "http")
		}
		if cfg.discordToken != "" {
			s, err := discord.NewSession(cfg.gateway())
			if err != nil {
				return err
			}
			discordSession = s
			runners = append(runners, func(ctx context.Context) error { return da.RunGateway(ctx, s) })
			mode = append(mode, "gateway")
		}
		modes = append(modes, "discord", strings.Join(mode, "+"))
	}

	posters, err := digestPosters(slackAdapter, cfg.getenv, discordSession)
	if err != nil {
		return err
	}
	sched = digest.New(store, composer, posters, digest.Config{
		Grace: cfg.digestGrace, Logger: log.With("component", "digest"),
		Pace: map[string]time.Duration{"slack": time.Second / 20, "discord": time.Second / 20},
	})
	runners = append(runners, func(ctx context.Context) error { return sched.Run(ctx, cfg.digestTick) })
	modes = append(modes, "data_dir", cfg.dataDir)

	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok\n") })
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		for _, a := range ready {
			if !a.Ready() {
				http.Error(w, "not ready", http.StatusServiceUnavailable)
				return
			}
		}
		io.WriteString(w, "ready\n")
	})

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.addr, err)
	}
	srv := &http.Server{
		Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second,
		MaxHeaderBytes: maxHeaderBytes, IdleTimeout: idleTimeout,
	}
	log.Info("careerbot serving", append([]any{"addr", ln.Addr().String()}, modes...)...)

	var wg sync.WaitGroup
	errc := make(chan error, 1+len(runners))
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errc <- fmt.Errorf("http server: %w", err)
		}
	}()
	runCtx, stopRun := context.WithCancel(ctx)
	defer stopRun()
	for _, run := range runners {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := run(runCtx); err != nil {
				errc <- err
			}
		}()
	}

	var runErr error
	select {
	case <-ctx.Done():
		log.Info("shutting down")
	case runErr = <-errc:
		log.Error("stopping after an error", "err", runErr)
	}
	// Stop taking work (HTTP, then Socket Mode, the gateway and the scheduler), then send
	// what was acknowledged, within the drain budget that started at the signal.
	drainCtx, cancel := context.WithTimeout(context.Background(), cfg.drainTimeout)
	defer cancel()
	shutCtx, cancelHTTP := context.WithTimeout(drainCtx, httpShutdown)
	defer cancelHTTP()
	if err := srv.Shutdown(shutCtx); err != nil {
		log.Error("http shutdown", "err", err)
	}
	stopRun()
	d := queue.Drain(drainCtx)
	log.Info("outbound queue drained", "drained", d.Drained, "given_up", d.GivenUp, "budget", cfg.drainTimeout.String())
	wg.Wait()
	return runErr
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
