package bot

import "math/bits"

// Rules that answer from the profile, with what the profile lacks said beside.

// "what degree do I need, and how much is tuition": the degree, and a word on tuition;
// the whole question when nothing is asked apart from what the profile lacks.
func unsupportedBesideAnswer(s *state) (decision, bool, string) {
	a, ix := s.a, s.ix
	if !s.answerable() || a.unsupported < 0 {
		return pass()
	}
	anyQuestion := ix.kb.Language.Unsupported[a.unsupported].AnyQuestion
	t, caveat := a.asideTopic(s.best, a.unsupMask, anyQuestion), ix.unsupTxt[a.unsupported]
	if ix.unsupPlace[a.unsupported] && a.pointsThereFrom(64-bits.LeadingZeros64(a.unsupMask)) {
		t = -1 // "how many jobs are there in Arizona and how fast will it grow there"
	}
	if at, ok := ix.byID[ix.unsupAns[a.unsupported]]; ok && t < 0 {
		// The profile's figure for the whole, with what it lacks said beside.
		t, caveat = at, ix.unsupNote[a.unsupported]
	}
	if t < 0 {
		if !a.anchored && !anyQuestion && a.unknown > 0 {
			// "what is the price of a new laptop": about something the bot does not know,
			// not the cost of school; it cannot say what the profile lacks about it.
			caveat = ix.replies.Unknown
		}
		return decided(ix.decline(KindFallback, caveat, s.conf), s.best)
	}
	s.caveat = caveat
	if t != s.best {
		s.best, s.ps = t, nil
		s.conf = max(a.confidence(a.score[t], 0), AnswerThreshold)
		return decision{}, false, "answer " + ix.topics[t].id + ", decline the rest"
	}
	return decision{}, false, "decline the rest"
}

// "how many jobs in 2041", "salary in 2019": figures for a year the profile does not have
// are not this profile's figures.
func yearNotInProfile(s *state) (decision, bool, string) {
	a, ix := s.a, s.ix
	if s.answerable() && ix.yearReply >= 0 && a.year != 0 && (a.unknownYear || s.ps == nil && ix.undated[s.best]) {
		return decided(ix.decline(KindFallback, ix.unsupTxt[ix.yearReply], s.conf), s.best)
	}
	return pass()
}

func multiPart(s *state) (decision, bool, string) {
	if !s.answerable() || s.ps == nil {
		return pass()
	}
	parts := make([]Part, 0, len(s.ps))
	c := 1.0
	for _, t := range s.ps {
		fi, ei := s.ix.facet(s.a, t)
		parts = append(parts, s.ix.partFor(t, fi, ei)[0])
		c = min(c, s.a.confidence(s.a.score[t], 0))
	}
	r := s.ix.multiReply(parts, c)
	r.Note = s.caveat
	return decided(r, s.ps[len(s.ps)-1])
}

// "hospitals vs doctors offices pay": both.
func twoEntities(s *state) (decision, bool, string) {
	if !s.answerable() {
		return pass()
	}
	fi, ei := s.ix.facet(s.a, s.best)
	if e2 := s.ix.secondEntity(s.a, s.best, fi); e2 >= 0 {
		r := s.ix.multiReply([]Part{s.ix.partFor(s.best, fi, ei)[0], s.ix.partFor(s.best, fi, e2)[0]}, s.conf)
		r.Note = s.caveat
		return decided(r, s.best)
	}
	return pass()
}

func answer(s *state) (decision, bool, string) {
	if !s.answerable() {
		return pass()
	}
	fi, ei := s.ix.facet(s.a, s.best)
	r := s.ix.answerReply(s.best, s.ix.partFor(s.best, fi, ei), s.conf)
	r.Note = s.caveat
	if r.Note == "" && s.a.compared { // "do they make more than nurses": this occupation's side
		r.Note = s.ix.replies.OtherOccupationAside
	}
	return decided(r, s.best)
}
