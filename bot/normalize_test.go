package bot_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/careerbot/careerbot/bot"
)

// pings are what must never come back in a reply: they would notify a whole channel or
// a person on Slack or Discord.
var pings = []string{"<!channel>", "<!here>", "<!everyone>", "@everyone", "@here", "@channel", "<@", "<#", "<!"}

func checkNoPings(t *testing.T, q string, r bot.Reply, markup []string) {
	t.Helper()
	text := bot.Text(r)
	for _, p := range append(markup, pings...) {
		if strings.Contains(text, p) {
			t.Errorf("Answer(%q): text = %q, want it not to contain %q", q, text, p)
		}
	}
}

// TestMarkupInQuestion checks that chat markup around a question does not change the
// answer, and never comes back in the reply.
func TestMarkupInQuestion(t *testing.T) {
	b := newBot(t, bot.Options{})
	const question = "what's the salary?"
	plain := ask(b, question)
	if plain.Intent() != "pay" || !strings.Contains(plain.Lead, "$55,560") {
		t.Fatalf("Answer(%q) = %v %q, want the median pay", question, plain.Intents, plain.Lead)
	}
	tests := []struct {
		name   string
		markup string // put before the question
	}{
		{"slack user mention", "<@U123>"},
		{"slack user mention with name", "<@U123|alice>"},
		{"slack channel", "<#C1|general>"},
		{"slack link with label", "<https://a.example|pay link>"},
		{"slack link without label", "<https://a.example/salary>"},
		{"slack mailto", "<mailto:a@a.example|email>"},
		{"slack channel broadcast", "<!channel>"},
		{"slack here broadcast", "<!here>"},
		{"slack everyone broadcast", "<!everyone>"},
		{"slack user group", "<!subteam^S123|@team>"},
		{"discord user mention", "<@123>"},
		{"discord nickname mention", "<@!123>"},
		{"discord role mention", "<@&1>"},
		{"discord channel", "<#1>"},
		{"discord emoji", "<:smile:123>"},
		{"discord animated emoji", "<a:wave:123>"},
		{"discord slash command", "</salary:1>"},
		{"bare everyone", "@everyone"},
		{"bare here", "@here"},
		{"two mentions", "<@U123> <@U456>"},
	}
	for _, tt := range tests {
		for _, q := range []string{tt.markup + " " + question, question + " " + tt.markup, tt.markup + question} {
			r := ask(b, q)
			if !r.Answered || r.Intent() != "pay" {
				t.Errorf("%s: Answer(%q) = %s %v, want an answer about pay", tt.name, q, r.Kind, r.Intents)
			}
			if r.Lead != plain.Lead {
				t.Errorf("%s: Answer(%q).Lead = %q, want %q as for %q", tt.name, q, r.Lead, plain.Lead, question)
			}
			checkNoPings(t, q, r, []string{tt.markup})
		}
	}
}

// TestMarkupOnly checks messages that are nothing but markup: a mention of the bot with no
// question, a broadcast, an emoji.
func TestMarkupOnly(t *testing.T) {
	b := newBot(t, bot.Options{})
	tests := []struct {
		in           string
		wantAnswered bool
		wantIntent   string
	}{
		{"<@U123>", false, bot.IntentNone},
		{"<@123>", false, bot.IntentNone},
		{"<!channel>", false, bot.IntentNone},
		{"<!here>", false, bot.IntentNone},
		{"<#C1|general>", false, bot.IntentNone},
		{"<:smile:123>", false, bot.IntentNone},
		{"<@U123> <!here> <#1>", false, bot.IntentNone},
		// A link's label is what the user wrote, so it is read.
		{"<https://a.example|salary link>", true, "pay"},
		{"<@U123> hi", true, "help"},
	}
	for _, tt := range tests {
		r := ask(b, tt.in)
		if r.Answered != tt.wantAnswered || r.Intent() != tt.wantIntent {
			t.Errorf("Answer(%q) = %s %v (answered=%v), want %s (answered=%v)", tt.in, r.Kind, r.Intents, r.Answered, tt.wantIntent, tt.wantAnswered)
		}
		if r.Lead == "" {
			t.Errorf("Answer(%q).Lead is empty", tt.in)
		}
		checkNoPings(t, tt.in, r, []string{tt.in})
	}
}

// TestOddInput checks input no chat platform should send but some will: nothing, noise,
// far too much, broken encodings. None may panic, and each gets a reply to show.
func TestOddInput(t *testing.T) {
	b := newBot(t, bot.Options{})
	type want int
	const (
		declined want = iota // answered = false
		pay                  // answered about pay
		either               // either, as long as there is a reply
	)
	tests := []struct {
		name string
		in   string
		want want
	}{
		{"empty", "", declined},
		{"space", " ", declined},
		{"whitespace", " \t\n\r\n  ", declined},
		{"question marks", "???", declined},
		{"punctuation", "...!!!,,,;;", declined},
		{"lone angle bracket", "<", declined},
		{"unclosed markup", "<@U123 what's the salary?", pay},
		{"long repeated salary", strings.Repeat("salary ", 1500), pay},
		{"long without spaces", strings.Repeat("salary", 2000), either},
		{"long question then salary", strings.Repeat("a ", 5000) + "salary", either},
		{"many angle brackets", strings.Repeat("<", 10000), declined},
		{"many at signs", strings.Repeat("@", 10000), declined},
		{"invalid UTF-8", "salary \xff\xfe", pay},
		{"invalid UTF-8 only", "\xff\xfe\xfd", declined},
		{"cut multi-byte rune", "what's the salary? \xe2\x82", pay},
		{"NUL bytes", "what's\x00 the salary\x00?", pay},
		{"emoji", "💰💰💰 salary?", pay},
		{"accents", "what's the salary for a régistrar?", pay},
		{"right-to-left mark", "\u200fwhat's the salary?", pay},
		{"zero-width space", "what's\u200b the salary?", pay},
		{"full-width letters", "ｓａｌａｒｙ", either},
		{"digits only", "55560", either},
		{"huge number", strings.Repeat("9", 5000), either},
		{"curly braces", "{pay.median}", either},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r bot.Reply
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Fatalf("Answer(%.40q...) panicked: %v", tt.in, p)
					}
				}()
				r = ask(b, tt.in)
			}()
			if r.Lead == "" {
				t.Errorf("Answer(%.40q...).Lead is empty, want a reply to show", tt.in)
			}
			switch tt.want {
			case declined:
				if r.Answered {
					t.Errorf("Answer(%.40q...) = %s %v, answered=true; want answered=false", tt.in, r.Kind, r.Intents)
				}
			case pay:
				if !r.Answered || r.Intent() != "pay" {
					t.Errorf("Answer(%.40q...) = %s %v (answered=%v), want an answer about pay", tt.in, r.Kind, r.Intents, r.Answered)
				}
			}
			text := bot.Text(r)
			if !utf8.ValidString(text) {
				t.Errorf("Answer(%.40q...): text is not valid UTF-8: %q", tt.in, text)
			}
			if len(text) >= 20000 {
				t.Errorf("Answer(%.40q...): text is %d bytes long", tt.in, len(text))
			}
			if strings.Contains(text, "{") {
				t.Errorf("Answer(%.40q...): text = %q, want no { } template left", tt.in, text)
			}
		})
	}
}
