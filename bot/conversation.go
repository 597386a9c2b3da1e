package bot

import (
	"sync"
	"time"
)

// memory is the short-lived context of each conversation: the last topic answered and the
// industry, credential or quality it was about, so a follow-up like "and the top 10%?",
// "what about hospitals?" or "how much do they make there?" continues it; or that the
// last question was about another occupation, so "how much does that pay?" is too.
type memory struct {
	ttl time.Duration
	max int
	now func() time.Time

	mu    sync.Mutex
	convs map[string]turn
}

type turn struct {
	topic  int           // -1: none
	entity [numKinds]int // per entity kind, as analysis.entity
	other  bool          // the question was about another occupation
	at     time.Time
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

func newMemory(ttl time.Duration, max int, now func() time.Time) *memory {
	return &memory{ttl: ttl, max: max, now: now, convs: make(map[string]turn)}
}

// last returns the conversation's last turn, or noTurn when there is none or it has
// expired.
func (m *memory) last(id string) turn {
	if id == "" {
		return noTurn
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	t, ok := m.convs[id]
	if !ok {
		return noTurn
	}
	if m.now().Sub(t.at) > m.ttl {
		delete(m.convs, id)
		return noTurn
	}
	return t
}

func (m *memory) remember(id string, t turn) {
	if id == "" {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	if _, ok := m.convs[id]; !ok && len(m.convs) >= m.max {
		// Full: drop what has expired, and if that is not enough, everything. A lost
		// context costs one follow-up a re-phrasing; unbounded memory costs the process.
		for k, t := range m.convs {
			if now.Sub(t.at) > m.ttl {
				delete(m.convs, k)
			}
		}
		if len(m.convs) >= m.max {
			clear(m.convs)
		}
	}
	t.at = now
	m.convs[id] = t
}
