package bot

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"
)

// TestWholeQuestionsInConversation: a whole question asked after an answer means what it
// means alone. Every tuning question answered right alone is asked again after each of a
// few first questions; at most maxLostPerMille of those may go wrong because of the
// conversation (a follow-up rule reading "this", "that", a shared word or a name as about
// the last answer). The count lost after each first question is logged.
func TestWholeQuestionsInConversation(t *testing.T) {
	const maxLostPerMille = 10 // 7.7 on 12 tuning sets, 8.2 with a 13th; 47.8 at 491f12e
	b := newTestBot(t)
	ctx := context.Background()
	firsts := []string{"what's the salary", "how many jobs are there", "what's the job outlook",
		"what degree do i need", "what certifications are there", "what do they do", "what do nurses make"}
	var cases []evalCase
	for _, s := range loadManifest(t) {
		if s.Purpose == "tune" && (s.Format == "" || s.Format == "questions") {
			for _, c := range loadCases(t, filepath.Join("testdata", s.File)) {
				if check(c, b.Answer(ctx, Request{Text: c.question})) == "" {
					cases = append(cases, c)
				}
			}
		}
	}
	lost, all := 0, 0
	for i, first := range firsts {
		n := 0
		for j, c := range cases {
			conv := "whole:" + strconv.Itoa(i) + ":" + strconv.Itoa(j)
			b.Answer(ctx, Request{Text: first, ConversationID: conv})
			if check(c, b.Answer(ctx, Request{Text: c.question, ConversationID: conv})) != "" {
				n++
			}
		}
		t.Logf("after %q: %d of %d questions right alone go wrong", first, n, len(cases))
		lost, all = lost+n, all+len(cases)
	}
	if lost*1000 > maxLostPerMille*all {
		t.Errorf("%d of %d questions right alone go wrong after a first question, want at most %d per mille", lost, all, maxLostPerMille)
	}
}
