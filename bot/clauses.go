package bot

// Clauses: where a question has parts (multi-part answers, what is asked apart from what
// the profile lacks) and whether it points back at the last answer.

import (
	"math/bits"
	"slices"
)

// seps is the set of clause boundaries: punctuation and conjunctions.
func (a *analysis) seps() uint64 {
	var m uint64
	for i, t := range a.toks {
		if t.sep && i < 64 {
			m |= 1 << i
		}
	}
	return m
}

// parts finds the topics of a multi-part question: topics with their own strong words, in
// different clauses. It returns nil for a one-topic question.
func (ix *index) parts(a *analysis, best int) []int {
	sepMask := a.seps()
	if sepMask == 0 {
		return nil
	}
	out := []int{best}
	told := a.told
	for len(out) < 3 {
		next := -1
		for t := range ix.topics {
			if slices.Contains(out, t) || a.score[t] < weights.PartEvidence || next >= 0 && a.score[t] <= a.score[next] || told != 0 && !a.keywordAt(t, ^told) {
				continue
			}
			ok := true
			for _, o := range out {
				// Naming an industry is no part of its own: "pay at doctors offices"
				// is about pay, not also about jobs.
				own, other := a.split(t, o)
				if a.ownScore(t, own) < weights.PartEvidence || !a.keywordAt(t, own) || other == 0 || !separated(own, other, sepMask) {
					ok = false
					break
				}
				if a.continuation(own, other, sepMask) || !a.ownsAClause(t, o, own, other, sepMask) {
					ok = false
					break
				}
			}
			if ok {
				next = t
			}
		}
		if next < 0 {
			break
		}
		out = append(out, next)
	}
	if len(out) < 2 {
		return nil
	}
	// Answered in the order asked: "salary and job outlook?" gets the pay first, whichever
	// scored higher.
	slices.SortStableFunc(out, func(x, y int) int {
		return bits.TrailingZeros64(a.mask[x]) - bits.TrailingZeros64(a.mask[y])
	})
	return out
}

// ownsAClause says whether t's own words outweigh o's in some clause that holds them; where
// o's outweigh them everywhere, they are what o is asked about ("which credentials can
// these workers earn" asks about credentials, not pay).
func (a *analysis) ownsAClause(t, o int, own, other, sep uint64) bool {
	for m := own; m != 0; m &= m - 1 {
		c := clauseOf(m&-m, sep, len(a.toks))
		if a.ownScore(t, own&c) >= a.ownScore(o, other&c) {
			return true
		}
	}
	return false
}

// keywordAt says whether a keyword of topic t starts at one of the positions in m: facet
// words ("behind" the outlook) and example words alone make no part of a question.
func (a *analysis) keywordAt(t int, m uint64) bool {
	for _, h := range a.hits {
		if h.r.kind == roleKeyword && int(h.r.topic) == t && h.start < 64 && m&a.mask[t]&(1<<h.start) != 0 { // not forgotten
			return true
		}
	}
	return false
}

// clauseOf is the set of positions in the clauses that hold some position of mask.
func clauseOf(mask, sep uint64, n int) uint64 {
	var out, cur uint64
	hit := false
	for i := 0; i < n && i < 64; i++ {
		if sep&(1<<i) != 0 {
			if hit {
				out |= cur
			}
			cur, hit = 0, false
			continue
		}
		cur |= 1 << i
		hit = hit || mask&(1<<i) != 0
	}
	if hit {
		out |= cur
	}
	return out
}

// continuation says whether the clause holding own is a bare phrase that continues a
// longer question elsewhere ("which agency publishes the profile behind your wage and
// employment figures"), not a question of its own ("what's the salary and the outlook").
func (a *analysis) continuation(own, other, sep uint64) bool {
	n := len(a.toks)
	mine := clauseOf(own, sep, n)
	for m := mine; m != 0; m &= m - 1 {
		if lex.Clauses.Asking.has(a.toks[bits.TrailingZeros64(m)].word) {
			return false
		}
	}
	// "im a bio major trying to figure out my options": the asker's story, not a question.
	if lex.Clauses.Story.startsAt(a.toks, bits.TrailingZeros64(mine)) {
		return true
	}
	theirs := clauseOf(other, sep, n) &^ mine
	content := 0
	for m := theirs; m != 0; m &= m - 1 {
		// The occupation's own name is no part of how long a question is.
		if i := bits.TrailingZeros64(m); !a.toks[i].stop && !a.toks[i].sep && a.subjMask&(1<<i) == 0 {
			content++
		}
	}
	return content > 4
}

// asks says whether any word outside small talk opens a question ("thanks, what schools
// offer it"), so that the question, not the thanks, gets the reply.
func (a *analysis) asks() bool {
	for i, t := range a.toks {
		if i < 64 && a.smallMask&(1<<i) == 0 && lex.Clauses.Asking.has(t.word) && (i == 0 || a.toks[i-1].sep || a.smallMask&(1<<(i-1)) != 0) {
			return true
		}
	}
	return false
}

// aside says whether what the profile lacks (the positions in other) is asked in a clause
// of its own, after topic t's ("what's the salary, and do they get benefits", "what do
// they earn, and what do nurses make"): then t can be answered and the rest declined,
// instead of declining all of it.
func (a *analysis) aside(t int, other uint64, shared bool) bool {
	sep := a.seps()
	if other == 0 {
		return false
	}
	// Only what t has outside the clause that asks the rest counts, and not in a sentence
	// told ("I know most work in offices. Can I do this job fully remote?").
	own := a.mask[t] &^ clauseOf(other, sep, len(a.toks))
	if told := a.told; !a.pointsAtStory(told, nil) {
		own &^= told // "…48k a year as a medical assistant, would this be a raise?" points back
	}
	if own == 0 || a.ownScore(t, own) < weights.PartEvidence {
		return false
	}
	mine := clauseOf(own, sep, len(a.toks))
	// Asked first, or after a joining word ("is it remote and what does it pay"; commas
	// alone may list: "what benefits, such as insurance, do employers offer"), in a
	// clause of its own that is not the asker's story ("im an HIT at mercy hospital, can
	// i switch to day shift" asks only about the shift).
	if bits.TrailingZeros64(own) > bits.TrailingZeros64(other) && !a.joinedBetween(other, own) {
		return false
	}
	first := bits.TrailingZeros64(mine)
	return !lex.Clauses.AsideStory.startsAt(a.toks, first) && !(shared && lex.Clauses.SharedSubject.has(a.toks[first].word))
}

// joinedBetween: a joining word other than a comma stands between the last position of x
// and the first of y after it.
func (a *analysis) joinedBetween(x, y uint64) bool {
	for i := 64 - bits.LeadingZeros64(x); i < bits.TrailingZeros64(y) && i < len(a.toks); i++ {
		if a.toks[i].sep && a.toks[i].word != "," {
			return true
		}
	}
	return false
}

// asideTopic is the topic to answer beside what the profile lacks (best, else the strongest
// asked apart from it), or -1; shared: a later clause may go on with what is lacked.
func (a *analysis) asideTopic(best int, other uint64, shared bool) int {
	if best >= 0 && a.aside(best, other, shared) {
		return best
	}
	alt := -1
	for t, s := range a.score {
		if t != best && s >= weights.PartEvidence && (alt < 0 || s > a.score[alt]) && a.aside(t, other, shared) {
			alt = t
		}
	}
	return alt
}

// separated says whether a clause boundary lies between some position of x and some of y.
func separated(x, y, sep uint64) bool {
	for s := sep; s != 0; s &= s - 1 {
		b := uint64(1) << bits.TrailingZeros64(s)
		below := b - 1
		above := ^below &^ b
		if x&below != 0 && y&above != 0 || y&below != 0 && x&above != 0 {
			return true
		}
	}
	return false
}

// pointsBack says whether a question reads as a follow-up to the last answer: short, and
// either pointing at it ("is that a lot?", "where do most of them come from") or opening
// as a continuation ("and for medical registrars?", "what about the technologists").
func (a *analysis) pointsBack() bool {
	content := 0
	for _, t := range a.toks {
		if !t.stop && !t.sep {
			content++
		}
	}
	if content > 4 || len(a.toks) == 0 || a.unknown > 1 {
		return false
	}
	fu := &lex.FollowUp
	if fu.Opens.startsAt(a.toks, 0) {
		return true
	}
	for _, t := range a.toks {
		if fu.PointsAt.has(t.word) {
			return true
		}
	}
	return a.subject && content <= 2 // "the technologists?"
}

// demonstrative says whether the question points with "that", "it", "this" and the like
// (follow_up.demonstratives).
func (a *analysis) demonstrative() bool {
	for _, t := range a.toks {
		if lex.FollowUp.Demonstratives.has(t.word) {
			return true
		}
	}
	return false
}

// saysThere says whether "there" points at a place ("how much do they make there?"),
// not "there is" ("how many jobs are there").
func (a *analysis) saysThere() bool {
	fu := &lex.FollowUp
	for i, t := range a.toks {
		if t.word == string(fu.There) && (i == 0 || !fu.ThereIs.has(a.toks[i-1].word)) {
			return true
		}
	}
	return false
}

// split is the positions that point at t clearly more than at o (own), less industries ("pay at
// doctors offices" is about pay, not also about jobs), and those that point only at o (other):
// "number of jobs" is the jobs, though it is also a facet of the outlook.
func (a *analysis) split(t, o int) (own, other uint64) {
	both := a.mask[t] & a.mask[o]
	for m := both; m != 0; m &= m - 1 {
		i := bits.TrailingZeros64(m)
		if i >= maxTokens {
			continue
		}
		// a word the part points at clearly more strongly is its own; the other topic's
		// stay shared (it is already asked)
		if a.tokW[t*maxTokens+i] >= weights.ClearlyMore*a.tokW[o*maxTokens+i] {
			own |= 1 << i
		}
	}
	own |= a.mask[t] &^ a.mask[o]
	other |= a.mask[o] &^ a.mask[t]
	return own &^ a.industries, other
}

// namesEntityIn: an entity (industry, credential, quality) is named at positions in m.
func (a *analysis) namesEntityIn(m uint64) bool {
	for _, h := range a.hits {
		if h.r.kind == roleEntity && spanMask(h.start, h.end)&m != 0 {
			return true
		}
	}
	return false
}
