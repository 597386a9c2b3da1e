package review_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/careerbot/careerbot/review"
)

// ctxStore fails a write whose context is done, as a database driver does.
type ctxStore struct{ *review.Memory }

func (s ctxStore) AddReview(ctx context.Context, e review.Entry) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.Memory.AddReview(ctx, e)
}

// TestRecorderKeepsQueuedVotesAtShutdown: votes queued when the server is told to stop are
// all written. Run's select picks at random between a queued entry and the end of its
// context, so each try is repeated: a write under the cancelled context loses about one
// entry in two tries.
func TestRecorderKeepsQueuedVotesAtShutdown(t *testing.T) {
	for try := range 20 {
		store := ctxStore{review.NewMemory(100)}
		rec := review.NewRecorder(store, slog.New(slog.NewTextHandler(io.Discard, nil)))
		for range 5 {
			rec.Vote("discord", "outlook", false)
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := rec.Run(ctx); err != nil {
			t.Fatal(err)
		}
		got, err := store.Reviews(context.Background(), time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 5 {
			t.Fatalf("try %d: %d of 5 votes queued at shutdown were stored", try, len(got))
		}
	}
}
