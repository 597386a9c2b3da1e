package dedupe_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/careerbot/careerbot/adapters/dedupe"
	"github.com/careerbot/careerbot/adapters/dedupe/dedupetest"
)

func TestMemoryConformance(t *testing.T) {
	dedupetest.Run(t, func(_ *testing.T, ttl time.Duration) dedupetest.Seen { return dedupe.NewMemory(ttl, 1000, nil) })
}

// TestMemoryBounded: a flood of distinct live ids never holds more than the bound.
func TestMemoryBounded(t *testing.T) {
	m := dedupe.NewMemory(time.Hour, 100, nil)
	for i := range 10_000 {
		if ok, _ := m.First(context.Background(), fmt.Sprint(i)); !ok {
			t.Fatalf("id %d not first", i)
		}
	}
	if n := m.Len(); n > 100 {
		t.Fatalf("holds %d ids, bound 100", n)
	}
}
