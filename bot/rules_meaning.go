package bot

// Rules for follow-ups that go on from what the last turn meant: the occupation asked about
// (this one or another), the facet and what it ranked, the entity it named, the figure it
// gave, and what of it was declined.

import (
	"math/bits"
	"slices"
	"strings"

	"github.com/careerbot/careerbot/knowledge"
)

// "what do pharmacists earn" (declined), then "fine, and for this occupation?": the same
// question, about this occupation.
func followUpThisOccupation(s *state) (decision, bool, string) {
	a, t := s.a, s.prev.asked
	if !s.prev.other || t < 0 || a.other != "" || a.related >= 0 || a.personal {
		return pass()
	}
	if !a.subject && lex.FollowUp.ThisOccupation.find(a.toks) == 0 || !a.pointsBack() && !a.opensFollowUp() && a.content > 3 {
		return pass()
	}
	if s.best >= 0 && s.best != t && s.conf >= AnswerThreshold {
		return pass()
	}
	if a.unsupported >= 0 || a.smalltalk >= 0 && a.smallCover >= 3 {
		return pass() // "how much does this job pay per hour?", "what topics do you cover?"
	}
	fi, ei := s.ix.facet(a, t) // "and how many openings for this occupation": a facet of its own
	if fi < 0 {
		fi = s.prev.facet
	}
	return decided(s.ix.answerReply(t, s.ix.partFor(t, fi, ei), AnswerThreshold), t)
}

// "tell me about the CDIP", then "how would I earn that": the credential, not pay.
func followUpObtain(s *state) (decision, bool, string) {
	last, a := s.prev.topic, s.a
	if last < 0 || !a.demonstrative() || a.namesEntity() || s.excluded() || !s.obtains() {
		return pass()
	}
	var verbs uint64 // "earn", "get": the asking how, not another topic
	for i, t := range a.toks {
		if i < 64 && lex.FollowUp.Obtain.has(t.word) {
			verbs |= 1 << i
		}
	}
	if s.best >= 0 && s.best != last && a.contentEvidence(s.best)&^verbs != 0 {
		return pass() // "where can i get more info on this career": a question of its own
	}
	k := entityKindID(knowledge.KindCertification)
	if _, ok := s.ix.topics[last].kinds[knowledge.KindCertification]; !ok && s.prev.entity[k] < 0 {
		return pass()
	}
	p := s.ix.lastPart(s.prev)
	if e := s.prev.entity[k]; e >= 0 && s.ix.requirements(e) == "" {
		p.Lead = s.ix.kb.Expand(s.ix.replies.Obtain, &s.ix.entities[knowledge.KindCertification][e])
	}
	return kept(s.ix.answerReply(last, []Part{p}, AnswerThreshold), last)
}

// requirements is what the profile says it takes to earn credential e (an entity index).
func (ix *index) requirements(e int) string {
	id := ix.entities[knowledge.KindCertification][e].ID
	for _, g := range ix.kb.Profile.Certification.Issuers {
		for _, c := range g.Credentials {
			if strings.EqualFold(c.Abbr, id) {
				return c.Requirements
			}
		}
	}
	return ""
}

// obtains says whether the question asks how to get something ("earn", "get", "pass"):
// lexicon follow_up.obtain.
func (s *state) obtains() bool {
	for _, t := range s.a.toks {
		if lex.FollowUp.Obtain.has(t.word) {
			return true
		}
	}
	return false
}

// "pay in hospitals?" ($49,550), then "is that a good salary?": the figure compared with
// what the profile gives, or honestly that it gives nothing to compare it with.
func followUpCompare(s *state) (decision, bool, string) {
	last, a := s.prev.topic, s.a
	if last < 0 || a.other != "" || a.personal || a.unsupported >= 0 || a.related >= 0 || a.namesEntity() {
		return pass()
	}
	ok, whole := s.comparesBack()
	if !ok || !whole && s.best >= 0 && s.best != last && s.conf >= AnswerThreshold {
		return pass()
	}
	if whole && bits.OnesCount64(a.words()) == 1 && !asked(s.text) {
		return pass() // "good" said, not asked ("good?"): small talk
	}
	m := lex.FollowUp.Compare.find(a.toks)
	if s.asksElse(m) {
		return pass() // "do you need to be good with people": not about the figure
	}
	for _, h := range a.hits {
		if h.r.kind == roleFacet && int(h.r.topic) == last && spanMask(h.start, h.end)&^m != 0 {
			return pass() // "how does it compare to the highest paid ones": a facet of its own
		}
	}
	p := s.ix.lastPart(s.prev)
	lead, ok := s.ix.compareLead(last, p.Lead)
	if !ok {
		return pass()
	}
	p.Lead = lead
	return kept(s.ix.answerReply(last, []Part{p}, AnswerThreshold), last)
}

// asksElse says whether a question with a compare phrase (at m) asks something else: a
// word of another topic outside it ("good with people"), or two words or more that say
// nothing of the last topic, one beside small talk ("thanks, this has given me a lot to
// think about").
func (s *state) asksElse(m uint64) bool {
	a, last := s.a, s.prev.topic
	if s.best >= 0 && s.best != last && a.evidence(s.best, true)&^m != 0 {
		return true
	}
	rest := bits.OnesCount64(a.words() &^ m &^ a.stopWords() &^ a.contentEvidence(last) &^ a.subjMask)
	return rest >= 2 || rest >= 1 && a.smalltalk >= 0
}

// comparesBack says whether the question asks how the last figure compares: a compare
// phrase pointed at it ("is that good?") or alone with nothing else asked ("above
// average?", "compared to other jobs?"), which whole says.
func (s *state) comparesBack() (ok, whole bool) {
	a := s.a
	m := lex.FollowUp.Compare.find(a.toks)
	if m == 0 || a.content > 4 {
		return false, false
	}
	whole = true
	for i, t := range a.toks {
		if i < 64 && m&(1<<i) == 0 && !t.stop && !t.sep {
			whole = false
		}
	}
	return whole || a.demonstrative(), whole
}

// "median pay?", "in ohio?" (declined), then "ok and for the whole US?": the national
// figure, which is the profile's.
func followUpWhole(s *state) (decision, bool, string) {
	a, prev := s.a, s.prev
	t := prev.topic
	if t < 0 || a.other != "" || a.personal || a.related >= 0 || a.namesEntity() {
		return pass()
	}
	m := lex.FollowUp.Whole.find(a.toks)
	if m == 0 {
		return pass()
	}
	if a.unsupported >= 0 && a.unsupMask&^m != 0 || s.best >= 0 && s.best != t && s.conf >= AnswerThreshold {
		return pass()
	}
	if bits.OnesCount64(a.covered&^m) > 0 || a.content-bits.OnesCount64(m) > 2 {
		return pass()
	}
	fi, _ := s.ix.facet(a, t)
	if fi < 0 && prev.facet >= 0 && s.ix.topics[t].facets[prev.facet].entity == "" {
		fi = prev.facet
	}
	return decided(s.ix.answerReply(t, s.ix.partFor(t, fi, -1), AnswerThreshold), t)
}

// "what sector pays them best" (industries ranked), then "and worst?": the other end of
// what was ranked, not the lowest-paid workers.
func followUpRanked(s *state) (decision, bool, string) {
	last, a := s.prev.topic, s.a
	if last < 0 || s.prev.dim < 0 || s.conf >= AnswerThreshold || a.other != "" || a.personal || a.unknown > 0 {
		return pass()
	}
	fi, ei := s.ix.facet(a, last)
	if ei >= 0 || a.namesEntity() {
		return pass()
	}
	g := s.ix.rankedFacet(a, last, fi, s.prev.dim)
	if g < 0 {
		return pass()
	}
	return decided(s.ix.answerReply(last, s.ix.partFor(last, g, -1), AnswerThreshold), last)
}

// "in ohio?", "weekends?", "per month?" after an answer: the note the question gets on its
// own, not "I don't know that one".
func followUpUnsupported(s *state) (decision, bool, string) {
	a := s.a
	if s.prev.topic < 0 || a.unsupported < 0 || s.answerable() || a.other != "" || a.personal || a.related >= 0 {
		return pass()
	}
	if !a.pointsBack() && a.content > 3 {
		return pass()
	}
	return decided(s.ix.decline(KindFallback, s.ix.unsupTxt[a.unsupported], s.conf), -1)
}

// "what's the growth" then "how about for doctors": a name that is both an industry's and
// another occupation's ("doctors", "offices of physicians"), after a topic that says
// nothing by industry, is the other occupation, not the last figure again.
func followUpOtherInside(s *state) (decision, bool, string) {
	a, last := s.a, s.prev.topic
	if last < 0 || a.other != "" || !a.pointsBack() && !a.opensFollowUp() {
		return pass()
	}
	for _, h := range a.hits {
		if h.r.kind != roleEntity {
			continue
		}
		if _, ok := s.ix.topics[last].kinds[entityKinds[h.r.ekind]]; ok {
			return pass()
		}
		if a.words()&^spanMask(h.start, h.end)&^a.stopWords() != 0 || s.otherTopicSaid(last) {
			return pass() // "do offices of physicians employ many of them?": asked of the industry
		}
		if i := s.ix.otherInside(a.toks, h.start, h.end); i >= 0 {
			a.other, a.otherMask = a.toks[i].word, spanMask(h.start, h.end)
			s.best = -1 // the name is all it says: it asks what the last turn asked
			return decision{}, false, "another occupation: " + a.other
		}
	}
	return pass()
}

// otherInside is the position where another occupation's name starts inside toks[start:end],
// or -1.
func (ix *index) otherInside(toks []token, start, end int) int {
	for i := start; i < end; i++ {
		for _, p := range ix.phrases.at(toks, i) {
			if e := ix.matchAt(toks, i+1, p.words[1:]); e > 0 && e <= end && slices.ContainsFunc(p.roles, func(r role) bool { return r.kind == roleOther }) {
				return i
			}
		}
	}
	return -1
}

// asked says whether the message as typed ends with a question mark.
func asked(text string) bool { return strings.HasSuffix(strings.TrimSpace(text), "?") }
