package bot

// What the words of a follow-up say: which topic each word points at, and whether that is
// the last turn's topic or another.

import (
	"math/bits"
	"strings"
)

// "what's the pay at doctors' offices", then "which industry is best": every word that
// points at the best topic points at the last one too, so the conversation's topic is
// meant. "what is the median pay in hospitals", then "and how much of the workforce is
// there": the last topic's words are only "how much", and "workforce" is another topic's.
// "what percent earn that", "do employers require it" (after the RHIT): "that" or "it" at
// the end points at the last answer ("is it an office job?" does not), and as many words
// say its topic as say the other.
func followUpWhatWordsSay(s *state) (decision, bool, string) {
	a, last := s.a, s.prev.topic
	if last < 0 || s.best < 0 || s.excluded() {
		return pass()
	}
	said := a.contentEvidence(last)
	if s.best != last && a.content == 0 && bits.OnesCount64(a.words()) <= 4 && a.onePhraseFor(s.best) && a.evidence(s.best, true) != a.words() && strings.ContainsAny(s.ix.lastPart(s.prev).Lead, "0123456789") {
		// "by how much" after the growth: nothing but "how much" says pay, something else
		// is said with it, and the last answer has a figure of its own to ask about ("how
		// much?" alone, "how much do they make there" are the pay).
		s.best, s.s2 = last, 0
		s.conf = max(a.confidence(a.score[last], 0), AnswerThreshold)
		return decision{}, false, "only stop words point elsewhere; best topic is the last one: " + s.ix.topics[last].id
	}
	if s.best != last {
		// Every word shared only after an answer about one of what the words name ("which
		// industry is best" after pay in doctors' offices); "top employers" after the
		// median is the employment.
		dim := s.prev.dim >= 0 || s.prev.facet >= 0 && s.ix.topics[last].facets[s.prev.facet].entity != ""
		dim = dim && a.hitsFor(last)&^a.contentEvidence(s.best) != 0 // "best" beside "industry"; "employers?" alone is the employment
		short := bits.OnesCount64(a.words()) <= maxShort
		if other := a.contentEvidence(s.best); short && said != 0 && (dim && other&^said == 0 || a.endsPointing() && bits.OnesCount64(said) >= bits.OnesCount64(other)) {
			was := s.ix.topics[s.best].id
			s.best, s.s2 = last, 0
			s.conf = max(a.confidence(a.score[last], 0), AnswerThreshold)
			return decision{}, false, "every word for " + was + " is the last topic's too: " + s.ix.topics[last].id
		}
		return pass()
	}
	if said != 0 || s.ix.answersNamed(a, last) {
		return pass() // "same for doctors offices?": the entity is the last topic's word
	}
	t := -1
	for u := range a.score {
		if u != last && a.contentEvidence(u) != 0 && (t < 0 || a.score[u] > a.score[t]) {
			t = u
		}
	}
	if t < 0 {
		return pass()
	}
	s.best, s.second, s.s1, s.s2 = t, last, a.score[t], a.score[last]
	s.conf = max(a.confidence(a.score[t], 0), AnswerThreshold)
	return decision{}, false, "no word but a stop word is the last topic's; best topic is " + s.ix.topics[t].id
}

// contentEvidence is the positions of words, not stop words, that point at topic t.
func (a *analysis) contentEvidence(t int) uint64 { return a.evidence(t, false) }

// wordEvidence is the least credit by which a word says a topic for the follow-up rules: a
// facet word (0.25) says it, a word of the topic's example questions (0.05) does not.
const wordEvidence = 0.2

// evidence is the positions of words that say topic t, stop words too when stops: every
// word of a phrase that says it ("per year" is pay's in both words).
func (a *analysis) evidence(t int, stops bool) uint64 {
	var said uint64
	for i := range a.toks {
		if i < 64 && i < maxTokens && a.tokW[t*maxTokens+i] >= wordEvidence {
			said |= 1 << i
		}
	}
	for _, h := range a.hits {
		if (h.r.kind == roleKeyword || h.r.kind == roleFacet) && int(h.r.topic) == t && h.r.weight >= wordEvidence {
			said |= spanMask(h.start, h.end)
		}
	}
	var m uint64
	for i, tk := range a.toks {
		if i < 64 && said&(1<<i) != 0 && (stops || !tk.stop) && !tk.sep {
			m |= 1 << i
		}
	}
	return m
}

// answersNamed says whether topic t answers about an entity the question names.
func (ix *index) answersNamed(a *analysis, t int) bool {
	for k, kind := range entityKinds {
		if _, ok := ix.topics[t].kinds[kind]; ok && a.entity[k] >= 0 {
			return true
		}
	}
	return false
}

// onePhraseFor says whether one phrase of stop words ("how much") is all that points at
// topic t.
func (a *analysis) onePhraseFor(t int) bool {
	span := -1
	for _, h := range a.hits {
		if (h.r.kind == roleKeyword || h.r.kind == roleFacet) && int(h.r.topic) == t {
			if span >= 0 && span != h.start<<8|h.end {
				return false
			}
			span = h.start<<8 | h.end
		}
	}
	return span >= 0 && a.evidence(t, false) == 0
}

// words is the positions of every word but separators.
func (a *analysis) words() uint64 {
	var m uint64
	for i, tk := range a.toks {
		if i < 64 && !tk.sep {
			m |= 1 << i
		}
	}
	return m
}

// endsPointing says whether the question's last word is a demonstrative ("do employers
// require it", not "is it an office job?" or "credentials for this job?").
func (a *analysis) endsPointing() bool {
	for i := len(a.toks) - 1; i >= 0; i-- {
		if !a.toks[i].sep {
			return lex.FollowUp.Demonstratives.has(a.toks[i].word)
		}
	}
	return false
}

// hitsFor is the positions of every phrase that points at topic t, whatever its weight
// ("best" is pay's highest facet at weight 0).
func (a *analysis) hitsFor(t int) uint64 {
	return a.spans(func(h hit) bool { return (h.r.kind == roleKeyword || h.r.kind == roleFacet) && int(h.r.topic) == t })
}

// spans is the positions inside every phrase found that keep holds for.
func (a *analysis) spans(keep func(h hit) bool) uint64 {
	var m uint64
	for _, h := range a.hits {
		if keep(h) {
			m |= spanMask(h.start, h.end)
		}
	}
	return m
}
