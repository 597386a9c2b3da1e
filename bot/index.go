package bot

import (
	"bytes"
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/careerbot/careerbot/knowledge"
)

// roleKind is what a matched word or phrase means.
type roleKind uint8

const (
	roleKeyword     roleKind = iota + 1 // points at a topic
	roleFacet                           // chooses a facet inside a topic
	roleEntity                          // names an industry, certification or quality
	roleSubject                         // names this occupation
	roleOther                           // names another occupation
	roleRelated                         // names a related occupation the profile points to
	rolePersonal                        // asks about the asker's own job or account
	roleUnsupported                     // asks for something the profile does not have
	roleSmalltalk                       // conversation: greetings, thanks, bye
)

type role struct {
	kind   roleKind
	topic  int16
	facet  int16
	idx    int16 // entity, related occupation, unsupported or smalltalk index
	ekind  int16 // entity kind, an index into entityKinds
	weight float32
}

// phrase is a keyword, facet word, alias or list entry, as normalized words.
type phrase struct {
	words []string
	roles []role
	// For building only: how many topics use the phrase as a keyword (kwDF) and as a
	// keyword or facet word (anyDF), and the last topic counted (1-based).
	kwDF, anyDF, counted int16
}

type entityRef struct {
	kind string
	idx  int
}

type facetIndex struct {
	id     string
	entity string // entity kind, or ""
	parts  []Part // one Part, or one per entity for an entity facet
}

type topicIndex struct {
	id       string
	title    string
	question string
	intents  []string
	answer   []Part // the default answer as a one-element slice, shared by replies
	facets   []facetIndex
	kinds    map[string]int // entity kind -> facet index
	suggest  []Suggestion
}

// index is everything precomputed from the knowledge base for matching and answering. It
// is read-only after newIndex, so any number of goroutines may use it.
type index struct {
	kb         *knowledge.Base
	topics     []topicIndex
	byID       map[string]int
	phrases    map[string][]*phrase // by first word, longest first
	byWords    map[string]*phrase   // by all its words, space-separated: for building only
	buf        []byte               // for building only
	readAs     map[string][]string  // for building only: a word as typed -> as matched
	wordPool   []string             // for building only: backing for words' results
	tokPool    []string             // for building only: backing for readAs's readings
	phraseSlab []phrase             // phrases, allocated a block at a time
	example    map[string][]float32 // word -> weight per topic, from example questions
	vocab      map[string]bool      // every word the bot knows
	synonyms   map[string][]string
	subject    map[string]bool // words of the occupation's own names
	anchors    map[string]bool // words that make a question about work
	entities   map[string][]knowledge.Entity
	small      []knowledge.Smalltalk
	smallTxt   []string          // expanded smalltalk replies
	unsupTxt   []string          // expanded unsupported replies
	replies    knowledge.Replies // with {occupation}, {source} and {topics} filled in
	greetings  map[string]bool   // words that open a message with a greeting
	common     *strings.Replacer // fills {occupation}, {source} and {topics}
	source     string
	url        string
	topicIDs   []string // in file order, for help
	// defaultTopic answers a question that names the occupation and nothing else, or -1.
	defaultTopic int
	// years the profile has figures for; yearReply is the unsupported reply for others.
	years     map[int]bool
	yearReply int
	undated   []bool // per topic: its figures have no year
	namesOcc  []bool // per topic: it is about other occupations
}

// words turns text into normalized words the way questions are read, without spelling
// correction (the vocabulary is what corrections aim at).
func (ix *index) words(s string) []string {
	ix.buf = lowerText(ix.buf[:0], s)
	b := ix.buf
	// Results are carved from one shared array (full slice expressions keep them apart):
	// thousands of small slices at start-up become a few large ones.
	if n := 1 + bytes.Count(b, []byte{' '}); cap(ix.wordPool)-len(ix.wordPool) < 2*n {
		ix.wordPool = make([]string, 0, max(4096, 2*n))
	}
	start := len(ix.wordPool)
	out := ix.wordPool[start:start:cap(ix.wordPool)]
	for len(b) > 0 {
		i := bytes.IndexByte(b, ' ')
		var wb []byte
		if i < 0 {
			wb, b = b, nil
		} else {
			wb, b = b[:i], b[i+1:]
		}
		if len(wb) == 0 || len(wb) == 1 && wb[0] == ',' {
			continue
		}
		// One lookup per word: what it reads as, through contractions, synonyms and stems.
		toks, ok := ix.readAs[string(wb)]
		if !ok {
			w := string(wb)
			// Carved from a shared array too, reserving room for a contraction read
			// through synonyms; a longer reading outgrows it into its own array.
			if cap(ix.tokPool)-len(ix.tokPool) < 8 {
				ix.tokPool = make([]string, 0, 2048)
			}
			mark := len(ix.tokPool)
			toks = ix.tokPool[mark:mark:cap(ix.tokPool)]
			if strings.IndexByte(w, '\'') < 0 {
				toks = ix.appendWord(toks, w)
			} else {
				for _, x := range expandWord(w) {
					toks = ix.appendWord(toks, x)
				}
			}
			if cap(toks) == cap(ix.tokPool)-mark {
				ix.tokPool = ix.tokPool[:mark+len(toks)]
			}
			toks = toks[:len(toks):len(toks)]
			ix.readAs[w] = toks
			// Every word read at start-up is one the bot knows: each enters the
			// vocabulary once, here, rather than once per phrase that uses it.
			for _, t := range toks {
				ix.vocab[t] = true
			}
		}
		out = append(out, toks...)
	}
	if len(out) > 0 && cap(out) == cap(ix.wordPool)-start {
		ix.wordPool = ix.wordPool[:start+len(out)]
	}
	return out[:len(out):len(out)]
}

func (ix *index) appendWord(out []string, w string) []string {
	if syn, ok := ix.synonyms[w]; ok {
		for _, y := range syn {
			out = append(out, canon(y))
		}
		return out
	}
	return append(out, canon(w))
}

// canon is the form a word is matched in: stemmed, except stopwords, which are matched as
// they are ("does" is not "doe").
func canon(w string) string {
	if stopwords[w] {
		return w
	}
	return stem(w)
}

// expandWord splits contractions ("don't", and by the negative ending "mustn't") and drops
// the possessive ending ("nurse's").
func expandWord(w string) []string {
	if !strings.Contains(w, "'") {
		return []string{w}
	}
	if c, ok := contractions[w]; ok {
		return c
	}
	r := &lex.Reading
	if neg := string(r.NegativeEnding); strings.HasSuffix(w, neg) {
		return []string{strings.TrimSuffix(w, neg), string(r.NegativeWord)}
	}
	w = strings.TrimSuffix(w, string(r.PossessiveEnding))
	return []string{strings.ReplaceAll(w, "'", "")}
}

func newIndex(kb *knowledge.Base) *index {
	ix := &index{
		kb:   kb,
		byID: map[string]int{},
		// Sized for a profile like the first one, so building does not rehash.
		phrases:  make(map[string][]*phrase, 1536),
		byWords:  make(map[string]*phrase, 3072),
		readAs:   make(map[string][]string, 2560),
		example:  make(map[string][]float32, 256),
		vocab:    make(map[string]bool, 2560),
		synonyms: map[string][]string{},
		subject:  map[string]bool{},
		anchors:  map[string]bool{},
		entities: map[string][]knowledge.Entity{},
	}
	// Synonyms first: every other list is read through them.
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
	for _, k := range []string{knowledge.KindIndustry, knowledge.KindCertification, knowledge.KindQuality} {
		ix.entities[k] = kb.Entities(k)
	}
	p := kb.Profile
	for _, a := range append([]string{p.Occupation, p.Title}, p.Aliases...) {
		ws := ix.words(a)
		for _, w := range ws {
			ix.subject[w] = true
		}
		ix.add(ws, role{kind: roleSubject})
	}
	n := len(kb.Topics)
	// Each keyword and facet word is read once; df counts the topics that use it, on the
	// phrase itself rather than in maps keyed by the phrase.
	type term struct {
		ws []string
		p  *phrase
	}
	read := func(s string) term {
		ws := ix.words(s)
		if len(ws) == 0 {
			return term{}
		}
		return term{ws, ix.phraseFor(ws, phraseKey(ws))}
	}
	keywords := make([][]term, n)
	facetWords := make([][][]term, n)
	for ti, t := range kb.Topics {
		mark := int16(ti + 1)
		for _, k := range t.Keywords {
			tm := read(k)
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
				tm := read(w)
				facetWords[ti][fi] = append(facetWords[ti][fi], tm)
				if tm.p != nil && tm.p.counted != mark {
					tm.p.anyDF++
					tm.p.counted = mark
				}
			}
		}
	}
	ix.defaultTopic = -1
	exampleCount := map[string][]int{}
	for ti, t := range kb.Topics {
		ix.byID[t.ID] = ti
		if t.Default && ix.defaultTopic < 0 {
			ix.defaultTopic = ti
		}
		ix.topicIDs = append(ix.topicIDs, t.ID)
		for _, tm := range keywords[ti] {
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
			for _, tm := range facetWords[ti][fi] {
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
	for kind, es := range ix.entities {
		for ei, e := range es {
			for _, a := range append([]string{e.Name}, e.Aliases...) {
				ix.add(ix.words(a), role{kind: roleEntity, idx: int16(ei), ekind: entityKindID(kind)})
			}
		}
	}
	for _, w := range kb.Language.Anchors {
		for _, x := range ix.words(w) {
			ix.anchors[x] = true
		}
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
	}
	ix.small = kb.Smalltalk
	for si, s := range kb.Smalltalk {
		for _, ph := range s.Phrases {
			ix.add(ix.words(ph), role{kind: roleSmalltalk, idx: int16(si)})
		}
		ix.smallTxt = append(ix.smallTxt, kb.Expand(s.Reply, nil))
	}
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
	for _, ps := range ix.phrases {
		if len(ps) > 1 {
			slices.SortStableFunc(ps, func(a, b *phrase) int { return cmp.Compare(len(b.words), len(a.words)) })
		}
	}
	ix.years = map[int]bool{p.Employment.Year: true, p.Outlook.BaseYear: true, p.Outlook.ProjectedYear: true}
	ix.yearReply = -1
	for i, u := range kb.Language.Unsupported {
		if u.ID == "year" {
			ix.yearReply = i
		}
	}
	for _, t := range kb.Topics {
		ix.undated = append(ix.undated, t.Undated)
		ix.namesOcc = append(ix.namesOcc, t.NamesOccupations)
	}
	ix.source = kb.Expand("{source.publisher}, {source.name}: {source.page}", nil)
	ix.url = p.Source.URL
	ix.buildAnswers()
	ix.replies = ix.fillReplies(kb.Replies)
	ix.greetings = setOf(kb.Language.Greetings...)
	ix.byWords, ix.readAs, ix.buf, ix.wordPool, ix.tokPool = nil, nil, nil, nil, nil
	return ix
}

var entityKinds = []string{knowledge.KindIndustry, knowledge.KindCertification, knowledge.KindQuality}

func entityKindID(kind string) int16 { return int16(slices.Index(entityKinds, kind)) }

func allStop(ws []string) bool {
	for _, w := range ws {
		if !stopwords[w] {
			return false
		}
	}
	return true
}

func (ix *index) allSubject(ws []string) bool {
	for _, w := range ws {
		if !ix.subject[w] {
			return false
		}
	}
	return true
}

// add records that the phrase ws has role r; all its words become known.
func (ix *index) add(ws []string, r role) {
	if len(ws) == 0 {
		return
	}
	ix.addKey(ws, phraseKey(ws), r)
}

func phraseKey(ws []string) string {
	if len(ws) == 1 {
		return ws[0]
	}
	return strings.Join(ws, " ")
}

// addKey is add with the phrase's key already made.
func (ix *index) addKey(ws []string, key string, r role) {
	ix.phraseFor(ws, key).addRole(r)
}

// phraseFor returns the phrase of words ws, adding it without roles if it is new.
func (ix *index) phraseFor(ws []string, key string) *phrase {
	if p, ok := ix.byWords[key]; ok {
		return p
	}
	if len(ix.phraseSlab) == cap(ix.phraseSlab) {
		ix.phraseSlab = make([]phrase, 0, 512)
	}
	ix.phraseSlab = append(ix.phraseSlab, phrase{words: ws})
	p := &ix.phraseSlab[len(ix.phraseSlab)-1]
	ix.byWords[key] = p
	ix.phrases[ws[0]] = append(ix.phrases[ws[0]], p)
	return p
}

// addRole gives the phrase role r, once.
func (p *phrase) addRole(r role) {
	for _, old := range p.roles {
		if old.kind == r.kind && old.topic == r.topic && old.facet == r.facet && old.idx == r.idx && old.ekind == r.ekind {
			return
		}
	}
	p.roles = append(p.roles, r)
}

// spellBuckets files the words spelling correction aims at by first letter and length, each
// list sorted so that corrections are the same on every run.
func spellBuckets(vocab map[string]bool) map[byte][][]string {
	b := map[byte][][]string{}
	for w := range vocab {
		if len(w) < 3 || len(w) > 40 || isNumber(w) {
			continue
		}
		byLen := b[w[0]]
		for len(byLen) <= len(w) {
			byLen = append(byLen, nil)
		}
		byLen[len(w)] = append(byLen[len(w)], w)
		b[w[0]] = byLen
	}
	for _, byLen := range b {
		for _, ws := range byLen {
			slices.Sort(ws)
		}
	}
	return b
}

func isNumber(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// stem strips common English endings so "certifying" finds "certify" and "salaries"
// finds "salary", by the lexicon's stemming rules, the first that fits. It is deliberately
// crude: it only links words already in the vocabulary.
func stem(w string) string {
	if w == "" {
		return w
	}
	for _, r := range lex.stemByLast[w[len(w)-1]] {
		if len(w) <= r.LongerThan || !strings.HasSuffix(w, string(r.Ending)) || r.Except.has(w) || r.keeps(w) {
			continue
		}
		cut := w[:len(w)-len(r.Ending)]
		if r.Becomes == "" {
			return cut
		}
		return cut + string(r.Becomes)
	}
	return w
}

// keeps says whether w has an ending the rule leaves alone ("class", "status", "basis").
func (r *stemRule) keeps(w string) bool {
	for _, e := range r.UnlessEnding.list {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}
