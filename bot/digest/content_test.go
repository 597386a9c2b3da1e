package digest

import (
	"strings"
	"testing"
	"time"

	"github.com/careerbot/careerbot/knowledge"
)

func composer(t testing.TB) *Composer {
	t.Helper()
	kb, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	return NewComposer(kb)
}

func TestDigestLeadsWithTheOutlook(t *testing.T) {
	c := composer(t)
	s := mustSchedule(t, "weekly monday 09:00", "America/Chicago")
	d := c.Compose(s, s.Next(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)))
	text := Text(d)
	for _, want := range []string{"17%", "much faster than the average", "3,400", "39,900", "46,900", "7,000", "Did you know?", "/career", "Bureau of Labor Statistics"} {
		if !strings.Contains(text, want) {
			t.Errorf("digest does not contain %q:\n%s", want, text)
		}
	}
	if !strings.HasPrefix(text, "Job outlook") || strings.Index(text, "17%") > strings.Index(text, "Did you know?") {
		t.Errorf("the outlook does not come first:\n%s", text)
	}
}

// TestFactRotation: the same slot always gives the same fact; consecutive slots differ;
// over many slots, every fact is used.
func TestFactRotation(t *testing.T) {
	c := composer(t)
	for _, spec := range []string{"daily 09:00", "weekly monday 09:00", "monthly 1 09:00", "hourly", "0 9 * * 1-5"} {
		s := mustSchedule(t, spec, "America/New_York")
		cur := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		prev := ""
		seen := map[string]bool{}
		for i := 0; i < 200; i++ {
			sl := s.Next(cur)
			d := c.Compose(s, sl)
			if again := c.Compose(s, sl); again.Fact != d.Fact {
				t.Fatalf("%s: slot %s gave two different facts", spec, sl.At)
			}
			if d.Fact == prev {
				t.Fatalf("%s: slot %s repeats the previous slot's fact %q", spec, sl.At, d.Fact)
			}
			prev = d.Fact
			seen[d.Fact] = true
			cur = sl.At
		}
		if len(seen) < len(c.facts) {
			t.Errorf("%s: %d of %d facts used in 200 slots", spec, len(seen), len(c.facts))
		}
	}
}
