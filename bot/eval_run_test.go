package bot

import (
	"os"
	"path/filepath"
	"testing"
)

// setResult is what one set scored, for the summary.
type setResult struct {
	ok, all int
	per     map[string]*score // per topic; question-format sets only
}

func percent(ok, all int) float64 {
	if all == 0 {
		return 0
	}
	return 100 * float64(ok) / float64(all)
}

// TestEval is the one runner for the evaluation corpus: a subtest for every set in
// testdata/manifest.yaml, in its order, held to the set's threshold. Held-out sets must
// still have the hash the manifest froze; sealed sets are skipped unopened. When every set
// has run it compares testdata/SUMMARY.md with the scores (-update rewrites it). See
// testdata/README.md for the sets, how to add one, and how a held-out set moves to tune/.
//
// go test ./bot -run TestEval -v prints every wrong answer of the tuning sets (a held-out
// set's only with CAREERBOT_SHOW_HELDOUT=1) and each set's score per topic;
// go test ./bot -run TestEval/heldout4 runs one set.
func TestEval(t *testing.T) {
	sets := loadManifest(t)
	b := newTestBot(t)
	results := map[string]setResult{}
	for _, s := range sets {
		t.Run(s.Name, func(t *testing.T) {
			if s.Sealed {
				t.Skipf("%s (%s) is sealed: written blind and not yet run; see testdata/README.md to unseal it", s.Name, s.File)
			}
			if s.Purpose == "heldout" {
				checkFrozen(t, s)
			}
			r := runSet(t, b, s)
			if r.all == 0 {
				t.Fatalf("testdata/%s: no questions", s.File)
			}
			results[s.Name] = r
			if acc := percent(r.ok, r.all); acc < s.Threshold {
				t.Errorf("%s: accuracy %d/%d = %.1f%%, want at least %g%% (%s)", s.Name, r.ok, r.all, acc, s.Threshold, manifestPath)
			}
		})
	}
	checkSummary(t, sets, results)
}

// logf logs one wrong answer.
type logf func(format string, args ...any)

// missLog is where a set's wrong answers are logged: for a held-out set, nowhere unless
// CAREERBOT_SHOW_HELDOUT=1 (to retire it to tune/, testdata/README.md), so that running
// the evaluation while changing the bot does not show what the held-out sets ask.
func missLog(t *testing.T, s evalSet) logf {
	if s.Purpose == "heldout" && os.Getenv("CAREERBOT_SHOW_HELDOUT") != "1" {
		return func(string, ...any) {}
	}
	return t.Logf
}

// runSet scores one set by its kind: CLINC files by their check, two-turn conversations,
// or question files reported per topic.
func runSet(t *testing.T, b *Bot, s evalSet) setResult {
	path := filepath.Join("testdata", s.File)
	switch {
	case s.Purpose == "others":
		ok, all := runOthers(t, b, path, s.Check)
		return setResult{ok: ok, all: all}
	case s.Format == "followups":
		// a bot of its own, so that no other set's conversation state can reach it
		ok, all := runFollowUps(t, newTestBot(t), path)
		return setResult{ok: ok, all: all}
	case s.Format == "conversations":
		ok, all := runConversations(t, newTestBot(t), path, missLog(t, s))
		return setResult{ok: ok, all: all}
	}
	per, ok, all := evaluate(b, loadCases(t, path), missLog(t, s))
	report(t, s.Name, per, ok, all)
	return setResult{ok: ok, all: all, per: per}
}
