// Command careerbot answers career questions about an occupation, from the BLS Occupational
// Outlook Handbook, in the terminal and in Slack (Discord is next).
//
//	careerbot ask "What's the salary?"      one answer, plain text
//	careerbot ask --json < questions.txt     one JSON object per question line
//	careerbot chat                           an interactive conversation
//	careerbot topics                         what can be asked
//	careerbot serve                          the Slack bot, with /healthz and /readyz
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

	"github.com/careerbot/careerbot/adapters/cli"
	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/knowledge"
)

const usage = `usage: careerbot <command> [flags] [arguments]

commands:
  ask [--json] QUESTION   answer one question (--json: read questions from stdin, one per line)
  chat                    talk with the bot in the terminal
  topics                  list what can be asked
  serve [--addr ADDR]     run the Slack bot (Socket Mode or HTTP) with /healthz and /readyz;
                          env SLACK_BOT_TOKEN, SLACK_APP_TOKEN or SLACK_SIGNING_SECRET,
                          SLACK_API_URL, CAREERBOT_ADDR (default :8080)

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
	fs := flag.NewFlagSet("careerbot "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	profile := fs.String("profile", getenv("CAREERBOT_PROFILE"), "knowledge `file` to load instead of the embedded one")
	jsonOut := false
	addr := ""
	switch cmd {
	case "ask":
		fs.BoolVar(&jsonOut, "json", false, "read questions from stdin, one per line, and write one JSON object per line")
	case "serve":
		fs.StringVar(&addr, "addr", cmp.Or(getenv("CAREERBOT_ADDR"), ":8080"), "`address` to listen on")
	case "chat", "topics":
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
	b, err := load(*profile)
	if err != nil {
		return err
	}
	switch cmd {
	case "ask":
		if jsonOut {
			if fs.NArg() > 0 {
				return fmt.Errorf("%w: ask --json reads questions from stdin, not arguments", errUsage)
			}
			return cli.AskJSON(ctx, b, stdin, stdout)
		}
		q := strings.TrimSpace(strings.Join(fs.Args(), " "))
		if q == "" {
			return fmt.Errorf("%w: ask needs a question, e.g. careerbot ask \"What's the salary?\"", errUsage)
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
		return serve(ctx, b, serveConfig{
			addr:          addr,
			slackBotToken: getenv("SLACK_BOT_TOKEN"),
			slackAppToken: getenv("SLACK_APP_TOKEN"),
			slackSecret:   getenv("SLACK_SIGNING_SECRET"),
			slackAPIURL:   getenv("SLACK_API_URL"),
		}, stderr, isTerminalWriter(stderr))
	}
	return nil
}

// load builds the bot from the embedded knowledge file or the one at path.
func load(path string) (*bot.Bot, error) {
	var kb *knowledge.Base
	var err error
	if path == "" {
		kb, err = knowledge.Default()
	} else {
		kb, err = knowledge.LoadFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("load knowledge: %w", err)
	}
	return bot.New(kb, bot.Options{})
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
