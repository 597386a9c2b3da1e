package bot

// Follow-ups that go on from who or what the last answer was about: the group of workers
// or the dimension of its facet, the other occupation it named, the year it started from.

import (
	"slices"
	"strings"

	"github.com/careerbot/careerbot/knowledge"
)

// "what do cancer registrars do?" then "and what credential do they need?": "they" are
// still cancer registrars, so the other topic's facet about the same group (one that shares
// minSharedWords of its words or more with the last facet) answers.
func followUpGroup(s *state) (decision, bool, string) {
	a, prev, t := s.a, s.prev, s.best
	if prev.topic < 0 || prev.facet < 0 || t < 0 || t == prev.topic || !s.answerable() || s.ps != nil {
		return pass()
	}
	if a.subject || a.namesEntity() || s.excluded() || s.ix.topics[prev.topic].facets[prev.facet].entity != "" {
		return pass()
	}
	for _, h := range a.hits {
		if h.r.kind == roleFacet && int(h.r.topic) == t && h.r.weight > 0 {
			return pass() // a facet of its own ("need" alone is not one)
		}
	}
	said := s.ix.kb.Topics[prev.topic].Facets[prev.facet].Words
	for g, f := range s.ix.kb.Topics[t].Facets {
		if f.Entity == "" && shared(said, f.Words) >= minSharedWords {
			return decided(s.ix.answerReply(t, s.ix.partFor(t, g, -1), s.conf), t)
		}
	}
	return pass()
}

// minSharedWords is how many words two facets of different topics share when they are
// about one group of workers (cancer, oncology, tumor, tumors for cancer registrars) or one
// dimension (industries); fewer ("registry"; "accredited", "cahiim", "schools" for
// accreditation and the programs to read about) is a neighbouring subject, not the same.
const minSharedWords = 4

// shared counts the phrases of xs that are among ys, ignoring case.
func shared(xs, ys []string) int {
	n := 0
	for _, x := range xs {
		if slices.ContainsFunc(ys, func(y string) bool { return strings.EqualFold(x, y) }) {
			n++
		}
	}
	return n
}

// "can they get promoted?" (to medical and health services managers), then "what does that
// job pay": that job is the one occupation the last answer named, which has a profile of
// its own, not this occupation's pay; "those" after two named are both.
func followUpRelatedNamed(s *state) (decision, bool, string) {
	a, last := s.a, s.prev.topic
	if last < 0 || s.best < 0 || s.best == last || s.ix.namesOcc[s.best] || a.subject || !a.demonstrative() || s.excluded() || s.conf < AnswerThreshold {
		return pass()
	}
	lead, found := strings.ToLower(s.ix.lastPart(s.prev).Lead), -1
	for i, o := range s.ix.kb.Profile.Related.Occupations {
		if strings.Contains(lead, strings.ToLower(o.Name)) {
			if found >= 0 { // "what do those pay" after two: other occupations, both
				s.a.other = o.Name // for the next turn: another occupation was asked about
				return decided(s.ix.decline(KindFallback, s.ix.replies.OtherOccupation, s.conf), -1)
			}
			found = i
		}
	}
	if found < 0 {
		return pass()
	}
	a.related = found
	return decision{}, false, "the last answer's occupation: " + s.ix.relatedName(found)
}

// "what's the salary" then "and in 2021?": the profile's note on which years it has, as
// the question gets on its own ("what was the salary in 2021?"), not "I don't know that one".
func followUpYear(s *state) (decision, bool, string) {
	a, last := s.a, s.prev.topic
	if last < 0 || a.year == 0 || s.ix.yearReply < 0 || !s.ix.undated[last] || s.excluded() || a.namesEntity() {
		return pass()
	}
	if !a.onlyAfterOpening(a.yearMask()) {
		return pass()
	}
	return decided(s.ix.decline(KindFallback, s.ix.unsupTxt[s.ix.yearReply], s.conf), last)
}

// "what's the salary?" then "and cancer registrars?": the profile gives the figure for the
// whole occupation only, so it says so (replies.together) instead of the figure again.
func followUpSubOccupation(s *state) (decision, bool, string) {
	a, last, tmpl := s.a, s.prev.topic, s.ix.replies.Together
	if last < 0 || tmpl == "" || s.excluded() || a.namesEntity() || !a.pointsBack() && !a.opensFollowUp() {
		return pass()
	}
	if a.asks() && !a.opensFollowUp() {
		return pass() // "what does a cancer registrar do?" is a question of its own
	}
	if !strings.ContainsAny(s.ix.lastPart(s.prev).Lead, "0123456789") {
		return pass()
	}
	if fi, _ := s.ix.facet(a, last); fi >= 0 {
		return pass() // the topic has something to say about them
	}
	for _, sub := range s.ix.subs {
		// The name and nothing else asked: "what does a cancer registrar do?" asks duties.
		if span := s.ix.said(a, sub.aliases); span != 0 && a.words()&^span&^a.stopWords() == 0 {
			return decided(s.ix.decline(KindFallback, strings.ReplaceAll(tmpl, "{name}", sub.name), s.conf), last)
		}
	}
	return pass()
}

// stopWords is the positions of stop words.
func (a *analysis) stopWords() uint64 {
	var m uint64
	for i, tk := range a.toks {
		if i < 64 && tk.stop {
			m |= 1 << i
		}
	}
	return m
}

// subOccupation is a kind of worker inside the occupation, as follow-ups name it.
type subOccupation struct {
	name    string
	aliases [][]string
}

// readSubOccupations keeps the sub-occupations the occupation's name leaves out: "and
// for medical registrars?" is the occupation as people name it.
func (ix *builder) readSubOccupations(kb *knowledge.Base) {
	occ := strings.ToLower(kb.Profile.Occupation)
	for _, sub := range kb.Profile.Duties.SubOccupations {
		name := strings.ToLower(sub.Name)
		if strings.Contains(occ, name) {
			continue
		}
		x := subOccupation{name: name}
		for _, al := range sub.Aliases {
			x.aliases = append(x.aliases, slices.Clone(ix.words(al)))
		}
		ix.subs = append(ix.subs, x)
	}
}

// said is the positions where the question holds one of the phrases (as words), or 0.
func (ix *index) said(a *analysis, phrases [][]string) uint64 {
	var m uint64
	for _, ws := range phrases {
		for i := range a.toks {
			if len(ws) > 0 && a.toks[i].word == ws[0] {
				if e := ix.matchAt(a.toks, i+1, ws[1:]); e > 0 {
					m |= spanMask(i, e)
				}
			}
		}
	}
	return m
}
