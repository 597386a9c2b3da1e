// Package dedupe remembers the ids of events already taken, so that a platform's retry of
// an event, or the same event reaching a second replica, is answered once. Memory keeps
// them in this process (one replica); store/postgres keeps them where replicas share them.
package dedupe

import (
	"context"
	"sync"
	"time"
)

// Memory remembers ids in this process for a time to live, up to a bound.
type Memory struct {
	ttl time.Duration
	max int
	now func() time.Time

	mu  sync.Mutex
	ids map[string]time.Time
}

// NewMemory remembers up to max ids for ttl each; now nil means time.Now.
func NewMemory(ttl time.Duration, max int, now func() time.Time) *Memory {
	if now == nil {
		now = time.Now
	}
	return &Memory{ttl: ttl, max: max, now: now, ids: make(map[string]time.Time)}
}

// First records id and says whether this is the first time it is seen within the TTL.
// An empty id is always first: there is nothing to compare it with.
func (s *Memory) First(_ context.Context, id string) (bool, error) {
	if id == "" {
		return true, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if at, ok := s.ids[id]; ok && now.Sub(at) < s.ttl {
		return false, nil
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
	return true, nil
}

// Forget drops id after its handling failed, so that the platform's retry is answered.
func (s *Memory) Forget(_ context.Context, id string) error {
	s.mu.Lock()
	delete(s.ids, id)
	s.mu.Unlock()
	return nil
}

// Len is how many ids are remembered now.
func (s *Memory) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.ids)
}
