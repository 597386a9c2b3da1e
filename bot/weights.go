package bot

// Weights are every number the matcher and the rules weigh evidence with, in one place.
// They were set by hand against the tuning question sets (testdata/tune/, listed in
// testdata/manifest.yaml); a change is judged by those sets and never by a held-out one.
type Weights struct {
	// Confidence is 1 - exp(-Steepness × score), scaled by how far the best topic is ahead
	// of the next: (MarginFloor + MarginShare × margin), MarginFloor + MarginShare = 1.
	Steepness, MarginFloor, MarginShare float64
	// UnknownPenalty scales confidence down by the share of content words the bot does
	// not know (× (1 - UnknownPenalty × share)).
	UnknownPenalty float64
	// Unanchored scales a question that names neither a job nor this occupation, and
	// UnanchoredUnknown scales it further by its share of unknown words.
	Unanchored, UnanchoredUnknown float64
	// ForeignMine scales "my" followed by a word the bot does not know ("my gas bill").
	ForeignMine float64

	// Keyword is a topic keyword's weight, plus KeywordExtraWord for each further word,
	// divided by the square root of how many topics share it. A weak keyword counts
	// WeakKeyword (+ WeakKeywordExtraWord a word); a facet word FacetKeyword (+
	// FacetKeywordExtraWord), divided by the topics sharing it. A word of a topic's example
	// questions counts ExampleWord, + ExampleRepeats × (examples using it, up to 3) / 3,
	// divided by the topics whose examples use it.
	Keyword, KeywordExtraWord           float32
	WeakKeyword, WeakKeywordExtraWord   float32
	FacetKeyword, FacetKeywordExtraWord float32
	ExampleWord, ExampleRepeats         float32

	// InsidePhrase is the credit for the words after a phrase's first: counted once.
	InsidePhrase float32
	// Pointing is the least credit that makes a position point at a topic (for clauses).
	Pointing float32
	// PartEvidence is the score a second topic needs to be answered as part of a
	// multi-part question, or apart from what the profile lacks.
	PartEvidence float32
	// ClearlyMore: a word that points at two topics of a multi-part question belongs to
	// one of them when its weight there is at least this many times the other's ("number
	// of jobs" is the jobs, though also a facet of the outlook).
	ClearlyMore float32
	// Entity is what naming an entity counts toward each topic that can answer about it,
	// by kind: an industry belongs to pay and jobs alike; a credential or quality names
	// its topic.
	EntityIndustry, EntityCredential, EntityQuality float32
	// FacetWord is a facet word's score, and FacetExtraWord each further word of it;
	// FacetEntity is a named entity's, which outranks two-word facet words ("highest
	// paid in hospitals" is about hospitals).
	FacetWord, FacetExtraWord, FacetEntity float32

	// TieShare: the last topic wins a follow-up when its score is at least this share of
	// the best one.
	TieShare float32
	// BotOverTopic: a question about the bot itself wins below this confidence.
	BotOverTopic float64
	// SecondSuggestion: "did you mean" offers the runner-up when its score is at least
	// this share of the best one.
	SecondSuggestion float32
}

// weights are the weights in use.
var weights = Weights{
	Steepness: 1.2, MarginFloor: 0.65, MarginShare: 0.35,
	UnknownPenalty: 0.5, Unanchored: 0.75, UnanchoredUnknown: 0.4, ForeignMine: 0.6,
	Keyword: 1, KeywordExtraWord: 0.25, WeakKeyword: 0.5, WeakKeywordExtraWord: 0.1,
	FacetKeyword: 0.5, FacetKeywordExtraWord: 0.25, ExampleWord: 0.25, ExampleRepeats: 0.25,
	InsidePhrase: 0.01, Pointing: 0.3, PartEvidence: 0.6, ClearlyMore: 3,
	EntityIndustry: 0.6, EntityCredential: 1.0, EntityQuality: 1.0,
	FacetWord: 1, FacetExtraWord: 0.5, FacetEntity: 3,
	TieShare: 0.8, BotOverTopic: 0.8, SecondSuggestion: 0.5,
}
