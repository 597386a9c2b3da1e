package bot

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// TestAsideClausesAskNothing: what a question puts aside or makes a condition of is not a
// second part of it, when the rest asks a topic; alone, it is still the question.
func TestAsideClausesAskNothing(t *testing.T) {
	b := newTestBot(t)
	tests := []struct {
		q    string
		want []string
	}{
		{"beyond staring at a screen, what are the actual tasks?", []string{"duties"}},
		{"other than the money, what skills do they need", []string{"qualities"}},
		{"not the salary, what degree do i need", []string{"education"}},
		{"what does it pay if you work for a consulting firm", []string{"pay"}},
		{"what's the salary and what degree do i need", []string{"pay", "education"}},
		{"besides the pay?", []string{"pay"}},
		{"not a clinician, right? so what exactly is their role", []string{"duties"}},
		{"other than nursing, what jobs are similar?", []string{"related"}},
	}
	for _, tt := range tests {
		r := b.Answer(context.Background(), Request{Text: tt.q})
		if !r.Answered || !slices.Equal(r.Intents, tt.want) {
			t.Errorf("%q: answered %v, intents %v; want %v", tt.q, r.Answered, r.Intents, tt.want)
		}
	}
	// Only what is set aside stops counting: another occupation asked about is declined.
	if r := b.Answer(context.Background(), Request{Text: "besides nurses, what do medical assistants make"}); r.Answered {
		t.Errorf("a question about medical assistants was answered: %q", r.Lead)
	}
}

// TestRepeatedWordCountsOnce: a word said twice is no more evidence than said once, so
// "job" twice does not add the employment topic to a question about the setting.
func TestRepeatedWordCountsOnce(t *testing.T) {
	b := newTestBot(t)
	r := b.Answer(context.Background(), Request{Text: "im kinda introverted and want a quiet office job, is this that kind of job"})
	if !slices.Equal(r.Intents, []string{"work_environment"}) {
		t.Errorf("intents %v, want [work_environment]", r.Intents)
	}
}

// TestOtherOccupationAskedAgain: an occupation told about in a story and then asked
// about is what the question asks, not a part beside it.
func TestOtherOccupationAskedAgain(t *testing.T) {
	b := newTestBot(t)
	q := "my brother-in-law is a radiology tech at a big hospital and he brags about his money, how much do radiology techs really make?"
	if r := b.Answer(context.Background(), Request{Text: q}); r.Answered {
		t.Errorf("%q: answered %v with %q; want it declined as another occupation", q, r.Intents, r.Lead)
	}
}

// TestComparedOccupationNoted: "do they make more than nurses" gets this occupation's wage
// and a word that the bot has nothing on the other one.
func TestComparedOccupationNoted(t *testing.T) {
	b := newTestBot(t)
	r := b.Answer(context.Background(), Request{Text: "do they make more than nurses"})
	if !r.Answered || !slices.Equal(r.Intents, []string{"pay"}) || !strings.Contains(r.Note, "other occupation") {
		t.Errorf("answered %v, intents %v, note %q; want the pay with a note on the other occupation", r.Answered, r.Intents, r.Note)
	}
}
