package bot

import (
	"context"
	"sync"
	"time"
)

// Turn is what a conversation's last turn meant, kept so that a follow-up ("and the
// worst?", "is that good?", "how would I earn that", "and for the whole US?") is read as a
// person would. It holds only ids from the knowledge file, never the question, a user or a
// channel, so a store may keep it anywhere.
type Turn struct {
	// Topic is the topic answered, or, when the question was declined (another
	// occupation's, or something the profile lacks), the topic it asked about; "" for none.
	Topic string `json:"topic,omitempty"`
	// Facet is the facet of Topic answered ("lowest_10", "industry"); "" for the whole
	// topic.
	Facet string `json:"facet,omitempty"`
	// Entities are the industry, credential or quality the turn was about ("that" = the
	// CDIP, "there" = hospitals).
	Entities []EntityRef `json:"entities,omitempty"`
	// Dimension is the kind of entity the answer ranked or named (industry: "what sector
	// pays best", so "and worst?" is the lowest-paying industry); "" for none.
	Dimension string `json:"dimension,omitempty"`
	// OtherOccupation: the last question was about another occupation, so "how much does
	// that pay?" is too, and "and for this occupation?" asks Topic about this one.
	OtherOccupation bool `json:"other_occupation,omitempty"`
	// Declined is the id of what the profile lacks that the last question asked for
	// ("location": "in ohio?"); Topic is still what it asked about.
	Declined string `json:"declined,omitempty"`
	// Sourced: an answer in this conversation has given the source, so later ones do not.
	Sourced bool `json:"sourced,omitempty"`
}

// EntityRef names one entity of the knowledge file.
type EntityRef struct {
	Kind string `json:"kind"`
	ID   string `json:"id"`
}

// Contexts keeps the last turn of each conversation. The bot asks for it before deciding
// and hands it the new one after. conversation is the platform's key (a Slack thread or
// DM, a Discord channel and user, a chat run); a store that writes it down should hash
// it. Implementations are safe for concurrent use, forget a turn once it is older than
// their time to live, and bound what they keep; package contexttest checks all of that.
// An error (a database down) costs the conversation its context, never the answer.
type Contexts interface {
	Last(ctx context.Context, conversation string) (Turn, bool, error)
	Remember(ctx context.Context, conversation string, t Turn) error
}

// MemoryContexts keeps turns in this process: the default, and right for one replica.
type MemoryContexts struct {
	ttl time.Duration
	max int
	now func() time.Time

	mu    sync.Mutex
	convs map[string]stamped
}

type stamped struct {
	turn Turn
	at   time.Time
}

// NewMemoryContexts keeps at most max conversations, each for ttl after its last answer;
// now is the clock (time.Now when nil).
func NewMemoryContexts(ttl time.Duration, max int, now func() time.Time) *MemoryContexts {
	if now == nil {
		now = time.Now
	}
	return &MemoryContexts{ttl: ttl, max: max, now: now, convs: make(map[string]stamped)}
}

// Last returns the conversation's last turn, unless there is none or it has expired.
func (m *MemoryContexts) Last(_ context.Context, conversation string) (Turn, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.convs[conversation]
	if !ok {
		return Turn{}, false, nil
	}
	if m.now().Sub(s.at) > m.ttl {
		delete(m.convs, conversation)
		return Turn{}, false, nil
	}
	return s.turn, true, nil
}

// Remember keeps t as the conversation's last turn. When full it drops what has expired,
// and if that is not enough, everything: a lost context costs one follow-up a re-phrasing;
// unbounded memory costs the process.
func (m *MemoryContexts) Remember(_ context.Context, conversation string, t Turn) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	if _, ok := m.convs[conversation]; !ok && len(m.convs) >= m.max {
		for k, s := range m.convs {
			if now.Sub(s.at) > m.ttl {
				delete(m.convs, k)
			}
		}
		if len(m.convs) >= m.max {
			clear(m.convs)
		}
	}
	m.convs[conversation] = stamped{turn: t, at: now}
	return nil
}

// Len is how many conversations are kept, expired ones included until they are looked at.
func (m *MemoryContexts) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.convs)
}
