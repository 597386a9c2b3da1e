package bot_test

import (
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot"
)

// An everyday word that also names a topic ("suit", "major", "school", "money") answers
// only when nothing else in the question is about something else, or when the question
// points at the occupation.
func TestEverydayWordsAlone(t *testing.T) {
	b := newBot(t, bot.Options{})
	declined := []string{
		"where can i buy a nice suit for a wedding",
		"my kid's school closed today because of snow",
	}
	for _, q := range declined {
		if r := ask(b, q); r.Answered {
			t.Errorf("%q: answered %v (%q), want it declined", q, r.Intents, r.Lead)
		}
	}
	answered := map[string]string{
		"what is the best major":             "education",
		"how much money":                     "pay",
		"is there a good major for this job": "education",
	}
	for q, want := range answered {
		if r := ask(b, q); !r.Answered || strings.Join(r.Intents, " ") != want {
			t.Errorf("%q: answered=%v %v (%q), want %s", q, r.Answered, r.Intents, r.Lead, want)
		}
	}
}
