package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/careerbot/careerbot/bot"
)

// Contexts keeps each conversation's last turn where every replica reads it, so a
// follow-up that reaches another replica keeps its topic. A turn holds ids only.
type Contexts struct {
	db    *DB
	ttl   time.Duration
	now   func() time.Time
	sweep *sweeper
}

var _ bot.Contexts = (*Contexts)(nil)

// Contexts returns the conversation store: a turn lives ttl after it is remembered; now
// is the clock (nil: time.Now).
func (db *DB) Contexts(ttl time.Duration, now func() time.Time) *Contexts {
	if now == nil {
		now = time.Now
	}
	return &Contexts{db: db, ttl: ttl, now: now, sweep: &sweeper{db: db, query: `DELETE FROM conversation_turns WHERE expires_at < $1`}}
}

// Last returns the conversation's last turn, unless there is none or it has expired.
func (c *Contexts) Last(ctx context.Context, conversation string) (bot.Turn, bool, error) {
	var raw []byte
	err := c.db.pool.QueryRow(ctx, `SELECT turn FROM conversation_turns WHERE conversation = $1 AND expires_at > $2`,
		key(conversation), c.now()).Scan(&raw)
	if errors.Is(err, pgx.ErrNoRows) {
		return bot.Turn{}, false, nil
	}
	if err != nil {
		return bot.Turn{}, false, fmt.Errorf("read conversation: %w", err)
	}
	var t bot.Turn
	if err := json.Unmarshal(raw, &t); err != nil {
		return bot.Turn{}, false, fmt.Errorf("read conversation: %w", err)
	}
	return t, true, nil
}

// Remember keeps t as the conversation's last turn.
func (c *Contexts) Remember(ctx context.Context, conversation string, t bot.Turn) error {
	raw, err := json.Marshal(t)
	if err != nil {
		return fmt.Errorf("remember conversation: %w", err)
	}
	now := c.now()
	_, err = c.db.pool.Exec(ctx, `INSERT INTO conversation_turns (conversation, turn, expires_at) VALUES ($1, $2, $3)
		ON CONFLICT (conversation) DO UPDATE SET turn = excluded.turn, expires_at = excluded.expires_at`,
		key(conversation), raw, now.Add(c.ttl))
	if err != nil {
		return fmt.Errorf("remember conversation: %w", err)
	}
	c.sweep.maybe(ctx, now)
	return nil
}

// key is what is stored of a conversation's id: its SHA-256, so the table holds no
// workspace, channel or user id (adapters key conversations by them).
func key(conversation string) string {
	sum := sha256.Sum256([]byte(conversation))
	return hex.EncodeToString(sum[:])
}
