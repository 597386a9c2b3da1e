package bot

// ownNamesCompared: "cancer registrar vs health info tech, what's the difference", "is
// there a difference between a health information technologist and a medical registrar":
// two of this occupation's own names compared, and no other occupation named, is what the
// occupation does (the default topic), not its related occupations.
func ownNamesCompared(s *state) (decision, bool, string) {
	a, ix := s.a, s.ix
	if s.best < 0 || !ix.namesOcc[s.best] || ix.defaultTopic < 0 || a.related >= 0 || a.other != "" || ownNames(a) < 2 {
		return pass()
	}
	s.best = ix.defaultTopic
	s.conf = max(s.conf, AnswerThreshold)
	return decision{}, false, "two of its own names compared: " + ix.topics[s.best].id
}

// ownNames counts the different names of this occupation the question uses, up to two.
func ownNames(a *analysis) int {
	first := ""
	for _, h := range a.hits {
		if h.r.kind != roleSubject {
			continue
		}
		switch name := a.wordsIn(spanMask(h.start, h.end)); {
		case first == "":
			first = name
		case name != first:
			return 2
		}
	}
	if first == "" {
		return 0
	}
	return 1
}
