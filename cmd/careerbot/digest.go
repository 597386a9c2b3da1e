package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/adapters/discord"
	"github.com/careerbot/careerbot/adapters/slack"
	"github.com/careerbot/careerbot/bot/digest"
	"github.com/careerbot/careerbot/knowledge"
)

const digestUsage = `usage: careerbot digest <command> [flags]

  add --platform slack|discord --channel ID --schedule SPEC_OR_PRESET [--tz ZONE] [--team ID]
  list
  remove ID
  preview [--schedule SPEC_OR_PRESET] [--tz ZONE]
  send ID                 post the digest to that subscription's channel now

every command takes --database URL (env CAREERBOT_DATABASE_URL: PostgreSQL, shared by replicas)
or --data-dir DIR (env CAREERBOT_DATA_DIR, default ./data: SQLite), and --profile FILE
schedules: ` + digest.Accepted + `
`

// digestCmd is the operators' digest CLI.
func digestCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: digest needs a command (add, list, remove, preview, send)\n\n%s", errUsage, digestUsage)
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("careerbot digest "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var where storeConfig
	storeFlags(fs, getenv, &where)
	profile := fs.String("profile", getenv("CAREERBOT_PROFILE"), "knowledge `file` to load instead of the embedded one")
	platform := fs.String("platform", "", "slack or discord")
	channel := fs.String("channel", "", "channel `id` to post to")
	team := fs.String("team", "", "Slack workspace or Discord guild `id`")
	spec := fs.String("schedule", "", "daily|weekly|monthly|hourly preset or a 5-field cron `spec`")
	zone := fs.String("tz", "UTC", "IANA time `zone`, e.g. America/Chicago")
	switch sub {
	case "add", "list", "remove", "preview", "send":
	default:
		return fmt.Errorf("%w: unknown digest command %q\n\n%s", errUsage, sub, digestUsage)
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
	comp := digest.NewComposer(kb)
	if sub == "preview" {
		s, err := digest.ParseSchedule(cmp.Or(*spec, "weekly monday 09:00"), *zone)
		if err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		slot := s.Next(time.Now())
		fmt.Fprintf(stdout, "Next digest: %s (%s)\n\n", slot.At.In(s.Location()).Format("Mon 2 Jan 2006 15:04 MST"), s.Spec)
		_, err = io.WriteString(stdout, digest.Text(comp.Compose(s, slot)))
		return err
	}
	store, err := openStore(ctx, where, 0)
	if err != nil {
		return err
	}
	defer store.Close()

	switch sub {
	case "add":
		if fs.NArg() > 0 || *platform == "" || *channel == "" || *spec == "" {
			return fmt.Errorf("%w: digest add needs --platform, --channel and --schedule\n\n%s", errUsage, digestUsage)
		}
		s, err := digest.ParseSchedule(*spec, *zone)
		if err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		old, err := store.ListChannel(ctx, *platform, *channel)
		if err != nil {
			return err
		}
		added, err := store.Add(ctx, digest.Subscription{Platform: *platform, TeamID: *team, ChannelID: *channel, Spec: s.Spec, Zone: s.Zone, CreatedBy: "cli", CreatedAt: time.Now()})
		if err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		next := s.Next(time.Now()).At.In(s.Location())
		verb := "added"
		if len(old) > 0 {
			verb = "replaced the channel's digest with" // one subscription per channel
		}
		fmt.Fprintf(stdout, "%s subscription %d: %s %s, %q in %s; next digest %s\n", verb, added.ID, added.Platform, added.ChannelID, s.Spec, s.Zone, next.Format("Mon 2 Jan 2006 15:04 MST"))
		return nil
	case "list":
		subs, err := store.List(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tPLATFORM\tCHANNEL\tSCHEDULE\tZONE\tNEXT\tSTATUS")
		for _, s := range subs {
			next, status := "-", "active"
			if s.Disabled != "" {
				status = "disabled: " + s.Disabled
			} else if sched, err := s.Schedule(); err == nil {
				next = sched.Next(maxTime(s.LastSlot, time.Now())).At.In(sched.Location()).Format("2006-01-02 15:04 MST")
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", s.ID, s.Platform, s.ChannelID, s.Spec, s.Zone, next, status)
		}
		return tw.Flush()
	case "remove", "send":
		if fs.NArg() != 1 {
			return fmt.Errorf("%w: digest %s needs a subscription ID", errUsage, sub)
		}
		id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
		if err != nil {
			return fmt.Errorf("%w: %q is not a subscription ID", errUsage, fs.Arg(0))
		}
		if sub == "remove" {
			if err := store.Remove(ctx, id); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "removed subscription %d\n", id)
			return nil
		}
		return sendNow(ctx, store, comp, id, getenv, stdout)
	}
	return nil
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// sendNow posts a subscription's digest at once, outside its schedule (slots are untouched).
func sendNow(ctx context.Context, store digest.Store, comp *digest.Composer, id int64, getenv func(string) string, stdout io.Writer) error {
	subs, err := store.List(ctx)
	if err != nil {
		return err
	}
	for _, s := range subs {
		if s.ID != id {
			continue
		}
		sched, err := s.Schedule()
		if err != nil {
			return err
		}
		posters, err := digestPosters(nil, getenv, nil)
		if err != nil {
			return err
		}
		p, ok := posters[s.Platform]
		if !ok {
			return fmt.Errorf("cannot post to %s: set %s", s.Platform, map[string]string{"slack": "SLACK_BOT_TOKEN", "discord": "DISCORD_BOT_TOKEN"}[s.Platform])
		}
		now := time.Now()
		if err := p.PostDigest(ctx, s, comp.Compose(sched, digest.Slot{Wall: now.UTC(), At: now})); err != nil {
			return fmt.Errorf("send digest %d: %w", id, err)
		}
		fmt.Fprintf(stdout, "sent subscription %d's digest to %s %s\n", id, s.Platform, s.ChannelID)
		return nil
	}
	return fmt.Errorf("subscription %d: %w", id, digest.ErrNotFound)
}

// digestPosters builds a poster per configured platform: the running Slack adapter when
// serve has one, otherwise adapters built from the environment.
func digestPosters(sa *slack.Adapter, getenv func(string) string, ds *discordgo.Session) (map[string]digest.Poster, error) {
	posters := map[string]digest.Poster{}
	if sa != nil {
		posters["slack"] = sa
	} else if tok := getenv("SLACK_BOT_TOKEN"); tok != "" {
		a, err := slack.New(nil, slack.Config{BotToken: tok, APIURL: getenv("SLACK_API_URL")})
		if err != nil {
			return nil, err
		}
		posters["slack"] = a
	}
	if ds != nil {
		posters["discord"] = discord.DigestPoster{Session: ds}
	} else if tok := getenv("DISCORD_BOT_TOKEN"); tok != "" {
		s, err := discord.NewSession(discord.GatewayConfig{Token: tok, APIURL: getenv("DISCORD_API_URL")})
		if err != nil {
			return nil, err
		}
		posters["discord"] = discord.DigestPoster{Session: s}
	}
	return posters, nil
}

func loadKnowledge(path string) (*knowledge.Base, error) {
	if path == "" {
		return knowledge.Default()
	}
	kb, err := knowledge.LoadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load knowledge: %w", err)
	}
	return kb, nil
}
