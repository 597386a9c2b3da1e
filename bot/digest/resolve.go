package digest

import (
	"context"
	"time"
)

// Checker is what a poster may offer to tell whether a slot left "sending" reached its
// channel before the process posting it died: Slack finds the digest's message metadata in
// the channel's recent history. A poster without it makes its posts idempotent instead
// (Discord: the same nonce returns the earlier message).
type Checker interface {
	Posted(ctx context.Context, s Subscription, slot time.Time) (bool, error)
}

// Resolve settles the slots left "sending" whose lease ran out: a process died mid-post,
// or hung past its lease. Each is taken over by one process (TakeOver), then found posted
// and settled, or posted again, never guessed. Run calls it before every tick; it says how
// many slots it took over.
func (s *Scheduler) Resolve(ctx context.Context, now time.Time) int {
	pending, err := s.store.TakeOver(ctx, now, s.leaseFrom(now))
	if err != nil {
		s.log.Error("digest: looking for slots left sending failed", "err", err)
		return 0
	}
	for _, p := range pending {
		s.resolve(ctx, p, now)
	}
	return len(pending)
}

func (s *Scheduler) resolve(ctx context.Context, p Sending, now time.Time) {
	log := s.log.With("id", p.Sub.ID, "platform", p.Sub.Platform, "slot", p.Slot)
	sched, err := p.Sub.Schedule()
	slot := sched.Next(p.Slot.Add(-time.Second))
	if err != nil || !slot.At.Equal(p.Slot) || now.Sub(p.Slot) > s.cfg.Grace || p.Sub.Disabled != "" {
		log.Warn("digest slot left sending is past its grace period or no longer scheduled; settled without posting", "err", err)
		s.settle(ctx, p.Sub.ID, p.Slot)
		return
	}
	poster, ok := s.posters[p.Sub.Platform]
	if !ok {
		log.Error("digest: no poster for this platform; the slot stays sending")
		return
	}
	if c, ok := poster.(Checker); ok {
		posted, err := c.Posted(ctx, p.Sub, p.Slot)
		switch {
		case err != nil:
			log.Warn("digest: cannot tell whether the slot left sending was posted; posting it (late rather than lost)", "err", err)
		case posted:
			log.Info("digest slot left sending was posted; settled")
			s.settle(ctx, p.Sub.ID, p.Slot)
			return
		}
	}
	log.Info("digest slot left sending; posting it again")
	s.post(ctx, job{e: &entry{sub: p.Sub, sched: sched}, slot: slot}, now, p.Lease)
}
