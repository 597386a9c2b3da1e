package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/knowledge"
)

// TestExplainNamesTheDecidingRule checks that --explain says why, for each kind of reply.
func TestExplainNamesTheDecidingRule(t *testing.T) {
	b := newTestBot(t)
	kb, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	rulesOnly, err := New(kb, Options{RulesOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		question, rule string
		signal         string // a signal the trace must list, or ""
		rulesOnly      bool   // without the learned model, whose opinion changes as it is retrained
	}{
		{"what's the median salary?", "answer", "", false},
		{"how much do nurses make?", "other_occupation", `another occupation: "nurse"`, false},
		{"what's my salary this month?", "personal", "personal", false},
		{"tell me about medical records specialists pay", "related_occupation", "a related occupation: medical records specialists", false},
		{"how much do they make in texas", "unsupported_beside_answer", "asks what the profile lacks: location", false},
		{"how many jobs will there be in 2041", "year_not_in_profile", "year 2041", false},
		{"what's the salary and the job outlook?", "multi_part", "", false},
		{"hospitals vs doctors offices pay", "two_entities", "names industry", false},
		{"hi", "only_smalltalk", "small talk", false},
		{"what's the weather?", "second_opinion", "", false},
		{"what's the weather?", "unknown", "", true},
		{"?!", "empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			b := b
			if tt.rulesOnly {
				b = rulesOnly
			}
			r, tr := b.Explain(context.Background(), Request{Text: tt.question})
			if tr.Decided != tt.rule {
				t.Fatalf("decided by %q, want %q\n%s", tr.Decided, tt.rule, tr)
			}
			if tr.Decided != "empty" {
				if len(tr.Read) != 4 || len(tr.Rules) == 0 || tr.Rules[len(tr.Rules)-1] != (RuleStep{Rule: tt.rule, Outcome: "decided"}) {
					t.Errorf("trace read %d steps, rules %v; want 4 steps and the rules up to %s", len(tr.Read), tr.Rules, tt.rule)
				}
			}
			if tt.signal != "" && !strings.Contains(strings.Join(tr.Signals, "\n"), tt.signal) {
				t.Errorf("signals %q lack %q", tr.Signals, tt.signal)
			}
			if tr.Confidence != r.Confidence && tr.Decided != "empty" {
				t.Errorf("trace confidence %v, reply's %v", tr.Confidence, r.Confidence)
			}
			if s := tr.String(); !strings.Contains(s, "decided by "+tt.rule) {
				t.Errorf("printed trace lacks the deciding rule:\n%s", s)
			}
		})
	}
}

// Explaining never changes the answer.
func TestExplainAnswersAsAnswerDoes(t *testing.T) {
	b := newTestBot(t)
	for _, f := range []string{"tune/01-first-batch.tsv", "tune/10-realistic-mix.tsv", "tune/followups-two-turn.tsv"} {
		for _, r := range tsvRows(t, "testdata/"+f, 1, "question…") {
			want := b.Answer(context.Background(), Request{Text: r.cols[0]})
			got, _ := b.Explain(context.Background(), Request{Text: r.cols[0]})
			if got.Lead != want.Lead || got.Kind != want.Kind || got.Confidence != want.Confidence {
				t.Fatalf("%s:%d %q: Explain %q (%s), Answer %q (%s)", f, r.line, r.cols[0], got.Lead, got.Kind, want.Lead, want.Kind)
			}
		}
	}
}

// TestExplainSaysWhichRulesAskedTheModel: the trace names each rule that asked the learned
// model and the probability that rule needed, not one threshold for all of them.
func TestExplainSaysWhichRulesAskedTheModel(t *testing.T) {
	b := newTestBot(t)
	p := DefaultPolicy
	tests := []struct {
		question string
		asked    map[string]float64 // rule -> the probability it needs; nil: the model is not asked
	}{
		{"what's the median salary?", nil}, // the rules are sure
		{"I'm terrible at tests. Is certification a must before you can get hired?", map[string]float64{"learned_one_part": p.OnePart}},
		{"stonks go brrr?", map[string]float64{"second_opinion": p.SecondOpinion}},
	}
	for _, tt := range tests {
		_, tr := b.Explain(context.Background(), Request{Text: tt.question})
		if tt.asked == nil {
			if tr.Model != nil {
				t.Errorf("%q: the model was asked by %+v, want not asked", tt.question, tr.Model.AskedBy)
			}
			continue
		}
		if tr.Model == nil {
			t.Errorf("%q: the model was not asked, want asked by %v", tt.question, tt.asked)
			continue
		}
		got := map[string]float64{}
		for _, a := range tr.Model.AskedBy {
			got[a.Rule] = a.At
			if a.Wants == "" {
				t.Errorf("%q: %s asked the model without saying what it wants", tt.question, a.Rule)
			}
		}
		for rule, at := range tt.asked {
			if g, ok := got[rule]; !ok || g != at {
				t.Errorf("%q: asked by %v, want %s at %.2f", tt.question, tr.Model.AskedBy, rule, at)
			}
		}
		if text := tr.String(); !strings.Contains(text, "asked by ") {
			t.Errorf("%q: the explained text does not say which rule asked the model:\n%s", tt.question, text)
		}
	}
}

// TestExplainSaysHowEachWordWasRead: the trace lists each typed word that was not read as
// typed, with what it became and by which step, and the words the bot does not know.
func TestExplainSaysHowEachWordWasRead(t *testing.T) {
	b := newTestBot(t)
	_, tr := b.Explain(context.Background(), Request{Text: "whats the salry and outlok for jobz, payed well?? xqzt"})
	want := []WordRead{
		{"whats", "what is", readSynonym},
		{"salry", "salary", readSpelling},
		{"outlok", "outlook", readSpelling},
		{"jobz", "job", readChat},
		{"payed", "pay", readStem},
		{"xqzt", "xqzt", readUnknown},
	}
	if len(tr.Words) != len(want) {
		t.Fatalf("words read: %+v, want %+v", tr.Words, want)
	}
	for i, w := range want {
		if tr.Words[i] != w {
			t.Errorf("word %d: %+v, want %+v", i, tr.Words[i], w)
		}
	}
	if text := tr.String(); !strings.Contains(text, "salry →") || !strings.Contains(text, "(spelling)") {
		t.Errorf("the explained text does not show how words were read:\n%s", text)
	}
}
