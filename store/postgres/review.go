package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/careerbot/careerbot/review"
)

// Reviews is the review queue in PostgreSQL, shared by replicas.
type Reviews struct{ db *DB }

var _ review.Store = Reviews{}

// Reviews returns the review queue's store.
func (db *DB) Reviews() Reviews { return Reviews{db: db} }

// AddReview keeps an entry.
func (r Reviews) AddReview(ctx context.Context, e review.Entry) error {
	_, err := r.db.pool.Exec(ctx, `INSERT INTO review_entries (at, platform, question, outcome, topic, reason, confidence) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		e.At.UTC(), e.Platform, e.Question, e.Outcome, e.Topic, e.Reason, e.Confidence)
	if err != nil {
		return fmt.Errorf("add review entry: %w", err)
	}
	return nil
}

// Reviews returns the entries at or after since, oldest first.
func (r Reviews) Reviews(ctx context.Context, since time.Time) ([]review.Entry, error) {
	rows, err := r.db.pool.Query(ctx, `SELECT at, platform, question, outcome, topic, reason, confidence FROM review_entries WHERE at >= $1 ORDER BY at`, since.UTC())
	if err != nil {
		return nil, fmt.Errorf("list review entries: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (review.Entry, error) {
		var e review.Entry
		err := row.Scan(&e.At, &e.Platform, &e.Question, &e.Outcome, &e.Topic, &e.Reason, &e.Confidence)
		e.At = e.At.UTC()
		return e, err
	})
	if err != nil {
		return nil, fmt.Errorf("list review entries: %w", err)
	}
	return out, nil
}

// PruneReviews deletes the entries before before.
func (r Reviews) PruneReviews(ctx context.Context, before time.Time) (int64, error) {
	tag, err := r.db.pool.Exec(ctx, `DELETE FROM review_entries WHERE at < $1`, before.UTC())
	if err != nil {
		return 0, fmt.Errorf("prune review entries: %w", err)
	}
	return tag.RowsAffected(), nil
}
