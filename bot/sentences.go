package bot

// Sentences told rather than asked: "I get really bad eye strain from screens. How much of
// this job is at a computer?" tells a story in its first sentence and asks in its second.

// toldIn is the positions of the sentences that tell rather than ask, when another
// sentence asks: a told sentence names the asker (lexicon: clauses.first_person), does
// not end with a question mark and does not open with an asking word. It is 0 when no
// sentence asks or the question is too long to place.
//
// With runOns, a run-on message's clauses are its sentences. match stores both readings in
// the analysis (told, toldStrict) once per question.
func (a *analysis) toldIn(runOns bool) uint64 {
	if len(a.toks) > 64 {
		return 0
	}
	cl := &lex.Clauses
	var told, cur uint64
	asked, opened, opensAsking, firstPerson := false, false, false, false
	end := func(asks bool) {
		switch {
		case cur == 0:
		case !asks && !opensAsking && firstPerson:
			told |= cur
		default:
			asked = true
		}
		cur, opened, opensAsking, firstPerson = 0, false, false, false
	}
	// A run-on message ("ive been a registrar for 5 years, my manager is nice, what can
	// this job lead to") has its sentences between commas.
	runOn := runOns && a.runOn()
	for i, t := range a.toks {
		cur |= 1 << i
		if t.ends || runOn && t.sep && t.word == "," {
			end(t.asks)
			continue
		}
		if !t.sep && !opened && !cl.LeadIns.has(t.word) {
			opened, opensAsking = true, cl.Asking.has(t.word)
		}
		firstPerson = firstPerson || cl.FirstPerson.has(t.word)
		// "before i panic - what schooling do i need": an asking word inside asks.
		opensAsking = opensAsking || runOn && cl.StoryEnds.has(t.word)
		opensAsking = opensAsking || cl.Requests.startsAt(a.toks, i)
	}
	end(false)
	if !asked {
		return 0
	}
	return told
}

// namesAskerOutside says whether a word outside the positions m names the asker
// (lexicon: clauses.first_person).
func (a *analysis) namesAskerOutside(m uint64) bool {
	for i, t := range a.toks {
		if (i >= 64 || m&(1<<i) == 0) && lex.Clauses.FirstPerson.has(t.word) {
			return true
		}
	}
	return false
}

// label is the positions of a label the asker opens with ("Nurse switching careers: do I
// need analytical skills?", "Disabled vet. Would I mostly work in hospitals?"), told like
// a sentence about the asker: the message's first clause, set apart, asking nothing, of
// more than one word, not opening with a purpose ("to move up into management, …";
// lexicon: clauses.purpose), ended by a mark rather than a conjunction, naming neither the asker nor this occupation, before a clause that
// asks and does not point back at the people named ("nurse practitioners in rural areas,
// what do they make"; lexicon: self_description.point_back).
func (a *analysis) label() uint64 {
	end := 0
	for end < len(a.toks) && !a.toks[end].sep {
		end++
	}
	if end == 0 || end >= len(a.toks)-1 || end >= 64 || a.toks[end].asks || a.toks[end].word != "," || a.subjMask&(1<<end-1) != 0 {
		return 0
	}
	words := 0
	for j, t := range a.toks[:end] {
		if j == 0 && (lex.Clauses.Asking.has(t.word) || lex.Clauses.Purpose.startsAt(a.toks, j)) || lex.Clauses.FirstPerson.has(t.word) || lex.SelfDescription.Compared.startsAt(a.toks, j) {
			return 0
		}
		if !t.stop {
			words++
		}
	}
	rest := a.toks[end+1:]
	for _, t := range rest {
		if lex.SelfDescription.PointBack.has(t.word) {
			return 0
		}
	}
	if words < 2 || !rest[len(rest)-1].asks && !lex.Clauses.Asking.has(rest[0].word) {
		return 0
	}
	return 1<<end - 1
}

// hitOutside says whether a hit of kind k starts outside the positions m.
func (a *analysis) hitOutside(k roleKind, m uint64) bool {
	for _, h := range a.hits {
		if h.r.kind == k && (h.start >= 64 || m&(1<<h.start) == 0) {
			return true
		}
	}
	return false
}

// pointsThere says whether "there", at a position not in skip, points at a place named
// before ("what's the pay there") rather than saying something exists ("there will be
// many jobs", "is there").
func (a *analysis) pointsThere(skip uint64) bool {
	fu := &lex.FollowUp
	for i := range a.toks {
		if i < 64 && skip&(1<<i) != 0 {
			continue
		}
		if t := a.toks[i]; t.word != string(fu.There) || i > 0 && fu.ThereIs.has(a.toks[i-1].word) {
			continue
		}
		if next := i + 1; next < len(a.toks) && fu.ThereIs.has(a.toks[next].word) {
			continue
		}
		return true
	}
	return false
}

// pointsThereFrom is pointsThere for the words from position from on.
func (a *analysis) pointsThereFrom(from int) bool { return a.pointsThere(1<<from - 1) }

// onlyLeadIns says whether toks are nothing but words that lead in ("so", "ok") and
// separators.
func onlyLeadIns(toks []token) bool {
	for _, t := range toks {
		if !t.sep && !lex.Clauses.LeadIns.has(t.word) {
			return false
		}
	}
	return true
}

// setApart says whether the words from i run to a separator: "a vet, i want to know".
func setApart(toks []token, i int) bool {
	for ; i < len(toks) && !toks[i].stop; i++ {
		if toks[i].sep {
			return true
		}
	}
	return false
}

// runOn says whether a message of more than one clause has no sentence end but, perhaps,
// its last mark: "so i finished my associates in HIM, what certifications could i go after".
func (a *analysis) runOn() bool {
	commas := false
	for i, t := range a.toks {
		switch {
		case t.ends && i < len(a.toks)-1:
			return false
		case t.sep && t.word == ",":
			commas = true
		}
	}
	return commas
}
