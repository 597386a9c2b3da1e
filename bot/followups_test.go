package bot

import (
	"context"
	"strconv"
	"strings"
	"testing"
)

// minFollowUps is the share of follow-up conversations the bot must get right, percent.
const minFollowUps = 80.0

// TestFollowUpSet runs two-turn conversations (testdata/followups.tsv, written from the
// profile text alone): a first question, then a follow-up that only makes sense after it.
// The follow-up is judged as any question is: topic, and a figure in its lead.
func TestFollowUpSet(t *testing.T) {
	b := newTestBot(t)
	ok, all := 0, 0
	for _, row := range tsvRows(t, "testdata/followups.tsv", 3, "first<TAB>followup<TAB>expect[<TAB>contains]") {
		cols, n := row.cols, row.line
		c := evalCase{file: "followups.tsv", line: n, question: cols[1], expect: strings.Split(cols[2], "+")}
		if len(cols) > 3 {
			c.contains = cols[3]
		}
		conv := "conv-" + strconv.Itoa(n)
		b.Answer(context.Background(), Request{Text: cols[0], ConversationID: conv})
		r := b.Answer(context.Background(), Request{Text: cols[1], ConversationID: conv})
		all++
		if why := check(c, r); why != "" {
			t.Logf("followups.tsv:%d: %q then %q: %s", n, cols[0], cols[1], why)
			continue
		}
		ok++
	}
	acc := 100 * float64(ok) / float64(all)
	t.Logf("followups.tsv: %d/%d = %.1f%%", ok, all, acc)
	if acc < minFollowUps {
		t.Errorf("accuracy %.1f%%, want at least %.0f%%", acc, minFollowUps)
	}
}
