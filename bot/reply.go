package bot

import "github.com/careerbot/careerbot/knowledge"

// Request is one question from one person.
type Request struct {
	// Text is the question as typed, platform markup and all.
	Text string
	// ConversationID keys the short-lived context that lets "and the top 10%?" follow a pay
	// question; adapters use platform, channel (or thread) and user. Empty means no context.
	ConversationID string
	// Topic, when set, answers that topic (and Facet, when set) directly without matching
	// Text: buttons answer by id, never by re-reading their label.
	Topic string
	Facet string
	// Preview marks a request that is not a question asked, such as Discord's autocomplete
	// trying what is typed: the bot answers it the same, and counters leave it out.
	Preview bool
}

// Kind says what sort of reply this is.
type Kind string

// Reply kinds.
const (
	KindAnswer    Kind = "answer"    // one or more topics answered from the profile
	KindHelp      Kind = "help"      // greetings and "what can you do"
	KindSmalltalk Kind = "smalltalk" // thanks, bye, "are you a bot"
	KindClarify   Kind = "clarify"   // close to a topic but unsure: "did you mean"
	KindFallback  Kind = "fallback"  // not something this profile answers
)

// Rules that decide outside the rule table (Reply.Rule): an empty question, a topic chosen
// by id, a 👍 or 👎.
const (
	ruleEmpty    = "empty"
	ruleDirect   = "direct"
	ruleFeedback = "feedback"
)

// IntentNone is the intent of a reply that answers no topic.
const IntentNone = "none"

// Reply is a platform-neutral answer. Adapters render it.
//
// A Reply belongs to the caller: every slice in it, and every slice and table its parts
// reach (Fields, Table, Table.Columns, Table.Rows and each row), is this reply's own copy,
// never the bot's precomputed answer or the knowledge base. The caller may append to,
// sort, truncate or overwrite any of it, or hand it to another goroutine, without changing
// what the bot tells anyone next. Only strings are shared, and strings cannot be changed.
// Two replies to the same question are equal (reflect.DeepEqual, go-cmp) but share no
// memory: a cache must key on what a part is (Topic, Facet, Title), not on its address.
type Reply struct {
	Answered bool `json:"answered"`
	Kind     Kind `json:"kind"`
	// Intents are the topic ids answered, in the order answered; for help and small talk
	// it is ["help"] or ["smalltalk"], and ["none"] when nothing was answered.
	Intents []string `json:"intents"`
	// Confidence is how sure the bot is of Intents, from 0 to 1.
	Confidence float64 `json:"confidence"`
	Title      string  `json:"title"`
	// Lead is the sentence that answers exactly what was asked; for a multi-part answer,
	// the lead sentences of each part.
	Lead string `json:"lead"`
	// Parts holds one entry per topic answered, each with its own lead and fields.
	Parts []Part `json:"parts,omitempty"`
	// Note is a short line for replies that are not answers (what was not understood), or,
	// after an answer, what of the question the profile has nothing on.
	Note        string       `json:"note,omitempty"`
	Source      string       `json:"source,omitempty"`
	SourceURL   string       `json:"source_url,omitempty"`
	Suggestions []Suggestion `json:"suggestions,omitempty"`
	// Rule is the name of the decision rule that chose this reply ("personal",
	// "other_occupation", "answer" …; "empty" for an empty question, "direct" for a topic
	// chosen by id): a bounded set, so operators can count declines by reason.
	Rule string `json:"rule,omitempty"`
	// Labels are the knowledge file's words for renderers to put before the suggestions
	// and the source (replies.labels); nil in a Reply built by hand, which then has none.
	Labels *knowledge.Labels `json:"-"`
}

// labels are r's labels, all empty when it has none.
func (r Reply) labels() knowledge.Labels {
	if r.Labels == nil {
		return knowledge.Labels{}
	}
	return *r.Labels
}

// SourceLabel is what goes before the source, with its separator ("Source: "), or "".
func (r Reply) SourceLabel() string {
	if l := r.labels().Source; l != "" {
		return l + ": "
	}
	return ""
}

// Part is the answer to one topic.
type Part struct {
	Topic  string            `json:"topic"`
	Facet  string            `json:"facet,omitempty"`
	Title  string            `json:"title"`
	Lead   string            `json:"lead"`
	Fields []knowledge.Field `json:"fields,omitempty"`
	Table  *knowledge.Table  `json:"table,omitempty"`
}

// Suggestion is a question the user can ask next, by topic id so a button needs no matching.
type Suggestion struct {
	Label    string `json:"label"`
	Question string `json:"question"`
	Topic    string `json:"topic"`
	Facet    string `json:"facet,omitempty"`
}

// Intent is the main intent: the first topic, or "help", "smalltalk" or "none".
func (r Reply) Intent() string {
	if len(r.Intents) == 0 {
		return IntentNone
	}
	return r.Intents[0]
}
