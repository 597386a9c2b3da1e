package bot

// The matcher's scratch: what one question is read into, pooled so that answering
// allocates almost nothing.

import (
	"sync"
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
var entityEvidence = [numKinds]float32{weights.EntityIndustry, weights.EntityCredential, weights.EntityQuality}

type token struct {
	word  string // normalized, after synonyms and spelling correction
	stop  bool
	known bool
	num   bool
	sep   bool // a clause boundary: punctuation or a conjunction
	ends  bool // a separator that ends a sentence (".", "!", "?")
	asks  bool // a separator that is a question mark
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

	unknown, content         int
	toldUnknown, toldContent int // of those, in sentences told (toldStrict)
	personal                 bool
	other                    string        // another occupation named, as typed
	related                  int           // related occupation named, or -1
	unsupported              int           // unsupported request, or -1
	unsupMask                uint64        // its positions
	otherMask                uint64        // positions of the other occupation named
	relMask                  uint64        // positions of related occupations named
	otherGuessed             bool          // the other occupation is an unknown word that looks like one
	compared                 bool          // another occupation is named only to compare ("more than nurses")
	story                    uint64        // the asker's story before the question, taken out of the evidence
	told, toldStrict         uint64        // sentences told, not asked: run-on clauses counted, or not (sentences.go)
	entity                   [numKinds]int // per entity kind: the entity named, or -1
	entity2                  [numKinds]int // per entity kind: a second one named ("hospitals vs doctors offices")
	subject                  bool
	smalltalk                int         // smalltalk entry, or -1
	smallCover               int         // longest smalltalk phrase
	smallMask                uint64      // positions covered by smalltalk phrases
	subjMask                 uint64      // positions naming the occupation itself
	smallLong                bool        // a phrase of two words or more about the bot itself matched
	anchored                 bool        // the question names the occupation or a job word
	text                     string      // the question clipped, markup stripped: what the learned model reads
	year                     int         // a year named in the question, or 0
	unknownYear              bool        // a year the profile has no figures for
	foreignMine              bool        // "my" before a word the bot does not know
	wordsRead                *[]WordRead // how each word was read, only when explaining
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
	a.wordsRead = nil
	a.hits = a.hits[:0]
	a.covered, a.industries = 0, 0
	a.unknown, a.content = 0, 0
	a.toldUnknown, a.toldContent = 0, 0
	a.personal = false
	a.other = ""
	a.related, a.unsupported, a.smalltalk = -1, -1, -1
	a.entity, a.entity2 = noEntities(), noEntities()
	a.subject = false
	a.smallCover = 0
	a.smallMask = 0
	a.subjMask = 0
	a.unsupMask = 0
	a.otherMask, a.otherGuessed, a.story, a.relMask = 0, false, 0, 0
	a.compared = false
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

func spanMask(start, end int) uint64 {
	var m uint64
	for i := start; i < end && i < 64; i++ {
		m |= 1 << i
	}
	return m
}

func (a *analysis) namesEntity() bool {
	return a.entity[0] >= 0 || a.entity[1] >= 0 || a.entity[2] >= 0
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
