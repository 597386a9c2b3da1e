package sqlite

import (
	"context"
	"testing"

	"github.com/careerbot/careerbot/review"
	"github.com/careerbot/careerbot/review/reviewtest"
)

func TestReviewConformance(t *testing.T) {
	reviewtest.Run(t, func(t *testing.T) review.Store {
		s, err := Open(context.Background(), t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
