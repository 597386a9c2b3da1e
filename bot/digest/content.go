package digest

import (
	"fmt"
	"strings"
	"time"

	"github.com/careerbot/careerbot/knowledge"
)

// Digest is one scheduled message, platform-neutral: the job outlook first, one rotating
// "did you know" fact, and how to ask more. Adapters render it natively.
type Digest struct {
	Title     string
	Lead      string            // the outlook in one sentence
	Fields    []knowledge.Field // openings, employment now and projected, change
	Why       string            // why the outlook is what it is
	Fact      string            // "did you know"
	Footer    string            // how to ask follow-up questions
	Source    string
	SourceURL string
	Slot      time.Time // the slot's instant
}

// Composer writes digests from a knowledge base.
type Composer struct {
	kb    *knowledge.Base
	base  Digest
	facts []string
}

// NewComposer prepares the parts of a digest that do not change between slots.
func NewComposer(kb *knowledge.Base) *Composer {
	c := &Composer{kb: kb}
	o := kb.Profile.Outlook
	c.base = Digest{
		Title: "Job outlook: " + kb.Profile.Title,
		Lead: kb.Expand("Employment of {occupation} is projected to grow {outlook.growth} from {outlook.base_year} to {outlook.projected_year}, "+
			"{outlook.comparison}, with about {outlook.openings_per_year} openings a year.", nil),
		Footer:    kb.Digest.Footer,
		Source:    kb.Expand("{source.publisher}, {source.name}: {source.page}", nil),
		SourceURL: kb.Profile.Source.URL,
	}
	for _, name := range []string{"outlook.openings_per_year", "outlook.employment", "outlook.projected_employment", "outlook.change"} {
		if f, ok := kb.Fact(name); ok {
			c.base.Fields = append(c.base.Fields, f.Fields...)
		}
	}
	if len(o.Reasons) > 0 {
		c.base.Why = o.Reasons[0]
	}
	for _, f := range kb.Digest.Facts {
		c.facts = append(c.facts, kb.Expand(f, nil))
	}
	return c
}

// Compose writes the digest for a slot of a schedule. The fact is chosen from the slot's
// time, so every replica picks the same one for the same slot, and it differs from the
// previous slot's.
func (c *Composer) Compose(s Schedule, slot Slot) Digest {
	d := c.base
	d.Fields = append([]knowledge.Field(nil), c.base.Fields...)
	d.Slot = slot.At
	if n := len(c.facts); n > 0 {
		i := factIndex(slot, n)
		if prev := s.Prev(slot.At); !prev.At.IsZero() && factIndex(prev, n) == i {
			i = (i + 1) % n
		}
		d.Fact = c.facts[i]
	}
	return d
}

func factIndex(s Slot, n int) int {
	h := s.Wall.Unix() / 3600
	return int((h%int64(n) + int64(n)) % int64(n))
}

// Text renders a digest as plain text: the CLI preview, and the notification text of the
// richer renderings.
func Text(d Digest) string {
	var sb strings.Builder
	sb.WriteString(d.Title + "\n")
	sb.WriteString(d.Lead + "\n")
	for _, f := range d.Fields {
		fmt.Fprintf(&sb, "  • %s: %s\n", f.Label, f.Value)
	}
	if d.Why != "" {
		sb.WriteString("Why: " + d.Why + "\n")
	}
	if d.Fact != "" {
		sb.WriteString("Did you know? " + d.Fact + "\n")
	}
	if d.Footer != "" {
		sb.WriteString(d.Footer + "\n")
	}
	if d.Source != "" {
		sb.WriteString("Source: " + d.Source)
		if d.SourceURL != "" {
			sb.WriteString(" — " + d.SourceURL)
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}
