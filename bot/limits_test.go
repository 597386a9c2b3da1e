package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/knowledge"
)

// TestNewRefusesWhatItCannotScore: the limits of the matcher's fixed-size sets are errors
// at start-up that name the topic, not answers that silently ignore part of the data.
func TestNewRefusesWhatItCannotScore(t *testing.T) {
	tests := []struct {
		name   string
		modify func(kb *knowledge.Base)
		want   string
	}{
		{"65 topics", func(kb *knowledge.Base) {
			for i := len(kb.Topics); i <= 64; i++ {
				tp := kb.Topics[0]
				tp.ID = fmt.Sprintf("extra%d", i)
				kb.Topics = append(kb.Topics, tp)
			}
		}, "at most 64"},
		{"17 facets", func(kb *knowledge.Base) {
			tp := &kb.Topics[0]
			for len(tp.Facets) <= maxFacets {
				tp.Facets = append(tp.Facets, tp.Facets[0])
			}
		}, "topic duties has 17 facets, at most 16"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kb, err := knowledge.Default()
			if err != nil {
				t.Fatal(err)
			}
			if len(kb.Topics[0].Facets) == 0 {
				kb.Topics[0].Facets = append(kb.Topics[0].Facets, knowledge.Facet{})
			}
			tt.modify(kb)
			_, err = New(kb, Options{RulesOnly: true})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New: %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

// TestLongMessageKeepsItsQuestion: a message longer than the words the matcher reads
// loses its opening sentences, not the question at its end, however long the story
// (within the 2,000 bytes read); a question followed by a story that ends telling keeps
// the question; a single sentence that long keeps its start. The rules alone answer: this
// is the reading stage (the learned model reads the whole message, and may veto it).
func TestLongMessageKeepsItsQuestion(t *testing.T) {
	kb, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := New(kb, Options{RulesOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	story := func(n int) string { // sentences that score no topic
		return strings.Repeat("My aunt and my uncle live in a blue house near the lake with two cats. ", n)
	}
	tests := []struct {
		q    string
		want string
	}{
		{story(4) + "What's the usual schedule and work setting for health information technologists?", "work_environment"},
		{story(4) + "How much do health information technologists make?", "pay"},
		{story(12) + "How much do health information technologists make?", "pay"},
		{"How much do health information technologists make? " + story(6), "pay"},
		{"What is the median pay for health information technologists " + strings.Repeat("and also my uncle and my aunt ", 12), "pay"},
	}
	for _, tt := range tests {
		r := b.Answer(context.Background(), Request{Text: tt.q})
		if len(r.Intents) != 1 || r.Intents[0] != tt.want {
			t.Errorf("Answer(%.60q… %d bytes) = %v %q, want %s", tt.q, len(tt.q), r.Intents, r.Lead, tt.want)
		}
	}
}
