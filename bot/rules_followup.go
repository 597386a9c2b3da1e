package bot

import "math/bits"

// Rules for follow-ups: a short question that goes on from the last turn.

// followingUp says whether the question is a short follow-up pointing at the last answer
// that names nothing of its own.
func (s *state) followingUp() bool {
	return s.a.pointsBack() && !s.a.subject && !s.a.namesEntity()
}

// "i'm thinking about nursing" then "how much does that pay?": still nursing. Only
// "that", "it" and the like point there: "they" is how people name this occupation.
// "what do nurses make" then "and the lowest?": a facet of what was asked, still about
// nurses.
func followUpOther(s *state) (decision, bool, string) {
	if !s.followingUp() || !s.prev.other || s.a.other != "" {
		return pass()
	}
	if lex.FollowUp.ThisOccupation.find(s.a.toks) != 0 || bits.OnesCount64(s.a.words()) > maxShort {
		return pass() // "is there upward mobility in this field": this occupation, a question of its own
	}
	if s.a.demonstrative() || s.prev.asked >= 0 && s.conf < AnswerThreshold && s.ix.facetOnly(s.a, s.prev.asked) {
		return decided(s.ix.decline(KindFallback, s.ix.replies.OtherOccupation, s.conf), -1)
	}
	return pass()
}

// facetOnly says whether the question asks a facet of topic t that names no entity.
func (ix *index) facetOnly(a *analysis, t int) bool {
	fi, _ := ix.facet(a, t)
	return fi >= 0 && ix.topics[t].facets[fi].entity == ""
}

// "how many work in hospitals?" then "how much do they make there?": in hospitals.
func followUpThere(s *state) (decision, bool, string) {
	if s.followingUp() && s.a.saysThere() {
		s.a.entity = s.prev.entity
		return decision{}, false, "entities taken from the last turn"
	}
	return pass()
}

// A tie between topics that the conversation settles: "what about hospitals?" after a
// pay question is about pay in hospitals.
func conversationTie(s *state) (decision, bool, string) {
	last := s.prev.topic
	if last >= 0 && s.best >= 0 && last != s.best && s.a.score[last] > 0 && s.a.score[last] >= s.s1*weights.TieShare {
		s.best, s.s2 = last, 0
		s.conf = max(s.a.confidence(s.a.score[last], 0), AnswerThreshold)
		return decision{}, false, "best topic is the last one: " + s.ix.topics[last].id
	}
	return pass()
}

// A follow-up with nothing but a facet of the last topic ("and the lowest?").
func followUpFacet(s *state) (decision, bool, string) {
	last, a := s.prev.topic, s.a
	if last < 0 || s.conf >= AnswerThreshold {
		return pass()
	}
	if fi, ei := s.ix.facet(a, last); fi >= 0 && a.unknown == 0 && a.other == "" && !a.personal && a.unsupported < 0 {
		return decided(s.ix.answerReply(last, s.ix.partFor(last, fi, ei), AnswerThreshold), last)
	}
	return pass()
}

// A short follow-up that points back ("is that a lot?", "and for medical registrars?",
// "is that the government?") goes on with the last topic.
func followUpPointsBack(s *state) (decision, bool, string) {
	last, a := s.prev.topic, s.a
	if last < 0 || s.conf >= AnswerThreshold || !a.pointsBack() {
		return pass()
	}
	if a.other == "" && !a.personal && a.unsupported < 0 && a.related < 0 && a.year == 0 {
		fi, ei := s.ix.facet(a, last)
		return decided(s.ix.answerReply(last, s.ix.partFor(last, fi, ei), AnswerThreshold), last)
	}
	return pass()
}
