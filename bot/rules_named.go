package bot

// Rules for follow-ups by what they name: an entity the last topic can answer about, two
// entities the conversation compared, the occupation alone, the present after a projection,
// or nothing but "why?".

import (
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/careerbot/careerbot/knowledge"
)

// "what do they earn in professional services" then "and management of companies?": the
// same question about the industry named, whatever else its words hint at.
func followUpEntity(s *state) (decision, bool, string) {
	a, last := s.a, s.prev.topic
	if last < 0 || !a.namedHere() || !a.pointsBack() && !a.opensFollowUp() || s.excluded() {
		return pass()
	}
	for i, t := range a.toks {
		if i < 64 && a.covered&(1<<i) == 0 && !t.stop && !t.sep {
			return pass() // something besides the entity is asked
		}
	}
	if s.otherTopicSaid(last) {
		return pass() // "how much do they make in hospitals?" after the jobs there: pay
	}
	for k, kind := range entityKinds {
		fi, ok := s.ix.topics[last].kinds[kind]
		if !ok || a.entity[k] < 0 || a.entity2[k] >= 0 {
			continue
		}
		if e := s.prev.entity[k]; e >= 0 && e != a.entity[k] && a.demonstrative() {
			// "is that more than hospitals": that figure beside the one named.
			parts := []Part{s.ix.partFor(last, fi, e)[0], s.ix.partFor(last, fi, a.entity[k])[0]}
			a.entity2[k] = e
			return decided(s.ix.multiReply(parts, AnswerThreshold), last)
		}
		return decided(s.ix.answerReply(last, s.ix.partFor(last, fi, a.entity[k]), AnswerThreshold), last)
	}
	return pass()
}

// "tell me about the RHIT" then "how much does it pay": what the profile lacks about the
// RHIT's pay (a phrase of what it lacks that names the entity, "rhit pay", with "it" read
// as the entity), not the occupation's median.
func followUpEntityLacks(s *state) (decision, bool, string) {
	a := s.a
	if s.prev.topic < 0 || !a.demonstrative() || a.namesEntity() || s.excluded() || bits.OnesCount64(a.words()) > maxShort {
		return pass() // "what does this job pay a year?" after the RHIT is the pay
	}
	// Credentials only: "how many of those are there" after hospitals is not "hospitals
	// are there" (the number of hospitals).
	k := entityKindID(knowledge.KindCertification)
	if e := s.prev.entity[k]; e >= 0 {
		names := s.ix.entities[entityKinds[k]][e].Aliases
		for u, x := range s.ix.kb.Language.Unsupported {
			for _, w := range x.Words {
				if ws := strings.Fields(w); len(ws) > 1 && saysAbout(ws, names) && a.hasWords(ws, names) {
					return decided(s.ix.decline(KindFallback, s.ix.unsupTxt[u], s.conf), -1)
				}
			}
		}
	}
	return pass()
}

// saysAbout says whether one of ws is one of names.
func saysAbout(ws, names []string) bool {
	for _, w := range ws {
		if slices.Contains(names, w) {
			return true
		}
	}
	return false
}

// hasWords says whether every word of ws but the names is among the question's words.
func (a *analysis) hasWords(ws, names []string) bool {
	for _, w := range ws {
		if !slices.Contains(names, w) && !slices.ContainsFunc(a.toks, func(t token) bool { return t.word == w }) {
			return false
		}
	}
	return true
}

// "what do hospitals pay" and "and doctors' offices?", then "which pays more": both.
func followUpTwo(s *state) (decision, bool, string) {
	a, prev, t := s.a, s.prev, s.best
	if prev.topic < 0 || t < 0 || a.namesEntity() || a.content > 3 || s.excluded() {
		return pass()
	}
	for k, kind := range entityKinds {
		fi, ok := s.ix.topics[t].kinds[kind]
		if !ok || prev.entity[k] < 0 || prev.entity2[k] < 0 {
			continue
		}
		if f, _ := s.ix.facet(a, t); f >= 0 && f != fi {
			return pass() // "and the top 10%?": a facet of its own
		}
		parts := []Part{s.ix.partFor(t, fi, prev.entity2[k])[0], s.ix.partFor(t, fi, prev.entity[k])[0]}
		a.entity[k], a.entity2[k] = prev.entity[k], prev.entity2[k]
		return decided(s.ix.multiReply(parts, AnswerThreshold), t)
	}
	return pass()
}

// "what's the salary?" then "ok and for health information technologists": the occupation
// named and nothing else asked goes on with the last topic.
func followUpOccupationNamed(s *state) (decision, bool, string) {
	a, last := s.a, s.prev.topic
	if last < 0 || !a.subject || a.content > 0 || s.answerable() || s.excluded() {
		return pass()
	}
	fi, _ := s.ix.facet(a, last)
	if fi < 0 && s.prev.facet >= 0 && s.ix.topics[last].facets[s.prev.facet].entity == "" {
		fi = s.prev.facet
	}
	return decided(s.ix.answerReply(last, s.ix.partFor(last, fi, -1), AnswerThreshold), last)
}

// "are medical registrars detail oriented?" then "why": more of the last answer; "where"
// after the hours: the whole topic.
func followUpAlone(s *state) (decision, bool, string) {
	a, last := s.a, s.prev.topic
	if last < 0 || s.excluded() || a.namesEntity() {
		return pass()
	}
	m := lex.FollowUp.Alone.find(a.toks)
	for i, t := range a.toks {
		if i < 64 && m&(1<<i) == 0 && !t.sep {
			return pass()
		}
	}
	if m == 0 {
		return pass()
	}
	parts := s.ix.topics[last].answer
	if f := s.prev.facet; f >= 0 && s.ix.topics[last].facets[f].entity != "" {
		parts = []Part{s.ix.lastPart(s.prev)} // what the entity is says why
	} else if parts[0].Lead == s.ix.lastPart(s.prev).Lead {
		return pass() // "why" after the salary: the profile has nothing more to say
	}
	return kept(s.ix.answerReply(last, parts, AnswerThreshold), last)
}

// excluded says whether the question is about something no follow-up of this profile
// answers: another occupation, the asker's own affairs, what the profile lacks.
func (s *state) excluded() bool {
	a := s.a
	return a.other != "" || a.personal || a.unsupported >= 0 || a.related >= 0
}

// namedHere says whether the question itself names an entity (not "there", which takes the
// last turn's).
func (a *analysis) namedHere() bool {
	for _, h := range a.hits {
		if h.r.kind == roleEntity {
			return true
		}
	}
	return false
}

// "how many jobs will there be in 2031" then "and now?" or "and in 2021?": the jobs there
// are, the figure the projection starts from.
func followUpNow(s *state) (decision, bool, string) {
	a, last := s.a, s.prev.topic
	p := &s.ix.kb.Profile
	now := lex.FollowUp.Now.find(a.toks)
	if a.year != 0 && a.year == p.Outlook.BaseYear { // "and in 2021?": the year the projection starts from
		now = a.yearMask()
	} else if a.year != 0 {
		return pass()
	}
	if last < 0 || s.excluded() || a.namesEntity() || !a.onlyAfterOpening(now) {
		return pass()
	}
	then := strconv.Itoa(p.Outlook.ProjectedYear)
	if !strings.Contains(s.ix.lastPart(s.prev).Lead, then) {
		return pass()
	}
	jobs := knowledge.Count(p.Employment.Jobs)
	for t := range s.ix.topics {
		if l := s.ix.topics[t].answer[0].Lead; strings.Contains(l, jobs) && !strings.Contains(l, then) {
			return decided(s.ix.answerReply(t, s.ix.topics[t].answer, AnswerThreshold), t)
		}
	}
	return pass()
}

// "how many jobs are there" then "is that number going up": the projected growth of those
// jobs (the topic whose answer gives the profile's comparison of growth).
func followUpTrend(s *state) (decision, bool, string) {
	a, last := s.a, s.prev.topic
	if last < 0 || s.excluded() || a.namesEntity() || a.year != 0 {
		return pass()
	}
	if m := lex.FollowUp.Trend.find(a.toks); m == 0 || !a.demonstrative() && !a.onlyAfterOpening(m) {
		return pass()
	}
	p := &s.ix.kb.Profile
	if f := s.prev.facet; f >= 0 && s.ix.topics[last].facets[f].entity != "" {
		return pass() // an industry's share: the profile projects only the whole
	}
	if !strings.Contains(s.ix.lastPart(s.prev).Lead, knowledge.Count(p.Employment.Jobs)) {
		return pass() // "is that going up?" after the pay asks about wages, which it does not project
	}
	for t := range s.ix.topics {
		if t != last && strings.Contains(s.ix.topics[t].answer[0].Lead, p.Outlook.Comparison) && (s.best < 0 || s.best == last || s.best == t) {
			return decided(s.ix.answerReply(t, s.ix.topics[t].answer, AnswerThreshold), t)
		}
	}
	return pass()
}

// onlyAfterOpening says whether the question is the positions of m (not empty) and
// nothing else but small talk, separators and a follow-up's opening ("ok, and now?",
// "what about today?").
func (a *analysis) onlyAfterOpening(m uint64) bool {
	i := 0
	for i < len(a.toks) && i < 64 && (a.smallMask&(1<<i) != 0 || a.toks[i].sep) {
		i++
	}
	i += lex.FollowUp.Opens.lenAt(a.toks, i)
	for ; i < len(a.toks) && i < 64; i++ {
		if m&(1<<i) == 0 && !a.toks[i].sep {
			return false
		}
	}
	return m != 0
}

// yearMask is the positions of the year named, with a "in" before it ("in 2021").
func (a *analysis) yearMask() uint64 {
	var m uint64
	y := strconv.Itoa(a.year)
	for i, t := range a.toks {
		if i < 64 && t.word == y {
			m |= 1 << i
			if i > 0 && a.toks[i-1].stop {
				m |= 1 << (i - 1)
			}
		}
	}
	return m
}
