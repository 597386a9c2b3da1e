package bot_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/contexttest"
)

func TestMemoryContexts(t *testing.T) {
	contexttest.Run(t, func(_ *testing.T, ttl time.Duration, clock *contexttest.Clock) bot.Contexts {
		return bot.NewMemoryContexts(ttl, 1000, clock.Now)
	})
}

// TestMemoryContextsBounded: a flood of conversations never holds more than the bound.
func TestMemoryContextsBounded(t *testing.T) {
	m := bot.NewMemoryContexts(time.Hour, 100, nil)
	for i := range 10_000 {
		if err := m.Remember(context.Background(), fmt.Sprint(i), bot.Turn{Topic: "pay"}); err != nil {
			t.Fatal(err)
		}
		if m.Len() > 100 {
			t.Fatalf("%d conversations kept after %d, want at most 100", m.Len(), i+1)
		}
	}
}

// TestContextsSharedByReplicas: two bots (two replicas) sharing one store continue each
// other's conversations: the follow-up may land on either.
func TestContextsSharedByReplicas(t *testing.T) {
	shared := bot.NewMemoryContexts(time.Minute, 100, nil)
	a := newBot(t, bot.Options{Contexts: shared})
	b := newBot(t, bot.Options{Contexts: shared})
	const conv = "slack:T1:C1:1700000000.000100"
	askIn(a, conv, "how much do they make in hospitals?")
	if r := askIn(b, conv, "and the lowest?"); r.Intent() != "pay" {
		t.Errorf("follow-up on the other replica: %s %v %q, want pay", r.Kind, r.Intents, r.Lead)
	}
	askIn(a, conv, "how many work in hospitals")
	if r := askIn(b, conv, "how much do they make there?"); !strings.Contains(r.Lead, "$49,550") {
		t.Errorf("entity carried to the other replica: %q, want the hospitals' $49,550", r.Lead)
	}
}

// failing is a store that is down.
type failing struct{}

func (failing) Last(context.Context, string) (bot.Turn, bool, error) {
	return bot.Turn{}, false, errors.New("store down")
}
func (failing) Remember(context.Context, string, bot.Turn) error { return errors.New("store down") }

// TestContextsDown: with the store down, questions are still answered (without context),
// and the failure is logged.
func TestContextsDown(t *testing.T) {
	var logs bytes.Buffer
	b := newBot(t, bot.Options{Contexts: failing{}, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if r := askIn(b, "c", "what's the median salary?"); !strings.Contains(r.Lead, "$55,560") {
		t.Errorf("with the store down: %q, want the median", r.Lead)
	}
	if !strings.Contains(logs.String(), "store down") {
		t.Errorf("logs %q, want the store's error", logs.String())
	}
}

// TestSourceAndSuggestionsOncePerConversation: the first answer of a conversation gives the
// source and what else to ask; later ones in it are only the answer.
func TestSourceAndSuggestionsOncePerConversation(t *testing.T) {
	b := newBot(t, bot.Options{})
	tests := []struct {
		conv, question string
		full           bool // source and suggestions
	}{
		{"c1", "what's the median salary?", true},
		{"c1", "what degree do I need?", false},
		{"c1", "and the job outlook?", false},
		{"c2", "what degree do I need?", true},
		{"", "what's the median salary?", true}, // no conversation: every answer is the first
		{"", "what's the median salary?", true},
	}
	for i, tt := range tests {
		r := askIn(b, tt.conv, tt.question)
		if !r.Answered {
			t.Fatalf("%d: %q not answered", i, tt.question)
		}
		if got := r.Source != "" && r.SourceURL != "" && len(r.Suggestions) > 0; got != tt.full {
			t.Errorf("%d: %q in %q: source %q, %d suggestions; want them: %v", i, tt.question, tt.conv, r.Source, len(r.Suggestions), tt.full)
		}
		if len(r.Suggestions) > 3 {
			t.Errorf("%d: %d suggestions, want at most 3", i, len(r.Suggestions))
		}
	}
}
