package digest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestManager(t *testing.T) {
	ctx := context.Background()
	st := NewMemoryStore()
	now := utc("2026-01-01 12:00")
	m := NewManager(st, composer(t), ManagerOptions{Now: func() time.Time { return now }})
	sub, next, err := m.Subscribe(ctx, "slack", "T1", "C1", "weekly monday 09:00", "America/Chicago", "U1")
	if err != nil {
		t.Fatal(err)
	}
	if got := Describe(sub, next); !strings.Contains(got, "every Monday at 09:00 (America/Chicago)") || !strings.Contains(got, "Mon 5 Jan 09:00 CST") {
		t.Errorf("Describe = %q", got)
	}
	// Subscribing again replaces; bad input changes nothing.
	if _, _, err := m.Subscribe(ctx, "slack", "T1", "C1", "daily 07:30", "UTC", "U1"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := m.Subscribe(ctx, "slack", "T1", "C1", "*/5 * * * *", "UTC", "U1"); !errors.Is(err, ErrSchedule) {
		t.Errorf("every 5 minutes: %v, want ErrSchedule", err)
	}
	if _, _, err := m.Subscribe(ctx, "slack", "T1", "C1", "daily", "Nowhere/Town", "U1"); !errors.Is(err, ErrSchedule) {
		t.Errorf("bad zone: %v, want ErrSchedule", err)
	}
	subs, _ := m.List(ctx, "slack", "C1")
	if len(subs) != 1 || subs[0].Spec != "30 7 * * *" {
		t.Fatalf("after replacing and refusing: %+v, want the daily 07:30 one only", subs)
	}
	if got := Describe(subs[0], Slot{}); got != "every day at 07:30 (UTC)" {
		t.Errorf("Describe = %q", got)
	}
	if n, err := m.Unsubscribe(ctx, "slack", "C1"); n != 1 || err != nil {
		t.Errorf("Unsubscribe = %d, %v", n, err)
	}
	if subs, _ := m.List(ctx, "slack", "C1"); len(subs) != 0 {
		t.Errorf("still subscribed: %+v", subs)
	}
	d, err := m.Preview("daily", "UTC")
	if err != nil || !strings.Contains(Text(d), "17%") {
		t.Errorf("Preview: %v", err)
	}
}

func TestZones(t *testing.T) {
	if z := Zones("chic", 25); len(z) == 0 || z[0] != "America/Chicago" {
		t.Errorf("Zones(chic) = %v", z)
	}
	if z := Zones("new y", 25); len(z) == 0 || z[0] != "America/New_York" {
		t.Errorf("Zones(new y) = %v", z)
	}
	if z := Zones("", 25); len(z) != 25 {
		t.Errorf("Zones() gave %d, want 25", len(z))
	}
	for _, z := range commonZones {
		if _, err := LoadZone(z); err != nil {
			t.Errorf("%s: %v", z, err)
		}
	}
}

func TestManagerRefusesPlatformsItCannotPost(t *testing.T) {
	changes := 0
	m := NewManager(NewMemoryStore(), composer(t), ManagerOptions{Platforms: []string{"slack"}, Changed: func() { changes++ }})
	if _, _, err := m.Subscribe(context.Background(), "discord", "G1", "C1", "daily", "UTC", "U1"); !errors.Is(err, ErrPlatform) {
		t.Errorf("discord without a poster: %v, want ErrPlatform", err)
	}
	if _, _, err := m.Subscribe(context.Background(), "slack", "T1", "C1", "daily", "UTC", "U1"); err != nil || changes != 1 {
		t.Errorf("slack: %v, %d change notices; want nil and 1", err, changes)
	}
}
