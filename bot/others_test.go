package bot

import (
	"bufio"
	"context"
	"os"
	"strings"
	"testing"
)

// minHeldOut is the accuracy the held-out set must keep. It was written by someone who never
// saw the matcher and is not tuned on, so its bar is lower than the tuning set's; the README
// reports the measured figure.
const minHeldOut = 85.0

func TestHeldOutSet(t *testing.T) {
	b := newTestBot(t)
	// heldout.tsv was written before tuning began, heldout2.tsv after eight tuning batches,
	// heldout3.tsv after nine, three probes and the follow-up set; heldout4.tsv (353
	// questions) before the matcher's rebuild (issue 10), whose bar is its first-run figure
	// less two points, so that the rebuild can only raise it.
	for _, s := range []struct {
		file string
		min  float64
	}{{"heldout.tsv", minHeldOut}, {"heldout2.tsv", minHeldOut}, {"heldout3.tsv", minHeldOut}, {"heldout4.tsv", 82}} {
		t.Run(s.file, func(t *testing.T) {
			per, ok, all := evaluate(t, b, loadCases(t, "testdata/"+s.file))
			if acc := report(t, s.file, per, ok, all); acc < s.min {
				t.Errorf("accuracy %.1f%%, want at least %.0f%%", acc, s.min)
			}
		})
	}
}

// TestOthersQuestions runs questions written by others (CLINC150, CC BY 3.0; see
// testdata/clinc/SOURCES.md): out-of-scope, off-topic and personal questions must not be
// answered with a profile fact, and conversational ones get small talk or help.
func TestOthersQuestions(t *testing.T) {
	b := newTestBot(t)
	type set struct {
		file    string
		tsv     bool
		minRate float64 // share of questions handled right, percent
		want    func(intent string, r Reply) bool
	}
	declined := func(_ string, r Reply) bool { return !r.Answered }
	sets := []set{
		{"clinc_oos.txt", false, 97, declined},
		{"clinc_offtopic.tsv", true, 97, declined},
		{"clinc_confusable.tsv", true, 94, func(intent string, r Reply) bool {
			if intent == "what_can_i_ask_you" {
				return r.Kind == KindHelp
			}
			return !r.Answered
		}},
		{"clinc_conversational.tsv", true, 95, func(_ string, r Reply) bool {
			return r.Kind == KindSmalltalk || r.Kind == KindHelp || r.Kind == KindFallback
		}},
	}
	for _, s := range sets {
		t.Run(s.file, func(t *testing.T) {
			f, err := os.Open("testdata/clinc/" + s.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sc := bufio.NewScanner(f)
			ok, all := 0, 0
			first := true
			for sc.Scan() {
				line := sc.Text()
				if s.tsv && first {
					first = false
					continue // header
				}
				intent, q := "", line
				if s.tsv {
					intent, q, _ = strings.Cut(line, "\t")
				}
				if strings.TrimSpace(q) == "" {
					continue
				}
				all++
				r := b.Answer(context.Background(), Request{Text: q})
				if s.want(intent, r) {
					ok++
				} else {
					t.Logf("%q (%s): %s %v %q", q, intent, r.Kind, r.Intents, r.Lead)
				}
			}
			rate := 100 * float64(ok) / float64(all)
			t.Logf("%s: %d/%d = %.1f%% handled right", s.file, ok, all, rate)
			if rate < s.minRate {
				t.Errorf("%.1f%% handled right, want at least %.0f%%", rate, s.minRate)
			}
		})
	}
}
