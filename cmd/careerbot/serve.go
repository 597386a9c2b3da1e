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
	getenv      func(string) string
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
	log := newLogger(stderr, isTerm)
	useSlack := cfg.slackBotToken != ""
	useDiscord := cfg.discordToken != "" || cfg.discordPublicKey != ""
	if !useSlack && !useDiscord {
		return errors.New(noCredentials)
	}
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
	var shutdowns []func(context.Context) error
	var modes []any

	var slackAdapter *slack.Adapter
	var discordSession *discordgo.Session
	if useSlack {
		if cfg.slackAppToken == "" && cfg.slackSecret == "" {
			return errors.New("slack HTTP mode needs SLACK_SIGNING_SECRET to verify requests (or set SLACK_APP_TOKEN for Socket Mode)")
		}
		if cfg.slackAppToken != "" && !strings.HasPrefix(cfg.slackAppToken, "xapp-") {
			return errors.New("SLACK_APP_TOKEN must be an app-level token (xapp-…) with connections:write")
		}
		sa, err := slack.New(b, slack.Config{
			BotToken: cfg.slackBotToken, SigningSecret: cfg.slackSecret, APIURL: cfg.slackAPIURL,
			Logger: log.With("adapter", "slack"), Digests: manager,
		})
		if err != nil {
			return err
		}
		sa.Routes(mux)
		slackAdapter = sa
		ready = append(ready, sa)
		shutdowns = append(shutdowns, sa.Shutdown)
		mode := "http"
		if cfg.slackAppToken != "" {
			mode = "socket"
			runners = append(runners, func(ctx context.Context) error { return sa.RunSocketMode(ctx, cfg.slackAppToken) })
		}
		modes = append(modes, "slack", mode)
	}
	if useDiscord {
		da, err := discord.New(b, discord.Config{PublicKey: cfg.discordPublicKey, Logger: log.With("adapter", "discord"), Digests: manager})
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
			s, err := discord.NewSession(discord.GatewayConfig{Token: cfg.discordToken, APIURL: cfg.discordAPIURL, ShardID: cfg.discordShardID, ShardCount: cfg.discordShardCount})
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
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second}
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
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		log.Error("http shutdown", "err", err)
	}
	stopRun()
	for _, shut := range shutdowns {
		if err := shut(shutCtx); err != nil {
			log.Error("shutdown", "err", err)
		}
	}
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
