package bot

// Building the index from the knowledge base, one step per kind of list. The order of the
// steps matters: synonyms first (everything else is read through them), and phrases of one
// length keep the order they were added in.

import (
	"math"
	"strings"

	"github.com/careerbot/careerbot/knowledge"
)

// builder is the index while it is built, with the scratch that building needs and
// answering does not: newIndex hands out only the index.
type builder struct {
	*index
	byWords    map[string]*phrase  // by all its words, space-separated
	buf        []byte              // for reading words
	readAs     map[string][]string // a word as typed -> as matched
	wordPool   []string            // backing for words' results
	tokPool    []string            // backing for readAs's readings
	phraseSlab []phrase            // phrases, allocated a block at a time
}

// newIndex builds the index of kb.
func newIndex(kb *knowledge.Base) *index {
	ix := &builder{index: &index{
		kb:   kb,
		byID: map[string]int{},
		// Sized for a profile like the first one, so building does not rehash.
		phrases:  make(phraseTable, 1536),
		example:  make(map[string][]float32, 256),
		vocab:    make(map[string]bool, 2560),
		synonyms: map[string][]string{},
		subject:  map[string]bool{},
		anchors:  map[string]bool{},
		entities: map[string][]knowledge.Entity{}, lowNames: map[string][]string{},
	},
		byWords: make(map[string]*phrase, 3072),
		readAs:  make(map[string][]string, 2560),
	}
	ix.readSynonyms(kb)
	for _, k := range entityKinds {
		ix.entities[k] = kb.Entities(k)
		for _, x := range ix.entities[k] {
			ix.lowNames[k] = append(ix.lowNames[k], strings.ToLower(x.Name))
		}
	}
	ix.addNames(kb.Profile)
	ix.addTopics(kb.Topics)
	ix.addLists(kb)
	ix.knowProfile(kb)
	ix.readSubOccupations(kb)
	ix.finish(kb)
	ix.readKnownWords()
	return ix.index
}

// readSynonyms reads the knowledge file's synonyms; every other list is read through them.
func (ix *builder) readSynonyms(kb *knowledge.Base) {
	for from, to := range kb.Language.Synonyms {
		var toks []string
		for _, w := range strings.Fields(string(lowerText(nil, to))) {
			for _, x := range expandWord(w) {
				toks = append(toks, canon(x))
			}
		}
		if f := strings.Fields(string(lowerText(nil, from))); len(f) == 1 {
			ix.synonyms[f[0]] = toks
		}
	}
}

// addNames adds the occupation's own names.
func (ix *builder) addNames(p knowledge.Profile) {
	for _, a := range p.Names() { // the occupation, its sub-occupations, and their aliases
		ws := ix.words(a)
		for _, w := range ws {
			ix.subject[w] = true
		}
		ix.add(ws, role{kind: roleSubject})
	}
}

// term is a keyword or facet word as read, and its phrase.
type term struct {
	ws []string
	p  *phrase
}

// readTerm reads a keyword or facet word.
func (ix *builder) readTerm(s string) term {
	ws := ix.words(s)
	if len(ws) == 0 {
		return term{}
	}
	return term{ws, ix.phraseFor(ws, phraseKey(ws))}
}

// addTopics adds each topic's keywords, facet words and example-question words.
func (ix *builder) addTopics(topics []knowledge.Topic) {
	n := len(topics)
	keywords, facetWords := ix.readTerms(topics)
	ix.defaultTopic = -1
	exampleCount := map[string][]int{}
	for ti, t := range topics {
		ix.addTopicRoles(ti, t, keywords[ti], facetWords[ti])
		ix.countExamples(ti, t, n, exampleCount)
	}
	for w, counts := range exampleCount {
		df := 0
		for _, c := range counts {
			if c > 0 {
				df++
			}
		}
		ws := make([]float32, n)
		for ti, c := range counts {
			if c > 0 {
				ws[ti] = (weights.ExampleWord + weights.ExampleRepeats*float32(min(c, 3))/3) / float32(df)
			}
		}
		ix.example[w] = ws
	}
}

// readTerms reads each keyword and facet word once; df counts the topics that use it, on
// the phrase itself rather than in maps keyed by the phrase.
func (ix *builder) readTerms(topics []knowledge.Topic) (keywords [][]term, facetWords [][][]term) {
	n := len(topics)
	keywords = make([][]term, n)
	facetWords = make([][][]term, n)
	for ti, t := range topics {
		mark := int16(ti + 1)
		for _, k := range t.Keywords {
			tm := ix.readTerm(k)
			keywords[ti] = append(keywords[ti], tm)
			if tm.p != nil && tm.p.counted != mark {
				tm.p.kwDF++
				tm.p.anyDF++
				tm.p.counted = mark
			}
		}
		facetWords[ti] = make([][]term, len(t.Facets))
		for fi, f := range t.Facets {
			for _, w := range f.Words {
				tm := ix.readTerm(w)
				facetWords[ti][fi] = append(facetWords[ti][fi], tm)
				if tm.p != nil && tm.p.counted != mark {
					tm.p.anyDF++
					tm.p.counted = mark
				}
			}
		}
	}
	return keywords, facetWords
}

// addTopicRoles gives topic ti's keywords and facet words their roles and weights.
func (ix *builder) addTopicRoles(ti int, t knowledge.Topic, keywords []term, facetWords [][]term) {
	ix.byID[t.ID] = ti
	if t.Default && ix.defaultTopic < 0 {
		ix.defaultTopic = ti
	}
	ix.topicIDs = append(ix.topicIDs, t.ID)
	for _, tm := range keywords {
		if tm.p != nil {
			w := (weights.Keyword + weights.KeywordExtraWord*float32(len(tm.ws)-1)) / float32(math.Sqrt(float64(max(tm.p.kwDF, 1))))
			tm.p.addRole(role{kind: roleKeyword, topic: int16(ti), weight: w})
		}
	}
	for _, k := range t.WeakKeywords {
		ws := ix.words(k)
		ix.add(ws, role{kind: roleKeyword, topic: int16(ti), weight: weights.WeakKeyword + weights.WeakKeywordExtraWord*float32(len(ws)-1)})
	}
	for fi := range t.Facets {
		for _, tm := range facetWords[fi] {
			if tm.p == nil {
				continue
			}
			w := (weights.FacetKeyword + weights.FacetKeywordExtraWord*float32(len(tm.ws)-1)) / float32(max(tm.p.anyDF, 1))
			if ix.allSubject(tm.ws) || allStop(tm.ws) {
				w = 0 // "cancer registrars" names the occupation and "do i need" nothing: not a topic
			}
			tm.p.addRole(role{kind: roleFacet, topic: int16(ti), facet: int16(fi), weight: w})
		}
	}
}

// countExamples counts, per word of topic ti's example questions, the examples using it.
func (ix *builder) countExamples(ti int, t knowledge.Topic, n int, exampleCount map[string][]int) {
	for _, e := range t.Examples {
		seen := map[string]bool{}
		for _, w := range ix.words(e) {
			if stopwords[w] || ix.subject[w] || seen[w] || isNumber(w) {
				continue
			}
			seen[w] = true
			c := exampleCount[w]
			if c == nil {
				c = make([]int, n)
				exampleCount[w] = c
			}
			c[ti]++
		}
	}
}

// addLists adds the entities and the knowledge file's language lists.
func (ix *builder) addLists(kb *knowledge.Base) {
	p := kb.Profile
	for kind, es := range ix.entities {
		for ei, e := range es {
			for _, a := range append([]string{e.Name}, e.Aliases...) {
				ix.add(ix.words(a), role{kind: roleEntity, idx: int16(ei), ekind: entityKindID(kind)})
			}
		}
	}
	for _, w := range kb.Language.Anchors {
		ix.addAnchor(ix.words(w))
	}
	for _, w := range kb.Language.OtherOccupations {
		ix.add(ix.words(w), role{kind: roleOther, idx: -1})
	}
	for ri, r := range p.Related.Occupations {
		for _, a := range append([]string{r.Name}, r.Aliases...) {
			ix.add(ix.words(a), role{kind: roleRelated, idx: int16(ri)})
		}
	}
	for _, w := range kb.Language.Personal {
		ix.add(ix.words(w), role{kind: rolePersonal})
	}
	for ui, u := range kb.Language.Unsupported {
		for _, w := range u.Words {
			ix.add(ix.words(w), role{kind: roleUnsupported, idx: int16(ui)})
		}
		ix.unsupTxt = append(ix.unsupTxt, kb.Expand(u.Reply, nil))
		ix.unsupAns = append(ix.unsupAns, u.Answers)
		ix.unsupPlace = append(ix.unsupPlace, u.Place)
	}
	ix.small = kb.Smalltalk
	for si, s := range kb.Smalltalk {
		for _, ph := range s.Phrases {
			ix.add(ix.words(ph), role{kind: roleSmalltalk, idx: int16(si)})
		}
		ix.smallTxt = append(ix.smallTxt, kb.Expand(s.Reply, nil))
	}
}

// knowProfile puts every word of the profile's own text, the stopwords and the synonyms
// into the vocabulary.
func (ix *builder) knowProfile(kb *knowledge.Base) {
	// Every word of the profile's own text is known, so it is never "corrected" into
	// something else or counted as foreign.
	seen := map[string]bool{}
	know := func(s string) {
		if seen[s] {
			return // fields repeat their facts' text
		}
		seen[s] = true
		ix.words(s) // for its words: words puts them in the vocabulary
	}
	for _, f := range kb.AllFacts() {
		know(f.Text)
		for _, fl := range f.Fields {
			know(fl.Value) // labels are few short words, all in values or lists too
		}
	}
	for w := range stopwords {
		ix.vocab[w] = true
	}
	for _, to := range ix.synonyms {
		for _, w := range to {
			ix.vocab[w] = true
		}
	}
	for from := range ix.synonyms {
		ix.vocab[from] = true
	}
	// "my mom asked what they make": the asker's family tells a story, not a foreign "my
	// gas bill" (weights.ForeignMine).
	for _, w := range lex.SelfDescription.Family.list {
		ix.vocab[w] = true
	}
}
