package bot

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// runFollowUps runs a set of two-turn conversations (manifest format followups, e.g.
// testdata/tune/followups-two-turn.tsv, written from the profile text alone): a first
// question, then a follow-up that only makes sense after it. The follow-up is judged as any
// question is: topic, and a figure in its lead.
func runFollowUps(t *testing.T, b *Bot, path string) (ok, all int) {
	name := filepath.Base(path)
	for _, row := range tsvRows(t, path, 3, "first<TAB>followup<TAB>expect[<TAB>contains]") {
		cols, n := row.cols, row.line
		c := evalCase{file: name, line: n, question: cols[1], expect: strings.Split(cols[2], "+")}
		if len(cols) > 3 {
			c.contains = cols[3]
		}
		conv := "conv-" + strconv.Itoa(n)
		b.Answer(context.Background(), Request{Text: cols[0], ConversationID: conv})
		r := b.Answer(context.Background(), Request{Text: cols[1], ConversationID: conv})
		all++
		if why := check(c, r); why != "" {
			t.Logf("%s:%d: %q then %q: %s", name, n, cols[0], cols[1], why)
			continue
		}
		ok++
	}
	t.Logf("%s: %d/%d = %.1f%%", name, ok, all, percent(ok, all))
	return ok, all
}
