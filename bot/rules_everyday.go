package bot

// "i am looking for a suit for work", "look up the major gods in mythology":
// the only evidence for the topic is an everyday word (lexicon: everyday), nothing beside
// it is about work, and the question says something else besides. It is about that other
// thing: declined as a question the bot does not know, before the rules or the learned
// model answer from the everyday word. What the profile lacks is left to its own rules,
// whose reasons say more.
func everydayWordsOnly(s *state) (decision, bool, string) {
	a := s.a
	if s.best < 0 || s.ps != nil || a.unsupported >= 0 || !s.ix.everydayOnly(a, s.best) {
		return pass()
	}
	return decided(s.ix.decline(KindFallback, s.ix.replies.Unknown, s.conf), -1)
}

// everydayOnly says whether topic t's evidence is everyday words alone in a question that
// names nothing about work beside them and has a content word no phrase accounts for.
func (ix *index) everydayOnly(a *analysis, t int) bool {
	if a.subject || a.related >= 0 || a.other != "" || a.personal || len(a.toks) > 64 {
		return false
	}
	e := lex.Everyday.find(a.toks)
	if e == 0 || a.mask[t]&^e != 0 {
		return false
	}
	var inHit uint64
	for _, h := range a.hits {
		span := spanMask(h.start, h.end)
		if h.r.kind == roleAnchor && span&^e != 0 {
			return false // "this job", "same as this"
		}
		inHit |= span
	}
	stray := false
	for i, tok := range a.toks {
		if e&(1<<i) != 0 {
			continue
		}
		if ix.anchors[tok.word] || ix.subject[tok.word] || lex.standIn[tok.word] == standName {
			return false // "what major should they pick", "a major for this": about work after all
		}
		// A word spelling correction changed is no evidence either way ("related carrers").
		if !tok.stop && !tok.sep && !tok.num && !tok.fixed && inHit&(1<<i) == 0 {
			stray = true
		}
	}
	return stray
}
