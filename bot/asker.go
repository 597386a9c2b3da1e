package bot

// Who a question is about: an occupation named as the asker's own or as people the job
// works with is context, not the subject.

import "math/bits"

// selfDescription says whether the occupation at position i is context rather than what is
// asked about: the asker's own ("I'm a medical assistant and ..."), or people the job works
// with ("do they teach nurses", "help patients but not be a nurse"). The words are
// lexicon/english.yaml's self_description.
func selfDescription(toks []token, i int) bool {
	sd := &lex.SelfDescription
	// "teacher here", "career changer here (teacher)": who is asking, not what about.
	if sd.FollowedBy.startsAt(toks, i+1) {
		return true
	}
	if i >= 1 {
		// "help patients", "I do help desk at a clinic", "I work in IT help desk".
		if sd.After.endsAt(toks, i-1) {
			return true
		}
		// "teach nurses and doctors".
		if sd.Joiners.has(toks[i-1].word) && i >= 2 && !toks[i-2].stop && selfDescription(toks, i-2) {
			return true
		}
	}
	// "i am a high school biology teacher": look back over a few words that describe
	// the occupation to the article.
	for k := 1; k <= 4 && i-k >= 1; k++ {
		w := toks[i-k]
		article := sd.Articles.has(w.word)
		if w.sep || w.stop && !article {
			break
		}
		if article {
			i = i - k + 1
			break
		}
	}
	if i < 2 || !sd.Articles.has(toks[i-1].word) {
		return false
	}
	// "I'm a", "not be a", "I work as a"; "my wife is a pharmacy tech".
	if sd.BeforeArticle.endsAt(toks, i-2) && !sd.Aims.endsAt(toks, i-2) {
		return true
	}
	// "As a hospital administrator, I'd like to know…": who asks, opening the question and
	// set apart by a comma ("as a nurse how much would i make" asks about nursing).
	if sd.Opening.has(toks[i-2].word) && onlyLeadIns(toks[:i-2]) && setApart(toks, i) {
		return true
	}
	return i >= 3 && sd.FamilyVerbs.has(toks[i-2].word) && sd.Family.has(toks[i-3].word)
}

// ownWork says whether the question asks about the asker's own line of work ("I'm a
// nurse, how much do we make", "teacher here, is my field growing"): then the occupation
// they named is what is asked about after all.
func ownWork(toks []token) bool {
	for i := range toks {
		if lex.OwnWork.startsAt(toks, i) {
			return true
		}
	}
	return false
}

// toldBefore says whether the occupation at position i is part of the asker's story told
// before the question: its clause asks nothing and a later clause names this occupation
// ("i hate being on my feet all day as a cashier, is this job sitting down mostly?", "i
// dropped out of nursing school, do health information techs need a bachelors").
func (a *analysis) toldBefore(i int) bool {
	if i >= 64 || len(a.toks) > 64 {
		return false
	}
	// A clause that opens by asking asks ("how much do nurses make, and do health info
	// techs make more"); an asking word further in is part of the story ("a career changer
	// who has spent fifteen years as a line cook").
	mine := clauseOf(1<<i, a.seps(), len(a.toks))
	for m := mine; m != 0; m &= m - 1 {
		w := a.toks[bits.TrailingZeros64(m)].word
		if lex.Clauses.Asking.has(w) {
			return false
		}
		if !lex.Clauses.LeadIns.has(w) {
			break
		}
	}
	ours := a.subjMask
	for _, h := range a.hits {
		if h.r.kind == roleAnchor {
			ours |= spanMask(h.start, h.end)
		}
	}
	last := 63 - bits.LeadingZeros64(mine)
	return last < 63 && ours>>(last+1) != 0
}

// storyClauses is the positions of the asker's story told before a question: from a clause
// opening with a story phrase (lexicon: clauses.story) or "my" and one of the family ("my
// son is a senior"), through each clause after it that does not open with an asking word,
// when a clause that does follows.
func (a *analysis) storyClauses() uint64 {
	if len(a.toks) > 64 {
		return 0
	}
	var out, pending, cur uint64
	story, open := false, true
	for i, t := range a.toks {
		if t.sep {
			if story {
				pending |= cur
			}
			cur, open = 0, true
			continue
		}
		if open && !lex.Clauses.LeadIns.has(t.word) {
			open = false
			switch {
			case lex.Clauses.Asking.has(t.word):
				story, out = false, out|pending
				pending = 0
			case lex.Clauses.Story.startsAt(a.toks, i), t.word == string(lex.Mine) && i+1 < len(a.toks) && lex.SelfDescription.Family.has(a.toks[i+1].word):
				story = true
			}
		}
		if story && lex.Clauses.StoryEnds.has(t.word) {
			out, pending, story = out|pending|cur, 0, false // "I'm 45 - what schooling is required"
			cur = 0
		}
		cur |= 1 << i
	}
	return out
}

// dropStory takes the words of the asker's story out of the evidence for each topic the
// question after it does not ask itself: "my daughter want to study this in usa, what
// salary she can expect?" asks the pay, not also the education. A question that points
// back at the story ("I'm shy, is that a problem") asks about it: nothing is taken.
func (a *analysis) dropStory(n int, anchors map[string]bool) {
	if s := a.storyClauses(); s != 0 && !a.pointsAtStory(s, anchors) && a.dropEvidence(n, s) {
		a.story = s
		a.dropStoryEntities()
	}
	// "i am from philippines thinking to study this. will there be many jobs in this field?":
	// what the profile lacks, named only in a sentence told, is not asked.
	// Only whole sentences: in a run-on message the clause after the story often asks
	// about it ("my hospital pays me $41k, is that fair").
	strict := a.toldStrict
	if a.unsupMask != 0 && a.unsupMask&^strict == 0 && !a.pointsThere(strict) { // "I'm moving to California. What's the pay there?", not "…over there. In the US, …"
		a.unsupported, a.unsupMask = -1, 0
	}
	// "I make 32k as a receptionist. What do these jobs pay?": so is the asker's own
	// situation, told and not asked.
	if a.personal && strict != 0 && !a.hitOutside(rolePersonal, strict) {
		a.personal = false
	}
	// A sentence told is only context unless the question points back at it ("…under
	// $30,000 a year. Is that accurate?", "my hospital pays me $41k, is that fair").
	if told := a.told; told != 0 && !a.pointsAtStory(told, anchors) && !a.endsPointing() {
		// In a run-on message a personal clause told is context too ("is there a credential
		// for documentation improvement, my manager mentioned it in my review"), unless
		// the question asks about the asker ("my boss won't promote me, what do i do").
		if a.personal && !a.hitOutside(rolePersonal, told) && !a.namesAskerOutside(told) {
			a.personal = false
		}
		// "I know most of them work in offices. Can I do this job fully remote?": no
		// evidence for what the sentences asked do not ask.
		a.dropEvidence(n, told)
	}
	// "what does it pay if you work for a consulting firm": the condition names where,
	// and asks nothing itself; what it names stays. A condition that names nothing ("would
	// I like this if I hate blood") may be the question.
	if c := a.clausesFrom(func(i int) bool { return lex.Clauses.Condition.has(a.toks[i].word) }); c != 0 && a.namesEntityIn(c) {
		a.dropEvidence(n, c)
	}
	// "beyond staring at a screen, what are the actual tasks" asks only the duties; what is
	// set aside is not asked about, an occupation included ("not a clinician, right? so…").
	if c := a.clausesFrom(func(i int) bool { return lex.Clauses.SetAside.startsAt(a.toks, i) }); c != 0 && a.dropEvidence(n, c) && a.otherMask&c != 0 {
		a.findOther(c)
	}
}

// dropEvidence takes the words at positions s out of the evidence for each topic the rest
// of the question does not ask itself, when the rest asks some topic; it says whether it did.
func (a *analysis) dropEvidence(n int, s uint64) bool {
	asked := false
	for t := 0; t < n; t++ {
		asked = asked || a.ownScore(t, a.mask[t]&^s) >= weights.PartEvidence
	}
	for t := 0; t < n && asked; t++ {
		if a.ownScore(t, a.mask[t]&^s) >= weights.PartEvidence {
			continue
		}
		a.forget(t, s)
	}
	return asked
}

// forget takes the words at positions s out of topic t's evidence.
func (a *analysis) forget(t int, s uint64) {
	for m := s & a.mask[t]; m != 0; m &= m - 1 {
		a.tokW[t*maxTokens+bits.TrailingZeros64(m)] = 0
	}
	a.mask[t] &^= s
	a.sumTopic(t)
}

// clausesFrom is the positions from each token where opens holds to the end of its
// clause: "if you work for a consulting firm" (lexicon: clauses.condition).
func (a *analysis) clausesFrom(opens func(i int) bool) uint64 {
	var out uint64
	in := false
	for i, t := range a.toks {
		if i >= maxTokens {
			break
		}
		in = !t.sep && (in || opens(i))
		if in {
			out |= 1 << i
		}
	}
	return out
}

// dropStoryEntities forgets what the story alone names: "i work the front desk at a
// clinic, would this pay more" asks the occupation's pay, not the pay in doctors' offices;
// "i work at a hospital, what do they make there" points back at it.
func (a *analysis) dropStoryEntities() {
	if a.saysThere() {
		return
	}
	var outside [numKinds]bool
	for _, h := range a.hits {
		if h.r.kind == roleEntity && spanMask(h.start, h.end)&^a.story != 0 {
			outside[h.r.ekind] = true
		}
	}
	for k := range a.entity {
		if !outside[k] {
			a.entity[k], a.entity2[k] = -1, -1
		}
	}
}

// pointsAtStory says whether the word after the story's end is an asking word followed by
// a demonstrative ("..., is that a problem"), not by one and a word about work ("is that
// field going to grow" asks about the occupation).
func (a *analysis) pointsAtStory(s uint64, anchors map[string]bool) bool {
	i := 64 - bits.LeadingZeros64(s)
	for i < len(a.toks) && a.toks[i].sep {
		i++
	}
	if i+1 >= len(a.toks) || !lex.Clauses.Asking.has(a.toks[i].word) || !lex.FollowUp.Demonstratives.has(a.toks[i+1].word) {
		return false
	}
	return i+2 >= len(a.toks) || !anchors[a.toks[i+2].word]
}

// relatedAskedAbout: the related occupation named first is what the question is about,
// right after "does" and an article ("what does a health services manager do").
func (a *analysis) relatedAskedAbout() bool {
	if a.relMask == 0 {
		return false
	}
	j := bits.TrailingZeros64(a.relMask) - 1
	if j >= 0 && lex.StandIns.Articles.has(a.toks[j].word) {
		j--
	}
	return j >= 0 && lex.AskedAbout.has(a.toks[j].word)
}

// onlyIn: every content word of the question (not a stop word, separator or number) is
// at one of the positions in m.
func (a *analysis) onlyIn(m uint64) bool {
	for i, t := range a.toks {
		if !t.stop && !t.sep && !t.num && (i >= maxTokens || m&(1<<i) == 0) {
			return false
		}
	}
	return true
}

// askedAbout says whether an occupation (another or a related one) at position i is what
// is asked about: not the asker's own ("I'm a counselor putting together…") or people the
// job works with, not "rn" for right now, not a story told before a question about this
// occupation ("I make $42k as a medical biller … what's the pay for this occupation?"),
// not in a sentence told rather than asked ("As a teacher I'm on my feet all day. What's
// the work setting like?"), not a word describing a thing ("a nursing degree": lexicon
// self_description.describes).
func (a *analysis) askedAbout(i int) bool {
	own := ownWork(a.toks)
	if i+1 < len(a.toks) && lex.SelfDescription.Describes.has(a.toks[i+1].word) || i < 64 && a.toldStrict&(1<<i) != 0 && !own {
		return false
	}
	return (!selfDescription(a.toks, i) || own) && !rightNow(a.toks, i) && !a.toldBefore(i)
}
