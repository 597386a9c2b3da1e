package bot

// Stage 2, hits: the phrases found in the tokens, overlaps settled, and their evidence.

import (
	"strconv"

	"github.com/careerbot/careerbot/knowledge"
)

// match finds every phrase in the tokens and scores the topics.
func (ix *index) match(a *analysis) {
	a.told, a.toldStrict = a.toldIn(true), a.toldIn(false) // from the tokens alone, read once
	ix.findHits(a)
	a.resolve()
	a.joinNames()
	a.joinLists()
	label := a.label() // "Disabled vet. Would I mostly work in hospitals?": told too
	a.told, a.toldStrict = a.told|label, a.toldStrict|label
	ix.creditHits(a)
	a.findOther(0)
	ix.readWords(a)
	a.sumScores(len(ix.topics))
	a.dropStory(len(ix.topics), ix.anchors)
	a.coverGoals(ix.covers)
}

// findHits finds every phrase that starts at every token.
func (ix *index) findHits(a *analysis) {
	toks := a.toks
	for i := range toks {
		for _, p := range ix.phrases.at(toks, i) {
			if end := ix.matchAt(toks, i+1, p.words[1:]); end > 0 {
				for _, r := range p.roles {
					a.hits = append(a.hits, hit{start: i, end: end, r: r})
				}
			}
		}
	}
}

// joinNames: an "and" inside a name ("health information technologists and medical
// registrars", "medical and health services managers") joins no clauses.
func (a *analysis) joinNames() {
	toks := a.toks
	for _, h := range a.hits {
		switch h.r.kind {
		case roleSubject, roleEntity, roleRelated, roleOther:
			for i := h.start + 1; i < h.end-1 && i < len(toks); i++ {
				if toks[i].sep && toks[i].word != "," {
					toks[i].sep = false
				}
			}
		}
	}
}

// joinLists: "and" between two entities of one kind ("RHIT and CTR details") joins no clauses.
func (a *analysis) joinLists() {
	for _, h := range a.hits {
		for _, o := range a.hits {
			if h.r.kind == roleEntity && o.r.kind == roleEntity && o.r.ekind == h.r.ekind && o.start == h.end+1 && a.toks[h.end].word != "," && conjunctions[a.toks[h.end].word] {
				a.toks[h.end].sep = false
			}
		}
	}
}

// creditHits turns hits into topic evidence and into what the question names.
func (ix *index) creditHits(a *analysis) {
	var kindSeen [numKinds]uint64 // per entity kind: topics already credited
	for _, h := range a.hits {
		span := spanMask(h.start, h.end)
		switch h.r.kind {
		case roleKeyword, roleFacet:
			t := int(h.r.topic)
			a.credit(t, h.start, h.r.weight)
			for k := h.start + 1; k < h.end; k++ {
				a.credit(t, k, weights.InsidePhrase) // inside a phrase: counted once, at its start
			}
		case roleEntity:
			ix.creditEntity(a, h, span, &kindSeen)
		case roleSubject:
			a.subject, a.anchored = true, true
			a.covered |= span
			a.subjMask |= span
		case roleRelated:
			if a.related < 0 && a.askedAbout(h.start) {
				a.related = int(h.r.idx)
			}
			a.covered |= span
			a.relMask |= span
		case rolePersonal:
			a.personal = true
		case roleAnchor:
			a.anchored = true
		case roleUnsupported:
			// What the profile lacks outright outranks a lack it answers around: "do cancer
			// registrars earn more than …" is a comparison, not a wage for cancer registrars.
			if a.unsupported < 0 || ix.unsupAns[a.unsupported] != "" && ix.unsupAns[h.r.idx] == "" {
				a.unsupported = int(h.r.idx)
			}
			a.unsupMask |= span // "benefits like insurance and paid vacation": all of it
		case roleSmalltalk:
			ix.creditSmalltalk(a, h, span)
		}
	}
}

// creditEntity records a named entity and credits each topic that answers about its kind,
// once per kind.
func (ix *index) creditEntity(a *analysis, h hit, span uint64, kindSeen *[numKinds]uint64) {
	k := h.r.ekind
	if a.entity[k] < 0 {
		a.entity[k] = int(h.r.idx)
	} else if a.entity[k] != int(h.r.idx) && a.entity2[k] < 0 {
		a.entity2[k] = int(h.r.idx)
	}
	a.covered |= span
	if entityKinds[k] == knowledge.KindIndustry {
		a.industries |= span
	}
	for t := range ix.topics {
		if _, ok := ix.topics[t].kinds[entityKinds[k]]; ok && kindSeen[k]&(1<<t) == 0 {
			kindSeen[k] |= 1 << t
			a.credit(t, h.start, entityEvidence[k])
		}
	}
}

// creditSmalltalk keeps the longest small-talk phrase.
func (ix *index) creditSmalltalk(a *analysis, h hit, span uint64) {
	a.smallMask |= span
	if ix.small[h.r.idx].AboutBot && h.end-h.start >= 2 {
		a.smallLong = true
	}
	if a.smalltalk < 0 || h.end-h.start > a.smallCover {
		a.smalltalk = int(h.r.idx)
		a.smallCover = max(a.smallCover, h.end-h.start)
	}
}

// findOther records the first other occupation that is what is asked about, not the
// asker's own or people the job works with, outside the positions in skip.
func (a *analysis) findOther(skip uint64) {
	toks := a.toks
	a.other, a.otherMask = "", 0
	for _, h := range a.hits {
		a.compared = a.compared || h.r.kind == roleOther && h.start > 0 && lex.SelfDescription.Compared.endsAt(toks, h.start-1)
		if h.r.kind == roleOther && a.other == "" && spanMask(h.start, h.end)&skip == 0 && a.askedAbout(h.start) {
			a.other = toks[h.start].word
		}
	}
	if a.other == "" {
		return
	}
	// Every mention of it: "my brother-in-law is a radiology tech …, how much do radiology
	// techs make" asks the pay about them, not apart from them.
	for _, h := range a.hits {
		if h.r.kind == roleOther && toks[h.start].word == a.other && spanMask(h.start, h.end)&skip == 0 {
			a.otherMask |= spanMask(h.start, h.end)
		}
	}
}

// readWords reads what single words say: anchors, years, "my" (lexicon: mine) before an unknown word,
// unknown words that look like occupations, and example-question words.
func (ix *index) readWords(a *analysis) {
	toks := a.toks
	for i, t := range toks {
		if ix.anchors[t.word] || a.namesEntity() {
			a.anchored = true
		}
		if t.word == string(lex.Mine) && a.mineBeforeUnknown(i) {
			a.foreignMine = true
		}
		if t.num && (i >= 64 || a.toldStrict&(1<<i) == 0) { // "a bachelor's from 2012" is the story's year
			ix.readYear(a, t.word)
		}
		if t.stop || t.sep || t.num {
			continue
		}
		told := i < 64 && a.toldStrict&(1<<i) != 0
		if !ix.subject[t.word] {
			a.content++
			if told {
				a.toldContent++
			}
		}
		if !t.known {
			a.unknown++
			if told {
				a.toldUnknown++
			}
			if a.other == "" && looksLikeOccupation(toks, i) && a.askedAbout(i) {
				a.other, a.otherMask, a.otherGuessed = t.word, spanMask(i, i+1), true
			}
			continue
		}
		for topic, w := range ix.example[t.word] {
			if w > 0 {
				a.credit(topic, i, w)
			}
		}
	}
}

// mineBeforeUnknown: "my" at i is followed within two words by one the bot does not know.
func (a *analysis) mineBeforeUnknown(i int) bool {
	for k := i + 1; k < len(a.toks) && k <= i+2; k++ {
		if !a.toks[k].known {
			return true
		}
	}
	return false
}

// readYear notes a year named in the question and whether the profile has figures for it.
func (ix *index) readYear(a *analysis, w string) {
	if len(w) != 4 {
		return
	}
	if y, _ := strconv.Atoi(w); y >= 1900 && y <= 2100 {
		a.year = y
		a.unknownYear = a.unknownYear || !ix.years[y]
	}
}

// matchAt matches words against toks from position i and returns the end of the match,
// or 0. The word "*" stands for the occupation or a word that stands in for it (lexicon:
// stand_ins) ("what do * do").
func (ix *index) matchAt(toks []token, i int, words []string) int {
	if len(words) == 0 {
		return i
	}
	if words[0] == "*" {
		named := false // "the" alone does not stand for the occupation
		for j := i; j < len(toks) && j < i+5; j++ {
			w := toks[j].word
			k := lex.standIn[w]
			if !ix.subject[w] && k == 0 {
				return 0
			}
			named = named || k != standArticle
			if !named {
				continue
			}
			if end := ix.matchAt(toks, j+1, words[1:]); end > 0 {
				return end
			}
		}
		return 0
	}
	if i >= len(toks) || toks[i].word != words[0] {
		return 0
	}
	return ix.matchAt(toks, i+1, words[1:])
}
