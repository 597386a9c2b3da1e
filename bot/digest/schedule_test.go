package digest

import (
	"errors"
	"testing"
	"time"
)

func mustSchedule(t *testing.T, spec, zone string) Schedule {
	t.Helper()
	s, err := ParseSchedule(spec, zone)
	if err != nil {
		t.Fatalf("ParseSchedule(%q, %q): %v", spec, zone, err)
	}
	return s
}

func TestParseSchedule(t *testing.T) {
	tests := []struct {
		spec, zone, want string
	}{
		{"daily", "UTC", "0 9 * * *"},
		{"daily 17:30", "UTC", "30 17 * * *"},
		{"Daily 5:30pm", "UTC", "30 17 * * *"},
		{"daily 9 am", "UTC", "0 9 * * *"},
		{"weekly", "America/Chicago", "0 9 * * 1"},
		{"weekly monday 09:00", "America/Chicago", "0 9 * * 1"},
		{"weekly fri 16:00", "Europe/Berlin", "0 16 * * 5"},
		{"monthly", "UTC", "0 9 1 * *"},
		{"monthly 15 08:15", "UTC", "15 8 15 * *"},
		{"hourly", "UTC", "0 * * * *"},
		{"0 9 * * 1-5", "Asia/Tokyo", "0 9 * * 1-5"},
		{"  30   7 1,15 * *  ", "UTC", "30 7 1,15 * *"},
	}
	for _, tt := range tests {
		s, err := ParseSchedule(tt.spec, tt.zone)
		if err != nil || s.Spec != tt.want || s.Zone != tt.zone {
			t.Errorf("ParseSchedule(%q, %q) = %q %q, %v; want %q", tt.spec, tt.zone, s.Spec, s.Zone, err, tt.want)
		}
	}
}

func TestParseScheduleRefuses(t *testing.T) {
	for _, tt := range []struct{ spec, zone string }{
		{"* * * * *", "UTC"},    // every minute
		{"*/30 * * * *", "UTC"}, // twice an hour
		{"0,30 9 * * *", "UTC"}, // twice an hour
		{"0 9 * *", "UTC"},      // four fields
		{"0 0 9 * * *", "UTC"},  // six fields
		{"61 9 * * *", "UTC"},   // no such minute
		{"0 25 * * *", "UTC"},   // no such hour
		{"daily 25:00", "UTC"},  // no such time
		{"daily 9:7", "UTC"},    // not HH:MM
		{"monthly 31", "UTC"},   // not every month
		{"CRON_TZ=UTC 0 9 * * *", "UTC"},
		{"TZ=", "UTC"},
		{"CRON_TZ=Nowhere/Land 0 9 * * *", "UTC"},
		{"@every 1m", "UTC"},
		{"@daily", "UTC"},
		{"0 9 31 2 *", "UTC"}, // never
		{"whenever", "UTC"},
		{"", "UTC"},
		{"daily", "Mars/Olympus"}, // unknown zone
		{"daily", ""},
		{"daily", "Local"},
		{"daily", "America/./Chicago"}, // another spelling of a real zone
		{"daily", "America//Chicago"},
		{"daily", "../../etc/passwd"},
		{"daily", "/etc/localtime"},
	} {
		_, err := ParseSchedule(tt.spec, tt.zone)
		if err == nil || !errors.Is(err, ErrSchedule) {
			t.Errorf("ParseSchedule(%q, %q) = %v, want a schedule error", tt.spec, tt.zone, err)
		}
	}
}

func at(t *testing.T, zone, s string) time.Time {
	t.Helper()
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestNextSlots(t *testing.T) {
	ny := "America/New_York"
	tests := []struct {
		name, spec, zone, from string
		want                   []string // RFC 3339 instants of the following slots
	}{
		{"daily in UTC", "daily 09:00", "UTC", "2025-03-01 10:00", []string{"2025-03-02T09:00:00Z", "2025-03-03T09:00:00Z"}},
		{"weekly in Chicago", "weekly monday 09:00", "America/Chicago", "2025-03-05 00:00", []string{"2025-03-10T09:00:00-05:00", "2025-03-17T09:00:00-05:00"}},
		{"02:30 across spring forward: once, at 03:30", "daily 02:30", ny, "2025-03-08 12:00",
			[]string{"2025-03-09T03:30:00-04:00", "2025-03-10T02:30:00-04:00"}},
		{"01:30 across fall back: once", "daily 01:30", ny, "2025-11-01 12:00",
			[]string{"2025-11-02T01:30:00-04:00", "2025-11-03T01:30:00-05:00"}},
		{"hourly across spring forward: no hour twice", "hourly", ny, "2025-03-09 00:30",
			[]string{"2025-03-09T01:00:00-05:00", "2025-03-09T03:00:00-04:00", "2025-03-09T04:00:00-04:00"}},
		{"hourly across fall back: every hour", "hourly", ny, "2025-11-02 00:30",
			[]string{"2025-11-02T01:00:00-04:00", "2025-11-02T02:00:00-05:00"}},
		{"dom or dow", "0 9 1 * MON", "UTC", "2025-09-01 10:00", []string{"2025-09-08T09:00:00Z", "2025-09-15T09:00:00Z"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustSchedule(t, tt.spec, tt.zone)
			cur := at(t, tt.zone, tt.from)
			for _, want := range tt.want {
				sl := s.Next(cur)
				if got := sl.At.Format(time.RFC3339); got != want {
					t.Fatalf("Next(%s) = %s, want %s", cur.Format(time.RFC3339), got, want)
				}
				cur = sl.At
			}
		})
	}
}

// TestDailyDigestEveryDayAcrossDST walks a year of a 02:30 New York schedule: exactly one
// slot per calendar day, including both DST change days.
func TestDailyDigestEveryDayAcrossDST(t *testing.T) {
	s := mustSchedule(t, "daily 02:30", "America/New_York")
	loc := s.Location()
	cur := time.Date(2025, 1, 1, 0, 0, 0, 0, loc)
	days := map[string]int{}
	for sl := s.Next(cur); sl.At.Year() == 2025; sl = s.Next(sl.At) {
		days[sl.At.In(loc).Format("2006-01-02")]++
	}
	if len(days) != 365 {
		t.Errorf("slots on %d days of 2025, want 365", len(days))
	}
	for d, n := range days {
		if n != 1 {
			t.Errorf("%s has %d slots, want 1", d, n)
		}
	}
}

func TestPrev(t *testing.T) {
	s := mustSchedule(t, "weekly monday 09:00", "UTC")
	got := s.Prev(at(t, "UTC", "2025-03-12 00:00")).At.Format(time.RFC3339)
	if got != "2025-03-10T09:00:00Z" {
		t.Errorf("Prev = %s, want 2025-03-10T09:00:00Z", got)
	}
}
