package bot

import "context"

// turn is a conversation's last turn as the rules read it: indexes into this bot's
// knowledge. Turn is the same, by id, as stores keep it.
type turn struct {
	topic  int           // -1: none
	entity [numKinds]int // per entity kind, as analysis.entity
	other  bool          // the question was about another occupation
}

// noTurn is a conversation with nothing to follow up.
var noTurn = turn{topic: -1, entity: noEntities()}

// noEntities is a per-kind set with no entity named.
func noEntities() (e [numKinds]int) {
	for k := range e {
		e[k] = -1
	}
	return e
}

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
	out := Turn{OtherOccupation: t.other}
	if t.topic >= 0 {
		out.Topic = ix.topics[t.topic].id
	}
	for k, e := range t.entity {
		if e >= 0 {
			out.Entities = append(out.Entities, EntityRef{Kind: entityKinds[k], ID: ix.entities[entityKinds[k]][e].ID})
		}
	}
	return out
}

// fromTurn reads a turn named by ids; an id this knowledge base lacks (a store shared with
// replicas on an older file) is left out.
func (ix *index) fromTurn(t Turn) turn {
	out := noTurn
	out.other = t.OtherOccupation
	if i, ok := ix.byID[t.Topic]; ok {
		out.topic = i
	}
	for _, e := range t.Entities {
		k := int(entityKindID(e.Kind))
		if k < 0 {
			continue
		}
		for i, x := range ix.entities[e.Kind] {
			if x.ID == e.ID {
				out.entity[k] = i
				break
			}
		}
	}
	return out
}
