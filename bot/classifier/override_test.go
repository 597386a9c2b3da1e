package classifier_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/classifier"
	"github.com/careerbot/careerbot/bot/classifier/corpus"
)

// TestOverridePolicy cross-validates letting the model override a rules answer: when the
// rule `answer` decided topic A with confidence below c, and the model says another topic
// B with P ≥ p that the rules saw some evidence for, B is answered instead. Gates and
// declines for a reason stand; "did you mean" and the last resort are filled as today
// (fill 0.6, no veto). The pair (c, p) is chosen on the tuning files' folds (leave one file
// out) and only then reported on CLINC's evaluation halves; the held-out files are not
// touched here.
//
// Besides the pair chosen on all folds, each fold is also scored with the pair chosen on
// the other folds alone (nested), the honest estimate of what the choice does to a file
// it did not see.
//
// It asserts nothing that depends on the figures; the tables are for people
// (go test -v -run OverridePolicy ./bot/classifier).
func TestOverridePolicy(t *testing.T) {
	needsCrossValidation(t)
	j := newJudge(t)
	ms, err := foldModels()
	if err != nil {
		t.Fatal(err)
	}
	folds := make([][]ocase, len(corpus.TuningFiles))
	for i, file := range corpus.TuningFiles {
		qs, err := corpus.Read("../testdata", file)
		if err != nil {
			t.Fatal(err)
		}
		folds[i] = j.ocases(ms[i], qs)
	}
	var all []ocase
	for _, f := range folds {
		all = append(all, f...)
	}

	// The sweep over all folds together. From the most cautious pair (low c, high p) on, so
	// that of pairs that tie, the most cautious is kept.
	var sb strings.Builder
	fmt.Fprintf(&sb, "CV accuracy of guarded+override, c (rows) × p (columns); guarded alone %s:\n%6s",
		pct(j.oscore(noOverride, all), len(all)), "")
	for _, p := range pSweep {
		fmt.Fprintf(&sb, " %6s", thr(p))
	}
	for _, c := range cSweep {
		fmt.Fprintf(&sb, "\n%6s", thr(c))
		for _, p := range pSweep {
			fmt.Fprintf(&sb, " %6s", pct(j.oscore(override{c, p}, all), len(all)))
		}
	}
	t.Log(sb.String())
	best := j.chooseOverride(all)
	t.Logf("chosen by cross-validation on all folds: %v", best)

	// Per fold: the rules, today's guarded policy, with the override at the pair chosen on
	// all folds, and at the pair chosen without the fold (nested).
	sb.Reset()
	fmt.Fprintf(&sb, "\n%-40s %5s %8s %8s %9s %9s  %s", "leave one file out", "n", "rules", "guarded", "+override", "+nested", "nested pair")
	var tr, tg, to, tn int
	for i, f := range folds {
		var rest []ocase
		for k, g := range folds {
			if k != i {
				rest = append(rest, g...)
			}
		}
		nested := j.chooseOverride(rest)
		r, g, o, n := j.oscore(rulesPolicy, f), j.oscore(noOverride, f), j.oscore(best, f), j.oscore(nested, f)
		tr, tg, to, tn = tr+r, tg+g, to+o, tn+n
		fmt.Fprintf(&sb, "\n%-40s %5d %8s %8s %9s %9s  %v", corpus.TuningFiles[i], len(f), pct(r, len(f)), pct(g, len(f)), pct(o, len(f)), pct(n, len(f)), nested)
	}
	fmt.Fprintf(&sb, "\n%-40s %5d %8s %8s %9s %9s", "all folds", len(all), pct(tr, len(all)), pct(tg, len(all)), pct(to, len(all)), pct(tn, len(all)))
	t.Log(sb.String())

	// Only now CLINC's evaluation halves, with the checked-in model.
	m, err := classifier.Load()
	if err != nil {
		t.Fatal(err)
	}
	sb.Reset()
	fmt.Fprintf(&sb, "\n%-40s %5s %8s %8s %9s", "CLINC evaluation halves (checked-in)", "n", "rules", "guarded", "+override")
	var cr, cg, co, cn int
	for _, file := range corpus.CLINCFiles {
		qs, err := corpus.Read("../testdata", file)
		if err != nil {
			t.Fatal(err)
		}
		_, qs = corpus.Split(qs)
		cs := j.ocases(m, qs)
		r, g, o := j.oscore(rulesPolicy, cs), j.oscore(noOverride, cs), j.oscore(best, cs)
		cr, cg, co, cn = cr+r, cg+g, co+o, cn+len(cs)
		fmt.Fprintf(&sb, "\n%-40s %5d %8s %8s %9s", file, len(cs), pct(r, len(cs)), pct(g, len(cs)), pct(o, len(cs)))
	}
	fmt.Fprintf(&sb, "\n%-40s %5d %8s %8s %9s", "all CLINC", cn, pct(cr, cn), pct(cg, cn), pct(co, cn))
	t.Log(sb.String())

	if testing.Verbose() {
		// What the chosen pair changes in the folds, for reading.
		for _, c := range all {
			before, after := j.oreply(noOverride, c), j.oreply(best, c)
			if before.Intent() == after.Intent() {
				continue
			}
			mark := map[bool]string{true: "+", false: "-"}[right(c.q, after)]
			if right(c.q, before) == right(c.q, after) {
				mark = "="
			}
			t.Logf("%s %s:%d %q want %v: %s (%.2f) -> %s (P %.2f)", mark, c.q.File, c.q.Line, c.q.Text, c.q.Expect,
				before.Intent(), before.Confidence, after.Intent(), c.pred.P)
		}
	}
}

var (
	cSweep = []float64{0.5, 0.6, 0.7, 0.8, 0.9}
	pSweep = []float64{0.95, 0.9, 0.8, 0.7, 0.6}
)

// override is the pair: the rules' answer is overridden below confidence c by a model
// that is at least p sure of another topic. c = 0 is no override.
type override struct{ c, p float64 }

func (o override) String() string {
	if o.c == 0 {
		return "none"
	}
	return fmt.Sprintf("c %.2g, p %.2g", o.c, o.p)
}

var (
	noOverride  = override{}
	rulesPolicy = override{c: -1}
)

// ocase is a case_ with what the rules' trace says: the rule that decided and the topics'
// scores.
type ocase struct {
	case_
	decided string
	scores  map[string]float32
}

func (j *judge) ocases(m *classifier.Model, qs []corpus.Question) []ocase {
	out := make([]ocase, len(qs))
	for i, q := range qs {
		r, tr := j.b.Explain(context.Background(), bot.Request{Text: q.Text})
		sc := map[string]float32{}
		for _, s := range tr.Scores {
			sc[s.Topic] = s.Score
		}
		out[i] = ocase{case_{q, r, m.Predict(q.Text), unknownWords(tr)}, tr.Decided, sc}
	}
	return out
}

// today is the policy in bot, as far as this judge models it.
var today = guarded("guarded", thresholds{bot.DefaultPolicy.SecondOpinion, bot.DefaultPolicy.Veto, bot.DefaultPolicy.VetoBelow, bot.DefaultPolicy.OnePart})

func (j *judge) oreply(o override, c ocase) bot.Reply {
	if o == rulesPolicy {
		return c.rules
	}
	label := c.pred.Label
	if o.c > 0 && c.decided == "answer" && c.rules.Confidence < o.c && c.pred.P >= o.p {
		if _, topic := j.direct[label]; topic && label != c.rules.Intent() && c.scores[label] > 0 {
			return j.modelReply(label)
		}
	}
	return today.reply(j, c.case_)
}

func (j *judge) oscore(o override, cs []ocase) int {
	ok := 0
	for _, c := range cs {
		if right(c.q, j.oreply(o, c)) {
			ok++
		}
	}
	return ok
}

// chooseOverride is the pair that does best on cs, none when nothing beats no override.
func (j *judge) chooseOverride(cs []ocase) override {
	best, bestOK := noOverride, j.oscore(noOverride, cs)
	for _, c := range cSweep {
		for _, p := range pSweep {
			if ok := j.oscore(override{c, p}, cs); ok > bestOK {
				best, bestOK = override{c, p}, ok
			}
		}
	}
	return best
}
