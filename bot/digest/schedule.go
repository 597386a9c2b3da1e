package digest

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/robfig/cron/v3"
)

// Schedule is when a subscription's digests are due: a 5-field cron spec read in a time
// zone's wall clock.
type Schedule struct {
	Spec string // 5 fields: minute hour day-of-month month day-of-week
	Zone string // IANA name, e.g. America/Chicago
	loc  *time.Location
	wall cron.Schedule // evaluated in UTC, which here stands for the zone's wall clock
}

// Accepted is what ParseSchedule accepts, for error messages and help.
const Accepted = `daily [HH:MM], weekly [DAY] [HH:MM], monthly [1-28] [HH:MM], hourly, or a 5-field cron spec ` +
	`("minute hour day-of-month month day-of-week", at most hourly: a single minute, e.g. "0 9 * * 1-5"); ` +
	`times are 24-hour HH:MM (or 9am, 5:30pm), zones are IANA names such as America/Chicago`

var parser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow)

// ErrSchedule is wrapped by every schedule error; its message says what is accepted.
var ErrSchedule = errors.New("schedule not accepted")

// ParseSchedule reads a preset or a cron spec in the IANA time zone zone.
func ParseSchedule(spec, zone string) (s Schedule, err error) {
	loc, err := LoadZone(zone)
	if err != nil {
		return Schedule{}, err
	}
	cronSpec, err := presetSpec(spec)
	if err != nil {
		return Schedule{}, err
	}
	// robfig/cron reads "CRON_TZ=" and "TZ=" prefixes itself and panics on malformed ones;
	// user text never reaches it with either (the zone is separate), nor with descriptors.
	if strings.ContainsAny(cronSpec, "=@") {
		return Schedule{}, fmt.Errorf("%w: %q: give the zone separately; accepted: %s", ErrSchedule, spec, Accepted)
	}
	f := strings.Fields(cronSpec)
	if len(f) != 5 {
		return Schedule{}, fmt.Errorf("%w: %q has %d fields, want 5; accepted: %s", ErrSchedule, spec, len(f), Accepted)
	}
	if m, err := strconv.Atoi(f[0]); err != nil || m < 0 || m > 59 {
		return Schedule{}, fmt.Errorf("%w: %q runs more often than hourly (the minute must be one number, 0-59); accepted: %s", ErrSchedule, spec, Accepted)
	}
	defer func() {
		if p := recover(); p != nil {
			s, err = Schedule{}, fmt.Errorf("%w: %q: %v", ErrSchedule, spec, p)
		}
	}()
	w, err := parser.Parse(strings.Join(f, " "))
	if err != nil {
		return Schedule{}, fmt.Errorf("%w: %q: %v; accepted: %s", ErrSchedule, spec, err, Accepted)
	}
	s = Schedule{Spec: strings.Join(f, " "), Zone: loc.String(), loc: loc, wall: w}
	if s.Next(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)).At.IsZero() {
		return Schedule{}, fmt.Errorf("%w: %q never happens (e.g. 31 February)", ErrSchedule, spec)
	}
	return s, nil
}

// LoadZone loads an IANA time zone, refusing the machine-dependent "Local".
func LoadZone(zone string) (*time.Location, error) {
	if zone == "" || zone == "Local" {
		return nil, fmt.Errorf("%w: a time zone is required, an IANA name such as America/Chicago or UTC", ErrSchedule)
	}
	if loc, ok := zones.Load(zone); ok {
		return loc.(*time.Location), nil
	}
	// Only canonical names: the zone database would also take "America/./Chicago" and
	// endless other spellings of one zone, each a new cache entry.
	if !zoneName.MatchString(zone) || path.Clean(zone) != zone {
		return nil, fmt.Errorf("%w: unknown time zone %q: use an IANA name such as America/Chicago or UTC", ErrSchedule, zone)
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return nil, fmt.Errorf("%w: unknown time zone %q: use an IANA name such as America/Chicago or UTC", ErrSchedule, zone)
	}
	if zoneCount.Add(1) <= maxZones {
		zones.Store(zone, loc)
	}
	return loc, nil
}

// zones caches loaded locations: time.LoadLocation reads and parses the zone's rules every
// time, a few kilobytes each, which 100,000 subscriptions would multiply. The zone database
// has about 600 names; the cache stops growing well past that.
var (
	zones     sync.Map
	zoneCount atomic.Int64
	zoneName  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}$`)
)

const maxZones = 2000

var weekdays = map[string]int{
	"sunday": 0, "sun": 0, "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
	"thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5, "saturday": 6, "sat": 6,
}

// presetSpec turns "daily 09:00", "weekly monday 9am", "monthly 1 09:00" or "hourly" into
// a cron spec; anything else is returned as given, to be read as one.
func presetSpec(spec string) (string, error) {
	f := strings.Fields(strings.ToLower(strings.TrimSpace(spec)))
	if len(f) == 0 {
		return "", fmt.Errorf("%w: empty schedule; accepted: %s", ErrSchedule, Accepted)
	}
	bad := func(why string) error {
		return fmt.Errorf("%w: %q: %s; accepted: %s", ErrSchedule, spec, why, Accepted)
	}
	hm := func(args []string) (int, int, error) {
		if len(args) == 0 {
			return 9, 0, nil
		}
		if len(args) > 1 {
			if len(args) == 2 && (args[1] == "am" || args[1] == "pm") {
				args = []string{args[0] + args[1]}
			} else {
				return 0, 0, bad("too many words")
			}
		}
		h, m, ok := parseClock(args[0])
		if !ok {
			return 0, 0, bad(fmt.Sprintf("%q is not a time of day", args[0]))
		}
		return h, m, nil
	}
	switch f[0] {
	case "hourly":
		if len(f) > 1 {
			return "", bad("hourly takes no time")
		}
		return "0 * * * *", nil
	case "daily":
		h, m, err := hm(f[1:])
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%d %d * * *", m, h), nil
	case "weekly":
		day, rest := 1, f[1:]
		if len(rest) > 0 {
			if d, ok := weekdays[rest[0]]; ok {
				day, rest = d, rest[1:]
			}
		}
		h, m, err := hm(rest)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%d %d * * %d", m, h, day), nil
	case "monthly":
		dom, rest := 1, f[1:]
		if len(rest) > 0 {
			if d, err := strconv.Atoi(strings.TrimRight(rest[0], "stndrh")); err == nil {
				if d < 1 || d > 28 {
					return "", bad("the day of the month must be 1 to 28, so every month has it")
				}
				dom, rest = d, rest[1:]
			}
		}
		h, m, err := hm(rest)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%d %d %d * *", m, h, dom), nil
	}
	return spec, nil
}

// parseClock reads "09:00", "9:30", "9am", "5:30pm" or "17".
func parseClock(s string) (h, m int, ok bool) {
	pm, am := strings.HasSuffix(s, "pm"), strings.HasSuffix(s, "am")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "pm"), "am")
	hs, ms, hasMin := strings.Cut(s, ":")
	h, err := strconv.Atoi(hs)
	if err != nil || len(hs) > 2 {
		return 0, 0, false
	}
	if hasMin {
		if m, err = strconv.Atoi(ms); err != nil || len(ms) != 2 {
			return 0, 0, false
		}
	}
	if am || pm {
		if h < 1 || h > 12 {
			return 0, 0, false
		}
		h %= 12
		if pm {
			h += 12
		}
	}
	if h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, 0, false
	}
	return h, m, true
}

// Slot is one time a digest is due.
type Slot struct {
	Wall time.Time // the zone's wall-clock time, written in UTC (02:30 means 02:30 local)
	At   time.Time // the instant it happens
}

// Next returns the first slot that happens strictly after t.
//
// Slots are wall-clock times mapped to instants, which is what makes daylight saving time
// right: a 02:30 slot on the spring-forward day, when 02:30 does not exist, happens at
// 03:30, once; a 01:30 slot on the fall-back day, when 01:30 happens twice, happens at the
// first 01:30, once. (robfig/cron's own Next skips the first and can fire twice on the
// second.)
func (s Schedule) Next(t time.Time) Slot {
	w := wallClock(t.In(s.loc))
	for i := 0; i < 1000; i++ {
		nw := s.wall.Next(w)
		if nw.IsZero() {
			return Slot{}
		}
		at := instant(nw, s.loc)
		if at.After(t) {
			return Slot{Wall: nw, At: at}
		}
		w = nw
	}
	return Slot{}
}

// Prev returns the last slot that happens strictly before t, looking back at most 64 days.
// It looks back in widening windows, so an hourly schedule costs two steps, not weeks.
func (s Schedule) Prev(t time.Time) Slot {
	for _, back := range []time.Duration{2 * time.Hour, 2 * 24 * time.Hour, 16 * 24 * time.Hour, 64 * 24 * time.Hour} {
		var last Slot
		for sl := s.Next(t.Add(-back)); !sl.At.IsZero() && sl.At.Before(t); sl = s.Next(sl.At) {
			last = sl
		}
		if !last.At.IsZero() {
			return last
		}
	}
	return Slot{}
}

// Location is the schedule's time zone.
func (s Schedule) Location() *time.Location { return s.loc }

func wallClock(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// instant is when wall-clock time w happens in loc. A wall time that does not exist (the
// hour skipped by daylight saving time) happens as many minutes after the change as it
// would have been after the hour before it: 02:30 becomes 03:30.
func instant(w time.Time, loc *time.Location) time.Time {
	at := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), 0, 0, loc)
	if got := at.In(loc); got.Hour() == w.Hour() && got.Minute() == w.Minute() {
		return at
	}
	_, before := at.Add(-time.Hour).Zone()
	return w.Add(-time.Duration(before) * time.Second).In(loc)
}
