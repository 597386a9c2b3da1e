package bot

// How a reply changes once a conversation has had an answer: shorter, and the occupation
// named once.

import (
	"slices"
	"strings"
)

// goingOn shortens a reply in a conversation that has had an answer already: the source
// was given with it, and what can be asked is known by now, so an answer is the answer
// alone, small talk ("thanks") the reply alone, and a decline that says something of its
// own ("the profile gives national figures only") that sentence and a few suggestions, not
// the whole list of topics; "I don't know that one" still says what can be asked.
func (ix *index) goingOn(r Reply, prev turn) Reply {
	if !prev.sourced {
		return r
	}
	switch {
	case r.Kind == KindAnswer:
		r.Source, r.SourceURL, r.Suggestions = "", "", nil
		if !prev.other { // the occupation has been named: "they", not the full name again
			r = ix.sayThey(r)
		}
	case r.Kind == KindSmalltalk:
		r.Note, r.Suggestions = "", nil
	case r.Kind == KindFallback && r.Lead != ix.replies.Unknown && r.Lead != ix.replies.Empty:
		r.Note = "" // the suggestions are the one line of what can be asked
	}
	return r
}

// sayThey gives each part of r its lead for when the occupation has been named already
// (a topic's "then", "Their median annual wage is $55,560."), where the file has one.
func (ix *index) sayThey(r Reply) Reply {
	changed := false
	for i, p := range r.Parts {
		if t, ok := ix.byID[p.Topic]; ok {
			if then, ok := ix.topics[t].then[p.Lead]; ok {
				r.Parts[i].Lead, changed = then, true
			}
		}
	}
	if changed {
		leads := make([]string, len(r.Parts))
		for i, p := range r.Parts {
			leads[i] = p.Lead
		}
		r.Lead = strings.Join(leads, " ")
	}
	return r
}

// symbolSmalltalk is the small talk whose phrases hold text as typed ("👍", "🙏"), which
// has no words to read; -1: none.
func (ix *index) symbolSmalltalk(text string) int {
	text = strings.TrimSpace(text)
	for i, st := range ix.small {
		if text != "" && slices.Contains(st.Phrases, text) {
			return i
		}
	}
	return -1
}
