package bot

import (
	"fmt"

	"github.com/careerbot/careerbot/bot/classifier"
)

// The learned second opinion (bot/classifier) is asked only after every rule that answers,
// gates or declines for a reason has passed: where the rules would say "did you mean" or
// "I don't know that one". There, a label it is sure of (Policy.SecondOpinion) decides.

// useModel gives the index the learned model: opts.Model, or the one built in. The built-in
// model was trained on the shipped profile's topics; a profile without one of them (another
// occupation's knowledge file) is answered by the rules alone, with a warning, since the
// model's labels would not fit it. A model passed in Options must fit: that is an error.
func useModel(ix *index, opts Options, kbName string) error {
	m := opts.Model
	if m == nil {
		var err error
		if m, err = classifier.Load(); err != nil {
			return fmt.Errorf("new bot: %w", err)
		}
	}
	err := ix.useModel(m)
	switch {
	case err == nil:
		return nil
	case opts.Model != nil:
		return fmt.Errorf("new bot: knowledge base %s: %w", kbName, err)
	}
	ix.modelOff = fmt.Sprintf("the built-in learned model does not fit knowledge base %s (%v): answering with the rules alone", kbName, err)
	opts.Logger.Warn("careerbot: " + ix.modelOff)
	return nil
}

// ModelOff says why the learned second opinion is not in use, or "" when it is (or was
// left out on purpose with Options.RulesOnly).
func (b *Bot) ModelOff() string { return b.ix.modelOff }

// useModel checks that the model can speak for this profile: every label it predicts is
// a topic, a decline, help or small talk. A topic the profile lacks is an error rather
// than a label silently ignored, so that a model trained for another profile is noticed.
func (ix *index) useModel(m *classifier.Model) error {
	for _, l := range m.Labels() {
		if _, ok := ix.byID[l]; !ok && l != IntentNone && l != string(KindHelp) && l != string(KindSmalltalk) {
			return fmt.Errorf("the learned model predicts %q, which is not a topic here", l)
		}
	}
	ix.model = m
	p := ix.policy
	ix.wantsLabel = fmt.Sprintf("any label; a topic the rules found no evidence for needs %.2f, and in a question about nothing at work %.2f", p.SecondOpinionNoEvidence, p.SecondOpinionUnanchored)
	return nil
}

// secondOpinion: nothing the rules would answer, so the model may, when it is sure.
func secondOpinion(s *state) (decision, bool, string) {
	ix := s.ix
	if ix.model == nil {
		return pass()
	}
	pol := &s.ix.policy
	p := s.predict(ix.wantsLabel, pol.SecondOpinion)
	if p.P < pol.SecondOpinion {
		return pass()
	}
	switch p.Label {
	case IntentNone:
		return decided(s.modelDecline(p), -1)
	case string(KindHelp), string(KindSmalltalk):
		// Small talk the rules did not place is said only where they found some: "declare
		// a variable named golf" sounding like a request for help is still out of scope.
		if s.a.smalltalk < 0 {
			return decided(ix.decline(KindFallback, ix.replies.Unknown, s.conf), -1)
		}
		return decided(ix.smalltalkReply(s.a.smalltalk), s.prev.topic)
	}
	t := ix.byID[p.Label]
	if s.prev.topic < 0 && lex.FollowUp.NeedsTurn.startsAt(s.a.toks, 0) { // "what about hospitals?"
		return pass()
	}
	if !s.modelMayName(t, p.P) {
		// "remote?", "can this be done from home": about the work, the model says, and
		// asking what the profile lacks, the rules found: that is the reason to give.
		if u := s.a.unsupported; u >= 0 {
			return decided(ix.decline(KindFallback, ix.unsupTxt[u], p.P), -1)
		}
		return pass()
	}
	fi, ei := ix.facet(s.a, t)
	return decided(ix.answerReply(t, ix.partFor(t, fi, ei), p.P), t)
}

// modelMayName says whether the model's topic t, at probability p, may be answered. It
// needs evidence: the rules saw some for t, the question names the occupation ("whats
// medical registrar lol never heard b4"), or the model is sure (SecondOpinionNoEvidence)
// of a question about work ("how do I know if I'm cut out for this kind of work?"); one
// about nothing at work needs every word known and, like any such question, the model
// very sure (SecondOpinionUnanchored): it reads "battery health on this device" as duties
// from its words alone. One with no phrase found, nothing about work and mostly words the
// bot does not know ("can you mark this note as important") has only the model's guess.
func (s *state) modelMayName(t int, p float64) bool {
	a := s.a
	evidence := a.score[t] > 0 || a.subject || p >= s.ix.policy.SecondOpinionNoEvidence && (a.anchored || a.unknown == 0)
	if !evidence || !a.anchored && p < s.ix.policy.SecondOpinionUnanchored {
		return false
	}
	return a.anchored || len(a.hits) > 0 || a.unknown*2 <= a.content
}

// predict asks the model once per question, for the rule being tried, which needs wants
// at probability at or more to decide (for the trace).
func (s *state) predict(wants string, at float64) classifier.Prediction {
	if s.asks != nil {
		s.asks.list = append(s.asks.list, ModelAsk{Rule: s.asks.rule, Wants: wants, At: at})
	}
	if s.opinion == nil {
		p := s.ix.model.Predict(s.text)
		s.opinion = &p
	}
	return *s.opinion
}

// modelDecline is the decline for a question the model says is out of scope, with the
// reason that fits it best.
func (s *state) modelDecline(p classifier.Prediction) Reply {
	ix := s.ix
	// "remote?", "is the work stressful": what the profile lacks, asked alone or about the
	// work, so say that; "the price of bitcoin" is the economy's, not the price of school.
	if u := s.a.unsupported; u >= 0 && (s.a.onlyIn(s.a.unsupMask) || s.a.anchored) {
		if v := s.anyQuestionUnsupported(); v >= 0 && !s.a.anchored {
			u = v
		}
		return ix.decline(KindFallback, ix.unsupTxt[u], p.P)
	}
	// "should i invest in healthcare stocks": a reason that fits any question beats "I
	// don't know that one".
	if u := s.anyQuestionUnsupported(); u >= 0 {
		return ix.decline(KindFallback, ix.unsupTxt[u], p.P)
	}
	return ix.decline(KindFallback, ix.replies.Unknown, s.conf)
}

// ModelAsk is one rule's question to the model: it decides only when the model's best
// label is what it Wants, at probability At or more.
type ModelAsk struct {
	Rule  string  `json:"rule"`
	Wants string  `json:"wants"`
	At    float64 `json:"at"`
}

// What each rule that asks the model wants of its best label.
const (
	wantsNone          = "none (out of scope): the rules' answer becomes a decline"
	wantsOnePart       = "one of the parts the rules found: the answer is cut to it"
	wantsRunnerUp      = "another topic the rules found evidence for: it is answered instead"
	wantsOtherThanLast = "another label than the last answer's topic"
)
