package bot

import (
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/careerbot/careerbot/knowledge"
)

// Matching thresholds. Confidence is 1-exp(-score) scaled down when the best topic is
// barely ahead of the next one or when the question is full of words the bot does not know.
const (
	// AnswerThreshold is the confidence from which the bot answers a topic.
	AnswerThreshold = 0.45
	// SuggestThreshold is the confidence from which, below AnswerThreshold, the bot asks
	// "did you mean" instead of saying it does not know.
	SuggestThreshold = 0.2
)

// entityEvidence is what naming an entity of each kind (entityKinds' order) counts.
var entityEvidence = [3]float32{weights.EntityIndustry, weights.EntityCredential, weights.EntityQuality}

type token struct {
	word  string // normalized, after synonyms and spelling correction
	stop  bool
	known bool
	num   bool
	sep   bool // a clause boundary: punctuation or a conjunction
	fixed bool // spelling-corrected
}

type hit struct {
	start, end int
	r          role
}

// analysis is what the matcher learned about one question. It lives in a pooled scratch
// so answering allocates almost nothing.
type analysis struct {
	buf        []byte
	toks       []token
	hits       []hit
	score      []float32 // per topic
	tokW       []float32 // per topic per token position
	mask       []uint64  // per topic: positions that point at it
	covered    uint64    // positions inside entity, subject or related-occupation names
	industries uint64    // positions inside industry names, which point at more than one topic

	unknown, content int
	personal         bool
	other            string // another occupation named, as typed
	related          int    // related occupation named, or -1
	unsupported      int    // unsupported request, or -1
	unsupMask        uint64 // its positions
	otherMask        uint64 // positions of the other occupation named
	entity           [3]int // per entity kind: the entity named, or -1
	entity2          [3]int // per entity kind: a second one named ("hospitals vs doctors offices")
	subject          bool
	smalltalk        int    // smalltalk entry, or -1
	smallCover       int    // longest smalltalk phrase
	smallMask        uint64 // positions covered by smalltalk phrases
	subjMask         uint64 // positions naming the occupation itself
	smallLong        bool   // a phrase of two words or more about the bot itself matched
	anchored         bool   // the question names the occupation or a job word
	year             int    // a year named in the question, or 0
	unknownYear      bool   // a year the profile has no figures for
	foreignMine      bool   // "my" before a word the bot does not know
}

var analysisPool = sync.Pool{New: func() any { return new(analysis) }}

func (ix *index) getAnalysis() *analysis {
	a := analysisPool.Get().(*analysis)
	n := len(ix.topics)
	if cap(a.score) < n {
		a.score = make([]float32, n)
		a.mask = make([]uint64, n)
		a.tokW = make([]float32, n*maxTokens)
	}
	a.score = a.score[:n]
	a.mask = a.mask[:n]
	a.tokW = a.tokW[:n*maxTokens]
	clear(a.score)
	clear(a.mask)
	clear(a.tokW)
	a.toks = a.toks[:0]
	a.hits = a.hits[:0]
	a.covered, a.industries = 0, 0
	a.unknown, a.content = 0, 0
	a.personal = false
	a.other = ""
	a.related, a.unsupported, a.smalltalk = -1, -1, -1
	a.entity = [3]int{-1, -1, -1}
	a.entity2 = [3]int{-1, -1, -1}
	a.subject = false
	a.smallCover = 0
	a.smallMask = 0
	a.subjMask = 0
	a.unsupMask = 0
	a.otherMask = 0
	a.smallLong = false
	a.anchored = false
	a.foreignMine = false
	a.year, a.unknownYear = 0, false
	return a
}

func putAnalysis(a *analysis) {
	if cap(a.toks) > 4*maxTokens {
		return // an outsized question: let its buffers go
	}
	analysisPool.Put(a)
}

// read turns text into tokens.
func (ix *index) read(a *analysis, sp *speller, text string) {
	s := stripMarkup(clip(text)) // bound first: stripping scans the text
	a.buf = lowerText(a.buf[:0], s)
	str := string(a.buf) // tokens are slices of it; one allocation per question
	for len(str) > 0 && len(a.toks) < maxTokens {
		i := strings.IndexByte(str, ' ')
		var w string
		if i < 0 {
			w, str = str, ""
		} else {
			w, str = str[:i], str[i+1:]
		}
		if w == "" {
			continue
		}
		if w == "," {
			if n := len(a.toks); n > 0 && !a.toks[n-1].sep {
				a.toks = append(a.toks, token{word: ",", sep: true})
			}
			continue
		}
		if strings.IndexByte(w, '\'') >= 0 {
			for _, x := range expandWord(w) {
				ix.push(a, sp, x)
			}
			continue
		}
		ix.push(a, sp, w)
	}
}

// push adds one word, through synonyms, stems and spelling correction.
func (ix *index) push(a *analysis, sp *speller, w string) {
	if len(a.toks) >= maxTokens || w == "" {
		return
	}
	if syn, ok := ix.synonyms[w]; ok {
		for _, x := range syn {
			ix.pushKnown(a, x, false)
		}
		return
	}
	if isNumber(w) {
		a.toks = append(a.toks, token{word: w, num: true, known: true})
		return
	}
	c := canon(w)
	if ix.vocab[c] {
		ix.pushKnown(a, c, false)
		return
	}
	// Chat spellings the edit distance misses on short words: a dropped final g
	// ("growin", "makin") and a z for a plural s ("jobz", "certz").
	if n := len(w); n > 4 && w[n-2:] == "in" {
		if g := canon(w + "g"); ix.vocab[g] {
			ix.pushKnown(a, g, true)
			return
		}
	} else if n > 3 && w[n-1] == 'z' {
		if z := canon(w[:n-1] + "s"); ix.vocab[z] {
			ix.pushKnown(a, z, true)
			return
		}
	}
	if isEnglish(w) {
		// A real word the bot does not know ("incoming", "feet") is not a typo of one it
		// does ("income", "fees").
		a.toks = append(a.toks, token{word: c})
		return
	}
	fixed := sp.correct(c)
	if fixed == "" && c != w {
		fixed = sp.correct(w)
	}
	if fixed != "" {
		if syn, ok := ix.synonyms[fixed]; ok {
			for _, x := range syn {
				ix.pushKnown(a, x, true)
			}
			return
		}
		ix.pushKnown(a, fixed, true)
		return
	}
	a.toks = append(a.toks, token{word: c})
}

func (ix *index) pushKnown(a *analysis, w string, fixed bool) {
	if len(a.toks) >= maxTokens {
		return
	}
	t := token{word: w, known: true, stop: stopwords[w], fixed: fixed}
	if conjunctions[w] {
		t.sep = true
	}
	a.toks = append(a.toks, t)
}

// match finds every phrase in the tokens and scores the topics.
func (ix *index) match(a *analysis) {
	toks := a.toks
	n := len(ix.topics)
	for i := range toks {
		for _, p := range ix.phrases[toks[i].word] {
			if end := ix.matchAt(toks, i+1, p.words[1:]); end > 0 {
				for _, r := range p.roles {
					a.hits = append(a.hits, hit{start: i, end: end, r: r})
				}
			}
		}
	}
	a.resolve()
	// An "and" inside a name ("health information technologists and medical registrars",
	// "medical and health services managers") joins no clauses.
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
	var kindSeen [3]uint64 // per entity kind: topics already credited
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
		case roleSubject:
			a.subject = true
			a.anchored = true
			a.covered |= span
			a.subjMask |= span
		case roleRelated:
			if a.related < 0 && (!selfDescription(toks, h.start) || ownWork(toks)) {
				a.related = int(h.r.idx)
			}
			a.covered |= span
		case rolePersonal:
			a.personal = true
		case roleUnsupported:
			if a.unsupported < 0 {
				a.unsupported = int(h.r.idx)
				a.unsupMask = span
			}
		case roleSmalltalk:
			a.smallMask |= span
			if ix.small[h.r.idx].AboutBot && h.end-h.start >= 2 {
				a.smallLong = true
			}
			if a.smalltalk < 0 || h.end-h.start > a.smallCover {
				a.smalltalk = int(h.r.idx)
				a.smallCover = max(a.smallCover, h.end-h.start)
			}
		}
	}
	for _, h := range a.hits {
		if h.r.kind == roleOther && a.other == "" && (!selfDescription(toks, h.start) || ownWork(toks)) && !rightNow(toks, h.start) {
			a.other = toks[h.start].word
			a.otherMask = spanMask(h.start, h.end)
		}
	}
	for i, t := range toks {
		if ix.anchors[t.word] || a.entity != [3]int{-1, -1, -1} {
			a.anchored = true
		}
		if t.word == "my" {
			for k := i + 1; k < len(toks) && k <= i+2; k++ {
				if !toks[k].known {
					a.foreignMine = true
				}
			}
		}
		if t.num && len(t.word) == 4 {
			if y, _ := strconv.Atoi(t.word); y >= 1900 && y <= 2100 {
				a.year = y
				a.unknownYear = a.unknownYear || !ix.years[y]
			}
		}
		if t.stop || t.sep || t.num {
			continue
		}
		if !ix.subject[t.word] {
			a.content++
		}
		if !t.known {
			a.unknown++
			if a.other == "" && looksLikeOccupation(toks, i) {
				a.other = t.word
				a.otherMask = spanMask(i, i+1)
			}
			continue
		}
		if ew, ok := ix.example[t.word]; ok {
			for topic := 0; topic < n; topic++ {
				if ew[topic] > 0 {
					a.credit(topic, i, ew[topic])
				}
			}
		}
	}
	for t := 0; t < n; t++ {
		var s float32
		row := a.tokW[t*maxTokens : t*maxTokens+len(toks)]
		for i, w := range row {
			s += w
			if w >= weights.Pointing {
				a.mask[t] |= 1 << i
			}
		}
		a.score[t] = s
	}
}

// onlySmalltalk says whether every word that matters is part of a smalltalk phrase.
func (a *analysis) onlySmalltalk() bool {
	if a.smalltalk < 0 {
		return false
	}
	for i, t := range a.toks {
		if !t.stop && !t.sep && a.smallMask&(1<<i) == 0 {
			return false
		}
	}
	return true
}

// matchAt matches words against toks from position i and returns the end of the match,
// or 0. The word "*" stands for the occupation or a pronoun for it ("what do * do").
func (ix *index) matchAt(toks []token, i int, words []string) int {
	if len(words) == 0 {
		return i
	}
	if words[0] == "*" {
		named := false // "the" alone does not stand for the occupation
		for j := i; j < len(toks) && j < i+5; j++ {
			w := toks[j].word
			if !ix.subject[w] && !standIns[w] {
				return 0
			}
			named = named || w != "a" && w != "an" && w != "the"
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

// standIns are words that stand for the occupation in a question.
var standIns = setOf("they", "them", "he", "she", "a", "an", "the", "these", "those", "people",
	"worker", "this", "that", "one", "someone", "person", "job", "folk")

// resolve settles overlapping hits: a name owns its words, so "doctors offices" is an
// industry (not the office work setting), "offices of physicians" is not about physicians,
// and "hospital administrator" is another occupation, not the hospital industry.
func (a *analysis) resolve() {
	inside := func(h, o hit) bool {
		return h.start >= o.start && h.end <= o.end && o.end-o.start > h.end-h.start
	}
	isName := func(k roleKind) bool {
		return k == roleEntity || k == roleSubject || k == roleRelated || k == roleOther || k == roleUnsupported
	}
	kept := a.hits[:0]
	for _, h := range a.hits {
		drop := false
		for _, o := range a.hits {
			if h.r.kind == roleKeyword && o.r.kind == roleKeyword && o.r.topic != h.r.topic && inside(h, o) {
				drop = true // a phrase beats its parts: "learn more" is not "learn"
				break
			}
			if h.r.kind == roleUnsupported && o.r.kind == roleSmalltalk && inside(h, o) {
				drop = true // "good night" says goodbye; it asks nothing about night shifts
				break
			}
			if !isName(o.r.kind) || !inside(h, o) && !(h.r.kind == roleOther && o.r.kind != roleOther && h.start >= o.start && h.end <= o.end) {
				continue
			}
			switch {
			case o.r.kind == roleUnsupported && h.r.kind != roleOther:
				// An unsupported phrase ("nursing homes") only outranks an occupation
				// ("nursing") inside it; its own words still count for topics.
			case h.r.kind == roleKeyword, h.r.kind == roleEntity, h.r.kind == roleSubject, h.r.kind == roleRelated, h.r.kind == roleOther, h.r.kind == roleUnsupported:
				drop = true
			}
		}
		if !drop {
			kept = append(kept, h)
		}
	}
	a.hits = kept
}

// selfDescription says whether the occupation at position i is context rather than what is
// asked about: the asker's own ("I'm a medical assistant and ..."), or people the job works
// with ("do they teach nurses", "help patients but not be a nurse").
func selfDescription(toks []token, i int) bool {
	// "teacher here", "career changer here (teacher)": who is asking, not what about.
	if i+1 < len(toks) && toks[i+1].word == "here" {
		return true
	}
	if i >= 1 {
		switch toks[i-1].word {
		case "teach", "train", "help", "support", "with", "than", "like", "besides", "beside", "from", "here":
			return true
		case "do": // "I do help desk at a clinic"
			if i >= 2 && toks[i-2].word == "i" {
				return true
			}
		case "in": // "I work in IT help desk"
			if i >= 2 {
				switch toks[i-2].word {
				case "work", "working", "worked", "job":
					return true
				}
			}
		case "and", "or": // "teach nurses and doctors"
			if i >= 2 && !toks[i-2].stop && selfDescription(toks, i-2) {
				return true
			}
		}
	}
	// "i am a high school biology teacher": look back over a few words that describe
	// the occupation to the article.
	for k := 1; k <= 4 && i-k >= 1; k++ {
		w := toks[i-k]
		if w.sep || w.stop && w.word != "a" && w.word != "an" {
			break
		}
		if w.word == "a" || w.word == "an" {
			i = i - k + 1
			break
		}
	}
	if i < 2 || toks[i-1].word != "a" && toks[i-1].word != "an" {
		return false
	}
	switch toks[i-2].word {
	case "am", "was", "currently", "im", "been", "former", "than", "like":
		return true
	case "be":
		return i >= 3 && toks[i-3].word == "not"
	case "as": // "I work as a receptionist"; but "as a nurse, how much would I make" asks about nursing
		if i >= 3 {
			switch toks[i-3].word {
			case "work", "working", "worked", "employed", "job":
				return true
			}
		}
	case "is": // "my wife is a pharmacy tech"
		if i >= 3 && family[toks[i-3].word] {
			return true
		}
	}
	return false
}

// family are the people whose jobs an asker mentions as context.
var family = setOf("wife", "husband", "partner", "son", "daughter", "kid", "child", "friend", "mom",
	"dad", "mother", "father", "sister", "brother", "cousin", "aunt", "uncle", "boyfriend", "girlfriend",
	"roommate", "neighbor", "grandma", "grandpa")

// ownWork says whether the question asks about the asker's own line of work ("I'm a
// nurse, how much do we make", "teacher here, is my field growing"): then the occupation
// they named is what is asked about after all.
func ownWork(toks []token) bool {
	for i, t := range toks {
		switch t.word {
		case "we", "our", "ours", "us":
			return true
		case "my":
			if i+1 < len(toks) {
				switch toks[i+1].word {
				case "field", "job", "occupation", "profession", "career", "industry", "line", "work", "role", "trade", "position":
					return true
				}
			}
		case "like":
			if i+1 < len(toks) && toks[i+1].word == "me" && i > 0 && (toks[i-1].word == "people" || toks[i-1].word == "someone" || toks[i-1].word == "folks") {
				return true
			}
		}
	}
	return false
}

// rightNow says whether "rn" at position i is chat for "right now" ("is it growing rn",
// "im a cashier rn w/ a diploma", "rn, how much do they make") rather than a registered
// nurse ("how much do rn make", "who hires rn", "is rn a good career"): no article,
// preposition or verb before it makes it a noun, and nothing asked about nurses follows.
func rightNow(toks []token, i int) bool {
	if toks[i].word != "rn" {
		return false
	}
	ends := i+1 == len(toks) || toks[i+1].sep
	if i == 0 {
		return ends
	}
	switch toks[i-1].word {
	case "a", "an", "the", "as", "for", "of", "to", "be", "become", "becoming", "being", "my", "your", "their", "other", "fellow", "than", "like", "vs", "versus", "or", "and", "do", "does", "many", "most", "some", "all", "is", "are",
		"hire", "hires", "hiring", "employ", "employs", "pay", "pays", "paid", "need", "needs", "want", "wants":
		return false
	}
	if ends {
		return true
	}
	switch toks[i+1].word {
	case "make", "makes", "earn", "earns", "get", "gets", "do", "does", "work", "works", "salary", "pay", "job", "jobs",
		"program", "programs", "degree", "license", "vs", "versus", "nurse", "nurses", "school", "a", "an", "the", "worth", "in":
		return false
	case "or":
		return i+2 < len(toks) && toks[i+2].word == "not"
	}
	return true
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

func spanMask(start, end int) uint64 {
	var m uint64
	for i := start; i < end && i < 64; i++ {
		m |= 1 << i
	}
	return m
}

// looksLikeOccupation says whether an unknown word is probably another job: it ends like a
// person noun ("welders", "baristas") and sits where a job goes ("do welders", "as a barista").
func looksLikeOccupation(toks []token, i int) bool {
	w := toks[i].word
	suffix := false
	for _, s := range []string{"er", "ist", "ian", "or", "ista"} {
		if len(w) > len(s)+2 && strings.HasSuffix(w, s) {
			suffix = true
			break
		}
	}
	if !suffix || i == 0 || thingsNotPeople[w] {
		return false
	}
	switch toks[i-1].word {
	case "do", "does", "are", "a", "an", "as", "become", "becoming", "for", "being":
		return true
	}
	return false
}

// thingsNotPeople end like person nouns but name things: "citation for a paper".
var thingsNotPeople = setOf("paper", "computer", "number", "answer", "letter", "order", "center",
	"centre", "matter", "semester", "quarter", "chapter", "summer", "winter", "error", "color",
	"colour", "floor", "door", "major", "minor", "factor", "sector", "monitor", "printer", "folder",
	"poster", "flyer", "calculator", "browser", "register", "perfectionist", "optimist",
	"pessimist", "realist", "idealist", "minimalist", "introvert", "extrovert", "ambivert")

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
	if a.content > 0 && a.unknown > 0 {
		frac := float64(a.unknown) / float64(a.content)
		c *= 1 - w.UnknownPenalty*frac
	}
	if !a.anchored {
		// Nothing says the question is about a job: one shared word ("track a package",
		// "schedule a meeting") is not enough, least of all among unknown words.
		c *= w.Unanchored
		if a.content > 0 {
			c *= 1 - w.UnanchoredUnknown*float64(a.unknown)/float64(a.content)
		}
	}
	if a.foreignMine {
		c *= w.ForeignMine // "my gas bill", "my credit card application"
	}
	return math.Round(c*1000) / 1000
}

// facet chooses the facet of topic t the question asks about, and the entity for an
// entity facet; -1 when none does.
func (ix *index) facet(a *analysis, t int) (fi, ei int) {
	var scores [16]float32
	ti := &ix.topics[t]
	for _, h := range a.hits {
		if h.r.kind == roleFacet && int(h.r.topic) == t && int(h.r.facet) < len(scores) {
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
	for len(out) < 3 {
		next := -1
		for t := range ix.topics {
			if slices.Contains(out, t) || a.score[t] < weights.PartEvidence || next >= 0 && a.score[t] <= a.score[next] {
				continue
			}
			ok := true
			for _, o := range out {
				// Naming an industry is no part of its own: "pay at doctors offices"
				// is about pay, not also about jobs.
				own, other := a.mask[t]&^a.mask[o]&^a.industries, a.mask[o]&^a.mask[t]
				if a.ownScore(t, own) < weights.PartEvidence || own == 0 || other == 0 || !separated(own, other, sepMask) {
					ok = false
					break
				}
				if a.continuation(own, other, sepMask) {
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
	return out
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

// asking words open a question of their own.
var asking = setOf("what", "whats", "how", "where", "when", "which", "who", "why", "is", "are",
	"do", "does", "did", "can", "could", "will", "would", "should", "tell", "list", "describe",
	"explain", "give", "show", "any", "was", "were")

// continuation says whether the clause holding own is a bare phrase that continues a
// longer question elsewhere ("which agency publishes the profile behind your wage and
// employment figures"), not a question of its own ("what's the salary and the outlook").
func (a *analysis) continuation(own, other, sep uint64) bool {
	n := len(a.toks)
	mine := clauseOf(own, sep, n)
	for m := mine; m != 0; m &= m - 1 {
		if asking[a.toks[bits.TrailingZeros64(m)].word] {
			return false
		}
	}
	// "im a bio major trying to figure out my options": the asker's story, not a question.
	if first := bits.TrailingZeros64(mine); first+1 < n && a.toks[first].word == "i" {
		switch a.toks[first+1].word {
		case "am", "was", "work", "study", "have", "live":
			return true
		}
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
		if i < 64 && a.smallMask&(1<<i) == 0 && asking[t.word] && (i == 0 || a.toks[i-1].sep || a.smallMask&(1<<(i-1)) != 0) {
			return true
		}
	}
	return false
}

// aside says whether what the profile lacks (the positions in other) is asked in a clause
// of its own, after topic t's ("what's the salary, and do they get benefits", "what do
// they earn, and what do nurses make"): then t can be answered and the rest declined,
// instead of declining all of it.
func (a *analysis) aside(t int, other uint64) bool {
	sep := a.seps()
	if other == 0 {
		return false
	}
	// Only what t has outside the clause that asks the rest counts.
	own := a.mask[t] &^ clauseOf(other, sep, len(a.toks))
	if own == 0 || a.ownScore(t, own) < weights.PartEvidence {
		return false
	}
	mine := clauseOf(own, sep, len(a.toks))
	// Asked first, in a clause of its own that is not the asker's story ("im an HIT at
	// mercy hospital, can i switch to day shift" asks only about the shift).
	if bits.TrailingZeros64(own) > bits.TrailingZeros64(other) {
		return false
	}
	first := bits.TrailingZeros64(mine)
	return !(first+1 < len(a.toks) && a.toks[first].word == "i" && (a.toks[first+1].word == "am" || a.toks[first+1].word == "was"))
}

// asideTopic is the topic to answer beside what the profile lacks: best if it is asked
// apart from it, else the strongest topic that is, or -1.
func (a *analysis) asideTopic(best int, other uint64) int {
	if best >= 0 && a.aside(best, other) {
		return best
	}
	alt := -1
	for t, s := range a.score {
		if t != best && s >= weights.PartEvidence && (alt < 0 || s > a.score[alt]) && a.aside(t, other) {
			alt = t
		}
	}
	return alt
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
	for i, t := range a.toks {
		switch t.word {
		case "that", "it", "this", "those", "these", "them", "they", "there", "one", "ones":
			return true
		case "and", "so", "also":
			if i == 0 {
				return true
			}
		case "about":
			if i == 1 && (a.toks[0].word == "what" || a.toks[0].word == "how") {
				return true
			}
		}
	}
	return a.subject && content <= 2 // "the technologists?"
}

// demonstrative says whether the question points with "that", "it", "this" and the like.
func (a *analysis) demonstrative() bool {
	for _, t := range a.toks {
		switch t.word {
		case "that", "it", "this", "those", "these":
			return true
		}
	}
	return false
}

// saysThere says whether "there" points at a place ("how much do they make there?"),
// not "there is" ("how many jobs are there").
func (a *analysis) saysThere() bool {
	for i, t := range a.toks {
		if t.word == "there" {
			if i == 0 {
				return true
			}
			switch a.toks[i-1].word {
			case "are", "is", "was", "were", "be", "been":
			default:
				return true
			}
		}
	}
	return false
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

func (a *analysis) namesEntity() bool {
	return a.entity[0] >= 0 || a.entity[1] >= 0 || a.entity[2] >= 0
}
