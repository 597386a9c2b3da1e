package bot

import (
	"fmt"

	"github.com/careerbot/careerbot/bot/classifier"
)

// The learned second opinion (bot/classifier) is asked only after every rule that answers,
// gates or declines for a reason has passed: where the rules would say "did you mean" or
// "I don't know that one". There, a label it is sure of (weights.SecondOpinion) decides.

// useModel checks that the model can speak for this profile: every label it predicts is
// a topic, a decline, help or small talk. A topic the profile lacks is an error rather
// than a label silently ignored, so that a model trained for another profile is noticed.
func (ix *index) useModel(m *classifier.Model) error {
	for _, l := range m.Labels() {
		if _, ok := ix.byID[l]; !ok && l != IntentNone && l != string(KindHelp) && l != string(KindSmalltalk) {
			return fmt.Errorf("the learned model predicts %q, which is not a topic here", l)
		}
	}
	ix.helpEntry = -1
	for i, s := range ix.small {
		if s.Kind == string(KindHelp) {
			ix.helpEntry = i
			break
		}
	}
	if ix.helpEntry < 0 {
		return fmt.Errorf("the learned model needs a small-talk entry of kind help")
	}
	ix.model = m
	return nil
}

// secondOpinion: nothing the rules would answer, so the model may, when it is sure.
func secondOpinion(s *state) (decision, bool, string) {
	ix := s.ix
	if ix.model == nil {
		return pass()
	}
	p := ix.model.Predict(s.text)
	s.opinion = &p
	if p.P < weights.SecondOpinion {
		return pass()
	}
	switch p.Label {
	case IntentNone:
		return decided(ix.decline(KindFallback, ix.replies.Unknown, s.conf), -1)
	case string(KindHelp), string(KindSmalltalk):
		i := s.a.smalltalk
		if i < 0 {
			i = ix.helpEntry
		}
		return decided(ix.smalltalkReply(i), s.prev.topic)
	}
	t := ix.byID[p.Label]
	fi, ei := ix.facet(s.a, t)
	return decided(ix.answerReply(t, ix.partFor(t, fi, ei), p.P), t)
}
