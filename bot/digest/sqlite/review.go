package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/careerbot/careerbot/review"
)

// The database in the data directory also keeps the review queue (package review), so a
// single replica needs no other store.
var _ review.Store = (*Store)(nil)

// AddReview keeps an entry.
func (s *Store) AddReview(ctx context.Context, e review.Entry) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO review_entries (at, platform, question, outcome, topic, reason, confidence) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		e.At.UnixNano(), e.Platform, e.Question, e.Outcome, e.Topic, e.Reason, e.Confidence)
	if err != nil {
		return fmt.Errorf("add review entry: %w", err)
	}
	return nil
}

// Reviews returns the entries at or after since, oldest first.
func (s *Store) Reviews(ctx context.Context, since time.Time) ([]review.Entry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT at, platform, question, outcome, topic, reason, confidence FROM review_entries WHERE at >= ? ORDER BY at`, since.UnixNano())
	if err != nil {
		return nil, fmt.Errorf("list review entries: %w", err)
	}
	defer rows.Close()
	var out []review.Entry
	for rows.Next() {
		var e review.Entry
		var at int64
		if err := rows.Scan(&at, &e.Platform, &e.Question, &e.Outcome, &e.Topic, &e.Reason, &e.Confidence); err != nil {
			return nil, fmt.Errorf("list review entries: %w", err)
		}
		e.At = time.Unix(0, at).UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

// PruneReviews deletes the entries before before.
func (s *Store) PruneReviews(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM review_entries WHERE at < ?`, before.UnixNano())
	if err != nil {
		return 0, fmt.Errorf("prune review entries: %w", err)
	}
	return res.RowsAffected()
}
