package bot

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/careerbot/careerbot/bot/classifier"
	"github.com/careerbot/careerbot/knowledge"
)

// Options tune a Bot. The zero value is sensible.
type Options struct {
	// ContextTTL is how long a conversation's last topic is remembered for follow-ups.
	ContextTTL time.Duration
	// MaxConversations bounds the remembered conversations.
	MaxConversations int
	// Now is the clock, for tests.
	Now func() time.Time
	// Contexts keeps each conversation's last turn; nil keeps them in this process
	// (NewMemoryContexts with ContextTTL, MaxConversations and Now).
	Contexts Contexts
	// Logger gets what the bot cannot do but answers anyway (a context store down);
	// nil is slog.Default().
	Logger *slog.Logger
	// RulesOnly leaves out the learned second opinion (bot/classifier): the rules alone
	// decide. It is for measuring what the model adds.
	RulesOnly bool
	// Model is the learned second opinion; nil is the one built in (classifier.Load).
	// Cross-validation gives each fold a model that never saw it. RulesOnly ignores it.
	Model *classifier.Model
	// Policy says where the model may speak; nil is DefaultPolicy.
	Policy *Policy
}

// Default option values.
const (
	DefaultContextTTL       = 5 * time.Minute
	DefaultMaxConversations = 100_000
)

// Bot answers questions about one profile. It is safe for concurrent use.
type Bot struct {
	ix       *index
	spell    *speller
	contexts Contexts
	log      *slog.Logger
}

// New indexes the knowledge base.
func New(kb *knowledge.Base, opts Options) (*Bot, error) {
	if kb == nil {
		return nil, fmt.Errorf("new bot: no knowledge base")
	}
	if len(kb.Topics) == 0 {
		return nil, fmt.Errorf("new bot: knowledge base %s has no topics", kb.Name)
	}
	if len(kb.Topics) > 64 {
		return nil, fmt.Errorf("new bot: knowledge base %s has %d topics, at most 64 are supported", kb.Name, len(kb.Topics))
	}
	for _, t := range kb.Topics {
		if len(t.Facets) > maxFacets {
			return nil, fmt.Errorf("new bot: knowledge base %s: topic %s has %d facets, at most %d are supported", kb.Name, t.ID, len(t.Facets), maxFacets)
		}
	}
	if opts.ContextTTL <= 0 {
		opts.ContextTTL = DefaultContextTTL
	}
	if opts.MaxConversations <= 0 {
		opts.MaxConversations = DefaultMaxConversations
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	ix := newIndex(kb)
	ix.policy = DefaultPolicy
	if opts.Policy != nil {
		ix.policy = *opts.Policy
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if !opts.RulesOnly {
		if err := useModel(ix, opts, kb.Name); err != nil {
			return nil, err
		}
	}
	if opts.Contexts == nil {
		opts.Contexts = NewMemoryContexts(opts.ContextTTL, opts.MaxConversations, opts.Now)
	}
	return &Bot{ix: ix, spell: newSpeller(ix.vocab), contexts: opts.Contexts, log: opts.Logger}, nil
}

// Topic is a topic as help and autocomplete show it.
type Topic struct {
	ID       string
	Title    string
	Question string
	Examples []string
}

// Topics lists what the bot can answer, in knowledge-file order.
func (b *Bot) Topics() []Topic {
	out := make([]Topic, len(b.ix.kb.Topics))
	for i, t := range b.ix.kb.Topics {
		out[i] = Topic{ID: t.ID, Title: t.Title, Question: t.Question, Examples: slices.Clone(t.Examples)}
	}
	return out
}

// Occupation is the occupation the bot covers, as said in a sentence.
func (b *Bot) Occupation() string { return b.ix.kb.Profile.Occupation }

// Answer answers one question. It never fails: a question it cannot answer gets a reply
// that says so and what can be asked. ctx goes to the conversation store (Options.Contexts);
// matching itself is bounded and does not block.
func (b *Bot) Answer(ctx context.Context, req Request) Reply {
	return b.answer(ctx, req, nil)
}

// answer is reply with the knowledge file's labels for renderers.
func (b *Bot) answer(ctx context.Context, req Request, tr *Trace) Reply {
	r := b.reply(ctx, req, tr)
	r.Labels = &b.ix.kb.Replies.Labels
	return r
}

// reply runs the stages: read, match (hits and scores), decide, and remembers the turn.
// tr, when not nil, records each stage.
func (b *Bot) reply(ctx context.Context, req Request, tr *Trace) Reply {
	ix := b.ix
	if req.Topic != "" {
		return b.direct(ctx, req)
	}
	a := ix.getAnalysis()
	defer putAnalysis(a)
	if tr != nil {
		a.wordsRead = &tr.Words
	}
	ix.read(a, b.spell, req.Text)
	if tr != nil {
		tr.read(req.Text, a)
	}
	if len(a.toks) == 0 || onlySeparators(a.toks) {
		if tr != nil {
			tr.Decided = ruleEmpty
		}
		if i := ix.symbolSmalltalk(req.Text); i >= 0 { // "👍": small talk the reading drops
			r := ix.goingOn(ix.smalltalkReply(i), b.lastTurn(ctx, req.ConversationID))
			r.Rule = ruleEmpty // decided before the rule table, with the empty question
			return r
		}
		r := ix.decline(KindFallback, ix.replies.Empty, 0)
		r.Rule = ruleEmpty
		return r
	}
	ix.match(a)
	if tr != nil {
		tr.match(ix, a)
	}
	prev := b.lastTurn(ctx, req.ConversationID)
	s := newState(ix, a, prev, a.text)
	d := s.run(tr)
	d.reply = ix.goingOn(d.reply, prev)
	if req.ConversationID == "" { // a question on its own: no turn to remember
		return d.reply
	}
	if next, ok := s.nextTurn(d); ok {
		next.sourced = sourced(d.reply, prev)
		b.remember(ctx, req.ConversationID, next)
	}
	return d.reply
}

func onlySeparators(toks []token) bool {
	for _, t := range toks {
		if !t.sep {
			return false
		}
	}
	return true
}

// direct answers a topic (and facet) chosen by id, as buttons do.
func (b *Bot) direct(ctx context.Context, req Request) Reply {
	ix := b.ix
	t, ok := ix.byID[req.Topic]
	if !ok {
		r := ix.decline(KindFallback, ix.replies.NoTopic, 0)
		r.Rule = ruleDirect
		return r
	}
	fi := -1
	for i, f := range ix.topics[t].facets {
		if f.id == req.Facet && f.entity == "" {
			fi = i
		}
	}
	prev := b.lastTurn(ctx, req.ConversationID)
	next := noTurn
	next.topic, next.facet = t, fi
	r := ix.answerReply(t, ix.partFor(t, fi, -1), 1)
	_, next.dim = ix.answered(r, t)
	r = ix.goingOn(r, prev)
	next.sourced = sourced(r, prev)
	b.remember(ctx, req.ConversationID, next)
	r.Rule = ruleDirect
	return r
}

// maxSuggestions is the most questions offered after a fallback or small talk: more is a
// menu, not a suggestion.
const maxSuggestions = 3

// sourced says whether the conversation has been given the source, with r or before it.
func sourced(r Reply, prev turn) bool {
	return prev.sourced || r.Kind == KindAnswer && r.SourceURL != ""
}

func suggestionText(s []Suggestion) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = "\"" + x.Question + "\""
	}
	return strings.Join(q, " or ")
}

// decline says what the bot could not do (why), what it covers, and what can be asked.
func (ix *index) decline(kind Kind, why string, conf float64) Reply {
	return Reply{
		Kind:        kind,
		Intents:     []string{IntentNone},
		Confidence:  conf,
		Title:       ix.replies.DeclinedTitle,
		Lead:        why,
		Note:        ix.replies.DeclinedNote,
		Source:      ix.source,
		SourceURL:   ix.url,
		Suggestions: ix.firstSuggestions(maxSuggestions),
	}
}

// firstSuggestions is the first n topics as suggestions (fewer when there are fewer topics).
func (ix *index) firstSuggestions(n int) []Suggestion {
	s := make([]Suggestion, min(n, len(ix.topics)))
	for i := range s {
		s[i] = ix.suggestion(i)
	}
	return s
}

func (ix *index) smalltalkReply(i int) Reply {
	if ix.small[i].Kind == string(KindHelp) {
		return Reply{
			Answered:    true, // "what can I ask?" is answered
			Kind:        KindHelp,
			Intents:     []string{string(KindHelp)},
			Confidence:  1,
			Title:       ix.replies.HelpTitle,
			Lead:        ix.smallTxt[i],
			Note:        ix.replies.TopicsNote,
			Suggestions: ix.topicSuggestions(),
		}
	}
	return Reply{
		Kind:        KindSmalltalk,
		Intents:     []string{string(KindSmalltalk)},
		Confidence:  1,
		Title:       ix.replies.SmalltalkTitle,
		Lead:        ix.smallTxt[i],
		Note:        ix.replies.TopicsNote,
		Suggestions: ix.firstSuggestions(maxSuggestions),
	}
}
