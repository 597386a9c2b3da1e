package bot_test

import (
	"context"
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/classifier"
	"github.com/careerbot/careerbot/knowledge"
)

// fixtureProfile is a made-up occupation (knowledge/testdata): a bot built from it must
// answer with its figures, never the shipped profile's.
const fixtureProfile = "../knowledge/testdata/fixture-profile.yaml"

// shippedFigures are the shipped profile's figures and names, which no answer from the
// fixture may carry.
var shippedFigures = []string{"$55,560", "$29,680", "$98,490", "39,900", "17%", "3,400", "46,900", "RHIT", "AHIMA", "registrar", "Bureau of Labor Statistics"}

func TestFixtureProfileAnswers(t *testing.T) {
	kb, err := knowledge.LoadFile(fixtureProfile)
	if err != nil {
		t.Fatalf("LoadFile(%q) error: %v", fixtureProfile, err)
	}
	tests := []struct {
		q        string
		intent   string // "none" when it must be declined
		contains string // part of the lead sentence
	}{
		{"how much do cloud cartographers make?", "pay", "$61,230"},
		{"what do the top 10 percent earn?", "pay", "$102,870"},
		{"which industry pays the most?", "pay", "weather services pays the highest median annual wage, $64,500"},
		{"what is the job outlook?", "outlook", "grow 4% from 2022 to 2032"},
		{"how many jobs are there?", "employment", "about 12,300 jobs"},
		{"what certification do I need?", "certification", "Certified Cloud Cartographer (CCC)"},
		{"what is the CCC?", "certification", "comes from the Guild of Cloud Cartographers (GCC)"},
		{"what does a storm mapper do?", "duties", "Storm mappers chart the paths of storm clouds"},
		{"what do cloud cartographers do", "duties", "map the shape and drift of clouds"},
		// The shipped profile's occupation is another occupation here.
		{"how much do health information technologists make?", "none", "I don't have information about that occupation"},
		{"what is the job outlook for medical registrars?", "none", "I don't have information about that occupation"},
	}
	for _, opts := range []struct {
		name string
		o    bot.Options
	}{{"rules and model", bot.Options{}}, {"rules only", bot.Options{RulesOnly: true}}} {
		b, err := bot.New(kb, opts.o)
		if err != nil {
			t.Fatalf("%s: bot.New(fixture) error: %v", opts.name, err)
		}
		for _, tt := range tests {
			r := b.Answer(context.Background(), bot.Request{Text: tt.q})
			if got := r.Intent(); got != tt.intent {
				t.Errorf("%s: Answer(%q).Intent = %q, want %q (lead %q)", opts.name, tt.q, got, tt.intent, r.Lead)
			}
			if !strings.Contains(r.Lead, tt.contains) {
				t.Errorf("%s: Answer(%q).Lead = %q, want it to contain %q", opts.name, tt.q, r.Lead, tt.contains)
			}
			text := bot.Text(r)
			for _, s := range shippedFigures {
				if strings.Contains(text, s) {
					t.Errorf("%s: Answer(%q) carries %q from the shipped profile:\n%s", opts.name, tt.q, s, text)
				}
			}
		}
	}
}

// TestProfileWithOtherTopicsRunsOnRules: a knowledge file without one of the topics the
// built-in model was trained on (here the fixture less more_info) starts and answers with
// the rules alone, saying why, instead of refusing to start; a model passed in Options that
// does not fit is still an error.
func TestProfileWithOtherTopicsRunsOnRules(t *testing.T) {
	data, err := os.ReadFile(fixtureProfile)
	if err != nil {
		t.Fatal(err)
	}
	start := strings.Index(string(data), "  - id: more_info\n")
	end := strings.Index(string(data), "  - id: source\n")
	if start < 0 || end < start {
		t.Fatal("the fixture's more_info topic is not where the test expects it")
	}
	kb, err := knowledge.Parse("fixture-without-more-info.yaml", append(data[:start:start], data[end:]...))
	if err != nil {
		t.Fatalf("the fixture without more_info does not load: %v", err)
	}
	var logged strings.Builder
	b, err := bot.New(kb, bot.Options{Logger: slog.New(slog.NewTextHandler(&logged, nil))})
	if err != nil {
		t.Fatalf("bot.New: %v, want the rules alone", err)
	}
	if !strings.Contains(b.ModelOff(), "more_info") || !strings.Contains(logged.String(), "rules alone") {
		t.Errorf("ModelOff() = %q, logged %q: want both to say the model is off and why", b.ModelOff(), logged.String())
	}
	if r := b.Answer(context.Background(), bot.Request{Text: "how much do cloud cartographers make?"}); !strings.Contains(r.Lead, "$61,230") {
		t.Errorf("the pay question got %q, want the fixture's median", r.Lead)
	}
	m, err := classifier.Load()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bot.New(kb, bot.Options{Model: m}); err == nil {
		t.Error("bot.New with a model passed in Options that does not fit the profile: no error")
	}
	shipped, err := bot.New(mustDefault(t), bot.Options{})
	if err != nil || shipped.ModelOff() != "" {
		t.Errorf("the shipped profile: ModelOff() = %q, error %v; want the model in use", shipped.ModelOff(), err)
	}
}

func mustDefault(t *testing.T) *knowledge.Base {
	t.Helper()
	kb, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	return kb
}

// TestLabelsAreData: the words before the suggestions and the source come from the
// knowledge file (replies.labels), in every rendering of a reply.
func TestLabelsAreData(t *testing.T) {
	data, err := os.ReadFile("../" + knowledge.DefaultName)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.NewReplacer(`also_ask: "You could also ask"`, `also_ask: "Frag auch"`,
		`try: "Try"`, `try: "Versuch"`, `source: "Source"`, `source: "Quelle"`).Replace(string(data))
	kb, err := knowledge.Parse("labels.yaml", []byte(edited))
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(kb, bot.Options{})
	if err != nil {
		t.Fatal(err)
	}
	answer := bot.Text(b.Answer(context.Background(), bot.Request{Text: "how much do they make?"}))
	decline := bot.Text(b.Answer(context.Background(), bot.Request{Text: "thanks"})) // small talk: not an answer
	for _, want := range []string{"Frag auch: ", "Quelle: "} {
		if !strings.Contains(answer, want) {
			t.Errorf("the answer has no %q:\n%s", want, answer)
		}
	}
	if !strings.Contains(decline, "Versuch: ") {
		t.Errorf("the reply to thanks has no %q:\n%s", "Versuch: ", decline)
	}
	for _, english := range []string{"You could also ask", "Try:", "Source:"} {
		if strings.Contains(answer+decline, english) {
			t.Errorf("%q is still said although the knowledge file has other labels:\n%s\n%s", english, answer, decline)
		}
	}
}
