package bot_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
)

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func askIn(b *bot.Bot, conv, q string) bot.Reply {
	return b.Answer(context.Background(), bot.Request{Text: q, ConversationID: conv})
}

// TestFollowUps asks a question, then a follow-up that only makes sense after it.
func TestFollowUps(t *testing.T) {
	tests := []struct {
		name       string
		first      string
		followUp   string
		wantIntent string
		wantLead   string // the follow-up's lead must contain it
		notLead    string // and must not contain this ("" for no check)
		// needsContext says the follow-up alone, without the first question, must not get
		// the same answer: the context, not the follow-up's own words, chose it.
		needsContext bool
	}{
		{
			name:       "top 10% after salary",
			first:      "what's the salary?",
			followUp:   "and the top 10%?",
			wantIntent: "pay",
			wantLead:   "$98,490",
			// "top 10%" names the pay facet on its own words.
		},
		{
			name:         "lowest after salary",
			first:        "what's the salary?",
			followUp:     "and the lowest?",
			wantIntent:   "pay",
			wantLead:     "$29,680",
			needsContext: true,
		},
		{
			name:         "hospitals after pay is pay in hospitals",
			first:        "how much do they make",
			followUp:     "what about hospitals?",
			wantIntent:   "pay",
			wantLead:     "$49,550",
			notLead:      "46%",
			needsContext: true,
		},
		{
			name:         "offices of physicians after pay",
			first:        "how much do they make",
			followUp:     "what about offices of physicians?",
			wantIntent:   "pay",
			wantLead:     "$44,990",
			needsContext: true,
		},
		{
			name:         "hospitals after jobs is jobs in hospitals",
			first:        "how many jobs are there?",
			followUp:     "what about hospitals?",
			wantIntent:   "employment",
			wantLead:     "46%",
			notLead:      "$49,550",
			needsContext: true,
		},
		{
			name:         "pay there after jobs in hospitals",
			first:        "how many work in hospitals",
			followUp:     "how much do they make there?",
			wantIntent:   "pay",
			wantLead:     "$49,550",
			needsContext: true,
		},
		{
			name:       "top 10% after pay there keeps the percentile",
			first:      "how much do they make in hospitals",
			followUp:   "and the top 10%?",
			wantIntent: "pay",
			wantLead:   "$98,490",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBot(t, bot.Options{})
			const conv = "slack:C1:U1"
			askIn(b, conv, tt.first)
			r := askIn(b, conv, tt.followUp)
			if !r.Answered || r.Intent() != tt.wantIntent {
				t.Errorf("after %q, Answer(%q) = %s %v (answered=%v), want an answer about %s", tt.first, tt.followUp, r.Kind, r.Intents, r.Answered, tt.wantIntent)
			}
			if !strings.Contains(r.Lead, tt.wantLead) {
				t.Errorf("after %q, Answer(%q).Lead = %q, want it to contain %q", tt.first, tt.followUp, r.Lead, tt.wantLead)
			}
			if tt.notLead != "" && strings.Contains(r.Lead, tt.notLead) {
				t.Errorf("after %q, Answer(%q).Lead = %q, want it not to contain %q", tt.first, tt.followUp, r.Lead, tt.notLead)
			}
			if tt.needsContext {
				// The rules must have used the context: alone, they cannot tell what was
				// meant (the learned model may still guess, so it is left out here).
				alone := askIn(newBot(t, bot.Options{RulesOnly: true}), "another conversation", tt.followUp)
				if alone.Lead == r.Lead {
					t.Errorf("without context, Answer(%q).Lead = %q, the same as after %q; want the context to matter", tt.followUp, alone.Lead, tt.first)
				}
			}
		})
	}
}

// TestContextIsPerConversation checks that one conversation's context does not leak into
// another, nor into requests without a conversation.
func TestContextIsPerConversation(t *testing.T) {
	b := newBot(t, bot.Options{})
	askIn(b, "discord:G1:U1", "how much do they make")
	inContext := askIn(b, "discord:G1:U1", "what about hospitals?")
	if !strings.Contains(inContext.Lead, "$49,550") {
		t.Fatalf("in context, Answer(%q).Lead = %q, want it to contain %q", "what about hospitals?", inContext.Lead, "$49,550")
	}
	for _, conv := range []string{"discord:G1:U2", "slack:G1:U1", ""} {
		r := askIn(b, conv, "what about hospitals?")
		if strings.Contains(r.Lead, "$49,550") || r.Lead == inContext.Lead {
			t.Errorf("ConversationID %q: Answer(%q).Lead = %q, want no pay context from another conversation", conv, "what about hospitals?", r.Lead)
		}
	}
	// The first conversation still has its context.
	if r := askIn(b, "discord:G1:U1", "and the top 10%?"); !strings.Contains(r.Lead, "$98,490") {
		t.Errorf("back in the first conversation, Answer(%q).Lead = %q, want it to contain %q", "and the top 10%?", r.Lead, "$98,490")
	}
}

// TestContextExpires moves a fake clock around the context's time to live.
func TestContextExpires(t *testing.T) {
	const followUp = "what about hospitals?"
	tests := []struct {
		name        string
		ttl         time.Duration // Options.ContextTTL; 0 for the default
		wait        time.Duration // between the pay question and the follow-up
		wantContext bool
	}{
		{"right away", 0, 0, true},
		{"just before the default TTL", 0, bot.DefaultContextTTL - time.Second, true},
		{"just after the default TTL", 0, bot.DefaultContextTTL + time.Second, false},
		{"long after the default TTL", 0, 24 * time.Hour, false},
		{"within a custom TTL", time.Minute, 59 * time.Second, true},
		{"after a custom TTL", time.Minute, time.Minute + time.Second, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock()
			b := newBot(t, bot.Options{Now: clock.Now, ContextTTL: tt.ttl})
			const conv = "c1"
			askIn(b, conv, "how much do they make")
			inContext := askIn(b, conv, followUp)
			if !strings.Contains(inContext.Lead, "$49,550") {
				t.Fatalf("in context, Answer(%q).Lead = %q, want it to contain %q", followUp, inContext.Lead, "$49,550")
			}
			clock.Advance(tt.wait)
			r := askIn(b, conv, followUp)
			got := r.Lead == inContext.Lead
			if got != tt.wantContext {
				t.Errorf("after %v, Answer(%q) = %s %v, Lead %q; want pay context kept = %v", tt.wait, followUp, r.Kind, r.Intents, r.Lead, tt.wantContext)
			}
			if !tt.wantContext && strings.Contains(r.Lead, "$49,550") {
				t.Errorf("after %v, Answer(%q).Lead = %q, want no pay answer from expired context", tt.wait, followUp, r.Lead)
			}
		})
	}
}

// TestFollowUpRefreshesContext checks that each answer restarts the TTL: a conversation that
// keeps asking keeps its context.
func TestFollowUpRefreshesContext(t *testing.T) {
	clock := newFakeClock()
	b := newBot(t, bot.Options{Now: clock.Now})
	const conv = "c1"
	askIn(b, conv, "how much do they make")
	for i := range 3 {
		clock.Advance(bot.DefaultContextTTL - time.Second)
		r := askIn(b, conv, "what about hospitals?")
		if !strings.Contains(r.Lead, "$49,550") {
			t.Fatalf("follow-up %d, %v after the last answer: Lead = %q, want it to contain %q", i+1, bot.DefaultContextTTL-time.Second, r.Lead, "$49,550")
		}
	}
}

// TestDirectRequest answers by topic and facet id, as buttons do, whatever the text.
func TestDirectRequest(t *testing.T) {
	b := newBot(t, bot.Options{})
	tests := []struct {
		req          bot.Request
		wantAnswered bool
		wantIntent   string
		wantFacet    string
		wantLead     string
	}{
		{bot.Request{Topic: "pay", Facet: "highest_10"}, true, "pay", "highest_10", "$98,490"},
		{bot.Request{Topic: "pay", Facet: "lowest_10"}, true, "pay", "lowest_10", "$29,680"},
		{bot.Request{Topic: "pay"}, true, "pay", "", "$55,560"},
		{bot.Request{Text: "what's the weather", Topic: "pay", Facet: "highest_10"}, true, "pay", "highest_10", "$98,490"},
		{bot.Request{Topic: "outlook", Facet: "openings"}, true, "outlook", "openings", "3,400"},
		{bot.Request{Topic: "pay", Facet: "no_such_facet"}, true, "pay", "", "$55,560"},
		{bot.Request{Topic: "no_such_topic"}, false, bot.IntentNone, "", ""},
	}
	for _, tt := range tests {
		r := b.Answer(context.Background(), tt.req)
		if r.Answered != tt.wantAnswered || r.Intent() != tt.wantIntent {
			t.Errorf("Answer(%+v) = %s %v (answered=%v), want %s (answered=%v)", tt.req, r.Kind, r.Intents, r.Answered, tt.wantIntent, tt.wantAnswered)
		}
		if !strings.Contains(r.Lead, tt.wantLead) || r.Lead == "" {
			t.Errorf("Answer(%+v).Lead = %q, want it to contain %q", tt.req, r.Lead, tt.wantLead)
		}
		if tt.wantAnswered {
			if len(r.Parts) != 1 || r.Parts[0].Facet != tt.wantFacet {
				t.Errorf("Answer(%+v).Parts = %+v, want one part with facet %q", tt.req, r.Parts, tt.wantFacet)
			}
			if r.Confidence != 1 {
				t.Errorf("Answer(%+v).Confidence = %v, want 1", tt.req, r.Confidence)
			}
		}
	}
}

// TestDirectRequestSetsContext checks that a button press counts as the conversation's
// last topic, so a typed follow-up continues it.
func TestDirectRequestSetsContext(t *testing.T) {
	b := newBot(t, bot.Options{})
	b.Answer(context.Background(), bot.Request{Topic: "pay", Facet: "highest_10", ConversationID: "c1"})
	r := askIn(b, "c1", "what about hospitals?")
	if !strings.Contains(r.Lead, "$49,550") {
		t.Errorf("after a pay button, Answer(%q).Lead = %q, want it to contain %q", "what about hospitals?", r.Lead, "$49,550")
	}
}

// TestSuggestionsAnswerTheirTopic presses every suggestion of a reply, as a button would.
func TestSuggestionsAnswerTheirTopic(t *testing.T) {
	b := newBot(t, bot.Options{})
	for _, q := range []string{"hi", "what's the salary?", "what's the weather"} {
		r := ask(b, q)
		if len(r.Suggestions) == 0 {
			t.Errorf("Answer(%q) has no suggestions", q)
		}
		for _, s := range r.Suggestions {
			got := b.Answer(context.Background(), bot.Request{Topic: s.Topic, Facet: s.Facet})
			if !got.Answered || got.Intent() != s.Topic {
				t.Errorf("Answer(%q): suggestion %+v answers %s %v, want topic %q", q, s, got.Kind, got.Intents, s.Topic)
			}
			// The suggested question, typed, gets the same topic.
			if typed := ask(b, s.Question); typed.Intent() != s.Topic {
				t.Errorf("Answer(%q): suggested question %q, typed, answers %v, want %q", q, s.Question, typed.Intents, s.Topic)
			}
		}
	}
}

// TestFollowUpAfterOtherOccupation: after a question about another occupation, a
// follow-up that points back is about it too, and is declined; naming this occupation
// again gets an answer.
func TestFollowUpAfterOtherOccupation(t *testing.T) {
	b := newBot(t, bot.Options{})
	const conv = "discord:C1:U1"
	if r := askIn(b, conv, "i'm thinking about nursing"); r.Answered {
		t.Fatalf("a question about nursing was answered: %q", r.Lead)
	}
	if r := askIn(b, conv, "how much does that pay?"); r.Answered {
		t.Errorf("after a question about nursing, %q was answered: %q", "how much does that pay?", r.Lead)
	}
	if r := askIn(b, conv, "what about health information technologists, how much do they make?"); !r.Answered || !strings.Contains(r.Lead, "$55,560") {
		t.Errorf("naming this occupation again got %s %q, want its pay", r.Kind, r.Lead)
	}
}
