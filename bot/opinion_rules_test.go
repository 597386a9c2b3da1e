package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/classifier"
)

// The learned model's places: it vetoes an answer to a question it is all but certain is
// out of scope, cuts a multi-part answer to the one part asked, and fills in where the
// rules found nothing to answer. Without the model (RulesOnly) the rules' reply stands.
func TestLearnedRules(t *testing.T) {
	withModel, rulesOnly := newBot(t, bot.Options{}), newBot(t, bot.Options{RulesOnly: true})
	for _, tt := range []struct {
		q, rule string
		want    []string // intents with the model; nil: declined
	}{
		{"How long does the HIM bachelor's at Temple take", "learned_veto", nil},
		// every word known to the rules, not all placed: the asker's own resume
		{"my resume has a gap, will employers care for this job?", "learned_veto", nil},
		// Sure of a topic the rules found no word for, in a question about work: it fills in.
		{"how do I know if I'm cut out for this kind of work?", "second_opinion", []string{"qualities"}},
		// The model is sure of the rules' runner-up.
		{"I'm a medical biller. What credentials could help me specialize in health information?", "learned_runner_up", []string{"certification"}},
		{"I'm terrible at standardized tests, they make me shake. Is certification a must before you can get hired, or is there some wiggle room?", "learned_one_part", []string{"certification"}},
	} {
		r, tr := withModel.Explain(context.Background(), bot.Request{Text: tt.q})
		if !ruleActed(tr, tt.rule) {
			t.Errorf("%q: %s did not act; rules: %v", tt.q, tt.rule, tr.Rules)
		}
		if got := strings.Join(r.Intents, " "); r.Answered != (tt.want != nil) || tt.want != nil && got != strings.Join(tt.want, " ") {
			t.Errorf("%q: answered %v %v (%q), want %v", tt.q, r.Answered, r.Intents, r.Lead, tt.want)
		}
		if r2 := ask(rulesOnly, tt.q); r2.Answered == r.Answered && strings.Join(r2.Intents, " ") == strings.Join(r.Intents, " ") {
			t.Errorf("%q: the rules alone give the same reply (%v %v): the test no longer shows the model acting", tt.q, r2.Answered, r2.Intents)
		}
	}
	// A confident answer is the rules' to give: "tell me about the rhit" names a
	// credential the profile describes.
	// So is one whose every word they know and placed, though the model says none.
	for _, q := range []string{"tell me about the rhit", "what is the best major"} {
		if r := ask(withModel, q); !r.Answered {
			t.Errorf("%s: declined (%q)", q, r.Lead)
		}
	}
	// A question about nothing at work, with words the bot does not know, does not get
	// the model's topic without the rules' evidence: it reads "certain" as certification.
	if r := ask(withModel, "i'm not completely certain"); r.Answered {
		t.Errorf("i'm not completely certain: answered %v (%q)", r.Intents, r.Lead)
	}
}

func ruleActed(tr *bot.Trace, name string) bool {
	for _, s := range tr.Rules {
		if s.Rule == name && s.Outcome != "pass" {
			return true
		}
	}
	return false
}

// TestOptionsPolicyAndModel: Options.Policy and Options.Model replace the thresholds and
// the model in use, as cross-validation needs (bot/classifier's TestPolicyFolds).
func TestOptionsPolicyAndModel(t *testing.T) {
	const q = "how do I know if I'm cut out for this kind of work?" // the model's to answer
	never := bot.DefaultPolicy
	never.SecondOpinionNoEvidence = 1.01
	// A model that has only seen questions to decline.
	declines, err := classifier.Train([]classifier.Example{
		{Text: q, Label: bot.IntentNone}, {Text: "what's the weather", Label: bot.IntentNone}, {Text: "hello", Label: "help"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		opts bot.Options
		want bool
	}{
		{"default", bot.Options{}, true},
		{"policy: never without evidence", bot.Options{Policy: &never}, false},
		{"model: declines", bot.Options{Model: declines}, false},
	} {
		r := newBot(t, tt.opts).Answer(context.Background(), bot.Request{Text: q})
		if r.Answered != tt.want {
			t.Errorf("%s: Answer(%q) answered %v %v (%q), want %v", tt.name, q, r.Answered, r.Intents, r.Lead, tt.want)
		}
	}
}
