package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

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
}

// Default option values.
const (
	DefaultContextTTL       = 5 * time.Minute
	DefaultMaxConversations = 100_000
)

// Bot answers questions about one profile. It is safe for concurrent use.
type Bot struct {
	ix    *index
	spell *speller
	mem   *memory
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
	return &Bot{ix: ix, spell: newSpeller(ix.vocab), mem: newMemory(opts.ContextTTL, opts.MaxConversations, opts.Now)}, nil
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
// that says so and what can be asked. ctx is accepted for cancellation by callers that
// wrap Answer with I/O; matching itself is bounded and does not block.
func (b *Bot) Answer(ctx context.Context, req Request) Reply {
	ix := b.ix
	if req.Topic != "" {
		return b.direct(req)
	}
	a := ix.getAnalysis()
	defer putAnalysis(a)
	ix.read(a, b.spell, req.Text)
	if len(a.toks) == 0 || onlySeparators(a.toks) {
		return ix.fallback(KindFallback, "You didn't ask anything yet.", 0)
	}
	ix.match(a)
	prev := b.mem.last(req.ConversationID)
	r, topic := b.decide(a, prev)
	switch {
	case topic >= 0:
		b.mem.remember(req.ConversationID, turn{topic: topic, entity: a.entity})
	case !r.Answered && (a.other != "" || a.related >= 0):
		b.mem.remember(req.ConversationID, turn{topic: -1, entity: noTurn.entity, other: true})
	}
	return r
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
func (b *Bot) direct(req Request) Reply {
	ix := b.ix
	t, ok := ix.byID[req.Topic]
	if !ok {
		return ix.fallback(KindFallback, "I don't have a topic called that.", 0)
	}
	fi := -1
	for i, f := range ix.topics[t].facets {
		if f.id == req.Facet && f.entity == "" {
			fi = i
		}
	}
	b.mem.remember(req.ConversationID, turn{topic: t, entity: noTurn.entity})
	return ix.answerReply(t, ix.partFor(t, fi, -1), 1)
}

// decide turns an analysis into a reply, and says which topic the conversation is now on.
func (b *Bot) decide(a *analysis, prev turn) (Reply, int) {
	ix := b.ix
	best, second, s1, s2 := a.ranked()
	conf := a.confidence(s1, s2)
	last := prev.topic

	if a.pointsBack() && !a.subject && !a.namesEntity() {
		// "i'm thinking about nursing" then "how much does that pay?": still nursing. Only
		// "that", "it" and the like point there: "they" is how people name this occupation.
		if prev.other && a.other == "" && a.demonstrative() {
			return ix.fallback(KindFallback, "I don't have information about that occupation.", conf), -1
		}
		// "how many work in hospitals?" then "how much do they make there?": in hospitals.
		if a.saysThere() {
			a.entity = prev.entity
		}
	}

	// A tie between topics that the conversation settles: "what about hospitals?" after
	// a pay question is about pay in hospitals.
	if last >= 0 && best >= 0 && last != best && a.score[last] > 0 && a.score[last] >= s1*0.8 {
		best, s2 = last, 0
		conf = max(a.confidence(a.score[last], 0), AnswerThreshold)
	}
	// A follow-up with nothing but a facet of the last topic ("and the lowest?").
	if last >= 0 && conf < AnswerThreshold {
		if fi, ei := ix.facet(a, last); fi >= 0 && a.unknown == 0 && a.other == "" && !a.personal {
			return ix.answerReply(last, ix.partFor(last, fi, ei), AnswerThreshold), last
		}
		// A short follow-up that points back ("is that a lot?", "and for medical
		// registrars?", "is that the government?") goes on with the last topic.
		if a.pointsBack() && a.other == "" && !a.personal && a.unsupported < 0 && a.related < 0 && a.year == 0 {
			fi, ei := ix.facet(a, last)
			return ix.answerReply(last, ix.partFor(last, fi, ei), AnswerThreshold), last
		}
	}

	switch {
	case a.personal:
		return ix.fallback(KindFallback, "I can't see anyone's own pay, schedule, time off or benefits. I only know what the Occupational Outlook Handbook says about "+ix.kb.Profile.Occupation+" in general.", conf), -1
	case a.other != "" && !(best >= 0 && ix.namesOcc[best] && a.subject):
		// "what do they earn, and what do nurses make": the first part, and a word on the rest.
		if t := a.asideTopic(best, a.otherMask); t >= 0 && a.unsupported < 0 && a.confidence(a.score[t], 0) >= AnswerThreshold {
			fi, ei := ix.facet(a, t)
			r := ix.answerReply(t, ix.partFor(t, fi, ei), a.confidence(a.score[t], 0))
			r.Note = "I don't have information about the other occupation you asked about; I only cover " + ix.kb.Profile.Occupation + "."
			return r, t
		}
		return ix.fallback(KindFallback, "I don't have information about that occupation.", conf), -1
	case a.related >= 0 && (best < 0 || !ix.namesOcc[best]):
		r := ix.kb.Profile.Related.Occupations[a.related]
		return ix.fallback(KindFallback, fmt.Sprintf("I only cover %s; %s (%s) have a profile of their own in the Occupational Outlook Handbook.", ix.kb.Profile.Occupation, r.Name, r.Relation), conf), -1
	}

	if a.smallLong && conf < 0.8 {
		return ix.smalltalkReply(a.smalltalk), last
	}
	var ps []int
	if best >= 0 {
		ps = ix.parts(a, best)
	}
	if conf >= AnswerThreshold || ps != nil {
		var caveat string
		if a.unsupported >= 0 {
			t := a.asideTopic(best, a.unsupMask)
			if t < 0 {
				return ix.fallback(KindFallback, ix.unsupTxt[a.unsupported], conf), best
			}
			if t != best { // "what degree do I need, and how much is tuition": the degree
				best, ps = t, nil
				conf = max(a.confidence(a.score[t], 0), AnswerThreshold)
			}
			caveat = ix.unsupTxt[a.unsupported] // answered below, the rest declined
		}
		// "how many jobs in 2041", "salary in 2019": figures for a year the profile
		// does not have are not this profile's figures.
		if ix.yearReply >= 0 && a.year != 0 && (a.unknownYear || ps == nil && ix.undated[best]) {
			return ix.fallback(KindFallback, ix.unsupTxt[ix.yearReply], conf), best
		}
		if ps != nil {
			parts := make([]Part, 0, len(ps))
			c := 1.0
			for _, t := range ps {
				fi, ei := ix.facet(a, t)
				parts = append(parts, ix.partFor(t, fi, ei)[0])
				c = min(c, a.confidence(a.score[t], 0))
			}
			r := ix.multiReply(parts, c)
			r.Note = caveat
			return r, ps[len(ps)-1]
		}
		fi, ei := ix.facet(a, best)
		if e2 := ix.secondEntity(a, best, fi); e2 >= 0 {
			// "hospitals vs doctors offices pay": both.
			r := ix.multiReply([]Part{ix.partFor(best, fi, ei)[0], ix.partFor(best, fi, e2)[0]}, conf)
			r.Note = caveat
			return r, best
		}
		r := ix.answerReply(best, ix.partFor(best, fi, ei), conf)
		r.Note = caveat
		return r, best
	}
	if best < 0 && a.subject && a.unsupported >= 0 {
		return ix.fallback(KindFallback, ix.unsupTxt[a.unsupported], conf), -1
	}
	if best < 0 && a.subject && a.unknown == 0 && ix.defaultTopic >= 0 {
		// The question names the occupation and nothing else: say what it is.
		fi, ei := ix.facet(a, ix.defaultTopic)
		return ix.answerReply(ix.defaultTopic, ix.partFor(ix.defaultTopic, fi, ei), AnswerThreshold), ix.defaultTopic
	}
	if a.onlySmalltalk() {
		return ix.smalltalkReply(a.smalltalk), last
	}
	// "Thanks, this has given me a lot to think about", "hi there, I'm researching a
	// career change": an opening greeting or thanks, and nothing the bot can answer after
	// it, gets the small talk rather than "I don't know that one".
	if a.smalltalk >= 0 && a.smallMask&1 != 0 && a.unsupported < 0 && a.other == "" && !a.personal &&
		(ix.small[a.smalltalk].Kind != "help" || greetings[a.toks[0].word]) && !a.asks() {
		return ix.smalltalkReply(a.smalltalk), last
	}
	if a.unsupported >= 0 && best >= 0 {
		return ix.fallback(KindFallback, ix.unsupTxt[a.unsupported], conf), -1
	}
	if conf >= SuggestThreshold && best >= 0 {
		r := ix.fallback(KindClarify, "I'm not sure what you're asking.", conf)
		r.Suggestions = []Suggestion{ix.suggestion(best)}
		if second >= 0 && a.score[second] >= s1/2 {
			r.Suggestions = append(r.Suggestions, ix.suggestion(second))
		}
		r.Lead = "I'm not sure what you're asking. Did you mean: " + suggestionText(r.Suggestions) + "?"
		return r, -1
	}
	return ix.fallback(KindFallback, "I don't know that one.", conf), -1
}

// greetings open a message; other help phrases ("how do i use", "start") open requests.
var greetings = setOf("hi", "hello", "hey", "hiya", "howdy", "greetings", "yo", "sup", "good")

func suggestionText(s []Suggestion) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = "\"" + x.Question + "\""
	}
	return strings.Join(q, " or ")
}

// fallback says what the bot could not do, what it covers, and what can be asked.
func (ix *index) fallback(kind Kind, why string, conf float64) Reply {
	return Reply{
		Kind:        kind,
		Intents:     []string{IntentNone},
		Confidence:  conf,
		Title:       "I can't answer that",
		Lead:        why,
		Note:        fmt.Sprintf("I only know about %s, from the %s. You can ask me about %s.", ix.kb.Profile.Occupation, ix.kb.Profile.Source.Name, ix.topicList()),
		Source:      ix.source,
		SourceURL:   ix.url,
		Suggestions: ix.firstSuggestions(4),
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
			Title:       "What I can answer",
			Lead:        ix.smallTxt[i],
			Note:        fmt.Sprintf("You can ask me about %s.", ix.topicList()),
			Suggestions: ix.topicSuggestions(),
		}
	}
	return Reply{
		Kind:        KindSmalltalk,
		Intents:     []string{string(KindSmalltalk)},
		Confidence:  1,
		Title:       "careerbot",
		Lead:        ix.smallTxt[i],
		Note:        fmt.Sprintf("You can ask me about %s.", ix.topicList()),
		Suggestions: ix.firstSuggestions(4),
	}
}
