package bot

// Rules for what is not answered from a topic: the occupation alone, small talk,
// declines, "did you mean".

import (
	"math/bits"
	"strings"
)

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

// "hi, im a high school junior": a greeting and who the asker is, in one clause, with
// nothing asked yet, is a greeting; the words of the story ask no topic.
func greetingWithStory(s *state) (decision, bool, string) {
	a := s.a
	if a.smalltalk < 0 || a.smallMask&1 == 0 || a.asks() || strings.Contains(s.text, "?") {
		return pass()
	}
	i := bits.TrailingZeros64(^a.smallMask)
	for i < len(a.toks) && a.toks[i].sep {
		i++
	}
	if i >= len(a.toks) || !lex.Clauses.Story.startsAt(a.toks, i) {
		return pass()
	}
	for j := i; j < len(a.toks)-1; j++ {
		if a.toks[j].sep || lex.Clauses.StoryEnds.has(a.toks[j].word) {
			return pass() // "hi im a junior, and i want to know the pay", "yo im 19 how much…" go on
		}
	}
	return openingSmalltalk(s)
}

// What the profile lacks, in a question about work: "what time is it in Dallas" or "the
// price of a house" is not asking this profile for figures by city or for tuition. A reply
// marked any_question ("that is not about the occupation") fits any question.
func unsupported(s *state) (decision, bool, string) {
	if u := s.usableUnsupported(); u >= 0 && s.best >= 0 {
		return decided(s.ix.decline(KindFallback, s.ix.unsupTxt[u], s.conf), -1)
	}
	return pass()
}

// usableUnsupported is what the profile lacks that the question asks, or -1: the first
// named in a question about work; else one whose reply fits any question ("the fee for a
// cash advance" is not asking about tuition, but it is about a bank).
func (s *state) usableUnsupported() int {
	all := s.ix.kb.Language.Unsupported
	if u := s.a.unsupported; u < 0 || s.a.anchored || all[u].AnyQuestion {
		return u
	}
	return s.anyQuestionUnsupported()
}

// anyQuestionUnsupported is the first thing the profile lacks whose reply fits any
// question (the economy, something not about the work), or -1.
func (s *state) anyQuestionUnsupported() int {
	all := s.ix.kb.Language.Unsupported
	for _, h := range s.a.hits {
		if h.r.kind == roleUnsupported && all[h.r.idx].AnyQuestion {
			return int(h.r.idx)
		}
	}
	return -1
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
	r.Note = "" // the suggestions are the one line of what can be asked
	return decided(r, -1)
}

func unknown(s *state) (decision, bool, string) {
	return decided(s.ix.decline(KindFallback, s.ix.replies.Unknown, s.conf), -1)
}
