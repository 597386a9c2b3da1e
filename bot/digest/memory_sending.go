package digest

import (
	"context"
	"sort"
	"time"
)

// Begin claims slot and records it as being sent until lease.
func (m *MemoryStore) Begin(_ context.Context, id int64, slot, lease time.Time) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.subs[id]
	if !ok || s.Disabled != "" || !slot.After(s.LastSlot) {
		return false, nil
	}
	s.LastSlot = slot
	if m.sending == nil {
		m.sending = map[int64]Sending{}
	}
	m.sending[id] = Sending{Slot: slot, Lease: lease}
	return true, nil
}

// Renew moves the lease of a slot still being sent.
func (m *MemoryStore) Renew(_ context.Context, id int64, slot, held, lease time.Time) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p, ok := m.sending[id]
	if !ok || !p.Slot.Equal(slot) || !p.Lease.Equal(held) {
		return false, nil
	}
	p.Lease = lease
	m.sending[id] = p
	return true, nil
}

// Sent settles a posted slot.
func (m *MemoryStore) Sent(_ context.Context, id int64, slot time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if p, ok := m.sending[id]; ok && p.Slot.Equal(slot) {
		delete(m.sending, id)
	}
	return nil
}

// TakeOver leases the slots whose lease ran out to the caller.
func (m *MemoryStore) TakeOver(_ context.Context, now, lease time.Time) ([]Sending, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Sending
	for id, p := range m.sending {
		s, ok := m.subs[id]
		if !ok {
			delete(m.sending, id)
			continue
		}
		if !p.Lease.Before(now) {
			continue
		}
		p.Lease = lease
		m.sending[id] = p
		out = append(out, Sending{Sub: *s, Slot: p.Slot, Lease: lease})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Sub.ID < out[j].Sub.ID })
	return out, nil
}
