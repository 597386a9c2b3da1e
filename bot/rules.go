package bot

import "github.com/careerbot/careerbot/bot/classifier"

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

	text    string                 // the question as asked, for the learned model
	opinion *classifier.Prediction // the model's, once asked

	asks *modelAsks // only when tracing
}

// modelAsks is, for the trace, the rule being tried and each rule that asked the model,
// with what it needed.
type modelAsks struct {
	rule string
	list []ModelAsk
}

// decision is what a rule decided: the reply and the topic the conversation is now on;
// keep says the reply is about the last turn's own answer ("is that good?"), which stays
// the turn to follow up.
type decision struct {
	reply Reply
	topic int
	keep  bool
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
	{"follow_up_smalltalk", followUpSmalltalk},
	{"follow_up_this_occupation", followUpThisOccupation},
	{"follow_up_other_occupation", followUpOther},
	{"follow_up_there", followUpThere},
	{"follow_up_other_inside", followUpOtherInside},
	{"follow_up_obtain", followUpObtain},
	{"follow_up_entity_lacks", followUpEntityLacks},
	{"follow_up_compare", followUpCompare},
	{"follow_up_whole", followUpWhole},
	{"follow_up_entity", followUpEntity},
	{"follow_up_two", followUpTwo},
	{"follow_up_now", followUpNow},
	{"follow_up_year", followUpYear},
	{"follow_up_sub_occupation", followUpSubOccupation},
	{"follow_up_trend", followUpTrend},
	{"conversation_tie", conversationTie},
	{"follow_up_what_words_say", followUpWhatWordsSay},
	{"follow_up_ranked", followUpRanked},
	{"follow_up_own_facet", followUpOwnFacet},
	{"follow_up_related_named", followUpRelatedNamed},
	{"follow_up_same_answer", followUpSameAnswer},
	{"follow_up_in_answer", followUpInAnswer},
	{"follow_up_its_facet", followUpItsFacet},
	{"follow_up_facet", followUpFacet},
	{"follow_up_model_says", followUpModelSays},
	{"follow_up_points_back", followUpPointsBack},
	{"follow_up_occupation_named", followUpOccupationNamed},
	{"follow_up_more", followUpMore},
	{"follow_up_alone", followUpAlone},
	{"follow_up_unsupported", followUpUnsupported},
	{"follow_up_group", followUpGroup},
	{"follow_up_that_one", followUpThatOne},
	{"personal", personal},
	{"other_occupation", otherOccupation},
	{"related_occupation", relatedOccupation},
	{"about_the_bot", aboutTheBot},
	{"everyday_words_only", everydayWordsOnly},
	{"greeting_with_story", greetingWithStory},
	{"own_names_compared", ownNamesCompared},
	{"multi_part_topics", multiPartTopics},
	{"learned_one_part", learnedOnePart},
	{"learned_runner_up", learnedRunnerUp},
	{"unsupported_beside_answer", unsupportedBesideAnswer},
	{"year_not_in_profile", yearNotInProfile},
	{"learned_veto", learnedVeto},
	{"multi_part", multiPart},
	{"two_entities", twoEntities},
	{"answer", answer},
	{"unsupported_about_occupation", unsupportedAboutOccupation},
	{"occupation_named_only", occupationNamedOnly},
	{"only_smalltalk", onlySmalltalk},
	{"opening_smalltalk", openingSmalltalk},
	{"unsupported", unsupported},
	{"second_opinion", secondOpinion},
	{"did_you_mean", didYouMean},
	{"unknown", unknown},
}

func newState(ix *index, a *analysis, prev turn, text string) *state {
	s := &state{ix: ix, a: a, prev: prev, text: text}
	s.best, s.second, s.s1, s.s2 = a.ranked()
	s.conf = a.confidence(s.s1, s.s2)
	return s
}

// run tries the rules in order and returns the first decision, tracing when tr is set.
func (s *state) run(tr *Trace) decision {
	if tr != nil {
		s.asks = &modelAsks{}
	}
	for _, r := range rules {
		if s.asks != nil {
			s.asks.rule = r.name
		}
		d, ok, adjusted := r.decide(s)
		if tr != nil {
			tr.rule(r.name, ok, adjusted)
		}
		if ok {
			d.reply.Rule = r.name
			if tr != nil {
				tr.Decided, tr.Confidence = r.name, d.reply.Confidence
				tr.opinion(s.opinion, s.asks.list)
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

func kept(r Reply, topic int) (decision, bool, string) {
	return decision{reply: r, topic: topic, keep: true}, true, ""
}

// answerable says whether the question gets an answer from the profile rather than a
// suggestion or a decline.
func (s *state) answerable() bool {
	return s.best >= 0 && (s.conf >= AnswerThreshold || s.ps != nil)
}
