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
	"strings"
	"syscall"
	"time"
	_ "time/tzdata" // time zones in a static binary on an image without /usr/share/zoneinfo

	"github.com/careerbot/careerbot/adapters/cli"
	"github.com/careerbot/careerbot/adapters/discord"
	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/classifier"
	"github.com/careerbot/careerbot/bot/digest"
)

const usage = `usage: careerbot <command> [flags] [arguments]

commands:
  ask [--json] [--explain] QUESTION
                          answer one question (--json: read questions from stdin, one per line;
                          --explain: how the answer was reached)
  chat [--explain]        talk with the bot in the terminal (--explain: how each answer
                          was reached)
  topics                  list what can be asked
  serve [--addr ADDR] [--shard-id N --shard-count N]
                          run the Slack and Discord bots with /healthz, /readyz and /metrics;
                          env SLACK_BOT_TOKEN, SLACK_APP_TOKEN or SLACK_SIGNING_SECRET,
                          SLACK_API_URL, DISCORD_BOT_TOKEN, DISCORD_PUBLIC_KEY,
                          DISCORD_API_URL, CAREERBOT_ADDR (default :8080)
  discord register [--guild ID]
                          register /career with Discord (env DISCORD_BOT_TOKEN, DISCORD_APP_ID)
  digest add|list|remove|preview|send
                          manage scheduled job-outlook digests (careerbot digest for details)
  migrate [--database URL | --data-dir DIR]
                          bring the database's schema up to date and exit
  review [export] [--since 7d]
                          the questions not answered well, grouped (export: as a TSV to label)

flags (every command):
  --profile FILE          knowledge file to use instead of the embedded one (env CAREERBOT_PROFILE)
state (serve, digest, migrate, review):
  --data-dir DIR          SQLite database directory (env CAREERBOT_DATA_DIR, default ./data)
  --database URL          PostgreSQL instead, shared by replicas (env CAREERBOT_DATABASE_URL)
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
	switch cmd {
	case "digest":
		return digestCmd(ctx, args, getenv, stdout, stderr)
	case "migrate":
		return migrateCmd(ctx, args, getenv, stdout, stderr)
	case "review":
		return reviewCmd(ctx, args, getenv, stdout, stderr)
	case "help", "-h", "--help":
		io.WriteString(stdout, usage)
		return nil
	}
	o, err := parseCommand(cmd, args, getenv, stderr)
	if err != nil {
		return err
	}
	// The learned model decodes on the other CPU while the knowledge file is parsed: it
	// needs nothing from it, and bot.New takes the decoded model (classifier.Load decodes once).
	go classifier.Load() // bot.New reports its error, if any
	kb, err := loadKnowledge(o.profile)
	if err != nil {
		return err
	}
	b, err := bot.New(kb, bot.Options{})
	if err != nil {
		return err
	}
	switch cmd {
	case "ask":
		return ask(ctx, b, o, stdin, stdout)
	case "chat":
		if len(o.args) > 0 {
			return fmt.Errorf("%w: chat takes no arguments", errUsage)
		}
		if o.explain {
			return cli.ChatExplain(ctx, b, stdin, stdout, isTerminal(stdin))
		}
		return cli.Chat(ctx, b, stdin, stdout, isTerminal(stdin))
	case "topics":
		return cli.Topics(b.Topics(), stdout)
	case "serve":
		if len(o.args) > 0 {
			return fmt.Errorf("%w: serve takes no arguments", errUsage)
		}
		return serve(ctx, b, kb, o.serve, stderr, isTerminalWriter(stderr))
	case "discord":
		if len(o.args) > 0 {
			return fmt.Errorf("%w: discord register takes no arguments", errUsage)
		}
		return registerDiscord(b, getenv, o.guild, stdout)
	}
	return nil
}

// options is what a command's flags and the environment say.
type options struct {
	profile          string
	jsonOut, explain bool        // ask
	guild            string      // discord register
	serve            serveConfig // serve
	args             []string    // what is left after the flags
}

// parseCommand reads cmd's flags, and for serve its settings from the environment. A
// setting that cannot be read is an error before anything is loaded or opened.
func parseCommand(cmd string, args []string, getenv func(string) string, stderr io.Writer) (options, error) {
	name := "careerbot " + cmd
	if cmd == "discord" {
		if len(args) == 0 || args[0] != "register" {
			return options{}, fmt.Errorf("%w: discord needs a subcommand: discord register [--guild ID]", errUsage)
		}
		name, args = "careerbot discord register", args[1:]
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.profile, "profile", getenv("CAREERBOT_PROFILE"), "knowledge `file` to load instead of the embedded one")
	env := &envReader{getenv: getenv}
	switch cmd {
	case "ask":
		fs.BoolVar(&o.jsonOut, "json", false, "read questions from stdin, one per line, and write one JSON object per line")
		fs.BoolVar(&o.explain, "explain", false, "also say how the answer was reached: tokens, hits, scores, the rules tried")
	case "serve":
		serveFlags(fs, env, &o.serve)
	case "discord":
		fs.StringVar(&o.guild, "guild", "", "register in this guild only (instant, for testing) instead of globally")
	case "chat":
		fs.BoolVar(&o.explain, "explain", false, "after each answer, say how it was reached, the earlier turns included")
	case "topics":
	default:
		return options{}, fmt.Errorf("%w: unknown command %q", errUsage, cmd)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return options{}, err
		}
		return options{}, fmt.Errorf("%w: %v", errUsage, err)
	}
	if env.err != nil {
		return options{}, env.err
	}
	o.args = fs.Args()
	return o, nil
}

// serveFlags defines serve's flags into cfg, their defaults read from the environment,
// and reads the settings only the environment holds (tokens stay out of the process list).
func serveFlags(fs *flag.FlagSet, env *envReader, cfg *serveConfig) {
	getenv := env.getenv
	fs.StringVar(&cfg.addr, "addr", cmp.Or(getenv("CAREERBOT_ADDR"), ":8080"), "`address` to listen on")
	fs.IntVar(&cfg.discordShardID, "shard-id", env.natural("DISCORD_SHARD_ID"), "Discord gateway shard id")
	fs.IntVar(&cfg.discordShardCount, "shard-count", env.natural("DISCORD_SHARD_COUNT"), "Discord gateway shard count (0 or 1: no sharding)")
	storeFlags(fs, getenv, &cfg.store)
	cfg.reviewLog = env.onOff("CAREERBOT_REVIEW_LOG", true)
	fs.DurationVar(&cfg.digestGrace, "digest-grace", env.duration("CAREERBOT_DIGEST_GRACE", time.Hour), "how late a missed digest may still be posted")
	fs.DurationVar(&cfg.digestTick, "digest-tick", env.duration("CAREERBOT_DIGEST_TICK", 15*time.Second), "how often due digests are looked for")
	fs.DurationVar(&cfg.digestLease, "digest-lease", env.duration("CAREERBOT_DIGEST_LEASE", digest.MaxLease), "how long a digest being posted is held before another process may resolve it (at most 1m)")
	fs.DurationVar(&cfg.drainTimeout, "drain-timeout", env.duration("CAREERBOT_DRAIN_TIMEOUT", 25*time.Second), "on SIGTERM, how long to spend sending answers already acknowledged")
	fs.IntVar(&cfg.workers, "outbound-workers", env.positive("CAREERBOT_OUTBOUND_WORKERS", 16), "answers sent at once")
	fs.IntVar(&cfg.queueSize, "outbound-queue", env.positive("CAREERBOT_OUTBOUND_QUEUE", 1024), "answers that may wait; beyond it Slack is told to redeliver")
	cfg.slackBotToken = getenv("SLACK_BOT_TOKEN")
	cfg.slackAppToken = getenv("SLACK_APP_TOKEN")
	cfg.slackSecret = getenv("SLACK_SIGNING_SECRET")
	cfg.slackAPIURL = getenv("SLACK_API_URL")
	cfg.discordToken = getenv("DISCORD_BOT_TOKEN")
	cfg.discordPublicKey = getenv("DISCORD_PUBLIC_KEY")
	cfg.discordAPIURL = getenv("DISCORD_API_URL")
	cfg.getenv = getenv
}

// ask answers one question, or one per line of stdin with --json.
func ask(ctx context.Context, b *bot.Bot, o options, stdin io.Reader, stdout io.Writer) error {
	if o.jsonOut {
		if len(o.args) > 0 {
			return fmt.Errorf("%w: ask --json reads questions from stdin, not arguments", errUsage)
		}
		if o.explain {
			return cli.AskJSONExplain(ctx, b, stdin, stdout)
		}
		return cli.AskJSON(ctx, b, stdin, stdout)
	}
	q := strings.TrimSpace(strings.Join(o.args, " "))
	if q == "" {
		return fmt.Errorf("%w: ask needs a question, e.g. careerbot ask \"What's the salary?\"", errUsage)
	}
	if o.explain {
		return cli.Explain(ctx, b, q, stdout)
	}
	return cli.Ask(ctx, b, q, stdout)
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

// isTerminal says whether r is an interactive terminal, to decide whether to prompt.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
