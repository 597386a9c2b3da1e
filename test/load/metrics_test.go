package load_test

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// scrape reads /metrics and parses it with the Prometheus client library's text parser.
func scrape(t *testing.T, s *server) map[string]*dto.MetricFamily {
	t.Helper()
	resp, err := http.Get(s.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("/metrics is not Prometheus text format: %v", err)
	}
	return families
}

// value is the value of the series of family with exactly these labels (0 if absent).
func value(families map[string]*dto.MetricFamily, family string, labels map[string]string) float64 {
	f := families[family]
	if f == nil {
		return 0
	}
	for _, m := range f.GetMetric() {
		match := 0
		for _, l := range m.GetLabel() {
			if v, ok := labels[l.GetName()]; ok && v == l.GetValue() {
				match++
			}
		}
		if match == len(labels) {
			switch {
			case m.GetCounter() != nil:
				return m.GetCounter().GetValue()
			case m.GetGauge() != nil:
				return m.GetGauge().GetValue()
			case m.GetHistogram() != nil:
				return float64(m.GetHistogram().GetSampleCount())
			}
		}
	}
	return 0
}

// TestMetrics: after questions on each platform, GET /metrics parses as the Prometheus
// text format and counts them by platform, topic and outcome, with declines by reason,
// request outcomes per endpoint, refused signatures, and the Go and process collectors.
func TestMetrics(t *testing.T) {
	fake := newTextSlack(t)
	s := startServer(t, serverConfig{apiURL: fake.srv.URL + "/api/"})
	send := func(req *http.Request) int {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, q := range []string{"how much do they make?", "what's the salary", "what's the weather tomorrow?"} {
		ts := nextTS()
		send(s.slackRequest("/slack/events", "application/json", mentionIn(ts, "", q), time.Now()))
		if !waitFor(5*time.Second, func() bool { return len(fake.inThread(ts)) > 0 }) {
			t.Fatalf("no answer to %q", q)
		}
	}
	bad := s.slackRequest("/slack/events", "application/json", mentionIn(nextTS(), "", "hi"), time.Now())
	bad.Header.Set("X-Slack-Signature", "v0="+strings.Repeat("0", 64))
	send(bad)
	send(s.slackRequest("/slack/events", "application/json", mentionIn(nextTS(), "", "hi"), time.Now().Add(-10*time.Minute)))
	if code := send(s.discordRequest(ask, time.Now())); code != 200 {
		t.Fatalf("discord interaction: %d", code)
	}
	send(s.discordRequest(ask, time.Now().Add(-10*time.Minute)))

	fams := scrape(t, s)
	for _, tt := range []struct {
		family string
		labels map[string]string
		want   float64
	}{
		{"careerbot_questions_total", map[string]string{"platform": "slack", "topic": "pay", "outcome": "answered"}, 2},
		{"careerbot_questions_total", map[string]string{"platform": "slack", "outcome": "declined"}, 1},
		{"careerbot_questions_total", map[string]string{"platform": "discord", "topic": "pay", "outcome": "answered"}, 1},
		{"careerbot_answer_duration_seconds", map[string]string{"platform": "slack"}, 3},
		{"careerbot_http_requests_total", map[string]string{"endpoint": "POST /slack/events", "class": "2xx"}, 3},
		{"careerbot_http_requests_total", map[string]string{"endpoint": "POST /slack/events", "class": "4xx"}, 2},
		{"careerbot_http_rejected_total", map[string]string{"endpoint": "POST /slack/events", "reason": "bad_signature"}, 1},
		{"careerbot_http_rejected_total", map[string]string{"endpoint": "POST /slack/events", "reason": "stale_timestamp"}, 1},
		{"careerbot_http_rejected_total", map[string]string{"endpoint": "POST /discord/interactions", "reason": "stale_timestamp"}, 1},
		{"careerbot_outbound_queue_depth", nil, 0},
	} {
		if got := value(fams, tt.family, tt.labels); got != tt.want {
			t.Errorf("%s%v = %v, want %v", tt.family, tt.labels, got, tt.want)
		}
	}
	if r := fams["careerbot_questions_total"]; r != nil {
		for _, m := range r.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "reason" && strings.Contains(l.GetValue(), " ") {
					t.Errorf("a reason label holds text: %q", l.GetValue())
				}
			}
		}
	}
	for _, f := range []string{"go_goroutines", "process_resident_memory_bytes", "careerbot_outbound_refused_total"} {
		if fams[f] == nil {
			t.Errorf("no %s series", f)
		}
	}
}

// TestDashboardUsesServedSeries: every careerbot series the example Grafana dashboard
// queries is one that /metrics serves and docs/metrics.md documents.
func TestDashboardUsesServedSeries(t *testing.T) {
	raw, err := os.ReadFile("../../docs/grafana-dashboard.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("../../docs/metrics.md")
	if err != nil {
		t.Fatal(err)
	}
	var dash struct {
		Panels []struct {
			Targets []struct{ Expr string } `json:"targets"`
		} `json:"panels"`
	}
	if err := json.Unmarshal(raw, &dash); err != nil {
		t.Fatalf("docs/grafana-dashboard.json: %v", err)
	}
	names := regexp.MustCompile(`careerbot_[a-z_]+`)
	for _, p := range dash.Panels {
		for _, tg := range p.Targets {
			for _, n := range names.FindAllString(tg.Expr, -1) {
				base := strings.TrimSuffix(n, "_bucket")
				if !strings.Contains(string(doc), "`"+base+"`") {
					t.Errorf("the dashboard queries %s, which docs/metrics.md does not document", n)
				}
			}
		}
	}
}
