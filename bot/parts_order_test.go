package bot

import (
	"context"
	"slices"
	"testing"
)

// TestPartsInTheOrderAsked: a question of two parts is answered in the order it asks them,
// whichever part the matcher is surer of.
func TestPartsInTheOrderAsked(t *testing.T) {
	b := newTestBot(t)
	tests := []struct {
		question string
		want     []string
	}{
		{"salary and job outlook?", []string{"pay", "outlook"}},
		{"job outlook and salary?", []string{"outlook", "pay"}},
		{"what degree do I need, and what's the pay?", []string{"education", "pay"}},
		{"what's the pay, and what degree do I need?", []string{"pay", "education"}},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			r := b.Answer(context.Background(), Request{Text: tt.question})
			if !slices.Equal(r.Intents, tt.want) {
				t.Errorf("intents %v, want %v", r.Intents, tt.want)
			}
			for i, p := range r.Parts {
				if i < len(tt.want) && p.Topic != tt.want[i] {
					t.Errorf("part %d is %s, want %s", i, p.Topic, tt.want[i])
				}
			}
		})
	}
}
