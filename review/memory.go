package review

import (
	"context"
	"sync"
	"time"
)

// Memory keeps entries in this process, at most max (the oldest go first).
type Memory struct {
	mu      sync.Mutex
	max     int
	entries []Entry
}

// NewMemory keeps at most max entries.
func NewMemory(max int) *Memory { return &Memory{max: max} }

// AddReview keeps e.
func (m *Memory) AddReview(_ context.Context, e Entry) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.entries) >= m.max {
		m.entries = m.entries[1:]
	}
	m.entries = append(m.entries, e)
	return nil
}

// Reviews returns the entries at or after since, oldest first.
func (m *Memory) Reviews(_ context.Context, since time.Time) ([]Entry, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Entry
	for _, e := range m.entries {
		if !e.At.Before(since) {
			out = append(out, e)
		}
	}
	return out, nil
}

// PruneReviews deletes the entries before before.
func (m *Memory) PruneReviews(_ context.Context, before time.Time) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	kept := m.entries[:0]
	for _, e := range m.entries {
		if !e.At.Before(before) {
			kept = append(kept, e)
		}
	}
	n := int64(len(m.entries) - len(kept))
	m.entries = kept
	return n, nil
}
