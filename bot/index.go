package bot

import (
	"cmp"
	"slices"
	"strings"

	"github.com/careerbot/careerbot/bot/classifier"
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
	roleAnchor                          // a phrase of two words or more that makes a question about work
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
	then     map[string]string // a lead -> the lead once the occupation is named (Answer.Then)
}

// index is everything precomputed from the knowledge base for matching and answering. It
// is read-only after newIndex, so any number of goroutines may use it.
type index struct {
	kb         *knowledge.Base
	topics     []topicIndex
	byID       map[string]int
	phrases    phraseTable          // by first word, longest first
	example    map[string][]float32 // word -> weight per topic, from example questions
	vocab      map[string]bool      // every word the bot knows
	reads      map[string][]token   // each word of vocab, read (readKnownWords)
	synonyms   map[string][]string
	subject    map[string]bool // words of the occupation's own names
	anchors    map[string]bool // words that make a question about work
	entities   map[string][]knowledge.Entity
	lowNames   map[string][]string // each entity's name in lower case, as entities, per kind
	small      []knowledge.Smalltalk
	model      *classifier.Model // the learned second opinion, or nil
	policy     Policy            // where the model may speak
	wantsLabel string            // what secondOpinion wants of the model, for the trace
	modelOff   string            // why the built-in model is not used, or ""
	smallTxt   []string          // expanded smalltalk replies
	unsupTxt   []string          // expanded unsupported replies
	unsupAns   []string          // the topic each answers with its reply as a note, or ""
	unsupNote  []string          // that note; unsupTxt adds the topic's lead, to decline with
	unsupPlace []bool            // it is a place, which a later "there" points back at
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
	undated   []bool  // per topic: its figures have no year
	namesOcc  []bool  // per topic: it is about other occupations
	covers    [][]int // per topic: the topics its answer covers in its own clause
	// subs are the kinds of worker inside the occupation that its name leaves out ("cancer
	// registrars"): their names, and their aliases as a question's words.
	subs []subOccupation
}

var entityKinds = [...]string{knowledge.KindIndustry, knowledge.KindCertification, knowledge.KindQuality}

// numKinds sizes every per-kind array: a kind added above grows them all.
const numKinds = len(entityKinds)

func entityKindID(kind string) int16 { return int16(slices.Index(entityKinds[:], kind)) }

func (ix *builder) allSubject(ws []string) bool {
	for _, w := range ws {
		if !ix.subject[w] {
			return false
		}
	}
	return true
}

// add records that the phrase ws has role r; all its words become known.
func (ix *builder) add(ws []string, r role) {
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
func (ix *builder) addKey(ws []string, key string, r role) {
	ix.phraseFor(ws, key).addRole(r)
}

// phraseFor returns the phrase of words ws, adding it without roles if it is new.
func (ix *builder) phraseFor(ws []string, key string) *phrase {
	if p, ok := ix.byWords[key]; ok {
		return p
	}
	if len(ix.phraseSlab) == cap(ix.phraseSlab) {
		ix.phraseSlab = make([]phrase, 0, 512)
	}
	ix.phraseSlab = append(ix.phraseSlab, phrase{words: ws})
	p := &ix.phraseSlab[len(ix.phraseSlab)-1]
	ix.byWords[key] = p
	ix.phrases.add(p)
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

// addAnchor: a one-word anchor counts word by word, a longer one only as a phrase ("full
// time": "time" alone says nothing about work).
func (ix *builder) addAnchor(ws []string) {
	if len(ws) == 1 {
		ix.anchors[ws[0]] = true
	} else {
		ix.add(ws, role{kind: roleAnchor})
	}
}

// finish orders the phrases and fills in the replies.
func (ix *builder) finish(kb *knowledge.Base) {
	p := kb.Profile
	for _, f := range ix.phrases {
		slices.SortStableFunc(f.all, func(a, b *phrase) int { return cmp.Compare(len(b.words), len(a.words)) })
		f.split()
	}
	ix.years = map[int]bool{p.Employment.Year: true, p.Outlook.BaseYear: true, p.Outlook.ProjectedYear: true}
	ix.yearReply = -1
	for i, u := range kb.Language.Unsupported {
		if u.OtherYears {
			ix.yearReply = i
		}
	}
	for _, t := range kb.Topics {
		ix.undated = append(ix.undated, t.Undated)
		ix.namesOcc = append(ix.namesOcc, t.NamesOccupations)
		var cs []int
		for _, id := range t.Covers {
			cs = append(cs, ix.byID[id])
		}
		ix.covers = append(ix.covers, cs)
	}
	ix.source = kb.Expand("{source.publisher}, {source.name}: {source.page}", nil)
	ix.url = p.Source.URL
	ix.buildAnswers()
	ix.unsupportedNotes()
	ix.replies = ix.fillReplies(kb.Replies)
	ix.greetings = setOf(kb.Language.Greetings...)
}

// unsupportedNotes keeps the reply of each unsupported kind that answers a topic as the
// note said beside that answer, and has its decline, where the question is not answered,
// say the topic's lead after it, so a decline still gives the figure the profile has.
func (ix *index) unsupportedNotes() {
	ix.unsupNote = slices.Clone(ix.unsupTxt)
	for i, id := range ix.unsupAns {
		if t, ok := ix.byID[id]; ok {
			ix.unsupTxt[i] += " " + ix.topics[t].answer[0].Lead
		}
	}
}
