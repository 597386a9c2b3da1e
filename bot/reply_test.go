package bot

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/careerbot/careerbot/knowledge"
)

// replyKinds is one request for every sort of reply, with what the reply must hold for the
// case to test what it says.
var replyKinds = []struct {
	name  string
	req   Request
	kind  Kind
	parts int  // how many parts
	table bool // a part has a table
	sugg  bool // there are suggestions
	note  bool // there is a note
}{
	{"topic answer", Request{Text: "what's the median salary?"}, KindAnswer, 1, false, true, false},
	{"topic answer with a table", Request{Text: "how many jobs are there, and who hires?"}, KindAnswer, 1, true, true, false},
	{"facet answer", Request{Text: "what do the top 10% make?"}, KindAnswer, 1, false, true, false},
	{"entity facet", Request{Text: "how much do they make in hospitals?"}, KindAnswer, 1, false, true, false},
	{"entity facet, certification", Request{Text: "what is RHIT"}, KindAnswer, 1, false, true, false},
	{"multi-part", Request{Text: "what's the pay and the job outlook?"}, KindAnswer, 2, false, false, false},
	{"multi-part with a table", Request{Text: "who are the largest employers and how many openings each year"}, KindAnswer, 2, true, false, false},
	{"two entities", Request{Text: "hospitals vs doctors offices pay"}, KindAnswer, 2, false, false, false},
	{"answer and a note on the rest", Request{Text: "what do they earn, and what do nurses make"}, KindAnswer, 1, false, true, true},
	{"decline: another occupation", Request{Text: "what do nurses make?"}, KindFallback, 0, false, true, true},
	{"decline: personal", Request{Text: "how much do I make?"}, KindFallback, 0, false, true, true},
	{"fallback", Request{Text: "asdfgh qwerty"}, KindFallback, 0, false, true, true},
	{"fallback: nothing asked", Request{Text: ""}, KindFallback, 0, false, true, true},
	{"clarify", Request{Text: "the numbers for clinics"}, KindClarify, 0, false, true, false},
	{"small talk", Request{Text: "thanks!"}, KindSmalltalk, 0, false, true, true},
	{"help", Request{Text: "hello"}, KindHelp, 0, false, true, true},
	{"button: facet", Request{Topic: "pay", Facet: "range"}, KindAnswer, 1, false, true, false},
	{"button: topic with a table", Request{Topic: "employment"}, KindAnswer, 1, true, true, false},
	{"button: unknown topic", Request{Topic: "no-such-topic"}, KindFallback, 0, false, true, true},
}

// TestRepliesAreTheCallers: a reply belongs to whoever asked. Appending to every slice in
// it and overwriting every element, nested ones too, changes nothing anyone is told next.
// Every kind of reply is taken before any is tampered with, so that tampering with one
// kind that reaches another's answers is caught too.
func TestRepliesAreTheCallers(t *testing.T) {
	ctx := context.Background()
	bt := newTestBot(t)
	want := make([]Reply, len(replyKinds))
	for i, c := range replyKinds {
		r := bt.Answer(ctx, c.req)
		tables := slices.ContainsFunc(r.Parts, func(p Part) bool { return p.Table != nil })
		if r.Kind != c.kind || len(r.Parts) != c.parts || tables != c.table || (len(r.Suggestions) > 0) != c.sugg || (r.Note != "") != c.note {
			t.Fatalf("%s: %q got %s with %d parts (table %v, %d suggestions, note %q); the case no longer tests what it says",
				c.name, c.req.Text, r.Kind, len(r.Parts), tables, len(r.Suggestions), r.Note)
		}
		want[i] = cloneReply(r)
	}
	for _, c := range replyKinds {
		r := bt.Answer(ctx, c.req)
		tamper(&r)
	}
	for i, c := range replyKinds {
		t.Run(c.name, func(t *testing.T) {
			if diff := cmp.Diff(want[i], bt.Answer(ctx, c.req)); diff != "" {
				t.Errorf("after tampering with an earlier reply (-before +after):\n%s", diff)
			}
		})
	}
}

// TestNoReplySharesAnything is TestRepliesAreTheCallers over every test question.
func TestNoReplySharesAnything(t *testing.T) {
	ctx := context.Background()
	bt := newTestBot(t)
	var reqs []Request
	for _, f := range questionFiles(t) { // the tuning and held-out sets in manifest.yaml
		for _, c := range loadCases(t, f) {
			reqs = append(reqs, Request{Text: c.question})
		}
	}
	for _, tp := range bt.Topics() {
		reqs = append(reqs, Request{Topic: tp.ID})
	}
	want := make([]Reply, len(reqs))
	for i, req := range reqs {
		want[i] = cloneReply(bt.Answer(ctx, req))
	}
	for _, req := range reqs {
		r := bt.Answer(ctx, req)
		tamper(&r)
	}
	for i, req := range reqs {
		if diff := cmp.Diff(want[i], bt.Answer(ctx, req)); diff != "" {
			t.Fatalf("%+v after tampering (-before +after):\n%s", req, diff)
		}
	}
}

// TestTopicsAreTheCallers: the topic list is the caller's too.
func TestTopicsAreTheCallers(t *testing.T) {
	bt := newTestBot(t)
	want := bt.Topics()
	want = slices.Clone(want)
	for i := range want {
		want[i].Examples = slices.Clone(want[i].Examples)
	}
	got := bt.Topics()
	for i := range got {
		_ = append(got[i].Examples, "tampered")
		for j := range got[i].Examples {
			got[i].Examples[j] = "tampered"
		}
	}
	if diff := cmp.Diff(want, bt.Topics()); diff != "" {
		t.Errorf("after tampering (-before +after):\n%s", diff)
	}
}

// tamper does what a careless adapter might: append to every slice in the reply (which
// writes into any capacity behind it), then overwrite every element, nested ones included.
func tamper(r *Reply) {
	_ = append(r.Intents, "tampered")
	_ = append(r.Parts, Part{Topic: "tampered"})
	_ = append(r.Suggestions, Suggestion{Topic: "tampered"})
	for i := range r.Intents {
		r.Intents[i] = "tampered"
	}
	for i := range r.Parts {
		p := &r.Parts[i]
		_ = append(p.Fields, knowledge.Field{Label: "tampered"})
		for j := range p.Fields {
			p.Fields[j] = knowledge.Field{Label: "tampered", Value: "tampered"}
		}
		if tb := p.Table; tb != nil {
			_ = append(tb.Columns, "tampered")
			_ = append(tb.Rows, []string{"tampered"})
			for j := range tb.Columns {
				tb.Columns[j] = "tampered"
			}
			for j, row := range tb.Rows {
				_ = append(row, "tampered")
				for k := range row {
					row[k] = "tampered"
				}
				tb.Rows[j] = []string{"tampered"}
			}
			*tb = knowledge.Table{Columns: []string{"tampered"}}
		}
		*p = Part{Topic: "tampered", Title: "tampered", Lead: "tampered"}
	}
	for i := range r.Suggestions {
		r.Suggestions[i] = Suggestion{Label: "tampered", Question: "tampered", Topic: "tampered"}
	}
	*r = Reply{Title: "tampered"}
}

// cloneReply is a deep copy of a reply, sharing nothing with it, nil slices kept nil.
func cloneReply(r Reply) Reply {
	r.Intents = slices.Clone(r.Intents)
	r.Suggestions = slices.Clone(r.Suggestions)
	r.Parts = slices.Clone(r.Parts)
	for i := range r.Parts {
		p := &r.Parts[i]
		p.Fields = slices.Clone(p.Fields)
		if p.Table != nil {
			tb := knowledge.Table{Columns: slices.Clone(p.Table.Columns), Rows: slices.Clone(p.Table.Rows)}
			for j := range tb.Rows {
				tb.Rows[j] = slices.Clone(tb.Rows[j])
			}
			p.Table = &tb
		}
	}
	return r
}
