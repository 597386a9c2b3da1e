package bot

// The English the matcher reads questions with: every word its heuristics look for lives in
// lexicon/english.yaml, by what it is for, so that a new phrasing needs no Go. The code
// keeps the logic (where a word must sit, the order of the checks). Word lists about the
// occupation, slang and synonyms live in the knowledge file instead.

// lex is lexicon/english.yaml, read once when the package starts: every question and
// every knowledge file is read with it, and its sets are built here, never per question.
// A broken file stops the program at once with the file, line and field (lexicon_load.go).
var lex = mustLoadLexicon()

// The sets read at every word keep their short names.
var (
	stopwords    = lex.stopwords
	contractions = lex.Reading.Contractions
	conjunctions = lex.Clauses.Joiners.set
)

// lexicon is lexicon/english.yaml; the file documents each list with examples. Every field
// is required unless its tag says omitempty.
type lexicon struct {
	Reading readingLex `yaml:"reading"`
	// StandIns stand for the occupation where a knowledge-file phrase has "*".
	StandIns struct {
		Names    words `yaml:"names"`    // stand in alone: "what do they do"
		Articles words `yaml:"articles"` // only before a name or another stand-in
	} `yaml:"stand_ins"`
	// AskedAbout: a related occupation right after one (and an article) is asked about.
	AskedAbout words `yaml:"asked_about"`
	// Mine before a word the bot does not know: "my gas bill" is the asker's own matter.
	Mine            oneWord     `yaml:"mine"`
	SelfDescription selfLex     `yaml:"self_description"`
	OwnWork         phrases     `yaml:"own_work"` // anywhere: the asker's own line of work
	RightNow        rightNowLex `yaml:"right_now"`
	OccupationGuess struct {
		PersonEndings   words `yaml:"person_endings"`
		SlotBefore      words `yaml:"slot_before"`
		ThingsNotPeople words `yaml:"things_not_people"`
	} `yaml:"occupation_guess"`
	// Everyday words name a topic but are weak evidence alone (rules_everyday.go).
	Everyday phrases `yaml:"everyday"`
	Clauses  struct {
		Joiners    words   `yaml:"joiners"`     // clause boundaries
		Asking     words   `yaml:"asking"`      // open a question of their own
		LeadIns    words   `yaml:"lead_ins"`    // may come before what opens a clause
		Story      phrases `yaml:"story"`       // open the asker's story, not a question
		AsideStory phrases `yaml:"aside_story"` // open a clause that is not asked apart
		// SharedSubject verbs open a clause that goes on with the subject of the one before
		// ("will the stock market crash and hurt hospital hiring"): not asked apart.
		SharedSubject words   `yaml:"shared_subject"`
		StoryEnds     words   `yaml:"story_ends"`   // end the story inside its clause
		Condition     words   `yaml:"condition"`    // open a condition, which asks nothing itself
		Purpose       phrases `yaml:"purpose"`      // open what the question is for: no label
		Goal          phrases `yaml:"goal"`         // right before a topic word: the question's goal
		SetAside      phrases `yaml:"set_aside"`    // open what the asker puts aside
		FirstPerson   words   `yaml:"first_person"` // make a sentence told, when it does not ask
		Requests      phrases `yaml:"requests"`     // make a sentence ask, though it names the asker
	} `yaml:"clauses"`
	FollowUp struct {
		Opens          phrases `yaml:"opens"`      // at the start of a follow-up
		NeedsTurn      phrases `yaml:"needs_turn"` // at the start: alone, no guess by the model
		PointsAt       words   `yaml:"points_at"`  // anywhere in a follow-up
		Demonstratives words   `yaml:"demonstratives"`
		There          oneWord `yaml:"there"`    // points at a place ...
		ThereIs        words   `yaml:"there_is"` // ... unless after one of these
		// ThisOccupation names the occupation the bot covers after another's: "and for
		// this occupation?"
		ThisOccupation phrases `yaml:"this_occupation"`
		Whole          phrases `yaml:"whole"`   // the whole country: "and for the whole US?"
		Compare        phrases `yaml:"compare"` // "is that good?", "above average?"
		Obtain         words   `yaml:"obtain"`  // "how would I earn that" (a credential)
		Alone          phrases `yaml:"alone"`   // the whole question asks for more: "why?"
		Now            phrases `yaml:"now"`     // the present, after a projection: "and now?"
		Trend          phrases `yaml:"trend"`   // after the jobs: "is that number going up"
	} `yaml:"follow_up"`

	// Built after loading.
	stopwords map[string]bool    // Reading.Stopwords and Reading.ChatFillers
	standIn   map[string]standIn // StandIns, one lookup for both lists
	// stemByLast is Reading.Stemming by the last byte of the ending, in file order: every
	// word is stemmed, and a word can only take the rules for its last letter.
	stemByLast [256][]*stemRule
}

// readingLex is how text becomes words.
type readingLex struct {
	Stopwords    words          `yaml:"stopwords"` // no topic on their own; never stemmed
	ChatFillers  words          `yaml:"chat_fillers"`
	Contractions contractionMap `yaml:"contractions"`
	// Other apostrophes: a negative ending reads as a word ("mustn't"), a possessive
	// ending is dropped ("nurse's").
	NegativeEnding   oneWord      `yaml:"negative_ending"`
	NegativeWord     oneWord      `yaml:"negative_word"`
	PossessiveEnding oneWord      `yaml:"possessive_ending"`
	Symbols          symbolWords  `yaml:"symbols"`         // "$", "%", "&", "+"
	OrdinalEndings   words        `yaml:"ordinal_endings"` // "90th" stays one word
	ChatEndings      []chatEnding `yaml:"chat_endings"`
	Stemming         []stemRule   `yaml:"stemming"` // the first rule that fits applies
}

// chatEnding reads a word unknown as typed with its ending replaced ("growin", "jobz").
type chatEnding struct {
	Typed      oneWord `yaml:"typed"`
	Reads      oneWord `yaml:"reads"`
	LongerThan int     `yaml:"longer_than"`
}

// stemRule strips (or replaces) an ending of words longer than LongerThan letters, except
// the words in Except and words with an ending in UnlessEnding.
type stemRule struct {
	Ending       oneWord `yaml:"ending"`
	Becomes      oneWord `yaml:"becomes,omitempty"`
	LongerThan   int     `yaml:"longer_than"`
	Except       words   `yaml:"except,omitempty"`
	UnlessEnding words   `yaml:"unless_ending,omitempty"`
}

// selfLex says when an occupation is named as the asker's own or as people the job works
// with (selfDescription).
type selfLex struct {
	FollowedBy    phrases `yaml:"followed_by"`    // starting right after the occupation
	After         phrases `yaml:"after"`          // ending right before the occupation
	Compared      phrases `yaml:"compared"`       // ending right before an occupation compared with
	Joiners       words   `yaml:"joiners"`        // like the occupation before them
	Describes     words   `yaml:"describes"`      // after an occupation: a thing it describes
	Opening       words   `yaml:"opening"`        // before the article, opening the question
	Articles      words   `yaml:"articles"`       // read back over describing words to these
	BeforeArticle phrases `yaml:"before_article"` // ending right before the article
	Aims          phrases `yaml:"aims"`           // the same, asking about the occupation
	FamilyVerbs   words   `yaml:"family_verbs"`   // before the article, after one of Family
	Family        words   `yaml:"family"`
	PointBack     words   `yaml:"point_back"` // people asked about, pointing back at a label
}

// rightNowLex says when Word is chat for "right now" rather than a noun (rightNow).
type rightNowLex struct {
	Word       oneWord `yaml:"word"`
	NounBefore words   `yaml:"noun_before"`
	NounAfter  words   `yaml:"noun_after"`
	ChatAfter  phrases `yaml:"chat_after"` // a word starting one decides by the whole phrase
}

// standIn is what a word of the stand-in lists is.
type standIn uint8

const (
	standName    standIn = iota + 1 // stands for the occupation alone
	standArticle                    // only with a name after it
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
