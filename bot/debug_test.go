package bot

import (
	"os"
	"strings"
	"testing"
)

// TestDebug prints how questions are read and scored: DEBUG_Q="question|question" go test -run TestDebug -v
func TestDebug(t *testing.T) {
	qs := os.Getenv("DEBUG_Q")
	if qs == "" {
		t.Skip("set DEBUG_Q")
	}
	b := newTestBot(t)
	for _, q := range strings.Split(qs, "|") {
		a := b.ix.getAnalysis()
		b.ix.read(a, b.spell, q)
		b.ix.match(a)
		var sb strings.Builder
		for _, tk := range a.toks {
			sb.WriteString(tk.word)
			if !tk.known {
				sb.WriteString("?")
			}
			if tk.fixed {
				sb.WriteString("*")
			}
			sb.WriteString(" ")
		}
		t.Logf("%q\n  tokens: %s\n  unknown %d/%d other=%q personal=%v unsup=%d small=%d ent=%v", q, sb.String(), a.unknown, a.content, a.other, a.personal, a.unsupported, a.smalltalk, a.entity)
		for ti, s := range a.score {
			if s > 0 {
				t.Logf("  %-16s %.2f mask=%b", b.ix.topics[ti].id, s, a.mask[ti])
			}
		}
		for _, h := range a.hits {
			t.Logf("  hit %d-%d kind=%d topic=%d facet=%d w=%.2f", h.start, h.end, h.r.kind, h.r.topic, h.r.facet, h.r.weight)
		}
		putAnalysis(a)
	}
}
