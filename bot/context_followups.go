package bot

// Follow-ups that go on from who or what the last answer was about: the group of workers
// or the dimension of its facet, the other occupation it named, the year it started from.

import (
	"math/bits"
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
// something else (weights.SecondOpinion or surer) and the rules do not place: the model's
// reading, not the last topic again. Two content words or more (or more than maxShort
// words), and no follow-up's opening: "is that a lot?" and "and in the united states" are
// the last answer's.
func followUpModelSays(s *state) (decision, bool, string) {
	a, last, ix := s.a, s.prev.topic, s.ix
	long := bits.OnesCount64(a.words()) > maxShort // "Am I too old to switch into this at 52?"
	if last < 0 || ix.model == nil || s.conf >= AnswerThreshold || a.content < 2 && !long || !a.pointsBack() || a.opensFollowUp() || s.excluded() {
		return pass()
	}
	p := ix.model.Predict(s.text)
	s.opinion = &p
	if p.P < weights.SecondOpinion || p.Label == ix.topics[last].id {
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
	var m uint64
	for _, h := range a.hits {
		if h.r.kind == roleFacet && int(h.r.topic) == t {
			m |= spanMask(h.start, h.end)
		}
	}
	return m
}
