package bot

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// othersWant is what an others set checks (manifest.yaml's check): questions written by
// others (CLINC150, CC BY 3.0; see testdata/clinc/SOURCES.md). Out-of-scope, off-topic and
// personal questions must not be answered with a profile fact ("declined"; for the
// confusable set "what can I ask you" gets help: "help-or-declined"), and conversational
// ones get small talk, help or a polite fallback ("conversational").
func othersWant(check string) func(intent string, r Reply) bool {
	switch check {
	case "declined":
		return func(_ string, r Reply) bool { return !r.Answered }
	case "help-or-declined":
		return func(intent string, r Reply) bool {
			if intent == "what_can_i_ask_you" {
				return r.Kind == KindHelp
			}
			return !r.Answered
		}
	case "conversational":
		return func(_ string, r Reply) bool {
			return r.Kind == KindSmalltalk || r.Kind == KindHelp || r.Kind == KindFallback
		}
	}
	return nil
}

// runOthers asks every question of a CLINC file and counts those handled as check wants.
// A .txt file is one query per line; a .tsv file is intent<TAB>query under a header line.
func runOthers(t *testing.T, b *Bot, path, check string) (ok, all int) {
	want := othersWant(check)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tsv := strings.HasSuffix(path, ".tsv")
	sc := bufio.NewScanner(f)
	first := true
	for sc.Scan() {
		line := sc.Text()
		if tsv && first {
			first = false
			continue // header
		}
		intent, q := "", line
		if tsv {
			intent, q, _ = strings.Cut(line, "\t")
		}
		if strings.TrimSpace(q) == "" {
			continue
		}
		all++
		r := b.Answer(context.Background(), Request{Text: q})
		if want(intent, r) {
			ok++
		} else {
			t.Logf("%q (%s): %s %v %q", q, intent, r.Kind, r.Intents, r.Lead)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d/%d = %.1f%% handled right", filepath.Base(path), ok, all, percent(ok, all))
	return ok, all
}
