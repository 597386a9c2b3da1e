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

	"github.com/careerbot/careerbot/adapters/slack"
	"github.com/careerbot/careerbot/bot"
)

// serveConfig is everything serve reads from flags and the environment.
type serveConfig struct {
	addr          string
	slackBotToken string
	slackAppToken string
	slackSecret   string
	slackAPIURL   string
}

const noCredentials = `no chat platform is configured, so there is nothing to serve.
Set, for Slack:
  SLACK_BOT_TOKEN=xoxb-…         the bot token (OAuth & Permissions)
  SLACK_APP_TOKEN=xapp-…         for Socket Mode (no public URL needed), or
  SLACK_SIGNING_SECRET=…         for HTTP mode (/slack/events, /slack/commands, /slack/interactivity)
To talk to careerbot in this terminal instead: careerbot chat`

// readiness is what /readyz asks.
type readiness interface{ Ready() bool }

// serve runs every configured adapter and one HTTP listener until ctx is done, then shuts
// down gracefully: stop accepting, finish answers in flight, close the socket.
func serve(ctx context.Context, b *bot.Bot, cfg serveConfig, stderr io.Writer, isTerm bool) error {
	log := newLogger(stderr, isTerm)
	if cfg.slackBotToken == "" {
		return errors.New(noCredentials)
	}
	if cfg.slackAppToken == "" && cfg.slackSecret == "" {
		return errors.New("slack HTTP mode needs SLACK_SIGNING_SECRET to verify requests (or set SLACK_APP_TOKEN for Socket Mode)")
	}
	if cfg.slackAppToken != "" && !strings.HasPrefix(cfg.slackAppToken, "xapp-") {
		return errors.New("SLACK_APP_TOKEN must be an app-level token (xapp-…) with connections:write")
	}
	sa, err := slack.New(b, slack.Config{
		BotToken: cfg.slackBotToken, SigningSecret: cfg.slackSecret, APIURL: cfg.slackAPIURL,
		Logger: log.With("adapter", "slack"),
	})
	if err != nil {
		return err
	}
	ready := []readiness{sa}

	mux := http.NewServeMux()
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
	sa.Routes(mux)

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.addr, err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second}
	mode := "http"
	if cfg.slackAppToken != "" {
		mode = "socket"
	}
	log.Info("careerbot serving", "addr", ln.Addr().String(), "slack", mode)

	var wg sync.WaitGroup
	errc := make(chan error, 2)
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errc <- fmt.Errorf("http server: %w", err)
		}
	}()
	runCtx, stopRun := context.WithCancel(ctx)
	defer stopRun()
	if cfg.slackAppToken != "" {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := sa.RunSocketMode(runCtx, cfg.slackAppToken); err != nil {
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
	if err := sa.Shutdown(shutCtx); err != nil {
		log.Error("slack shutdown", "err", err)
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
