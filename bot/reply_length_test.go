package bot

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestReplyLength holds issue 11's bar for replies as short as the question: the median
// plain-text reply to a question about one topic, asked as the first of a conversation
// (so with what else to ask), not counting the "Source: …" line, is at most maxRunes
// characters. The questions are the tuning sets' questions labelled with exactly one topic;
// each set's median is logged.
func TestReplyLength(t *testing.T) {
	b := newTestBot(t)
	var replies []Reply
	for _, s := range loadManifest(t) {
		if s.Purpose != "tune" || (s.Format != "" && s.Format != "questions") {
			continue
		}
		var ns []int
		for _, c := range loadCases(t, filepath.Join("testdata", s.File)) {
			if len(c.expect) != 1 || !isTopic(b, c.expect[0]) {
				continue
			}
			r := b.Answer(context.Background(), Request{Text: c.question})
			replies = append(replies, r)
			ns = append(ns, replyLength(Text(r)))
		}
		if len(ns) > 0 {
			t.Logf("%s: median reply %d characters over %d questions", s.Name, median(ns), len(ns))
		}
	}
	tests := []struct {
		name     string
		which    func(Reply) bool
		maxRunes int
	}{
		{"every single-topic question", func(Reply) bool { return true }, 300},
		// A facet is a narrower question ("the top 10%", "how many jobs"): the lead and at
		// most one detail.
		{"specific questions (a facet answered)", func(r Reply) bool { return len(r.Parts) == 1 && r.Parts[0].Facet != "" }, 260},
		// A broad question ("what do they do?") gets the lead and the details that matter
		// most; the rest is a facet of its own ("do they work on health records systems?").
		{"broad questions (a whole topic answered)", func(r Reply) bool { return len(r.Parts) == 1 && r.Parts[0].Facet == "" }, 380},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ns []int
			for _, r := range replies {
				if tt.which(r) {
					ns = append(ns, replyLength(Text(r)))
				}
			}
			if len(ns) == 0 {
				t.Fatalf("%s: no questions", tt.name)
			}
			got := median(ns)
			t.Logf("%s: median reply %d characters over %d questions", tt.name, got, len(ns))
			if got > tt.maxRunes {
				t.Errorf("%s: median reply = %d characters, want at most %d", tt.name, got, tt.maxRunes)
			}
		})
	}
}

// TestConversationReplyLength: in a conversation, later replies drop what the first gave
// (the source, what else to ask, the occupation's full name), so the median reply over
// every turn of the conversation tuning sets, not counting the source line, is at most 300
// characters (266 today; 368 before issue 11's conversation work).
func TestConversationReplyLength(t *testing.T) {
	b := newTestBot(t)
	var ns []int
	for _, s := range loadManifest(t) {
		if s.Purpose != "tune" || s.Format != "conversations" {
			continue
		}
		for _, c := range readConversations(t, filepath.Join("testdata", s.File)) {
			conv := s.Name + ":" + strconv.Itoa(c.line)
			for _, turn := range c.turns {
				r := b.Answer(context.Background(), Request{Text: turn.question, ConversationID: conv})
				ns = append(ns, replyLength(Text(r)))
			}
		}
	}
	if len(ns) == 0 {
		t.Fatal("no conversation sets")
	}
	if got := median(ns); got > 300 {
		t.Errorf("median reply in conversations = %d characters over %d turns, want at most 300", got, len(ns))
	} else {
		t.Logf("median reply in conversations: %d characters over %d turns", got, len(ns))
	}
}

// replyLength counts the characters of a plain-text reply without its source line.
func replyLength(text string) int {
	n := 0
	for line := range strings.Lines(text) {
		if !strings.HasPrefix(line, "Source: ") {
			n += utf8.RuneCountInString(line)
		}
	}
	return n
}

// median is the middle value of ns (the lower of the two middle ones).
func median(ns []int) int {
	s := slices.Clone(ns)
	slices.Sort(s)
	return s[(len(s)-1)/2]
}

// isTopic says whether id is one of the knowledge file's topics (not help, small talk or none).
func isTopic(b *Bot, id string) bool {
	_, ok := b.ix.byID[id]
	return ok
}
