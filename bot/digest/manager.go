package digest

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Manager handles what people ask of digests from chat: subscribe a channel, list its
// subscription, stop it, preview a digest. Each channel has at most one subscription; a new
// one replaces the old. Adapters call it; the scheduler picks changes up at its next tick.
type Manager struct {
	store     Store
	comp      *Composer
	now       func() time.Time
	platforms map[string]bool
	changed   func()
}

// ManagerOptions tune a Manager. The zero value accepts every platform.
type ManagerOptions struct {
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Platforms, when set, are the platforms digests can be posted to; subscribing on
	// another is refused rather than stored and never posted.
	Platforms []string
	// Changed is called after a subscription is added or removed (the scheduler reloads).
	Changed func()
}

// NewManager builds a manager over a store.
func NewManager(store Store, comp *Composer, opts ManagerOptions) *Manager {
	m := &Manager{store: store, comp: comp, now: opts.Now, changed: opts.Changed}
	if m.now == nil {
		m.now = time.Now
	}
	if m.changed == nil {
		m.changed = func() {}
	}
	if opts.Platforms != nil {
		m.platforms = map[string]bool{}
		for _, p := range opts.Platforms {
			m.platforms[p] = true
		}
	}
	return m
}

// ErrPlatform is returned when digests cannot be posted to the platform asked for.
var ErrPlatform = errors.New("digests cannot be posted to this platform here")

// Subscribe makes channel receive digests on schedule spec in zone, replacing any earlier
// subscription of the channel. It returns the subscription and its first slot. Invalid
// input is refused (ErrSchedule) and nothing is stored.
func (m *Manager) Subscribe(ctx context.Context, platform, team, channel, spec, zone, user string) (Subscription, Slot, error) {
	if m.platforms != nil && !m.platforms[platform] {
		return Subscription{}, Slot{}, fmt.Errorf("%w: %s needs its bot token configured", ErrPlatform, platform)
	}
	s, err := ParseSchedule(spec, zone)
	if err != nil {
		return Subscription{}, Slot{}, err
	}
	now := m.now()
	sub := Subscription{Platform: platform, TeamID: team, ChannelID: channel, Spec: s.Spec, Zone: s.Zone, CreatedBy: user, CreatedAt: now}
	if err := sub.Validate(); err != nil {
		return Subscription{}, Slot{}, err
	}
	added, err := m.store.Add(ctx, sub) // replaces the channel's subscription, if any
	if err != nil {
		return Subscription{}, Slot{}, err
	}
	m.changed()
	return added, s.Next(now), nil
}

// Unsubscribe stops a channel's digests and says how many subscriptions it removed.
func (m *Manager) Unsubscribe(ctx context.Context, platform, channel string) (int, error) {
	subs, err := m.List(ctx, platform, channel)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, s := range subs {
		switch err := m.store.Remove(ctx, s.ID); {
		case err == nil:
			n++
			m.changed()
		case !errors.Is(err, ErrNotFound): // already gone: someone else stopped it
			return n, err
		}
	}
	return n, nil
}

// List returns a channel's subscription, if it has one.
func (m *Manager) List(ctx context.Context, platform, channel string) ([]Subscription, error) {
	return m.store.ListChannel(ctx, platform, channel)
}

// Preview composes the digest the schedule's next slot would bring.
func (m *Manager) Preview(spec, zone string) (Digest, error) {
	s, err := ParseSchedule(spec, zone)
	if err != nil {
		return Digest{}, err
	}
	return m.comp.Compose(s, s.Next(m.now())), nil
}

// Describe says a subscription in words: "every Monday at 09:00 (America/Chicago); next: …".
func Describe(s Subscription, next Slot) string {
	sched, err := s.Schedule()
	if err != nil {
		return s.Spec + " " + s.Zone
	}
	desc := "on schedule `" + sched.Spec + "`"
	f := strings.Fields(sched.Spec)
	minute, _ := strconv.Atoi(f[0])
	hour, hourErr := strconv.Atoi(f[1])
	at := fmt.Sprintf("%02d:%02d", hour, minute)
	switch {
	case f[1] == "*" && f[2] == "*" && f[3] == "*" && f[4] == "*":
		desc = fmt.Sprintf("every hour at :%02d", minute)
	case hourErr != nil:
	case f[2] == "*" && f[3] == "*" && f[4] == "*":
		desc = "every day at " + at
	case f[2] == "*" && f[3] == "*" && dayName[f[4]] != "":
		desc = "every " + dayName[f[4]] + " at " + at
	case f[3] == "*" && f[4] == "*":
		desc = "on day " + f[2] + " of every month at " + at
	}
	out := desc + " (" + sched.Zone + ")"
	if !next.At.IsZero() {
		out += "; next: " + next.At.In(sched.Location()).Format("Mon 2 Jan 15:04 MST")
	}
	if s.Disabled != "" {
		out += "; stopped: " + s.Disabled
	}
	return out
}

var dayName = map[string]string{"0": "Sunday", "1": "Monday", "2": "Tuesday", "3": "Wednesday", "4": "Thursday", "5": "Friday", "6": "Saturday", "7": "Sunday"}

// Zones suggests IANA time zone names containing typed (case-insensitive), at most n, for
// autocomplete. Any valid IANA name is accepted when subscribing; these are the common ones.
func Zones(typed string, n int) []string {
	typed = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(typed), " ", "_"))
	var prefix, contains []string
	for _, z := range commonZones {
		lz := strings.ToLower(z)
		switch {
		case typed == "" || strings.HasPrefix(lz, typed) || strings.HasPrefix(lz[strings.LastIndexByte(lz, '/')+1:], typed):
			prefix = append(prefix, z)
		case strings.Contains(lz, typed):
			contains = append(contains, z)
		}
	}
	out := append(prefix, contains...)
	if len(out) > n {
		out = out[:n]
	}
	return out
}

var commonZones = []string{
	"UTC", "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
	"America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico", "America/Toronto", "America/Vancouver",
	"America/Edmonton", "America/Winnipeg", "America/Halifax", "America/St_Johns", "America/Mexico_City",
	"America/Bogota", "America/Lima", "America/Santiago", "America/Sao_Paulo", "America/Argentina/Buenos_Aires",
	"America/Caracas", "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Paris", "Europe/Berlin",
	"Europe/Madrid", "Europe/Rome", "Europe/Amsterdam", "Europe/Brussels", "Europe/Zurich", "Europe/Vienna",
	"Europe/Stockholm", "Europe/Oslo", "Europe/Copenhagen", "Europe/Helsinki", "Europe/Warsaw", "Europe/Prague",
	"Europe/Budapest", "Europe/Athens", "Europe/Bucharest", "Europe/Istanbul", "Europe/Kyiv", "Europe/Moscow",
	"Africa/Cairo", "Africa/Johannesburg", "Africa/Lagos", "Africa/Nairobi", "Africa/Casablanca", "Asia/Dubai",
	"Asia/Karachi", "Asia/Kolkata", "Asia/Dhaka", "Asia/Bangkok", "Asia/Jakarta", "Asia/Singapore",
	"Asia/Kuala_Lumpur", "Asia/Manila", "Asia/Hong_Kong", "Asia/Shanghai", "Asia/Taipei", "Asia/Seoul",
	"Asia/Tokyo", "Asia/Jerusalem", "Asia/Riyadh", "Asia/Tehran", "Asia/Kathmandu", "Australia/Perth",
	"Australia/Adelaide", "Australia/Darwin", "Australia/Brisbane", "Australia/Sydney", "Australia/Melbourne",
	"Pacific/Auckland", "Pacific/Fiji", "Atlantic/Reykjavik",
}
