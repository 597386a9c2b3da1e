package classifier_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/classifier"
	"github.com/careerbot/careerbot/bot/classifier/corpus"
	"github.com/careerbot/careerbot/knowledge"
)

// never is a threshold no probability reaches: the policy step it guards is off.
const never = 1.01

// thresholds is the guarded policy's: the model fills in for a "did you mean" or an "I
// don't know that one" when its best label has P ≥ fill; turns a rules answer of confidence
// under below into a decline when it says none with P ≥ veto; and cuts a multi-part answer
// to the one part it names with P ≥ part, when its runner-up is none of the others.
type thresholds struct{ fill, veto, below, part float64 }

func (th thresholds) String() string {
	return "fill " + thr(th.fill) + ", veto " + thr(th.veto) + " below " + thr(th.below) + ", one part " + thr(th.part)
}

func thr(x float64) string {
	if x >= never {
		return "never"
	}
	return fmt.Sprintf("%.3g", x)
}

// The thresholds swept: from "never" down, so that of pairs that tie, the most cautious is
// kept.
var (
	belowSweep = []float64{never, 0.9, 0.8, 0.7, 0.6, 0.5}
	partSweep  = []float64{never, 0.99, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3}
	fillSweep  = []float64{never, 0.99, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3}
	vetoSweep  = []float64{never, 0.999, 0.995, 0.99, 0.98, 0.97, 0.95, 0.9, 0.8}
)

// judge replays the bot's decisions on one question set with one model's predictions.
type judge struct {
	b       *bot.Bot
	unknown string               // the lead of the rules' last resort, "I don't know that one."
	compare string               // the note beside an answer that compares with another occupation
	direct  map[string]bot.Reply // what the bot says for each topic, asked by id
}

func newJudge(t *testing.T) *judge {
	t.Helper()
	kb, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(kb, bot.Options{RulesOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	j := &judge{b: b, direct: map[string]bot.Reply{}}
	// A Reply does not say which rule declined. The gates (another occupation, personal
	// questions, a related occupation, what the profile lacks) each give their own lead;
	// only the last resort says "I don't know that one", and that is what the model may
	// replace. Its wording is the knowledge file's, so ask for it rather than copy it.
	r := b.Answer(context.Background(), bot.Request{Text: "qwertyuiop"})
	if r.Kind != bot.KindFallback {
		t.Fatalf("gibberish got a %s reply, want the last-resort fallback", r.Kind)
	}
	j.unknown = r.Lead
	// An answer's note is what the profile lacks (the bot does not veto those: the rules
	// dealt with it), or this aside, which the bot's veto may overrule.
	j.compare = b.Answer(context.Background(), bot.Request{Text: "do they make more than nurses"}).Note
	if j.compare == "" {
		t.Fatal("a comparison with nurses got no note")
	}
	for _, tp := range b.Topics() {
		j.direct[tp.ID] = b.Answer(context.Background(), bot.Request{Topic: tp.ID})
	}
	return j
}

// case_ is one question with the rules' reply and the model's prediction.
type case_ struct {
	q     corpus.Question
	rules bot.Reply
	pred  classifier.Prediction
	// unknown is how many words the rules did not know: the bot vetoes only such questions
	// ("tell me about the rhit", every word placed, is the rules' to answer).
	unknown int
}

// unknownWords counts the words of the trace's tokens marked unknown ("word?"; a lone "?"
// is a question mark).
func unknownWords(tr *bot.Trace) int {
	n := 0
	for _, w := range strings.Fields(tr.Read[len(tr.Read)-1].Text) {
		if len(w) > 1 && strings.HasSuffix(w, "?") {
			n++
		}
	}
	return n
}

func (j *judge) cases(m *classifier.Model, qs []corpus.Question) []case_ {
	out := make([]case_, len(qs))
	for i, q := range qs {
		r, tr := j.b.Explain(context.Background(), bot.Request{Text: q.Text})
		out[i] = case_{q: q, rules: r, pred: m.Predict(q.Text), unknown: unknownWords(tr)}
	}
	return out
}

// modelReply is the reply the bot would give for the model's label: the topic's answer
// as a button would ask for it, help, small talk, or a decline.
func (j *judge) modelReply(label string) bot.Reply {
	switch label {
	case "help":
		return bot.Reply{Answered: true, Kind: bot.KindHelp, Intents: []string{"help"}}
	case "smalltalk":
		return bot.Reply{Kind: bot.KindSmalltalk, Intents: []string{"smalltalk"}}
	case bot.IntentNone:
		return bot.Reply{Kind: bot.KindFallback, Intents: []string{bot.IntentNone}}
	}
	return j.direct[label]
}

// fillable says whether the rules only asked "did you mean" or gave up.
func (j *judge) fillable(r bot.Reply) bool {
	return r.Kind == bot.KindClarify || r.Kind == bot.KindFallback && r.Lead == j.unknown
}

// policy is one way of combining the rules and the model.
type policy struct {
	name  string
	reply func(j *judge, c case_) bot.Reply
}

func rulesOnly() policy {
	return policy{"rules", func(_ *judge, c case_) bot.Reply { return c.rules }}
}

func modelOnly() policy {
	return policy{"model", func(j *judge, c case_) bot.Reply { return j.modelReply(c.pred.Label) }}
}

// guarded: the rules' gates and answers stand, but the model fills in where the rules had
// nothing, vetoes an answer when it is very sure the question is out of scope, and cuts a
// multi-part answer to the part it is very sure of: what the bot's rules second_opinion,
// learned_veto and learned_one_part do.
func guarded(name string, th thresholds) policy {
	return policy{name, func(j *judge, c case_) bot.Reply {
		r, p := c.rules, c.pred
		switch {
		case j.fillable(r) && p.P >= th.fill:
			return j.modelReply(p.Label)
		case r.Kind != bot.KindAnswer:
			return r
		case r.Confidence < th.below && c.unknown > 0 && (r.Note == "" || r.Note == j.compare) && p.Label == bot.IntentNone && p.P >= th.veto:
			return j.modelReply(bot.IntentNone)
		case len(r.Parts) >= 2 && p.P >= th.part && slices.Contains(r.Intents, p.Label) && !slices.Contains(r.Intents, p.Second):
			i := slices.Index(r.Intents, p.Label)
			return bot.Reply{Answered: true, Kind: bot.KindAnswer, Intents: []string{p.Label}, Lead: r.Parts[i].Lead, Parts: r.Parts[i : i+1]}
		}
		return r
	}}
}

// score counts the cases a policy gets right.
func (j *judge) score(p policy, cs []case_) int {
	ok := 0
	for _, c := range cs {
		if right(c.q, p.reply(j, c)) {
			ok++
		}
	}
	return ok
}

// right says whether r is right for q: for the bot's question files as bot/eval_test.go's
// check says, for CLINC files as bot/heldout_test.go's TestOthersQuestions does.
func right(q corpus.Question, r bot.Reply) bool {
	switch {
	case strings.HasSuffix(q.File, "conversational.tsv"):
		return r.Kind == bot.KindSmalltalk || r.Kind == bot.KindHelp || r.Kind == bot.KindFallback
	case q.Intent == "what_can_i_ask_you":
		return r.Kind == bot.KindHelp
	}
	want := q.Expect
	switch {
	case len(want) == 1 && want[0] == bot.IntentNone:
		return !r.Answered
	case len(want) == 1 && (want[0] == "help" || want[0] == "smalltalk"):
		return r.Kind == bot.KindHelp || r.Kind == bot.KindSmalltalk
	}
	if !r.Answered {
		return false
	}
	g, w := slices.Clone(r.Intents), slices.Clone(want)
	slices.Sort(g)
	slices.Sort(w)
	if !slices.Equal(g, w) {
		return false
	}
	if q.Contains == "" {
		return true
	}
	where := r.Lead
	if len(want) > 1 {
		where = bot.Text(r)
	}
	return strings.Contains(strings.ToLower(norm(where)), strings.ToLower(norm(q.Contains)))
}

func norm(s string) string {
	return strings.NewReplacer("’", "'", " percent", "%").Replace(s)
}

func pct(ok, all int) string { return fmt.Sprintf("%5.1f%%", 100*float64(ok)/float64(all)) }
