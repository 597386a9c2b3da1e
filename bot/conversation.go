package bot

import "context"

// turn is a conversation's last turn as the rules read it: indexes into this bot's
// knowledge. Turn is the same, by id, as stores keep it.
type turn struct {
	topic    int           // the topic answered, or asked about and declined; -1: none
	facet    int           // the facet of topic answered; -1: the whole topic
	entity   [numKinds]int // per entity kind, as analysis.entity
	entity2  [numKinds]int // per kind, a second one compared with it ("hospitals or doctors offices")
	dim      int           // the entity kind (entityKinds) the answer ranked or named; -1: none
	other    bool          // the question was about another occupation
	asked    int           // with other: the topic it asked about (topic is -1); else -1
	declined int           // what the profile lacks that was asked (an unsupported index), or -1
	sourced  bool          // an answer in the conversation has given the source
}

// noTurn is a conversation with nothing to follow up.
var noTurn = turn{topic: -1, facet: -1, entity: noEntities(), entity2: noEntities(), dim: -1, asked: -1, declined: -1}

// noEntities is a per-kind set with no entity named.
func noEntities() (e [numKinds]int) {
	for k := range e {
		e[k] = -1
	}
	return e
}

// about is the topic the turn was about, answered or declined (another occupation's).
func (t turn) about() int { return max(t.topic, t.asked) }

// lastTurn reads the conversation's last turn from the store; without a conversation, or
// when the store fails (logged), there is none.
func (b *Bot) lastTurn(ctx context.Context, conversation string) turn {
	if conversation == "" {
		return noTurn
	}
	t, ok, err := b.contexts.Last(ctx, conversation)
	if err != nil {
		b.log.WarnContext(ctx, "conversation context unavailable", "err", err)
	}
	if err != nil || !ok {
		return noTurn
	}
	return b.ix.fromTurn(t)
}

// remember hands the store the conversation's new last turn.
func (b *Bot) remember(ctx context.Context, conversation string, t turn) {
	if conversation == "" {
		return
	}
	if err := b.contexts.Remember(ctx, conversation, b.ix.toTurn(t)); err != nil {
		b.log.WarnContext(ctx, "conversation context not kept", "err", err)
	}
}

// toTurn names a turn by ids.
func (ix *index) toTurn(t turn) Turn {
	out := Turn{OtherOccupation: t.other, Sourced: t.sourced}
	if ti := t.about(); ti >= 0 {
		out.Topic = ix.topics[ti].id
		if t.facet >= 0 && t.facet < len(ix.topics[ti].facets) {
			out.Facet = ix.topics[ti].facets[t.facet].id
		}
	}
	for _, es := range [][numKinds]int{t.entity, t.entity2} {
		for k, e := range es {
			if e >= 0 {
				out.Entities = append(out.Entities, EntityRef{Kind: entityKinds[k], ID: ix.entities[entityKinds[k]][e].ID})
			}
		}
	}
	if t.dim >= 0 {
		out.Dimension = entityKinds[t.dim]
	}
	if t.declined >= 0 {
		out.Declined = ix.kb.Language.Unsupported[t.declined].ID
	}
	return out
}

// fromTurn reads a turn named by ids; an id this knowledge base lacks (a store shared with
// replicas on an older file) is left out.
func (ix *index) fromTurn(t Turn) turn {
	out := noTurn
	out.other, out.sourced = t.OtherOccupation, t.Sourced
	if i, ok := ix.byID[t.Topic]; ok {
		out.topic = i
		for f, fx := range ix.topics[i].facets {
			if fx.id == t.Facet && t.Facet != "" {
				out.facet = f
			}
		}
	}
	if out.other {
		out.topic, out.asked = -1, out.topic
	}
	for _, e := range t.Entities {
		k := int(entityKindID(e.Kind))
		switch {
		case k < 0:
		case out.entity[k] < 0:
			out.entity[k] = ix.entityIndex(e.Kind, e.ID)
		default: // the second of a kind is the one it was compared with
			out.entity2[k] = ix.entityIndex(e.Kind, e.ID)
		}
	}
	out.dim = int(entityKindID(t.Dimension))
	for i, u := range ix.kb.Language.Unsupported {
		if u.ID == t.Declined && t.Declined != "" {
			out.declined = i
		}
	}
	return out
}

// entityIndex is the index of the entity of kind with id, or -1.
func (ix *index) entityIndex(kind, id string) int {
	for i, x := range ix.entities[kind] {
		if x.ID == id {
			return i
		}
	}
	return -1
}
