package review_test

import (
	"fmt"
	"testing"

	"github.com/careerbot/careerbot/review"
	"github.com/careerbot/careerbot/review/reviewtest"
)

func TestMemoryConformance(t *testing.T) {
	reviewtest.Run(t, func(*testing.T) review.Store { return review.NewMemory(100) })
}

func TestMask(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"email me at jo.smith+x@uni.edu about pay", "email me at [email] about pay"},
		{"call 555-123-4567 or (312) 555 0199", "call [phone] or [phone]"},
		{"text +44 20 7946 0958 pls", "text [phone] pls"},
		{"<@U024BE7LH> what about <#C123|general> <!here>", "[mention] what about [mention] [mention]"},
		{"<@!80351110224678912> and <@&165511591545143296>?", "[mention] and [mention]?"},
		{"growth from 2024 to 2034, $55,560 a year", "growth from 2024 to 2034, $55,560 a year"},
	} {
		if got := review.Mask(tt.in); got != tt.want {
			t.Errorf("Mask(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestGroupEntries(t *testing.T) {
	var entries []review.Entry
	for _, q := range []string{"how much do nurses make", "How much do nurses make?", "how much do nurses make??", "what's the weather", "whats the weather today", "best pizza near me"} {
		entries = append(entries, review.Entry{Question: q, Outcome: "declined"})
	}
	groups := review.GroupEntries(entries)
	var got []int
	for _, g := range groups {
		got = append(got, g.Count)
	}
	if fmt.Sprint(got) != "[3 2 1]" || groups[0].Example != "how much do nurses make" {
		t.Fatalf("groups %v (first %q); want [3 2 1], nurses first", got, groups[0].Example)
	}
}
