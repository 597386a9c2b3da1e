package slack

import (
	"sync"
	"time"
)

// seen remembers event ids for a while, so a retried delivery of an event that was already
// answered is not answered twice. An event whose handling failed is forgotten, so Slack's
// retry gets a second chance instead of being dropped.
type seen struct {
	ttl time.Duration
	max int
	now func() time.Time

	mu  sync.Mutex
	ids map[string]time.Time
}

func newSeen(ttl time.Duration, max int, now func() time.Time) *seen {
	return &seen{ttl: ttl, max: max, now: now, ids: make(map[string]time.Time)}
}

// first records id and says whether this is the first time it is seen within the TTL.
func (s *seen) first(id string) bool {
	if id == "" {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if at, ok := s.ids[id]; ok && now.Sub(at) < s.ttl {
		return false
	}
	if len(s.ids) >= s.max {
		for k, at := range s.ids {
			if now.Sub(at) >= s.ttl {
				delete(s.ids, k)
			}
		}
		if len(s.ids) >= s.max {
			// Still full of live ids: a flood. Keep going rather than grow without bound;
			// the worst case is a duplicate answer to a retried event.
			clear(s.ids)
		}
	}
	s.ids[id] = now
	return true
}

// forget drops id after its handling failed.
func (s *seen) forget(id string) {
	s.mu.Lock()
	delete(s.ids, id)
	s.mu.Unlock()
}
