// Package metrics exposes careerbot's Prometheus metrics on GET /metrics: questions by
// platform, topic, outcome and decline reason, answer latency, HTTP outcomes per endpoint,
// the outbound queue, platform API errors, digests, and the Go and process collectors.
// Labels come from bounded sets (topic and rule ids, endpoint patterns), never user text.
// The core (bot/, knowledge/) does not import it: adapters and the scheduler report
// through small interfaces of their own, which *Metrics implements.
package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/careerbot/careerbot/adapters/outbound"
	"github.com/careerbot/careerbot/bot"
)

// Metrics is one registry of careerbot's series; each serve process has its own.
type Metrics struct {
	reg       *prometheus.Registry
	questions *prometheus.CounterVec
	latency   *prometheus.HistogramVec
	requests  *prometheus.CounterVec
	rejected  *prometheus.CounterVec
	apiErrors *prometheus.CounterVec
	digests   *prometheus.CounterVec
	votes     *prometheus.CounterVec
}

// New builds the registry with every careerbot series and the Go and process collectors.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		questions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "careerbot_questions_total",
			Help: "Questions answered, by platform, topic (the first topic answered, or guessed), outcome (answered, suggested, declined, smalltalk) and reason (the rule that declined).",
		}, []string{"platform", "topic", "outcome", "reason"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "careerbot_answer_duration_seconds",
			Help:    "Time to answer a question in the bot, by platform.",
			Buckets: []float64{.00001, .00005, .0001, .0005, .001, .005, .01, .05, .1},
		}, []string{"platform"}),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "careerbot_http_requests_total",
			Help: "HTTP requests by endpoint (route pattern) and status class (2xx, 4xx, 5xx).",
		}, []string{"endpoint", "class"}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "careerbot_http_rejected_total",
			Help: "Webhook requests refused before they were handled, by endpoint and reason (bad_signature, stale_timestamp).",
		}, []string{"endpoint", "reason"}),
		apiErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "careerbot_platform_api_errors_total",
			Help: "Failed calls to the platforms' APIs, by platform and kind (ratelimited: a 429; error: anything else).",
		}, []string{"platform", "kind"}),
		digests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "careerbot_digests_total",
			Help: "Digest slots by platform and result (posted, failed, skipped, disabled).",
		}, []string{"platform", "result"}),
	}
	m.votes = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "careerbot_feedback_total",
		Help: "👍 and 👎 pressed under answers, by platform, topic and vote (up, down).",
	}, []string{"platform", "topic", "vote"})
	m.reg.MustRegister(m.questions, m.latency, m.requests, m.rejected, m.apiErrors, m.digests, m.votes,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Registry is the registry, for tests and for more collectors.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Handler serves the registry in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Question counts one reply and how long it took.
func (m *Metrics) Question(platform string, r bot.Reply, seconds float64) {
	topic, outcome, reason := Outcome(r)
	m.questions.WithLabelValues(platform, topic, outcome, reason).Inc()
	m.latency.WithLabelValues(platform).Observe(seconds)
}

// Outcome sorts a reply into the labels of careerbot_questions_total.
func Outcome(r bot.Reply) (topic, outcome, reason string) {
	topic = bot.IntentNone
	if len(r.Intents) > 0 {
		topic = r.Intents[0]
	}
	switch r.Kind {
	case bot.KindAnswer:
		return topic, "answered", ""
	case bot.KindClarify:
		return topic, "suggested", ""
	case bot.KindHelp, bot.KindSmalltalk:
		return string(r.Kind), "smalltalk", ""
	}
	return topic, "declined", r.Rule
}

// Rejected counts a webhook request refused before it was handled.
func (m *Metrics) Rejected(endpoint, reason string) {
	m.rejected.WithLabelValues(endpoint, reason).Inc()
}

// APIError counts a failed call to a platform's API.
func (m *Metrics) APIError(platform, kind string) { m.apiErrors.WithLabelValues(platform, kind).Inc() }

// Digest counts a digest slot's result.
func (m *Metrics) Digest(platform, result string) { m.digests.WithLabelValues(platform, result).Inc() }

// WatchQueue exports the outbound queue's depth and its counts.
func (m *Metrics) WatchQueue(q *outbound.Queue) {
	m.reg.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "careerbot_outbound_queue_depth", Help: "Answers waiting to be sent."},
			func() float64 { return float64(q.Len()) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "careerbot_outbound_refused_total", Help: "Answers the queue refused (full or draining): the platform was asked to redeliver."},
			func() float64 { return float64(q.Stats().Refused) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "careerbot_outbound_failed_total", Help: "Answers whose sending failed after its retries."},
			func() float64 { return float64(q.Stats().Failed) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "careerbot_outbound_given_up_total", Help: "Answers given up at shutdown when the drain budget ran out."},
			func() float64 { return float64(q.Stats().GivenUp) }),
	)
}

// Middleware counts every request to h by its route pattern in mux (unmatched paths are
// "other": a scanner's paths must not make new series) and status class.
func (m *Metrics) Middleware(mux *http.ServeMux, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, pattern := mux.Handler(r)
		if pattern == "" {
			pattern = "other"
		}
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		h.ServeHTTP(sw, r)
		m.requests.WithLabelValues(pattern, class(sw.code)).Inc()
	})
}

func class(code int) string {
	return string(rune('0'+code/100)) + "xx"
}

// statusWriter remembers the status written.
type statusWriter struct {
	http.ResponseWriter
	code        int
	wroteHeader bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wroteHeader {
		w.code, w.wroteHeader = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the connection (deadlines, flushing).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Observe counts one question asked on platform and how long the bot took; previews
// (autocomplete) are not questions asked.
func (m *Metrics) Observe(platform string, req bot.Request, r bot.Reply, took time.Duration) {
	if !req.Preview {
		m.Question(platform, r, took.Seconds())
	}
}

// Vote counts a 👍 or 👎 pressed under an answer.
func (m *Metrics) Vote(platform, topic string, up bool) {
	vote := "down"
	if up {
		vote = "up"
	}
	m.votes.WithLabelValues(platform, topic, vote).Inc()
}
