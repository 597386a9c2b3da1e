package bot

// Rules that decline before any answer (the asker's own affairs, other occupations) or
// that set up the answer (questions about the bot, multi-part questions).

import "math/bits"

func personal(s *state) (decision, bool, string) {
	if s.a.personal {
		return decided(s.ix.decline(KindFallback, s.ix.replies.Personal, s.conf), -1)
	}
	return pass()
}

// Another occupation, unless the best topic is about other occupations and the question
// names this one ("jobs related to health information technologists"). "what do they earn,
// and what do nurses make": the first part, and a word on the rest.
func otherOccupation(s *state) (decision, bool, string) {
	a, ix := s.a, s.ix
	if a.other == "" || s.best >= 0 && ix.namesOcc[s.best] && a.subject {
		return pass()
	}
	if t := a.asideTopic(s.best, a.otherMask, false); t >= 0 && !a.continuesOther(t) && a.unsupported < 0 && a.confidence(a.score[t], 0) >= AnswerThreshold {
		fi, ei := ix.facet(a, t)
		r := ix.answerReply(t, ix.partFor(t, fi, ei), a.confidence(a.score[t], 0))
		r.Note = ix.replies.OtherOccupationAside
		return decided(r, t)
	}
	// An unknown word that only looks like a job ("a good sink filter for water") in a
	// question with nothing about work: the bot does not know what it is about.
	if a.otherGuessed && s.best < 0 && !a.anchored {
		return decided(ix.decline(KindFallback, ix.replies.Unknown, s.conf), -1)
	}
	return decided(ix.decline(KindFallback, ix.replies.OtherOccupation, s.conf), -1)
}

// A related occupation the profile points to has a profile of its own, unless a topic that
// names occupations (advancement, related careers) is clearly what is asked and the
// occupation is not what the question is about: "what does a health services manager do
// all day" asks about the managers, "can I move up to health services manager" does not.
func relatedOccupation(s *state) (decision, bool, string) {
	a, ix := s.a, s.ix
	if a.related < 0 || s.best >= 0 && ix.namesOcc[s.best] && s.answerable() && !a.relatedAskedAbout() {
		return pass()
	}
	r := ix.kb.Profile.Related.Occupations[a.related]
	why := ix.fill(ix.kb.Replies.Related, "{name}", r.Name, "{relation}", r.Relation)
	return decided(ix.decline(KindFallback, why, s.conf), -1)
}

// A question about the bot itself ("who made you") wins over a topic that shares its
// words unless the topic is very clear.
func aboutTheBot(s *state) (decision, bool, string) {
	if s.a.smallLong && s.conf < weights.BotOverTopic {
		return decided(s.ix.smalltalkReply(s.a.smalltalk), s.prev.topic)
	}
	return pass()
}

func multiPartTopics(s *state) (decision, bool, string) {
	if s.best >= 0 {
		if s.ps = s.ix.parts(s.a, s.best); s.ps != nil {
			return decision{}, false, "parts: " + s.ix.topicNames(s.ps)
		}
	}
	return pass()
}

// continuesOther: the clause that asks topic t comes after the one naming another
// occupation and does not name this one ("what do nurses make and what degree do they
// need"): it goes on asking about that occupation, so it is no aside to answer.
func (a *analysis) continuesOther(t int) bool {
	sep := a.seps()
	own := a.mask[t] &^ clauseOf(a.otherMask, sep, len(a.toks))
	if own == 0 || bits.TrailingZeros64(own) < bits.TrailingZeros64(a.otherMask) {
		return false
	}
	return clauseOf(own, sep, len(a.toks))&a.subjMask == 0
}
