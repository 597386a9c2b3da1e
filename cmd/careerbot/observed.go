package main

import (
	"context"
	"time"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/review"
)

// observer is told of every question asked on a platform: metrics count it, the review
// queue keeps it when it was not answered well.
type observer interface {
	Observe(platform string, req bot.Request, r bot.Reply, took time.Duration)
}

// answerer is the bot as the adapters use it.
type answerer interface {
	Answer(ctx context.Context, req bot.Request) bot.Reply
	Topics() []bot.Topic
	Occupation() string
	Feedback(topic string, helpful bool) bot.Reply
}

// observed is the bot for one platform, with observers told of each answer.
type observed struct {
	answerer
	platform  string
	observers []observer
}

func (o observed) Answer(ctx context.Context, req bot.Request) bot.Reply {
	start := time.Now()
	r := o.answerer.Answer(ctx, req)
	took := time.Since(start)
	for _, ob := range o.observers {
		ob.Observe(o.platform, req, r, took)
	}
	return r
}

// observe is b for platform, with the server's metrics and review queue told of each answer.
func (s *server) observe(platform string, b answerer) observed {
	obs := []observer{s.metrics}
	if s.review != nil {
		obs = append(obs, s.review)
	}
	return observed{answerer: b, platform: platform, observers: obs}
}

// addReview starts the review queue's recorder, unless CAREERBOT_REVIEW_LOG=off.
func (s *server) addReview(store review.Store) {
	if !s.cfg.reviewLog {
		s.modes = append(s.modes, "review_log", "off")
		return
	}
	s.review = review.NewRecorder(store, s.log.With("component", "review"))
	s.runners = append(s.runners, s.review.Run)
}

// votes is every place a 👍 or 👎 is recorded: the metrics and the review queue.
type votes []interface {
	Vote(platform, topic string, up bool)
}

func (v votes) Vote(platform, topic string, up bool) {
	for _, r := range v {
		r.Vote(platform, topic, up)
	}
}

func (s *server) voter() votes {
	v := votes{s.metrics}
	if s.review != nil {
		v = append(v, s.review)
	}
	return v
}
