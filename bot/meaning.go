package bot

// What a turn meant, kept for the next one: the topic, the facet answered, what it named or
// ranked, what it asked that was declined; and what the last answer's figure compares with.

import (
	"slices"
	"strings"

	"github.com/careerbot/careerbot/knowledge"
)

// nextTurn is what the conversation is about once s has decided d, and whether it is to be
// remembered (a reply that says nothing about any topic leaves the last turn as it was).
func (s *state) nextTurn(d decision) (turn, bool) {
	a, prev := s.a, s.prev
	t := noTurn
	switch {
	case d.keep && d.topic == prev.topic:
		return prev, true
	case d.topic >= 0 && d.topic == prev.topic && d.reply.Kind != KindAnswer:
		// Small talk, or a decline that keeps to the topic: the last answer still stands.
		t = prev
	case d.topic >= 0:
		t.topic, t.entity, t.entity2 = d.topic, a.entity, a.entity2
		t.facet, t.dim = s.ix.answered(d.reply, d.topic)
		t.entity, t.entity2 = s.salient(t.topic)
		if named := s.ix.namedInAnswer(d.reply); !a.namesEntity() {
			for k, e := range named {
				if e >= 0 {
					t.entity[k], t.entity2[k] = e, -1
				}
			}
		}
	case d.reply.Answered:
		return prev, false
	case a.other != "" || a.related >= 0:
		t.other, t.asked = true, a.askedTopic(s.best)
		if t.asked < 0 { // "and for nurses?" asks what the last turn asked
			t.asked, t.facet = prev.about(), prev.facet
			return t, true
		}
		if t.asked >= 0 {
			if fi, _ := s.ix.facet(a, t.asked); fi >= 0 && s.ix.topics[t.asked].facets[fi].entity == "" {
				t.facet = fi
			}
		}
		return t, true
	case prev.other && s.followingUp():
		// "what do nurses make", "and the lowest?" (declined too): still nurses' pay, lowest.
		t = prev
		if prev.asked >= 0 && s.ix.facetOnly(a, prev.asked) {
			t.facet, _ = s.ix.facet(a, prev.asked)
		}
		return t, true
	case a.unsupported >= 0 && (s.best >= 0 || prev.topic >= 0):
		// "in ohio?": what was asked is still the last topic, for "and the whole US?".
		t = prev
		if s.best >= 0 && s.best != prev.topic {
			t = noTurn
			t.topic = s.best
		}
	case d.reply.Kind == KindClarify && a.namesEntity():
		// "do they work in hospitals" (did you mean…), then "what's the pay there": there.
		t = prev
		t.entity, t.entity2 = a.entity, a.entity2
		return t, true
	default:
		return prev, false
	}
	if d.reply.Kind != KindAnswer && a.unsupported >= 0 {
		t.declined = a.unsupported
	} else if d.reply.Kind == KindAnswer {
		t.declined = -1
	}
	return t, true
}

// salient is what the conversation names after an answer on topic t: what the question
// named, and what it compared it with ("what do hospitals pay" then "and doctors'
// offices?": both); a follow-up that names nothing ("how many is that") keeps what the
// last turn named, for "what do they pay there".
func (s *state) salient(t int) (e, e2 [numKinds]int) {
	a, prev := s.a, s.prev
	if !a.namesEntity() {
		if a.pointsBack() || a.opensFollowUp() {
			return prev.entity, prev.entity2
		}
		return a.entity, a.entity2
	}
	e, e2 = a.entity, a.entity2
	for k := range e {
		if e[k] >= 0 && e2[k] < 0 && prev.topic == t && prev.entity[k] >= 0 && prev.entity[k] != e[k] {
			e2[k] = prev.entity[k]
		}
	}
	return e, e2
}

// answered is the facet of topic ti a reply answered (-1: the whole topic) and the kind of
// entity it ranked (-1: none).
func (ix *index) answered(r Reply, ti int) (fi, dim int) {
	fi, dim = -1, -1
	t := &ix.topics[ti]
	for _, p := range r.Parts {
		if p.Topic != t.id {
			continue
		}
		fi = slices.IndexFunc(t.facets, func(f facetIndex) bool { return f.id == p.Facet && p.Facet != "" })
		if p.Table != nil {
			dim = ix.tableKind(p.Table)
		}
	}
	return fi, dim
}

// tableKind is the kind of entity a table lists, by the names in its first column, or -1.
func (ix *index) tableKind(tb *knowledge.Table) int {
	if len(tb.Rows) == 0 || len(tb.Rows[0]) == 0 {
		return -1
	}
	for k, kind := range entityKinds {
		for _, e := range ix.entities[kind] {
			if e.Name == tb.Rows[0][0] {
				return k
			}
		}
	}
	return -1
}

// lastPart is the answer the turn gave, as precomputed: its topic, facet and entity.
func (ix *index) lastPart(t turn) Part {
	ei := -1
	if t.facet >= 0 {
		if k := entityKindID(ix.topics[t.topic].facets[t.facet].entity); k >= 0 {
			ei = t.entity[k]
		}
	}
	return ix.partFor(t.topic, t.facet, ei)[0]
}

// compareLead says how the figure of an answer's lead (on topic t) compares with what the
// profile gives: a wage with the occupation's median, the projected growth (any figure of
// the topic whose answer gives the profile's comparison) with that comparison; ok is false
// when the lead has no figure.
func (ix *index) compareLead(t int, lead string) (string, bool) {
	c := &ix.replies.Compare
	if fig, v := firstDollars(lead); fig != "" {
		m := ix.kb.Profile.Pay.Median
		tmpl := c.AtMedian
		switch {
		case v < m:
			tmpl = c.BelowMedian
		case v > m:
			tmpl = c.AboveMedian
		}
		return strings.ReplaceAll(tmpl, "{figure}", fig), true
	}
	if cmp := ix.kb.Profile.Outlook.Comparison; cmp != "" && strings.Contains(ix.topics[t].answer[0].Lead, cmp) {
		return c.Growth, true
	}
	if strings.ContainsAny(lead, "0123456789") {
		return c.Nothing, true
	}
	return "", false
}

// firstDollars is the first dollar figure in s, as written ("$49,550") and as a number.
func firstDollars(s string) (string, int) {
	i := strings.IndexByte(s, '$')
	if i < 0 {
		return "", 0
	}
	n, j := 0, i+1
	for ; j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ',' && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9'); j++ {
		if s[j] != ',' {
			n = n*10 + int(s[j]-'0')
		}
	}
	if j == i+1 {
		return "", 0
	}
	return s[i:j], n
}

// rankedFacet is the facet of topic t that ranks entities of kind dim and has among its
// words one holding every word the question matched a facet by (fi of t, or when it is -1,
// any topic's): after industries ranked by wage, "worst" (the lowest 10 percent's word) is
// "worst paying" industry's; after the largest employers, "the least" is "least jobs". -1:
// none.
func (ix *index) rankedFacet(a *analysis, t, fi, dim int) int {
	var said []string
	for _, h := range a.hits {
		if h.r.kind == roleFacet && (fi < 0 || int(h.r.topic) == t && int(h.r.facet) == fi) {
			for i := h.start; i < h.end; i++ {
				said = append(said, a.toks[i].word)
			}
		}
	}
	for g, f := range ix.topics[t].facets {
		if g == fi || f.entity != "" || len(f.parts) == 0 || f.parts[0].Table == nil || ix.tableKind(f.parts[0].Table) != dim {
			continue
		}
		for _, w := range ix.kb.Topics[t].Facets[g].Words {
			if holdsAll(strings.FieldsFunc(w, func(r rune) bool { return r == ' ' || r == '-' }), said) {
				return g
			}
		}
	}
	return -1
}

// holdsAll says whether every word of said is among ws.
func holdsAll(ws, said []string) bool {
	for _, w := range said {
		if !slices.Contains(ws, w) {
			return false
		}
	}
	return len(said) > 0
}

// askedTopic is what a question about another occupation asks, not counting the name and
// the word before it ("what do software developers make" asks pay, not what "software"
// hints at); best when nothing else decides.
func (a *analysis) askedTopic(best int) int {
	name := a.otherMask | a.otherMask>>1
	all := spanMask(0, len(a.toks))
	asked := best
	var top float32
	if best >= 0 {
		top = a.ownScore(best, all&^name)
	}
	for t := range a.score {
		if s := a.ownScore(t, all&^name); s > top {
			asked, top = t, s
		}
	}
	return asked
}

// opensFollowUp says whether the question opens as a follow-up ("and", "what about") once
// small talk and commas before it are skipped ("ok, and for health information
// technologists", "fine, and for this occupation?").
func (a *analysis) opensFollowUp() bool {
	i := 0
	for i < len(a.toks) && i < 64 && (a.smallMask&(1<<i) != 0 || a.toks[i].word == ",") {
		i++
	}
	return lex.FollowUp.Opens.startsAt(a.toks, i)
}

// namedInAnswer is, per kind, the one entity a one-part answer's lead names, which a
// question that names none goes on about: "which industry pays the least" answers offices
// of physicians, so "how many work there" is there; "which one is for cancer registrars"
// answers the CTR, so "how do I get it" is the CTR. A lead that names two names neither.
func (ix *index) namedInAnswer(r Reply) [numKinds]int {
	e := noEntities()
	if len(r.Parts) != 1 {
		return e
	}
	lead := strings.ToLower(r.Parts[0].Lead)
	for k, kind := range entityKinds {
		for i, name := range ix.lowNames[kind] {
			if !strings.Contains(lead, name) {
				continue
			}
			if e[k] >= 0 {
				e[k] = -1
				break
			}
			e[k] = i
		}
	}
	return e
}
