package classifier_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot/classifier"
	"github.com/careerbot/careerbot/bot/classifier/corpus"
)

// TestPolicies cross-validates the ways of combining the rules with the model, leaving one
// tuning file out at a time (the model trains on the other nine and CLINC's training
// halves), chooses the guarded policy's thresholds there, and only then reports every
// policy on the held-out files and CLINC's evaluation halves. Nothing is chosen on those.
//
// The rules are not a fair baseline in the folds: they were tuned on all ten files, the
// left-out one included, while the model never saw it. The held-out figures are the fair
// comparison.
//
// Its judge models the bot's fill, veto (with the older unknown-word guard) and one-part
// places, not learned_runner_up: the thresholds in use are TestPolicyFolds', which runs
// the bot itself. This test is kept for its table of every policy on the held-out files.
//
// It asserts only what cannot be flaky; the tables are for people (go test -v -run
// Policies ./bot/classifier).
func TestPolicies(t *testing.T) {
	needsCrossValidation(t)
	j := newJudge(t)
	ms, err := foldModels()
	if err != nil {
		t.Fatal(err)
	}
	folds := make([][]case_, len(corpus.TuningFiles))
	for i, file := range corpus.TuningFiles {
		qs, err := corpus.Read("../testdata", file)
		if err != nil {
			t.Fatal(err)
		}
		folds[i] = j.cases(ms[i], qs)
	}
	var all []case_
	for _, f := range folds {
		all = append(all, f...)
	}

	best, sweep := chooseThresholds(j, all)
	t.Log(sweep)
	t.Logf("chosen by cross-validation: %v", best)

	fill := thresholds{best.fill, never, never, never}
	veto := thresholds{best.fill, best.veto, best.below, never}
	policies := []policy{
		rulesOnly(),
		modelOnly(),
		guarded("guarded", best),
		guarded("fill only", fill),
		guarded("+veto", veto),
		guarded("veto only", thresholds{never, best.veto, best.below, never}),
	}
	var tab strings.Builder
	header(&tab, "leave one file out", policies)
	total := make([]int, len(policies))
	for i, f := range folds {
		row(&tab, j, corpus.TuningFiles[i], policies, f, total)
	}
	footer(&tab, "all folds", total, len(all))
	t.Log(tab.String())

	// Only now, with the thresholds fixed, the held-out sets and CLINC's evaluation halves,
	// with the model trained on all ten files: the checked-in one.
	m, err := classifier.Load()
	if err != nil {
		t.Fatal(err)
	}
	var held strings.Builder
	header(&held, "held out (model: checked-in)", policies)
	for _, group := range []struct {
		name  string
		files []string
		clinc bool
	}{{"held-out files", corpus.HeldOutFiles, false}, {"CLINC evaluation halves", corpus.CLINCFiles, true}} {
		sum, n := make([]int, len(policies)), 0
		for _, file := range group.files {
			qs, err := corpus.Read("../testdata", file)
			if err != nil {
				t.Fatal(err)
			}
			if group.clinc {
				_, qs = corpus.Split(qs)
			}
			row(&held, j, file, policies, j.cases(m, qs), sum)
			n += len(qs)
		}
		footer(&held, group.name, sum, n)
	}
	t.Log(held.String())

	rules, model, combined := total[0], total[1], total[2]
	if model*100 < 70*len(all) {
		t.Errorf("the model's cross-validated accuracy is %s, want above 70%%", pct(model, len(all)))
	}
	if combined < rules {
		t.Errorf("the guarded policy's CV accuracy %s is below the rules' %s: the sweep includes the rules alone",
			pct(combined, len(all)), pct(rules, len(all)))
	}
}

// chooseThresholds sweeps, over all folds' questions together: fill × veto (a veto for
// any answer), then the confidence under which a veto is considered (the lowest that does
// as well: a prediction for fewer answers), then the one-part cut. Ties keep the most
// cautious value, the sweeps running from "never" down.
func chooseThresholds(j *judge, all []case_) (thresholds, string) {
	best, bestOK := thresholds{never, never, never, never}, -1
	var sweep strings.Builder
	fmt.Fprintf(&sweep, "CV accuracy, fill (rows) × veto (columns):\n%6s", "")
	for _, v := range vetoSweep {
		fmt.Fprintf(&sweep, " %6s", thr(v))
	}
	for _, f := range fillSweep {
		fmt.Fprintf(&sweep, "\n%6s", thr(f))
		for _, v := range vetoSweep {
			th := thresholds{f, v, never, never}
			ok := j.score(guarded("", th), all)
			fmt.Fprintf(&sweep, " %6s", pct(ok, len(all)))
			if ok > bestOK {
				best, bestOK = th, ok
			}
		}
	}
	for _, b := range belowSweep {
		th := best
		th.below = b
		if j.score(guarded("", th), all) >= bestOK {
			best.below = b
		}
	}
	fmt.Fprintf(&sweep, "\none part:")
	for _, p := range partSweep {
		th := best
		th.part = p
		ok := j.score(guarded("", th), all)
		fmt.Fprintf(&sweep, " %s %s", thr(p), pct(ok, len(all)))
		if ok > bestOK {
			best.part, bestOK = p, ok
		}
	}
	return best, sweep.String()
}

func header(sb *strings.Builder, title string, ps []policy) {
	fmt.Fprintf(sb, "\n%-32s %5s", title, "n")
	for _, p := range ps {
		fmt.Fprintf(sb, " %10s", p.name)
	}
}

func row(sb *strings.Builder, j *judge, name string, ps []policy, cs []case_, total []int) {
	fmt.Fprintf(sb, "\n%-32s %5d", name, len(cs))
	for i, p := range ps {
		ok := j.score(p, cs)
		total[i] += ok
		fmt.Fprintf(sb, " %10s", pct(ok, len(cs)))
	}
}

func footer(sb *strings.Builder, name string, total []int, n int) {
	fmt.Fprintf(sb, "\n%-32s %5d", name, n)
	for _, ok := range total {
		fmt.Fprintf(sb, " %10s", pct(ok, n))
	}
}
