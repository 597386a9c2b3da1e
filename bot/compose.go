package bot

import (
	"slices"
	"strings"

	"github.com/careerbot/careerbot/knowledge"
)

// buildAnswers renders every answer once, at start-up: each topic's default answer, each
// facet's, and each entity facet for each entity. Answering is then a lookup.
func (ix *index) buildAnswers() {
	kb := ix.kb
	// Follow-ups favour the topics the knowledge file lists to suggest first, then the
	// rest in file order.
	order := append(slices.Clone(kb.Suggest), ix.topicIDs...)
	for _, t := range kb.Topics {
		ti := topicIndex{
			id:       t.ID,
			title:    t.Title,
			question: t.Question,
			intents:  []string{t.ID},
			kinds:    map[string]int{},
			then:     map[string]string{},
		}
		ti.answer = []Part{ix.part(&ti, t, "", t.Answer, nil)}
		for fi, f := range t.Facets {
			fx := facetIndex{id: f.ID, entity: f.Entity}
			if f.Entity == "" {
				fx.parts = []Part{ix.part(&ti, t, f.ID, f.Answer, nil)}
			} else {
				ti.kinds[f.Entity] = fi
				for _, e := range kb.Entities(f.Entity) {
					fx.parts = append(fx.parts, ix.part(&ti, t, f.ID, f.Answer, &e))
				}
			}
			ti.facets = append(ti.facets, fx)
		}
		ix.topics = append(ix.topics, ti)
	}
	// Follow-up suggestions: the most asked topics, other than the one answered.
	for i := range ix.topics {
		var s []Suggestion
		for _, id := range order {
			if len(s) == 3 {
				break
			}
			if j, ok := ix.byID[id]; ok && id != ix.topics[i].id {
				s = append(s, ix.suggestion(j))
			}
		}
		ix.topics[i].suggest = s
	}
}

func (ix *index) suggestion(ti int) Suggestion {
	t := ix.topics[ti]
	return Suggestion{Label: t.title, Question: t.question, Topic: t.id}
}

// part renders one answer, and records in ti its lead for when the occupation is named.
func (ix *index) part(ti *topicIndex, t knowledge.Topic, facet string, a knowledge.Answer, e *knowledge.Entity) Part {
	kb := ix.kb
	p := Part{Topic: t.ID, Facet: facet, Title: t.Title, Lead: kb.Expand(a.Lead, e)}
	if a.Then != "" {
		ti.then[p.Lead] = kb.Expand(a.Then, e)
	}
	if e != nil {
		p.Title = t.Title + ": " + e.Name
	}
	for _, name := range a.Fields {
		if f, ok := kb.Lookup(string(name), e); ok {
			for _, fl := range f.Fields {
				if fl.Value == "" || strings.Contains(p.Lead, fl.Value) {
					continue // never repeat the lead in a field
				}
				p.Fields = append(p.Fields, fl)
			}
		}
	}
	if a.Table != "" {
		if f, ok := kb.Lookup(a.Table, e); ok {
			p.Table = f.Table
		}
	}
	return p
}

// answerReply builds the reply for one topic part, a copy of the precomputed answer: a
// reply is the caller's (see Reply).
func (ix *index) answerReply(ti int, parts []Part, conf float64) Reply {
	t := &ix.topics[ti]
	r := Reply{
		Answered:   true,
		Kind:       KindAnswer,
		Confidence: conf,
		Title:      parts[0].Title,
		Lead:       parts[0].Lead,
		Source:     ix.source,
		SourceURL:  ix.url,
	}
	if len(parts) == 1 && len(t.intents) == 1 && len(t.suggest) <= len(oneAnswer{}.suggest) {
		// The usual answer: one allocation, and more only for many fields or a table.
		b := new(oneAnswer)
		o := newOwner(0, parts, b.fields[:], nil)
		b.intents[0] = t.intents[0]
		b.parts[0] = o.part(parts[0])
		r.Intents, r.Parts = b.intents[:], b.parts[:]
		if t.suggest != nil {
			n := copy(b.suggest[:], t.suggest)
			r.Suggestions = b.suggest[:n:n]
		}
		return r
	}
	o := newOwner(len(t.intents), parts, nil, nil)
	r.Intents = o.strings(t.intents)
	r.Parts = make([]Part, len(parts))
	for i, p := range parts {
		r.Parts[i] = o.part(p)
	}
	r.Suggestions = slices.Clone(t.suggest)
	return r
}

// partFor returns the precomputed answer of a topic, facet (-1 for none) and entity.
func (ix *index) partFor(ti, fi, ei int) []Part {
	t := &ix.topics[ti]
	if fi < 0 || fi >= len(t.facets) {
		return t.answer
	}
	f := &t.facets[fi]
	if f.entity == "" {
		return f.parts
	}
	if ei < 0 || ei >= len(f.parts) {
		return t.answer
	}
	return f.parts[ei : ei+1]
}

// multiReply joins the answers to several topics. parts is the reply's own slice; its
// elements' fields and tables are copied here.
func (ix *index) multiReply(parts []Part, conf float64) Reply {
	var intents, titles []string
	leads := make([]string, len(parts))
	o := newOwner(0, parts, nil, nil)
	for i, p := range parts {
		parts[i] = o.part(p)
		if !slices.Contains(intents, p.Topic) { // two industries are one topic asked twice
			intents = append(intents, p.Topic)
			titles = append(titles, p.Title)
		}
		// The occupation is named once: later parts say "they" where the file says how.
		if then, ok := ix.topics[ix.byID[p.Topic]].then[p.Lead]; ok && i > 0 && named(leads[:i], ix.kb.Profile.Occupation) {
			parts[i].Lead = then
		}
		leads[i] = parts[i].Lead
	}
	return Reply{
		Answered:   true,
		Kind:       KindAnswer,
		Intents:    intents,
		Confidence: conf,
		Title:      strings.Join(titles, " · "),
		Lead:       strings.Join(leads, " "),
		Parts:      parts,
		Source:     ix.source,
		SourceURL:  ix.url,
	}
}

// topicSuggestions lists every topic, for help and fallbacks.
func (ix *index) topicSuggestions() []Suggestion { return ix.firstSuggestions(len(ix.topics)) }

// topicList is "pay, job outlook, education, …" for fallback sentences.
func (ix *index) topicList() string {
	names := make([]string, len(ix.topics))
	for i, t := range ix.topics {
		names[i] = strings.ToLower(t.title)
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// fillReplies fills in what every reply may say: the occupation, the source, the topics.
func (ix *index) fillReplies(r knowledge.Replies) knowledge.Replies {
	ix.common = strings.NewReplacer("{occupation}", ix.kb.Profile.Occupation, "{source}", ix.kb.Profile.Source.Name, "{topics}", ix.topicList())
	for _, s := range []*string{&r.Empty, &r.NoTopic, &r.OtherOccupation, &r.OtherOccupationAside, &r.Personal,
		&r.Related, &r.Clarify, &r.DidYouMean, &r.Unknown, &r.DeclinedTitle, &r.DeclinedNote, &r.HelpTitle,
		&r.SmalltalkTitle, &r.TopicsNote, &r.Together, &r.NoMore} {
		*s = ix.common.Replace(*s)
	}
	c := &r.Compare
	for _, s := range []*string{&c.BelowMedian, &c.AtMedian, &c.AboveMedian, &c.Growth, &c.Nothing} {
		*s = ix.kb.Expand(*s, nil) // {figure} is left for the figure
	}
	return r
}

// fill fills a reply template's common placeholders, then its own (oldnew as for
// strings.NewReplacer).
func (ix *index) fill(tmpl string, oldnew ...string) string {
	return strings.NewReplacer(oldnew...).Replace(ix.common.Replace(tmpl))
}

// topicNames lists topic ids, for traces.
func (ix *index) topicNames(ts []int) string {
	ids := make([]string, len(ts))
	for i, t := range ts {
		ids[i] = ix.topics[t].id
	}
	return strings.Join(ids, ", ")
}

// named says whether any of leads names the occupation.
func named(leads []string, occupation string) bool {
	return slices.ContainsFunc(leads, func(l string) bool { return strings.Contains(strings.ToLower(l), occupation) })
}
