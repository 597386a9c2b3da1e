package review

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/careerbot/careerbot/bot"
)

// LowConfidence is the confidence under which an answer is kept for review although it
// was given.
const LowConfidence = 0.5

// queueSize bounds the entries waiting to be written: recording never holds up an answer,
// and under a flood the excess is dropped and counted.
const queueSize = 1024

// Recorder keeps for review what was not answered well, written by one goroutine (Run).
type Recorder struct {
	store   Store
	ch      chan Entry
	dropped atomic.Int64
	log     *slog.Logger
	now     func() time.Time
}

// NewRecorder records into store; log gets what could not be stored.
func NewRecorder(store Store, log *slog.Logger) *Recorder {
	return &Recorder{store: store, ch: make(chan Entry, queueSize), log: log, now: time.Now}
}

// Observe keeps the question if its reply declined, suggested, or answered with low
// confidence. Button presses (a topic chosen by id) and previews are not questions typed.
func (r *Recorder) Observe(platform string, req bot.Request, rep bot.Reply, _ time.Duration) {
	if req.Preview || req.Topic != "" {
		return
	}
	outcome := ""
	switch {
	case rep.Kind == bot.KindFallback:
		outcome = "declined"
	case rep.Kind == bot.KindClarify:
		outcome = "suggested"
	case rep.Kind == bot.KindAnswer && rep.Confidence < LowConfidence:
		outcome = "low_confidence"
	default:
		return
	}
	topic := bot.IntentNone
	if len(rep.Intents) > 0 {
		topic = rep.Intents[0]
	}
	r.add(Entry{At: r.now().UTC(), Platform: platform, Question: Mask(req.Text), Outcome: outcome, Topic: topic, Reason: rep.Rule, Confidence: rep.Confidence})
}

func (r *Recorder) add(e Entry) {
	select {
	case r.ch <- e:
	default:
		if n := r.dropped.Add(1); n&(n-1) == 0 { // log at 1, 2, 4, 8 …: a flood, not a log storm
			r.log.Warn("review queue full; entries dropped", "dropped", n)
		}
	}
}

// Dropped is how many entries were dropped because the queue was full.
func (r *Recorder) Dropped() int64 { return r.dropped.Load() }

// Run writes entries until ctx is done, then what is still queued, and prunes entries
// older than Retention once an hour.
func (r *Recorder) Run(ctx context.Context) error {
	prune := time.NewTicker(time.Hour)
	defer prune.Stop()
	r.prune(ctx)
	for {
		select {
		case e := <-r.ch:
			r.write(e)
		case <-prune.C:
			r.prune(ctx)
		case <-ctx.Done():
			for {
				select {
				case e := <-r.ch:
					r.write(e)
				default:
					return nil
				}
			}
		}
	}
}

// write stores e under its own timeout, never under Run's context: an entry taken from the
// queue as the server is told to stop (select picks at random) is still written.
func (r *Recorder) write(e Entry) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := r.store.AddReview(ctx, e); err != nil {
		r.log.Warn("review entry not stored", "err", err)
	}
}

func (r *Recorder) prune(ctx context.Context) {
	if n, err := r.store.PruneReviews(ctx, r.now().Add(-Retention)); err != nil {
		r.log.Warn("pruning review entries failed", "err", err)
	} else if n > 0 {
		r.log.Info("review entries older than the retention deleted", "deleted", n)
	}
}

// Vote keeps a 👍 or 👎 pressed under an answer about topic: the topic and the vote only
// (the question is not in the button, and who pressed is never passed).
func (r *Recorder) Vote(platform, topic string, up bool) {
	outcome := "thumbs_down"
	if up {
		outcome = "thumbs_up"
	}
	r.add(Entry{At: r.now().UTC(), Platform: platform, Outcome: outcome, Topic: topic, Reason: "feedback"})
}
