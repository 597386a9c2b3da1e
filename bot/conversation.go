package bot

import (
	"sync"
	"time"
)

// memory is the short-lived context of each conversation: the last topic answered, so a
// follow-up like "and the top 10%?" or "what about hospitals?" continues it.
type memory struct {
	ttl time.Duration
	max int
	now func() time.Time

	mu    sync.Mutex
	convs map[string]turn
}

type turn struct {
	topic int
	at    time.Time
}

func newMemory(ttl time.Duration, max int, now func() time.Time) *memory {
	return &memory{ttl: ttl, max: max, now: now, convs: make(map[string]turn)}
}

// last returns the topic of the conversation's last answer, or -1 when there is none or it
// has expired.
func (m *memory) last(id string) int {
	if id == "" {
		return -1
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	t, ok := m.convs[id]
	if !ok {
		return -1
	}
	if m.now().Sub(t.at) > m.ttl {
		delete(m.convs, id)
		return -1
	}
	return t.topic
}

func (m *memory) remember(id string, topic int) {
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
	m.convs[id] = turn{topic: topic, at: now}
}
