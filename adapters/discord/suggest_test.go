package discord

import (
	"context"
	"strings"
	"testing"
)

func TestAutocompleteRanksWhatIsTyped(t *testing.T) {
	a, err := New(newBot(t), Config{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		typed string
		want  []string // the first suggestion contains one of these
	}{
		{"sal", []string{"salary"}},
		{"cert", []string{"certif"}},
		{"outl", []string{"outlook"}},
		{"how much do they m", []string{"make", "earn", "salary"}},
		{"wat degree", []string{"degree"}},
		{"top 10", []string{"top 10", "salary", "make"}},
		{"skil", []string{"skill"}},
	}
	for _, tt := range tests {
		got := a.suggest(context.Background(), tt.typed)
		if len(got) == 0 || len(got) > 25 {
			t.Errorf("suggest(%q): %d choices, want 1 to 25", tt.typed, len(got))
			continue
		}
		first := strings.ToLower(got[0].Name)
		ok := false
		for _, w := range tt.want {
			ok = ok || strings.Contains(first, w)
		}
		if !ok {
			t.Errorf("suggest(%q)[0] = %q, want one containing %q", tt.typed, got[0].Name, tt.want)
		}
		for _, c := range got {
			if len(c.Name) > 100 || c.Value.(string) != c.Name {
				t.Errorf("suggest(%q): choice %q too long or value differs", tt.typed, c.Name)
			}
		}
	}
	if got := a.suggest(context.Background(), ""); len(got) != len(newBot(t).Topics()) {
		t.Errorf("suggest(\"\") = %d choices, want one per topic", len(got))
	}
	long := strings.Repeat("salary ", 100)
	if got := a.suggest(context.Background(), long); len(got) == 0 {
		t.Error("a long input got no suggestions")
	}
}
