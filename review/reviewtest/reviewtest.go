// Package reviewtest checks a review.Store, in the spirit of testing/slogtest: the memory,
// SQLite and PostgreSQL stores run the same suite.
package reviewtest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/careerbot/careerbot/review"
)

// Run runs the suite against stores made by newStore (each empty).
func Run(t *testing.T, newStore func(t *testing.T) review.Store) {
	ctx := context.Background()
	day := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	entry := func(at time.Time, q string) review.Entry {
		return review.Entry{At: at, Platform: "slack", Question: q, Outcome: "declined", Topic: "none", Reason: "unknown", Confidence: 0.25}
	}
	t.Run("round trip, oldest first, since", func(t *testing.T) {
		s := newStore(t)
		for i, q := range []string{"a", "b", "c"} {
			if err := s.AddReview(ctx, entry(day.Add(time.Duration(i)*time.Hour), q)); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.Reviews(ctx, day.Add(time.Hour))
		if err != nil || len(got) != 2 || got[0].Question != "b" || got[1].Question != "c" {
			t.Fatalf("Reviews since the second = %+v, %v; want b, c", got, err)
		}
		if want := entry(day.Add(time.Hour), "b"); !reflect.DeepEqual(got[0], want) {
			t.Errorf("stored %+v, read back %+v", want, got[0])
		}
	})
	t.Run("prune", func(t *testing.T) {
		s := newStore(t)
		s.AddReview(ctx, entry(day, "old"))
		s.AddReview(ctx, entry(day.Add(48*time.Hour), "new"))
		n, err := s.PruneReviews(ctx, day.Add(24*time.Hour))
		if err != nil || n != 1 {
			t.Fatalf("PruneReviews = %d, %v; want 1", n, err)
		}
		if got, _ := s.Reviews(ctx, time.Time{}); len(got) != 1 || got[0].Question != "new" {
			t.Fatalf("after pruning: %+v", got)
		}
	})
}
