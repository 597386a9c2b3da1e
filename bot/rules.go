package bot

// The decision stage: an ordered table of named rules. Each rule looks at what the
// matcher found (the analysis), the conversation's last turn and the ranked topics, and
// either decides the reply, adjusts what later rules see, or passes. The first rule that
// decides wins; `careerbot ask --explain` lists every rule tried.

// state is what the rules read and adjust.
type state struct {
	ix   *index
	a    *analysis
	prev turn

	best, second int
	s1, s2       float32
	conf         float64
	ps           []int  // the topics of a multi-part question, once known
	caveat       string // what of the question the profile lacks, said after the answer
}

// decision is what a rule decided: the reply and the topic the conversation is now on.
type decision struct {
	reply Reply
	topic int
}

// rule is one step of the decision. decide returns ok when it decided; a rule that only
// adjusts the state returns false and says what it changed in adjusted.
type rule struct {
	name   string
	decide func(s *state) (d decision, ok bool, adjusted string)
}

// rules, in the order they are tried. Gates for other occupations and personal questions
// come before any answer; a question the profile can answer comes before small talk and
// "did you mean".
var rules = []rule{
	{"follow_up_other_occupation", followUpOther},
	{"follow_up_there", followUpThere},
	{"conversation_tie", conversationTie},
	{"follow_up_facet", followUpFacet},
	{"follow_up_points_back", followUpPointsBack},
	{"personal", personal},
	{"other_occupation", otherOccupation},
	{"related_occupation", relatedOccupation},
	{"about_the_bot", aboutTheBot},
	{"multi_part_topics", multiPartTopics},
	{"unsupported_beside_answer", unsupportedBesideAnswer},
	{"year_not_in_profile", yearNotInProfile},
	{"multi_part", multiPart},
	{"two_entities", twoEntities},
	{"answer", answer},
	{"unsupported_about_occupation", unsupportedAboutOccupation},
	{"occupation_named_only", occupationNamedOnly},
	{"only_smalltalk", onlySmalltalk},
	{"opening_smalltalk", openingSmalltalk},
	{"unsupported", unsupported},
	{"did_you_mean", didYouMean},
	{"unknown", unknown},
}

func newState(ix *index, a *analysis, prev turn) *state {
	s := &state{ix: ix, a: a, prev: prev}
	s.best, s.second, s.s1, s.s2 = a.ranked()
	s.conf = a.confidence(s.s1, s.s2)
	return s
}

// run tries the rules in order and returns the first decision, tracing when tr is set.
func (s *state) run(tr *Trace) decision {
	for _, r := range rules {
		d, ok, adjusted := r.decide(s)
		if tr != nil {
			tr.rule(r.name, ok, adjusted)
		}
		if ok {
			if tr != nil {
				tr.Decided, tr.Confidence = r.name, d.reply.Confidence
			}
			return d
		}
	}
	panic("bot: the last rule always decides") // unknown has no condition
}

func pass() (decision, bool, string) { return decision{}, false, "" }

func decided(r Reply, topic int) (decision, bool, string) {
	return decision{reply: r, topic: topic}, true, ""
}

// answerable says whether the question gets an answer from the profile rather than a
// suggestion or a decline.
func (s *state) answerable() bool {
	return s.best >= 0 && (s.conf >= AnswerThreshold || s.ps != nil)
}

// followingUp says whether the question is a short follow-up pointing at the last answer
// that names nothing of its own.
func (s *state) followingUp() bool {
	return s.a.pointsBack() && !s.a.subject && !s.a.namesEntity()
}

// "i'm thinking about nursing" then "how much does that pay?": still nursing. Only
// "that", "it" and the like point there: "they" is how people name this occupation.
func followUpOther(s *state) (decision, bool, string) {
	if s.followingUp() && s.prev.other && s.a.other == "" && s.a.demonstrative() {
		return decided(s.ix.decline(KindFallback, s.ix.replies.OtherOccupation, s.conf), -1)
	}
	return pass()
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
	if fi, ei := s.ix.facet(a, last); fi >= 0 && a.unknown == 0 && a.other == "" && !a.personal {
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
	if t := a.asideTopic(s.best, a.otherMask); t >= 0 && a.unsupported < 0 && a.confidence(a.score[t], 0) >= AnswerThreshold {
		fi, ei := ix.facet(a, t)
		r := ix.answerReply(t, ix.partFor(t, fi, ei), a.confidence(a.score[t], 0))
		r.Note = ix.replies.OtherOccupationAside
		return decided(r, t)
	}
	return decided(ix.decline(KindFallback, ix.replies.OtherOccupation, s.conf), -1)
}

// A related occupation the profile points to has a profile of its own.
func relatedOccupation(s *state) (decision, bool, string) {
	a, ix := s.a, s.ix
	if a.related < 0 || s.best >= 0 && ix.namesOcc[s.best] {
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

// "what degree do I need, and how much is tuition": the degree, and a word on tuition;
// the whole question when nothing is asked apart from what the profile lacks.
func unsupportedBesideAnswer(s *state) (decision, bool, string) {
	a, ix := s.a, s.ix
	if !s.answerable() || a.unsupported < 0 {
		return pass()
	}
	t := a.asideTopic(s.best, a.unsupMask)
	if t < 0 {
		return decided(ix.decline(KindFallback, ix.unsupTxt[a.unsupported], s.conf), s.best)
	}
	s.caveat = ix.unsupTxt[a.unsupported]
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
	return decided(r, s.best)
}

// "health information technologists in texas": the occupation, and something it lacks.
func unsupportedAboutOccupation(s *state) (decision, bool, string) {
	if s.best < 0 && s.a.subject && s.a.unsupported >= 0 {
		return decided(s.ix.decline(KindFallback, s.ix.unsupTxt[s.a.unsupported], s.conf), -1)
	}
	return pass()
}

// The question names the occupation and nothing else: say what it is.
func occupationNamedOnly(s *state) (decision, bool, string) {
	ix := s.ix
	if s.best < 0 && s.a.subject && s.a.unknown == 0 && ix.defaultTopic >= 0 {
		fi, ei := ix.facet(s.a, ix.defaultTopic)
		return decided(ix.answerReply(ix.defaultTopic, ix.partFor(ix.defaultTopic, fi, ei), AnswerThreshold), ix.defaultTopic)
	}
	return pass()
}

func onlySmalltalk(s *state) (decision, bool, string) {
	if s.a.onlySmalltalk() {
		return decided(s.ix.smalltalkReply(s.a.smalltalk), s.prev.topic)
	}
	return pass()
}

// "Thanks, this has given me a lot to think about", "hi there, I'm researching a career
// change": an opening greeting or thanks, and nothing the bot can answer after it, gets
// the small talk rather than "I don't know that one".
func openingSmalltalk(s *state) (decision, bool, string) {
	a, ix := s.a, s.ix
	if a.smalltalk >= 0 && a.smallMask&1 != 0 && a.unsupported < 0 && a.other == "" && !a.personal &&
		(ix.small[a.smalltalk].Kind != "help" || ix.greetings[a.toks[0].word]) && !a.asks() {
		return decided(ix.smalltalkReply(a.smalltalk), s.prev.topic)
	}
	return pass()
}

func unsupported(s *state) (decision, bool, string) {
	if s.a.unsupported >= 0 && s.best >= 0 {
		return decided(s.ix.decline(KindFallback, s.ix.unsupTxt[s.a.unsupported], s.conf), -1)
	}
	return pass()
}

func didYouMean(s *state) (decision, bool, string) {
	ix := s.ix
	if s.conf < SuggestThreshold || s.best < 0 {
		return pass()
	}
	r := ix.decline(KindClarify, ix.replies.Clarify, s.conf)
	r.Suggestions = []Suggestion{ix.suggestion(s.best)}
	if s.second >= 0 && s.a.score[s.second] >= s.s1*weights.SecondSuggestion {
		r.Suggestions = append(r.Suggestions, ix.suggestion(s.second))
	}
	r.Lead = ix.fill(ix.kb.Replies.DidYouMean, "{suggestions}", suggestionText(r.Suggestions))
	return decided(r, -1)
}

func unknown(s *state) (decision, bool, string) {
	return decided(s.ix.decline(KindFallback, s.ix.replies.Unknown, s.conf), -1)
}
