package bot_test

import (
	"context"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/careerbot/careerbot/bot"
)

// FuzzAnswer checks what must hold for any text at all: no panic, a reply to show, sane
// confidence and a bounded size. Run it with go test ./bot -run=^$ -fuzz=FuzzAnswer.
func FuzzAnswer(f *testing.F) {
	seeds := []string{
		"what's the salary?",
		"and the top 10%?",
		"what about hospitals?",
		"what's the salary and the outlook?",
		"how do i become a health information technologist",
		"what certifcation do i need", // misspelt
		"hi",
		"what's the weather",
		"",
		"   ",
		"???",
		"<@U123> <!channel> what's the salary? <https://a.example|pay link>",
		"<@!123> <@&1> <#1> <:smile:123> how many jobs are there",
		"salary \xff\xfe",
		"$$$ 55,560 10% 90th top10 full-time résumé",
		strings.Repeat("salary ", 400),
		"{pay.median} {no.such.fact}",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	b := newBot(f, bot.Options{})
	kinds := map[bot.Kind]bool{bot.KindAnswer: true, bot.KindHelp: true, bot.KindSmalltalk: true, bot.KindClarify: true, bot.KindFallback: true}
	f.Fuzz(func(t *testing.T, q string) {
		// With and without conversation context: the second goes through the memory.
		for _, conv := range []string{"", "fuzz"} {
			r := b.Answer(context.Background(), bot.Request{Text: q, ConversationID: conv})
			if math.IsNaN(r.Confidence) || r.Confidence < 0 || r.Confidence > 1 {
				t.Errorf("Answer(%q).Confidence = %v, want it in [0, 1]", q, r.Confidence)
			}
			if len(r.Intents) == 0 {
				t.Errorf("Answer(%q).Intents is empty", q)
			}
			if r.Lead == "" {
				t.Errorf("Answer(%q).Lead is empty", q)
			}
			if !kinds[r.Kind] {
				t.Errorf("Answer(%q).Kind = %q, want a known kind", q, r.Kind)
			}
			if answered := r.Kind == bot.KindAnswer || r.Kind == bot.KindHelp; r.Answered != answered {
				t.Errorf("Answer(%q): Kind %s with Answered = %v", q, r.Kind, r.Answered)
			}
			text := bot.Text(r)
			if len(text) >= 20000 {
				t.Errorf("Answer(%q): text is %d bytes, want less than 20000", q, len(text))
			}
			if !utf8.ValidString(text) {
				t.Errorf("Answer(%q): text is not valid UTF-8: %q", q, text)
			}
			for _, p := range []string{"<@", "<!", "<#", "@everyone", "@here"} {
				if strings.Contains(text, p) {
					t.Errorf("Answer(%q): text = %q, want it not to contain %q", q, text, p)
				}
			}
		}
	})
}
