package bot

import (
	"context"
	"strings"
	"testing"
)

// TestWageOfAPart: a wage asked for a part of the occupation (cancer registrars) or a
// credential's holders (RHITs) gets the occupation's wage first, with a note that the
// profile has no figure for the part alone; a comparison, or "specifically", is declined
// and the decline still gives the occupation's wage.
func TestWageOfAPart(t *testing.T) {
	b := newTestBot(t)
	tests := []struct {
		q        string
		answered bool
		lead     string // the reply's lead contains it
		note     string // the reply's note contains it
	}{
		{"how much do RHITs earn", true, "$55,560", "not by credential"},
		{"what's the salary for a CTR", true, "$55,560", "not by credential"},
		{"how much does a cancer registrar make", true, "$55,560", "not for cancer registrars alone"},
		{"tumor registrar salary?", true, "$55,560", "not for cancer registrars alone"},
		{"how much do cancer registrars make specifically", false, "not for cancer registrars alone. The median annual wage", ""},
		{"do people with the CHDA make more than RHITs", false, "not by credential", ""},
		{"how many cancer registrars are there", false, "about 39,900 jobs", ""},
	}
	for _, tt := range tests {
		r := b.Answer(context.Background(), Request{Text: tt.q})
		if r.Answered != tt.answered || !strings.Contains(r.Lead, tt.lead) || !strings.Contains(r.Note, tt.note) {
			t.Errorf("Answer(%q) = answered %v, lead %q, note %q; want answered %v, lead with %q, note with %q",
				tt.q, r.Answered, r.Lead, r.Note, tt.answered, tt.lead, tt.note)
		}
	}
}
