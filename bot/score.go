package bot

// Stage 3, scores: topics ranked, confidence, and the facet and entity asked about.

import (
	"math"
	"math/bits"
)

// ranked returns the best and second-best topics and their scores.
func (a *analysis) ranked() (best, second int, s1, s2 float32) {
	best, second = -1, -1
	for t, s := range a.score {
		switch {
		case s <= 0:
		case best < 0 || s > s1:
			second, s2 = best, s1
			best, s1 = t, s
		case second < 0 || s > s2:
			second, s2 = t, s
		}
	}
	return
}

// confidence turns the scores into 0..1.
func (a *analysis) confidence(s1, s2 float32) float64 {
	if s1 <= 0 {
		return 0
	}
	w := &weights
	base := 1 - math.Exp(-w.Steepness*float64(s1))
	margin := float64((s1 - s2) / s1)
	c := base * (w.MarginFloor + w.MarginShare*margin)
	if unknown, content := a.askedWords(); content > 0 && unknown > 0 {
		c *= 1 - w.UnknownPenalty*float64(unknown)/float64(content)
	}
	if !a.anchored {
		// Nothing says the question is about a job: one shared word ("track a package",
		// "schedule a meeting") is not enough, least of all among unknown words.
		c *= w.Unanchored
		if unknown, content := a.askedWords(); content > 0 {
			c *= 1 - w.UnanchoredUnknown*float64(unknown)/float64(content)
		}
	}
	if a.foreignMine {
		c *= w.ForeignMine // "my gas bill", "my credit card application"
	}
	return math.Round(c*1000) / 1000
}

// maxFacets is the most facets a topic may have: scoring them needs no allocation.
const maxFacets = 16

// facet chooses the facet of topic t the question asks about, and the entity for an
// entity facet; -1 when none does.
func (ix *index) facet(a *analysis, t int) (fi, ei int) {
	var scores [maxFacets]float32 // New refuses a topic with more
	ti := &ix.topics[t]
	for j, h := range a.hits {
		if h.r.kind == roleFacet && int(h.r.topic) == t && int(h.r.facet) < len(scores) && !a.saidBefore(j) {
			scores[h.r.facet] += weights.FacetWord + weights.FacetExtraWord*float32(h.end-h.start-1)
		}
	}
	ei = -1
	for k, kind := range entityKinds {
		if f, ok := ti.kinds[kind]; ok && a.entity[k] >= 0 && f < len(scores) {
			// A named entity outranks two-word facet words: "highest paid in hospitals"
			// is about hospitals (and the answer says the profile has only medians there).
			scores[f] += weights.FacetEntity
			ei = a.entity[k]
		}
	}
	fi = -1
	var best float32
	for f := range ti.facets {
		if f < len(scores) && scores[f] > best {
			fi, best = f, scores[f]
		}
	}
	if fi >= 0 && ti.facets[fi].entity == "" {
		ei = -1
	}
	return fi, ei
}

// saidBefore says whether an earlier hit has the same role and words as hit j: "school"
// twice is no more a word for a facet than once.
func (a *analysis) saidBefore(j int) bool {
	h := a.hits[j]
	for _, o := range a.hits[:j] {
		if o.r == h.r && o.end-o.start == h.end-h.start && a.sameWords(o.start, h.start, h.end-h.start) {
			return true
		}
	}
	return false
}

// sameWords says whether the n tokens from i and from j are the same words.
func (a *analysis) sameWords(i, j, n int) bool {
	for k := 0; k < n; k++ {
		if a.toks[i+k].word != a.toks[j+k].word {
			return false
		}
	}
	return true
}

// secondEntity is a second entity of the kind facet fi of topic t is about, named beside
// the first ("hospitals vs doctors offices pay"), or -1.
func (ix *index) secondEntity(a *analysis, t, fi int) int {
	if fi < 0 {
		return -1
	}
	kind := ix.topics[t].facets[fi].entity
	for k, name := range entityKinds {
		if name == kind && kind != "" {
			return a.entity2[k]
		}
	}
	return -1
}

// ownScore is topic t's score from the positions in mask.
func (a *analysis) ownScore(t int, mask uint64) float32 {
	var s float32
	for m := mask; m != 0; m &= m - 1 {
		if i := bits.TrailingZeros64(m); i < maxTokens {
			s += a.tokW[t*maxTokens+i]
		}
	}
	return s
}

// sumScores adds up each topic's evidence and marks the positions that point at it.
func (a *analysis) sumScores(n int) {
	for t := 0; t < n; t++ {
		row := a.tokW[t*maxTokens : t*maxTokens+len(a.toks)]
		for i, w := range row {
			if w >= weights.Pointing {
				a.mask[t] |= 1 << i
			}
		}
		a.sumTopic(t)
	}
}

// sumTopic sets topic t's score from the evidence of each position.
func (a *analysis) sumTopic(t int) {
	var s float32
	row := a.tokW[t*maxTokens : t*maxTokens+len(a.toks)]
	for i, w := range row {
		if !a.repeated(row, i) {
			s += w
		}
	}
	a.score[t] = s
}

// repeated says whether the word at position i already gave its topic as much weight
// earlier in the question: "a quiet office job, is this that kind of job" says "job" once.
func (a *analysis) repeated(row []float32, i int) bool {
	if row[i] == 0 {
		return false
	}
	for j := 0; j < i; j++ {
		if row[j] >= row[i] && a.toks[j].word == a.toks[i].word {
			return true
		}
	}
	return false
}

// credit gives topic t weight w at position i, keeping the strongest reason per position.
func (a *analysis) credit(t, i int, w float32) {
	if i >= maxTokens {
		return
	}
	if p := &a.tokW[t*maxTokens+i]; w > *p {
		*p = w
	}
}

// coverGoals: a topic asked in the same clauses as a topic whose answer covers it (knowledge
// topics' covers) is part of that one's question: "do you have to go back to school to
// advance?" asks the advancement, whose answer gives the degree it takes.
func (a *analysis) coverGoals(covers [][]int) {
	for t, cs := range covers {
		if len(cs) == 0 || a.score[t] < weights.PartEvidence {
			continue
		}
		g := a.goal(t)
		if g == 0 {
			continue
		}
		in := clauseOf(g, a.seps(), len(a.toks))
		if in&1 != 0 && lex.Clauses.Purpose.startsAt(a.toks, 0) {
			in = ^uint64(0) // "to advance, is a bachelor's required?": the whole question's goal
		}
		for _, u := range cs {
			// Words of u outside the goal's clauses keep it asked, unless only told ("Do you
			// need a master's to advance? I don't want to go back to school for years").
			if a.mask[u]&in == 0 || a.mask[u]&^in&^a.told != 0 {
				continue
			}
			before := a.score[u]
			a.forget(u, in)
			a.score[t] += before - a.score[u]
		}
	}
}

// goal is the positions of topic t's words that come right after one of lexicon
// clauses.goal ("to advance").
func (a *analysis) goal(t int) uint64 {
	return a.spans(func(h hit) bool {
		return h.r.kind == roleKeyword && int(h.r.topic) == t && lex.Clauses.Goal.endsAt(a.toks, h.start-1)
	})
}

// askedWords are the unknown and content words outside the sentences told, when some are:
// words the bot does not know in "Everyone in my cohort throws it around" make "What
// does RHIT stand for?" no less clear.
func (a *analysis) askedWords() (unknown, content int) {
	if a.content > a.toldContent {
		return a.unknown - a.toldUnknown, a.content - a.toldContent
	}
	return a.unknown, a.content
}
