package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/review"
)

const reviewUsage = `usage: careerbot review [--since 7d] [--database URL | --data-dir DIR]
       careerbot review export [--since 7d] [...] > review.tsv

review lists the questions careerbot declined, only suggested, or answered with low
confidence in Slack and Discord (and answers marked 👎), near-duplicates together, with
counts and the topic the matcher or its learned model would guess today. export writes them
as a TSV in the question corpus's format (bot/testdata/README.md), ready to label.
Questions are stored masked, without user or channel ids, for 30 days
(CAREERBOT_REVIEW_LOG=off stores none).
`

// reviewCmd is careerbot review.
func reviewCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	export := len(args) > 0 && args[0] == "export"
	if export {
		args = args[1:]
	}
	fs := flag.NewFlagSet("careerbot review", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var where storeConfig
	storeFlags(fs, getenv, &where)
	since := fs.String("since", "7d", "how far back: a `duration` such as 7d, 36h or 30m")
	profile := fs.String("profile", getenv("CAREERBOT_PROFILE"), "knowledge `file` to guess with instead of the embedded one")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v\n\n%s", errUsage, err, reviewUsage)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: review takes no arguments after its flags (export comes first: careerbot review export --since 7d)", errUsage)
	}
	back, err := parseSince(*since)
	if err != nil {
		return fmt.Errorf("%w: --since %q: want a duration such as 7d, 36h or 30m", errUsage, *since)
	}
	groups, err := reviewGroups(ctx, where, *profile, time.Now().Add(-back))
	if err != nil {
		return err
	}
	if export {
		return writeReviewTSV(stdout, groups)
	}
	return writeReviewTable(stdout, groups)
}

// parseSince reads a duration, with d for days.
func parseSince(s string) (time.Duration, error) {
	if n, ok := strings.CutSuffix(s, "d"); ok {
		d, err := time.ParseDuration(n + "h")
		return 24 * d, err
	}
	return time.ParseDuration(s)
}

// reviewGroups reads the entries since from the store and groups them, each group with
// today's guess.
func reviewGroups(ctx context.Context, where storeConfig, profile string, since time.Time) ([]*review.Group, error) {
	store, err := openStore(ctx, where, 0)
	if err != nil {
		return nil, err
	}
	defer store.Close()
	entries, err := store.reviews.Reviews(ctx, since)
	if err != nil {
		return nil, err
	}
	kb, err := loadKnowledge(profile)
	if err != nil {
		return nil, err
	}
	b, err := bot.New(kb, bot.Options{})
	if err != nil {
		return nil, err
	}
	groups := review.GroupEntries(entries)
	for _, g := range groups {
		if g.Guess = g.Topic; !g.Feedback {
			g.Guess = guess(ctx, b, g.Example)
		}
	}
	return groups, nil
}

// guess is what the matcher answers today, or, when it declines, what its learned model
// would say if it was asked.
func guess(ctx context.Context, b *bot.Bot, q string) string {
	r, tr := b.Explain(ctx, bot.Request{Text: q})
	if r.Kind == bot.KindAnswer && len(r.Intents) > 0 {
		return strings.Join(r.Intents, "+")
	}
	if tr != nil && tr.Model != nil {
		return fmt.Sprintf("%s? (model %.2f)", tr.Model.Label, tr.Model.P)
	}
	return bot.IntentNone
}

func writeReviewTable(w io.Writer, groups []*review.Group) error {
	if len(groups) == 0 {
		_, err := fmt.Fprintln(w, "nothing to review")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "COUNT\tOUTCOMES\tGUESS TODAY\tQUESTION")
	for _, g := range groups {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", g.Count, outcomes(g.Outcomes), g.Guess, g.Example)
	}
	return tw.Flush()
}

func outcomes(m map[string]int) string {
	var parts []string
	for k, v := range m {
		parts = append(parts, fmt.Sprintf("%s %d", k, v))
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

// writeReviewTSV writes the corpus format: question, expect (left for a person to fill in)
// and contains, with the count and guess as a comment above each question.
func writeReviewTSV(w io.Writer, groups []*review.Group) error {
	fmt.Fprintln(w, "# careerbot review export: fill in the expected topic (or none), then add the lines to a set under bot/testdata/tune/.")
	for _, g := range groups {
		if g.Feedback { // votes hold no question to label
			continue
		}
		q := strings.NewReplacer("\t", " ", "\n", " ").Replace(g.Example)
		fmt.Fprintf(w, "# %d× %s; guess today: %s\n%s\t\t\n", g.Count, outcomes(g.Outcomes), g.Guess, q)
	}
	return nil
}
