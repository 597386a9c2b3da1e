package bot

import "slices"

// Where the learned model may overrule an answer the rules would give: only when it is
// sure (Policy.Veto, Policy.OnePart), thresholds chosen by cross-validation over
// the tuning files with the bot itself (bot/classifier's TestPolicyFolds), never on a
// held-out set.

// learnedVeto: the rules would answer, without much confidence, and the model is sure
// (Policy.Veto) the question is out of scope ("CTR renewal how often", "my resume has a
// gap, will employers care for this job?"). The gates for other occupations and personal
// questions have decided already. Not vetoed, when the rules know every word: a question
// that names the occupation or one of the profile's entities ("tell me about the rhit";
// in another profile "what is the CCC?", whose words the model never saw), one whose
// every word they placed ("what is the best major"), and a follow-up, which the model
// reads without the conversation. Never vetoed: an answer with what the profile lacks
// said beside it ("what's the salary, and is it different in texas"), and a follow-up
// pointing back at the last answer ("and the top 10%?").
func learnedVeto(s *state) (decision, bool, string) {
	if s.ix.model == nil || !s.answerable() || s.conf >= s.ix.policy.VetoBelow || s.caveat != "" || s.rulesOwn() || s.prev.topic >= 0 && s.a.pointsBack() {
		return pass()
	}
	if p := s.predict(wantsNone, s.ix.policy.Veto); p.Label == IntentNone && p.P >= s.ix.policy.Veto {
		return decided(s.modelDecline(p), -1)
	}
	return pass()
}

// learnedOnePart: the rules found two or three parts, and the model is fairly sure (Policy.OnePart) the
// question asks one of them and not the others ("I'm terrible at tests. Is certification a
// must before you can get hired?" asks the certification, not also the jobs).
func learnedOnePart(s *state) (decision, bool, string) {
	ix := s.ix
	if ix.model == nil || len(s.ps) < 2 {
		return pass()
	}
	p := s.predict(wantsOnePart, ix.policy.OnePart)
	t, ok := ix.byID[p.Label]
	if !ok || p.P < ix.policy.OnePart || !slices.Contains(s.ps, t) {
		return pass()
	}
	if o, ok := ix.byID[p.Second]; ok && o != t && p.P2 >= ix.policy.OtherPart && slices.Contains(s.ps, o) {
		return pass()
	}
	s.best, s.ps = t, nil
	s.conf = max(s.a.confidence(s.a.score[t], 0), AnswerThreshold)
	return decision{}, false, "one part: " + p.Label
}

// learnedRunnerUp: the model is sure (Policy.RunnerUp) the question asks a topic the rules
// found evidence for but did not rank first: "I'm a medical biller. What credentials could
// help me specialize in health information?" asks the credentials, not the specialties.
// Floors on that topic's share of the best score, or on its evidence, were tried on the
// tuning sets (docs/matching.md): each cost more than it saved. Asked only under
// confidence VetoBelow, as the veto is: the same tuning score, and the model is not run
// for every question (BenchmarkAnswer 63,000 q/s when it was, 85,000-100,000 now).
func learnedRunnerUp(s *state) (decision, bool, string) {
	if s.ix.model == nil || !s.answerable() || s.ps != nil || s.second < 0 || s.conf >= s.ix.policy.VetoBelow {
		return pass()
	}
	p := s.predict(wantsRunnerUp, s.ix.policy.RunnerUp)
	t, ok := s.ix.byID[p.Label]
	if !ok || t == s.best || s.a.score[t] <= 0 || p.P < s.ix.policy.RunnerUp {
		return pass()
	}
	s.best, s.second, s.s1, s.s2 = t, s.best, s.a.score[t], s.s1 // the model's order, not the scores'
	s.conf = max(s.a.confidence(s.a.score[t], 0), AnswerThreshold)
	return decision{}, false, "runner-up: " + p.Label
}

// rulesOwn says whether the question is the rules' to answer whatever the model says:
// they know every word, and it names the occupation or an entity, or they placed every
// word, or it is a follow-up.
func (s *state) rulesOwn() bool {
	a := s.a
	placed := a.spans(func(hit) bool { return true }) // inside some phrase the rules found
	return a.unknown == 0 && (s.prev.topic >= 0 || a.subjMask != 0 || a.namesEntity() || a.onlyIn(placed))
}
