package digest

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"
)

type nopPoster struct{}

func (nopPoster) PostDigest(context.Context, Subscription, Digest) error { return nil }

// BenchmarkTick100k: 100,000 hourly subscriptions spread over the minutes of the hour;
// one op is one minute's tick (about 1,667 due), posting to a no-op poster. It reports the
// scheduler's heap after loading:
// go test ./bot/digest -run '^$' -bench Tick -benchmem -cpu 1
func BenchmarkTick100k(b *testing.B) {
	ctx := context.Background()
	st := NewMemoryStore()
	created := utc("2026-01-01 00:00")
	zones := []string{"UTC", "America/New_York", "Europe/Berlin", "Asia/Tokyo"}
	for i := 0; i < 100_000; i++ {
		spec := fmt.Sprintf("%d * * * *", i%60)
		if _, err := st.Add(ctx, Subscription{Platform: "slack", ChannelID: fmt.Sprintf("C%d", i), Spec: spec, Zone: zones[i%len(zones)], CreatedAt: created}); err != nil {
			b.Fatal(err)
		}
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	s := New(st, composer(b), map[string]Poster{"slack": nopPoster{}}, Config{Concurrency: 8})
	if err := s.Load(ctx); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	heapMB := float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)
	now := created
	posted := 0
	b.ResetTimer()
	for b.Loop() {
		now = now.Add(time.Minute)
		posted += s.Tick(ctx, now).Posted
	}
	b.ReportMetric(float64(posted)/b.Elapsed().Seconds(), "digests/s")
	b.ReportMetric(float64(posted)/float64(b.N), "due/tick")
	b.ReportMetric(heapMB, "scheduler-MB") // reported last: ResetTimer drops earlier metrics
}

// BenchmarkCompose is the cost of writing one digest.
func BenchmarkCompose(b *testing.B) {
	c := composer(b)
	s, _ := ParseSchedule("weekly monday 09:00", "America/Chicago")
	sl := s.Next(utc("2026-01-01 00:00"))
	b.ReportAllocs()
	for b.Loop() {
		c.Compose(s, sl)
	}
}
