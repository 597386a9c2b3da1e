// Command careerbot answers career questions about an occupation, from the BLS Occupational
// Outlook Handbook, in the terminal, in Slack and in Discord.
//
//	careerbot ask "What's the salary?"      one answer, plain text
//	careerbot ask --json < questions.txt     one JSON object per question line
//	careerbot chat                           an interactive conversation
//	careerbot topics                         what can be asked
//	careerbot serve                          the Slack and Discord bots, with /healthz and /readyz
//	careerbot discord register [--guild ID]  register /career with Discord
//
// Every subcommand takes --profile FILE (or CAREERBOT_PROFILE) to load another knowledge file.
package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
	_ "time/tzdata" // time zones in a static binary on an image without /usr/share/zoneinfo

	"github.com/careerbot/careerbot/adapters/cli"
	"github.com/careerbot/careerbot/adapters/discord"
	"github.com/careerbot/careerbot/bot"
)

const usage = `usage: careerbot <command> [flags] [arguments]

commands:
  ask [--json] QUESTION   answer one question (--json: read questions from stdin, one per line)
  chat                    talk with the bot in the terminal
  topics                  list what can be asked
  serve [--addr ADDR] [--shard-id N --shard-count N]
                          run the Slack and Discord bots with /healthz and /readyz;
                          env SLACK_BOT_TOKEN, SLACK_APP_TOKEN or SLACK_SIGNING_SECRET,
                          SLACK_API_URL, DISCORD_BOT_TOKEN, DISCORD_PUBLIC_KEY,
                          DISCORD_API_URL, CAREERBOT_ADDR (default :8080)
  discord register [--guild ID]
                          register /career with Discord (env DISCORD_BOT_TOKEN, DISCORD_APP_ID)
  digest add|list|remove|preview|send
                          manage scheduled job-outlook digests (careerbot digest for details)

flags (every command):
  --profile FILE          knowledge file to use instead of the embedded one (env CAREERBOT_PROFILE)
`

// errUsage marks errors that are the caller's to fix: exit status 2.
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr))
}

// run is careerbot: it returns the exit status. Tests call it with buffers.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	err := dispatch(ctx, args, getenv, stdin, stdout, stderr)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "careerbot: %v\n\n%s", err, usage)
		return 2
	default:
		fmt.Fprintf(stderr, "careerbot: %v\n", err)
		return 1
	}
}

func dispatch(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: no command given", errUsage)
	}
	cmd, args := args[0], args[1:]
	if cmd == "digest" {
		return digestCmd(ctx, args, getenv, stdout, stderr)
	}
	fs := flag.NewFlagSet("careerbot "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	profile := fs.String("profile", getenv("CAREERBOT_PROFILE"), "knowledge `file` to load instead of the embedded one")
	jsonOut, explain := false, false
	addr, guild := "", ""
	var shardID, shardCount int
	var dataDir string
	var grace, tick, drain time.Duration
	var workers, queueSize int
	if cmd == "discord" {
		if len(args) == 0 || args[0] != "register" {
			return fmt.Errorf("%w: discord needs a subcommand: discord register [--guild ID]", errUsage)
		}
		args = args[1:]
		fs = flag.NewFlagSet("careerbot discord register", flag.ContinueOnError)
		fs.SetOutput(stderr)
		profile = fs.String("profile", getenv("CAREERBOT_PROFILE"), "knowledge `file` to load instead of the embedded one")
		fs.StringVar(&guild, "guild", "", "register in this guild only (instant, for testing) instead of globally")
	}
	switch cmd {
	case "ask":
		fs.BoolVar(&jsonOut, "json", false, "read questions from stdin, one per line, and write one JSON object per line")
		fs.BoolVar(&explain, "explain", false, "also say how the answer was reached: tokens, hits, scores, the rules tried")
	case "serve":
		fs.StringVar(&addr, "addr", cmp.Or(getenv("CAREERBOT_ADDR"), ":8080"), "`address` to listen on")
		fs.IntVar(&shardID, "shard-id", envInt(getenv, "DISCORD_SHARD_ID"), "Discord gateway shard id")
		fs.IntVar(&shardCount, "shard-count", envInt(getenv, "DISCORD_SHARD_COUNT"), "Discord gateway shard count (0 or 1: no sharding)")
		fs.StringVar(&dataDir, "data-dir", cmp.Or(getenv("CAREERBOT_DATA_DIR"), "./data"), "`directory` of the digest subscriptions database")
		fs.DurationVar(&grace, "digest-grace", envDuration(getenv, "CAREERBOT_DIGEST_GRACE", time.Hour), "how late a missed digest may still be posted")
		fs.DurationVar(&tick, "digest-tick", envDuration(getenv, "CAREERBOT_DIGEST_TICK", 15*time.Second), "how often due digests are looked for")
		fs.DurationVar(&drain, "drain-timeout", envDuration(getenv, "CAREERBOT_DRAIN_TIMEOUT", 25*time.Second), "on SIGTERM, how long to spend sending answers already acknowledged")
		fs.IntVar(&workers, "outbound-workers", envIntOr(getenv, "CAREERBOT_OUTBOUND_WORKERS", 16), "answers sent at once")
		fs.IntVar(&queueSize, "outbound-queue", envIntOr(getenv, "CAREERBOT_OUTBOUND_QUEUE", 1024), "answers that may wait; beyond it Slack is told to redeliver")
	case "chat", "topics", "discord":
	case "help", "-h", "--help":
		io.WriteString(stdout, usage)
		return nil
	default:
		return fmt.Errorf("%w: unknown command %q", errUsage, cmd)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	kb, err := loadKnowledge(*profile)
	if err != nil {
		return err
	}
	b, err := bot.New(kb, bot.Options{})
	if err != nil {
		return err
	}
	switch cmd {
	case "ask":
		if jsonOut {
			if fs.NArg() > 0 {
				return fmt.Errorf("%w: ask --json reads questions from stdin, not arguments", errUsage)
			}
			if explain {
				return cli.AskJSONExplain(ctx, b, stdin, stdout)
			}
			return cli.AskJSON(ctx, b, stdin, stdout)
		}
		q := strings.TrimSpace(strings.Join(fs.Args(), " "))
		if q == "" {
			return fmt.Errorf("%w: ask needs a question, e.g. careerbot ask \"What's the salary?\"", errUsage)
		}
		if explain {
			return cli.Explain(ctx, b, q, stdout)
		}
		return cli.Ask(ctx, b, q, stdout)
	case "chat":
		if fs.NArg() > 0 {
			return fmt.Errorf("%w: chat takes no arguments", errUsage)
		}
		return cli.Chat(ctx, b, stdin, stdout, isTerminal(stdin))
	case "topics":
		return cli.Topics(b.Topics(), stdout)
	case "serve":
		if fs.NArg() > 0 {
			return fmt.Errorf("%w: serve takes no arguments", errUsage)
		}
		return serve(ctx, b, kb, serveConfig{
			addr:          addr,
			slackBotToken: getenv("SLACK_BOT_TOKEN"),
			slackAppToken: getenv("SLACK_APP_TOKEN"),
			slackSecret:   getenv("SLACK_SIGNING_SECRET"),
			slackAPIURL:   getenv("SLACK_API_URL"),

			discordToken:      getenv("DISCORD_BOT_TOKEN"),
			discordPublicKey:  getenv("DISCORD_PUBLIC_KEY"),
			discordAPIURL:     getenv("DISCORD_API_URL"),
			discordShardID:    shardID,
			discordShardCount: shardCount,

			dataDir:     dataDir,
			digestGrace: grace,
			digestTick:  tick,

			workers:      workers,
			queueSize:    queueSize,
			drainTimeout: drain,

			getenv: getenv,
		}, stderr, isTerminalWriter(stderr))
	case "discord":
		if fs.NArg() > 0 {
			return fmt.Errorf("%w: discord register takes no arguments", errUsage)
		}
		return registerDiscord(b, getenv, guild, stdout)
	}
	return nil
}

// registerDiscord registers /career with one bulk overwrite, printing what changed.
func registerDiscord(b *bot.Bot, getenv func(string) string, guild string, stdout io.Writer) error {
	token, appID := getenv("DISCORD_BOT_TOKEN"), getenv("DISCORD_APP_ID")
	if token == "" || appID == "" {
		return errors.New("discord register needs DISCORD_BOT_TOKEN and DISCORD_APP_ID (General Information → Application ID)")
	}
	s, err := discord.NewSession(discord.GatewayConfig{Token: token, APIURL: getenv("DISCORD_API_URL")})
	if err != nil {
		return err
	}
	return discord.Register(s, appID, guild, discord.Commands(b.Topics()), stdout)
}

func envDuration(getenv func(string) string, key string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(getenv(key)); err == nil && d > 0 {
		return d
	}
	return def
}

// envIntOr reads a positive integer, or gives def.
func envIntOr(getenv func(string) string, key string, def int) int {
	if n, err := strconv.Atoi(getenv(key)); err == nil && n > 0 {
		return n
	}
	return def
}

func envInt(getenv func(string) string, key string) int {
	n, _ := strconv.Atoi(getenv(key))
	return n
}

// isTerminal says whether r is an interactive terminal, to decide whether to prompt.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
