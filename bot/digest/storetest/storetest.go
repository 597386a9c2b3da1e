// Package storetest is the conformance suite for digest.Store implementations, in the
// spirit of testing/fstest and testing/slogtest: every store (memory, SQLite, PostgreSQL)
// runs the same checks, so a scheduler on any of them posts each slot once.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot/digest"
)

// NewStore returns an empty store for one subtest; it closes it with t.Cleanup.
type NewStore func(t *testing.T) digest.Store

// Run runs every conformance check against stores made by newStore.
func Run(t *testing.T, newStore NewStore) {
	checks := []struct {
		name string
		fn   func(*testing.T, digest.Store)
	}{
		{"AddAssignsIDAndRoundTrips", addRoundTrips},
		{"AddRefusesInvalid", addRefusesInvalid},
		{"AddReplacesChannel", addReplacesChannel},
		{"ConcurrentAddsLeaveOnePerChannel", concurrentAdds},
		{"RemoveAndNotFound", removeAndNotFound},
		{"ListOrderedByID", listOrdered},
		{"ClaimMovesForwardOnly", claimForwardOnly},
		{"ConcurrentClaimsOneWinner", concurrentClaims},
		{"ReleaseRestoresPrevious", releaseRestores},
		{"DisableStopsClaims", disableStopsClaims},
		{"ReAddEnablesAgain", reAddEnables},
		{"BeginClaimsAndLeases", beginClaims},
		{"SentSettles", sentSettles},
		{"TakeOverAfterLeaseOnly", takeOverAfterLease},
		{"ConcurrentTakeOversOneWinner", concurrentTakeOvers},
		{"RenewOnlyTheSlotSending", renewOnlySending},
		{"ReleaseEndsSending", releaseEndsSending},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) { c.fn(t, newStore(t)) })
	}
}

var created = time.Date(2026, 3, 2, 15, 4, 5, 0, time.UTC)

func sub(platform, channel, spec string) digest.Subscription {
	return digest.Subscription{Platform: platform, TeamID: "T1", ChannelID: channel, Spec: spec, Zone: "America/Chicago", CreatedBy: "U1", CreatedAt: created}
}

func mustAdd(t *testing.T, s digest.Store, in digest.Subscription) digest.Subscription {
	t.Helper()
	out, err := s.Add(context.Background(), in)
	if err != nil {
		t.Fatalf("Add(%s %s): %v", in.Platform, in.ChannelID, err)
	}
	return out
}

func mustList(t *testing.T, s digest.Store) []digest.Subscription {
	t.Helper()
	subs, err := s.List(context.Background())
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	return subs
}

func addRoundTrips(t *testing.T, s digest.Store) {
	got := mustAdd(t, s, sub("slack", "C1", "0 9 * * 1"))
	if got.ID == 0 {
		t.Fatal("Add returned ID 0")
	}
	subs := mustList(t, s)
	if len(subs) != 1 {
		t.Fatalf("List has %d subscriptions, want 1", len(subs))
	}
	l := subs[0]
	if l.ID != got.ID || l.Platform != "slack" || l.TeamID != "T1" || l.ChannelID != "C1" || l.Spec != "0 9 * * 1" ||
		l.Zone != "America/Chicago" || l.CreatedBy != "U1" || l.Disabled != "" {
		t.Errorf("listed %+v, want what was added %+v", l, got)
	}
	if !l.CreatedAt.Equal(created) || !l.LastSlot.Equal(created) {
		t.Errorf("created %v last slot %v, want both %v (a new subscription starts at its creation)", l.CreatedAt, l.LastSlot, created)
	}
}

func addRefusesInvalid(t *testing.T, s digest.Store) {
	for _, bad := range []digest.Subscription{sub("irc", "C1", "0 9 * * *"), sub("slack", "", "0 9 * * *"), sub("slack", "C1", "not a schedule")} {
		if _, err := s.Add(context.Background(), bad); err == nil {
			t.Errorf("Add(%+v) succeeded, want an error", bad)
		}
	}
	if n := len(mustList(t, s)); n != 0 {
		t.Errorf("invalid subscriptions stored: %d", n)
	}
}

func addReplacesChannel(t *testing.T, s digest.Store) {
	mustAdd(t, s, sub("slack", "C1", "0 9 * * 1"))
	mustAdd(t, s, sub("discord", "C1", "0 9 * * 1")) // same id on another platform is another channel
	mustAdd(t, s, sub("slack", "C1", "0 10 * * *"))
	got, err := s.ListChannel(context.Background(), "slack", "C1")
	if err != nil || len(got) != 1 || got[0].Spec != "0 10 * * *" {
		t.Fatalf("slack C1 = %+v, %v; want only the newer schedule", got, err)
	}
	if n := len(mustList(t, s)); n != 2 {
		t.Errorf("List has %d subscriptions, want 2 (slack C1, discord C1)", n)
	}
}

func concurrentAdds(t *testing.T, s digest.Store) {
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.Add(context.Background(), sub("slack", "C1", fmt.Sprintf("%d 9 * * *", i))); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if got, _ := s.ListChannel(context.Background(), "slack", "C1"); len(got) != 1 {
		t.Fatalf("after 20 concurrent adds the channel has %d subscriptions, want 1", len(got))
	}
}

func removeAndNotFound(t *testing.T, s digest.Store) {
	a := mustAdd(t, s, sub("slack", "C1", "0 9 * * *"))
	if err := s.Remove(context.Background(), a.ID); err != nil {
		t.Fatalf("Remove: %v", err)
	}
	if err := s.Remove(context.Background(), a.ID); !errors.Is(err, digest.ErrNotFound) {
		t.Errorf("second Remove = %v, want ErrNotFound", err)
	}
	if n := len(mustList(t, s)); n != 0 {
		t.Errorf("%d subscriptions left after Remove", n)
	}
}

func listOrdered(t *testing.T, s digest.Store) {
	for i := range 5 {
		mustAdd(t, s, sub("slack", fmt.Sprintf("C%d", 5-i), "0 9 * * *"))
	}
	subs := mustList(t, s)
	for i := 1; i < len(subs); i++ {
		if subs[i-1].ID >= subs[i].ID {
			t.Fatalf("List not ordered by ID: %d before %d", subs[i-1].ID, subs[i].ID)
		}
	}
}

func claimForwardOnly(t *testing.T, s digest.Store) {
	ctx := context.Background()
	a := mustAdd(t, s, sub("slack", "C1", "0 9 * * *"))
	slot := created.Add(24 * time.Hour)
	for _, c := range []struct {
		at   time.Time
		want bool
	}{{slot, true}, {slot, false}, {slot.Add(-time.Hour), false}, {created, false}, {slot.Add(24 * time.Hour), true}} {
		if ok, err := s.Claim(ctx, a.ID, c.at); err != nil || ok != c.want {
			t.Errorf("Claim(%v) = %v, %v; want %v", c.at, ok, err, c.want)
		}
	}
	if ok, err := s.Claim(ctx, a.ID+1000, slot.Add(48*time.Hour)); ok || err != nil {
		t.Errorf("Claim of a missing subscription = %v, %v; want false, nil", ok, err)
	}
}

func concurrentClaims(t *testing.T, s digest.Store) {
	a := mustAdd(t, s, sub("slack", "C1", "0 9 * * *"))
	slot := created.Add(24 * time.Hour)
	var wins atomic.Int32
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := s.Claim(context.Background(), a.ID, slot)
			if err != nil {
				t.Error(err)
			}
			if ok {
				wins.Add(1)
			}
		}()
	}
	wg.Wait()
	if wins.Load() != 1 {
		t.Fatalf("%d of 16 concurrent claims of one slot won, want exactly 1", wins.Load())
	}
}

func releaseRestores(t *testing.T, s digest.Store) {
	ctx := context.Background()
	a := mustAdd(t, s, sub("slack", "C1", "0 9 * * *"))
	slot := created.Add(24 * time.Hour)
	if ok, _ := s.Claim(ctx, a.ID, slot); !ok {
		t.Fatal("first claim lost")
	}
	if err := s.Release(ctx, a.ID, slot, created); err != nil {
		t.Fatalf("Release: %v", err)
	}
	if got := mustList(t, s)[0].LastSlot; !got.Equal(created) {
		t.Errorf("last slot after Release = %v, want %v", got, created)
	}
	if ok, _ := s.Claim(ctx, a.ID, slot); !ok {
		t.Error("a released slot cannot be claimed again")
	}
}

func disableStopsClaims(t *testing.T, s digest.Store) {
	ctx := context.Background()
	a := mustAdd(t, s, sub("slack", "C1", "0 9 * * *"))
	if err := s.Disable(ctx, a.ID, "channel_not_found"); err != nil {
		t.Fatalf("Disable: %v", err)
	}
	if got := mustList(t, s)[0].Disabled; got != "channel_not_found" {
		t.Errorf("Disabled = %q, want the reason given", got)
	}
	if ok, err := s.Claim(ctx, a.ID, created.Add(24*time.Hour)); ok || err != nil {
		t.Errorf("Claim on a disabled subscription = %v, %v; want false, nil", ok, err)
	}
	if err := s.Disable(ctx, a.ID+1000, "x"); !errors.Is(err, digest.ErrNotFound) {
		t.Errorf("Disable of a missing subscription = %v, want ErrNotFound", err)
	}
}

func reAddEnables(t *testing.T, s digest.Store) {
	ctx := context.Background()
	a := mustAdd(t, s, sub("slack", "C1", "0 9 * * *"))
	if err := s.Disable(ctx, a.ID, "gone"); err != nil {
		t.Fatal(err)
	}
	mustAdd(t, s, sub("slack", "C1", "0 9 * * *"))
	got, _ := s.ListChannel(ctx, "slack", "C1")
	if len(got) != 1 || got[0].Disabled != "" {
		t.Fatalf("re-subscribing a disabled channel gave %+v, want one active subscription", got)
	}
}

// slot1 is a slot after creation, in whole seconds (SQLite keeps no finer time).
var slot1 = created.Add(24 * time.Hour)

func beginClaims(t *testing.T, s digest.Store) {
	ctx := context.Background()
	a := mustAdd(t, s, sub("slack", "C1", "0 9 * * *"))
	if ok, err := s.Begin(ctx, a.ID, slot1, slot1.Add(time.Minute)); !ok || err != nil {
		t.Fatalf("Begin = %v, %v; want true", ok, err)
	}
	if ok, _ := s.Begin(ctx, a.ID, slot1, slot1.Add(time.Minute)); ok {
		t.Error("a slot begun once was begun again")
	}
	if ok, _ := s.Claim(ctx, a.ID, slot1); ok {
		t.Error("a begun slot was claimed again")
	}
	if got := mustList(t, s)[0].LastSlot; !got.Equal(slot1) {
		t.Errorf("last slot after Begin = %v, want %v", got, slot1)
	}
}

func sentSettles(t *testing.T, s digest.Store) {
	ctx := context.Background()
	a := mustAdd(t, s, sub("slack", "C1", "0 9 * * *"))
	s.Begin(ctx, a.ID, slot1, slot1.Add(time.Minute))
	if err := s.Sent(ctx, a.ID, slot1); err != nil {
		t.Fatal(err)
	}
	if got, err := s.TakeOver(ctx, slot1.Add(time.Hour), slot1.Add(2*time.Hour)); err != nil || len(got) != 0 {
		t.Fatalf("TakeOver after Sent = %v, %v; want nothing", got, err)
	}
}

func takeOverAfterLease(t *testing.T, s digest.Store) {
	ctx := context.Background()
	a := mustAdd(t, s, sub("slack", "C1", "0 9 * * *"))
	mustAdd(t, s, sub("slack", "C2", "0 9 * * *"))
	lease := slot1.Add(time.Minute)
	s.Begin(ctx, a.ID, slot1, lease)
	if got, _ := s.TakeOver(ctx, lease.Add(-time.Second), lease.Add(time.Hour)); len(got) != 0 {
		t.Fatalf("taken over before the lease ran out: %+v", got)
	}
	got, err := s.TakeOver(ctx, lease.Add(time.Second), lease.Add(time.Minute))
	if err != nil || len(got) != 1 || got[0].Sub.ID != a.ID || !got[0].Slot.Equal(slot1) || got[0].Sub.ChannelID != "C1" {
		t.Fatalf("TakeOver = %+v, %v; want subscription %d's slot %v", got, err, a.ID, slot1)
	}
	if again, _ := s.TakeOver(ctx, lease.Add(2*time.Second), lease.Add(time.Hour)); len(again) != 0 {
		t.Errorf("a slot taken over was taken over again inside its new lease: %+v", again)
	}
}

func concurrentTakeOvers(t *testing.T, s digest.Store) {
	ctx := context.Background()
	for i := range 10 {
		a := mustAdd(t, s, sub("slack", fmt.Sprintf("C%d", i), "0 9 * * *"))
		s.Begin(ctx, a.ID, slot1, slot1.Add(time.Minute))
	}
	var mu sync.Mutex
	got := map[int64]int{}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ps, err := s.TakeOver(ctx, slot1.Add(time.Hour), slot1.Add(2*time.Hour))
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			for _, p := range ps {
				got[p.Sub.ID]++
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	if len(got) != 10 {
		t.Fatalf("%d of 10 stale slots taken over, want 10", len(got))
	}
	for id, n := range got {
		if n != 1 {
			t.Errorf("subscription %d's slot went to %d callers, want 1", id, n)
		}
	}
}

func renewOnlySending(t *testing.T, s digest.Store) {
	ctx := context.Background()
	a := mustAdd(t, s, sub("slack", "C1", "0 9 * * *"))
	lease := slot1.Add(time.Minute)
	if ok, _ := s.Renew(ctx, a.ID, slot1, lease, slot1.Add(time.Hour)); ok {
		t.Error("renewed a slot that was never begun")
	}
	s.Begin(ctx, a.ID, slot1, lease)
	if ok, _ := s.Renew(ctx, a.ID, slot1, lease.Add(time.Second), slot1.Add(time.Hour)); ok {
		t.Error("renewed under a lease that is not the one held")
	}
	renewed := slot1.Add(time.Hour)
	if ok, err := s.Renew(ctx, a.ID, slot1, lease, renewed); !ok || err != nil {
		t.Fatalf("Renew = %v, %v; want true", ok, err)
	}
	if got, _ := s.TakeOver(ctx, slot1.Add(30*time.Minute), slot1.Add(2*time.Hour)); len(got) != 0 {
		t.Error("a renewed lease was taken over before it ran out")
	}
	// Taken over by another process once the lease ran out: the old holder cannot renew.
	if got, _ := s.TakeOver(ctx, renewed.Add(time.Second), renewed.Add(time.Hour)); len(got) != 1 {
		t.Fatalf("TakeOver after the renewed lease = %d slots, want 1", len(got))
	}
	if ok, _ := s.Renew(ctx, a.ID, slot1, renewed, renewed.Add(2*time.Hour)); ok {
		t.Error("the old holder renewed a lease another process had taken over")
	}
	s.Sent(ctx, a.ID, slot1)
	if ok, _ := s.Renew(ctx, a.ID, slot1, renewed.Add(time.Hour), slot1.Add(3*time.Hour)); ok {
		t.Error("renewed a slot already sent")
	}
}

func releaseEndsSending(t *testing.T, s digest.Store) {
	ctx := context.Background()
	a := mustAdd(t, s, sub("slack", "C1", "0 9 * * *"))
	s.Begin(ctx, a.ID, slot1, slot1.Add(time.Minute))
	if err := s.Release(ctx, a.ID, slot1, created); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.TakeOver(ctx, slot1.Add(time.Hour), slot1.Add(2*time.Hour)); len(got) != 0 {
		t.Errorf("a released slot was still being sent: %+v", got)
	}
	if ok, _ := s.Begin(ctx, a.ID, slot1, slot1.Add(time.Minute)); !ok {
		t.Error("a released slot could not be begun again")
	}
}
