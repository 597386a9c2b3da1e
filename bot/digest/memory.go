package digest

import (
	"context"
	"sort"
	"sync"
	"time"
)

// MemoryStore is a Store in memory, safe for concurrent use: for tests, and for a
// process that keeps no subscriptions across restarts.
type MemoryStore struct {
	mu     sync.Mutex
	nextID int64
	subs   map[int64]*Subscription
	// byChannel finds a channel's subscription: a new one replaces it.
	byChannel map[[2]string]int64
	// sending holds the slot each subscription is posting and its lease (Begin).
	sending map[int64]Sending
}

// NewMemoryStore returns an empty store.
func NewMemoryStore() *MemoryStore { return &MemoryStore{subs: map[int64]*Subscription{}} }

// Add stores a validated subscription.
func (m *MemoryStore) Add(_ context.Context, s Subscription) (Subscription, error) {
	if err := s.Validate(); err != nil {
		return Subscription{}, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.byChannel == nil {
		m.byChannel = map[[2]string]int64{}
	}
	key := [2]string{s.Platform, s.ChannelID}
	delete(m.subs, m.byChannel[key]) // one subscription per channel
	m.nextID++
	s.ID = m.nextID
	m.byChannel[key] = s.ID
	if s.LastSlot.IsZero() {
		s.LastSlot = s.CreatedAt
	}
	m.subs[s.ID] = &s
	return s, nil
}

// Remove deletes a subscription.
func (m *MemoryStore) Remove(_ context.Context, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.subs[id]
	if !ok {
		return ErrNotFound
	}
	delete(m.subs, id)
	if key := [2]string{s.Platform, s.ChannelID}; m.byChannel[key] == id {
		delete(m.byChannel, key)
	}
	return nil
}

// List returns every subscription by ID.
func (m *MemoryStore) List(context.Context) ([]Subscription, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]Subscription, 0, len(m.subs))
	for _, s := range m.subs {
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// ListChannel returns a channel's subscription, if any.
func (m *MemoryStore) ListChannel(ctx context.Context, platform, channel string) ([]Subscription, error) {
	all, _ := m.List(ctx)
	var out []Subscription
	for _, s := range all {
		if s.Platform == platform && s.ChannelID == channel {
			out = append(out, s)
		}
	}
	return out, nil
}

// Claim moves the last slot forward if slot is later.
func (m *MemoryStore) Claim(_ context.Context, id int64, slot time.Time) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.subs[id]
	if !ok || s.Disabled != "" || !slot.After(s.LastSlot) {
		return false, nil
	}
	s.LastSlot = slot
	return true, nil
}

// Release puts the last slot back.
func (m *MemoryStore) Release(_ context.Context, id int64, slot, prev time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if s, ok := m.subs[id]; ok && s.LastSlot.Equal(slot) {
		s.LastSlot = prev
		delete(m.sending, id)
	}
	return nil
}

// Disable stops delivery to a subscription; ErrNotFound if there is none, as in the
// database stores.
func (m *MemoryStore) Disable(_ context.Context, id int64, reason string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.subs[id]
	if !ok {
		return ErrNotFound
	}
	if reason == "" {
		reason = "disabled"
	}
	s.Disabled = reason
	return nil
}
