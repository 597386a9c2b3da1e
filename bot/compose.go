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
	// Follow-ups favour what people ask most, when the knowledge file has those topics,
	// then the rest in file order.
	order := []string{"pay", "outlook", "education", "certification", "duties", "employment"}
	order = append(order, ix.topicIDs...)
	for _, t := range kb.Topics {
		ti := topicIndex{
			id:       t.ID,
			title:    t.Title,
			question: t.Question,
			intents:  []string{t.ID},
			kinds:    map[string]int{},
		}
		ti.answer = []Part{ix.part(t, "", t.Answer, nil)}
		for fi, f := range t.Facets {
			fx := facetIndex{id: f.ID, entity: f.Entity}
			if f.Entity == "" {
				fx.parts = []Part{ix.part(t, f.ID, f.Answer, nil)}
			} else {
				ti.kinds[f.Entity] = fi
				for _, e := range kb.Entities(f.Entity) {
					fx.parts = append(fx.parts, ix.part(t, f.ID, f.Answer, &e))
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

func (ix *index) part(t knowledge.Topic, facet string, a knowledge.Answer, e *knowledge.Entity) Part {
	kb := ix.kb
	p := Part{Topic: t.ID, Facet: facet, Title: t.Title, Lead: kb.Expand(a.Lead, e)}
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

// answerReply builds the reply for one topic part; all slices are shared, none allocated.
func (ix *index) answerReply(ti int, parts []Part, conf float64) Reply {
	t := &ix.topics[ti]
	return Reply{
		Answered:    true,
		Kind:        KindAnswer,
		Intents:     t.intents,
		Confidence:  conf,
		Title:       parts[0].Title,
		Lead:        parts[0].Lead,
		Parts:       parts,
		Source:      ix.source,
		SourceURL:   ix.url,
		Suggestions: t.suggest,
	}
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

// multiReply joins the answers to several topics.
func (ix *index) multiReply(parts []Part, conf float64) Reply {
	var intents, titles []string
	leads := make([]string, len(parts))
	for i, p := range parts {
		if !slices.Contains(intents, p.Topic) { // two industries are one topic asked twice
			intents = append(intents, p.Topic)
			titles = append(titles, p.Title)
		}
		leads[i] = p.Lead
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
func (ix *index) topicSuggestions() []Suggestion {
	s := make([]Suggestion, len(ix.topics))
	for i := range ix.topics {
		s[i] = ix.suggestion(i)
	}
	return s
}

// topicList is "pay, job outlook, education, …" for fallback sentences.
func (ix *index) topicList() string {
	names := make([]string, len(ix.topics))
	for i, t := range ix.topics {
		names[i] = strings.ToLower(t.title)
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
