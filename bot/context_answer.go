package bot

// Follow-ups about the last answer itself: its own facet ("who gives it"), its own figure
// ("what percent earn that"), a word inside it, small talk after it, and "tell me more".

import (
	"math/bits"
	"slices"
	"strings"
)

// "what's the CHDA" then "who gives it": "it" is the credential, so its own answer (which
// names its issuer, or says what the profile has on it), not every issuer's list.
func followUpItsFacet(s *state) (decision, bool, string) {
	a, last := s.a, s.prev.topic
	if last < 0 || s.best >= 0 && s.best != last && bits.OnesCount64(a.words()) > 3 || !a.demonstrative() && a.content > 1 || a.namesEntity() || s.excluded() {
		return pass() // "who gives it", "what's required": about it
	}
	if bits.OnesCount64(a.words()) > maxShort || !a.demonstrative() && a.evidence(last, true) == 0 {
		return pass() // "what is AHIMA", "who is the president": not about it
	}
	fi, _ := s.ix.facet(a, last)
	if fi < 0 || s.ix.topics[last].facets[fi].entity != "" || s.ix.topics[last].facets[fi].parts[0].Table != nil {
		return pass() // "which industry is best": a ranking of them all, not about it
	}
	for k, kind := range entityKinds {
		if g, ok := s.ix.topics[last].kinds[kind]; ok && s.prev.entity[k] >= 0 {
			a.entity[k] = s.prev.entity[k]
			return decided(s.ix.answerReply(last, s.ix.partFor(last, g, s.prev.entity[k]), AnswerThreshold), last)
		}
	}
	return pass()
}

// "the highest 10 percent earned more than $98,490", then "what percent earn that": a
// question about that answer's own figure, with nothing of its own to ask of the topic, is
// that answer again, not the topic's whole answer (the median).
func followUpSameAnswer(s *state) (decision, bool, string) {
	a, last := s.a, s.prev.topic
	if last < 0 || s.prev.facet < 0 || s.best != last || a.namesEntity() || s.excluded() {
		return pass()
	}
	if !a.demonstrative() && (bits.OnesCount64(a.words()) > 2 || s.otherTopicSaid(last)) {
		return pass() // "what percentage" after the largest employer: two words, its topic's only
	}
	if bits.OnesCount64(a.words()) > maxShort || s.outscored(last) {
		return pass() // "EHR implementation, is that part of this job?", "is it an office job?"
	}
	if fi, _ := s.ix.facet(a, last); fi >= 0 {
		return pass()
	}
	return kept(s.ix.answerReply(last, []Part{s.ix.lastPart(s.prev)}, AnswerThreshold), last)
}

// maxShort is the most words of a follow-up that is about the last answer itself ("what
// percent earn that", "and what about biology?"); a longer question asks something of its own.
const maxShort = 5

// "which high school classes help" (anatomy and physiology, biology, computer science,
// math), then "what about biology": words the last answer itself said, and that say no
// other topic, ask about that answer again.
func followUpInAnswer(s *state) (decision, bool, string) {
	a, last := s.a, s.prev.topic
	if last < 0 || s.prev.facet < 0 || a.namesEntity() || s.excluded() || !a.opensFollowUp() || bits.OnesCount64(a.words()) > maxShort {
		return pass()
	}
	p := s.ix.lastPart(s.prev)
	lead, n := strings.ToLower(p.Lead), 0
	for i, tk := range a.toks {
		if tk.stop || tk.sep || i >= maxTokens {
			continue
		}
		for t := range a.score {
			if t != last && a.tokW[t*maxTokens+i] >= wordEvidence {
				return pass() // a word of another topic
			}
		}
		if !strings.Contains(lead, tk.word) {
			return pass()
		}
		n++
	}
	if n == 0 {
		return pass()
	}
	return kept(s.ix.answerReply(last, []Part{p}, AnswerThreshold), last)
}

// "got it, thx!", "that's all i needed" after an answer: small talk and nothing else is
// small talk, though "it" and "that" would point back at the answer.
func followUpSmalltalk(s *state) (decision, bool, string) {
	if ok, _ := s.comparesBack(); ok && asked(s.text) {
		return pass() // "good?" asks whether the last figure is good
	}
	long := s.a.smallCover >= 3 // "how does this work", "what is this bot for": all small talk
	if s.prev.about() < 0 || !s.a.onlySmalltalk() || !long && (s.a.asks() || s.best >= 0) {
		return pass() // "ok what do they make now", "example?": asked
	}
	return decided(s.ix.smalltalkReply(s.a.smalltalk), s.prev.topic)
}

// "tell me more", "how so?", "any more details?" after an answer: the whole topic when the
// last answer was part of it; when it was the whole topic already, that this is all the
// profile says (replies.no_more) and what else can be asked, not "I don't know that one".
// A name inside the words ("details" is also "detail oriented"'s) asks nothing of its own.
func followUpMore(s *state) (decision, bool, string) {
	a, last := s.a, s.prev.topic
	if last < 0 || s.excluded() || s.ix.replies.NoMore == "" {
		return pass()
	}
	m := lex.FollowUp.Alone.find(a.toks)
	if m == 0 || a.words()&^m != 0 || a.namesEntity() && a.covered&^m != 0 {
		return pass()
	}
	if f := s.prev.facet; f >= 0 {
		if s.ix.topics[last].facets[f].entity != "" {
			return pass() // "why" after an entity: follow_up_alone says what it is
		}
		return kept(s.ix.answerReply(last, s.ix.topics[last].answer, AnswerThreshold), last)
	}
	r := s.ix.decline(KindFallback, strings.ReplaceAll(s.ix.replies.NoMore, "{title}", strings.ToLower(s.ix.topics[last].title)), s.conf)
	r.Suggestions = slices.Clone(s.ix.topics[last].suggest)
	return decided(r, last)
}

// "which industry employs the most" (hospitals), then "what is the pay in that industry?":
// "that" before a word for what the topic ranks ("industry", "sector") is the one the
// conversation named, not every industry.
func followUpThatOne(s *state) (decision, bool, string) {
	a, t := s.a, s.best
	if s.prev.topic < 0 || t < 0 || !s.answerable() || s.ps != nil || a.namesEntity() || s.excluded() {
		return pass()
	}
	for _, h := range a.hits {
		if h.r.kind != roleFacet || int(h.r.topic) != t || h.start == 0 || !lex.FollowUp.Demonstratives.has(a.toks[h.start-1].word) {
			continue
		}
		f := s.ix.topics[t].facets[h.r.facet]
		if f.entity != "" || len(f.parts) == 0 || f.parts[0].Table == nil {
			continue
		}
		k := s.ix.tableKind(f.parts[0].Table)
		if g, ok := s.ix.topics[t].kinds[entityKinds[max(k, 0)]]; ok && k >= 0 && s.prev.entity[k] >= 0 {
			a.entity[k] = s.prev.entity[k]
			return decided(s.ix.answerReply(t, s.ix.partFor(t, g, s.prev.entity[k]), s.conf), t)
		}
	}
	return pass()
}

// "Am I too old to switch into this at 52?", "how does this work" after the salary: "this"
// points back only as a word of a whole question, which the learned model reads as about
// something else (Policy.SecondOpinion or surer) and the rules do not place: the model's
// reading, not the last topic again. Two content words or more (or more than maxShort
// words), and no follow-up's opening: "is that a lot?" and "and in the united states" are
// the last answer's.
func followUpModelSays(s *state) (decision, bool, string) {
	a, last, ix := s.a, s.prev.topic, s.ix
	long := bits.OnesCount64(a.words()) > maxShort // "Am I too old to switch into this at 52?"
	if last < 0 || ix.model == nil || s.conf >= AnswerThreshold || a.content < 2 && !long || !a.pointsBack() || a.opensFollowUp() || s.excluded() {
		return pass()
	}
	p := s.predict(wantsOtherThanLast, ix.policy.SecondOpinion)
	if p.P < ix.policy.SecondOpinion || p.Label == ix.topics[last].id {
		return pass()
	}
	switch t, ok := ix.byID[p.Label]; {
	case p.Label == IntentNone:
		return decided(ix.decline(KindFallback, ix.replies.Unknown, s.conf), -1)
	case p.Label == string(KindHelp) || p.Label == string(KindSmalltalk):
		if a.smalltalk < 0 {
			return pass()
		}
		return decided(ix.smalltalkReply(a.smalltalk), last)
	case ok && a.score[t] > 0:
		fi, ei := ix.facet(a, t)
		return decided(ix.answerReply(t, ix.partFor(t, fi, ei), p.P), t)
	}
	return pass()
}

// otherTopicSaid says whether a word of the question, stop words included, says a topic
// other than t ("office" in "is it an office job?", "make" in "how much do they make in
// hospitals?").
func (s *state) otherTopicSaid(t int) bool {
	for u := range s.a.score {
		if u != t && s.a.evidence(u, true)&^s.a.covered != 0 { // not the names themselves
			return true
		}
	}
	return false
}

// outscored says whether another topic scores higher than t on the question's own words
// ("office" in "is it an office job?" over "job").
func (s *state) outscored(t int) bool {
	for u, sc := range s.a.score {
		if u != t && sc > s.a.score[t] {
			return true
		}
	}
	return false
}

// "how many new jobs" then "per year?": a fragment of two words or fewer that is a facet of
// the last topic is that facet (the openings per year), though another topic has the words
// too ("per year" is also the pay's).
func followUpOwnFacet(s *state) (decision, bool, string) {
	a, last := s.a, s.prev.topic
	if last < 0 || a.namesEntity() || s.excluded() || bits.OnesCount64(a.words()) > 2 || s.best == last {
		return pass()
	}
	words := a.words() &^ a.stopWords()
	if words == 0 || a.facetHitsFor(last)&words != words {
		return pass()
	}
	fi, _ := s.ix.facet(a, last)
	if fi < 0 || s.ix.topics[last].facets[fi].entity != "" {
		return pass()
	}
	return decided(s.ix.answerReply(last, s.ix.partFor(last, fi, -1), AnswerThreshold), last)
}

// facetHitsFor is the positions of facet words of topic t.
func (a *analysis) facetHitsFor(t int) uint64 {
	return a.spans(func(h hit) bool { return h.r.kind == roleFacet && int(h.r.topic) == t })
}
