package load_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// tsCounter makes every app_mention's ts unique within the run.
var (
	tsBase    = time.Now().Unix()
	tsCounter atomic.Int64
)

// nextTS is a fresh Slack message ts. The bot answers in the thread it starts, so the
// answer's thread_ts names the event it answers.
func nextTS() string {
	return fmt.Sprintf("%d.%06d", tsBase, tsCounter.Add(1))
}

var questions = []string{
	"how much do they make?",
	"what is the job outlook?",
	"what do they do?",
	"how do I become one?",
	"where do they work?",
}

// mention is a Slack app_mention event (no thread_ts) with the given ts.
func mention(ts string) string {
	n, _ := strconv.ParseInt(ts[len(ts)-6:], 10, 64)
	q := questions[int(n)%len(questions)]
	return `{"type":"event_callback","team_id":"T1","api_app_id":"A1","event_id":"Ev` + ts + `","event_time":` + strconv.FormatInt(tsBase, 10) +
		`,"event":{"type":"app_mention","user":"U1","text":"<@UBOT> ` + q + `","ts":"` + ts + `","channel":"C1","event_ts":"` + ts + `"}}`
}

// eventLoad offers signed app_mention events to a server and records, per event, whether
// it was acknowledged (200) or refused (503 or 429: Slack would deliver it again).
type eventLoad struct {
	srv    *server
	client *http.Client

	mu           sync.Mutex
	acked        map[string]bool
	refused      int
	noRetryAfter int         // refusals without a Retry-After header
	failed       int         // transport errors
	other        map[int]int // any other status
	latencies    []time.Duration
	sent         int
	elapsed      time.Duration
}

func newEventLoad(s *server) *eventLoad {
	return &eventLoad{
		srv: s,
		client: &http.Client{Timeout: 15 * time.Second, Transport: &http.Transport{
			MaxIdleConns: 512, MaxIdleConnsPerHost: 512, IdleConnTimeout: 30 * time.Second,
		}},
		acked: map[string]bool{}, other: map[int]int{},
	}
}

// send posts one new event and returns its ts and the response status (0: no response).
func (l *eventLoad) send() (string, int) {
	ts := nextTS()
	req := l.srv.slackRequest("/slack/events", "application/json", mention(ts), time.Now())
	start := time.Now()
	resp, err := l.client.Do(req)
	took := time.Since(start)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sent++
	if err != nil {
		l.failed++
		return ts, 0
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	l.latencies = append(l.latencies, took)
	switch resp.StatusCode {
	case http.StatusOK:
		l.acked[ts] = true
	case http.StatusServiceUnavailable, http.StatusTooManyRequests:
		l.refused++
		if resp.Header.Get("Retry-After") == "" {
			l.noRetryAfter++
		}
	default:
		l.other[resp.StatusCode]++
	}
	return ts, resp.StatusCode
}

// run offers rate events a second, open loop (a slow server does not slow the offer
// down), until d has passed or ctx is done, then waits for the requests in flight.
func (l *eventLoad) run(ctx context.Context, rate float64, d time.Duration) {
	const maxInFlight = 512
	sem := make(chan struct{}, maxInFlight)
	var wg sync.WaitGroup
	start := time.Now()
	for i := 0; ; i++ {
		next := start.Add(time.Duration(float64(i) / rate * float64(time.Second)))
		if next.Sub(start) >= d {
			break
		}
		if wait := time.Until(next); wait > 0 {
			select {
			case <-time.After(wait):
			case <-ctx.Done():
			}
		}
		if ctx.Err() != nil {
			break
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			l.send()
		}()
	}
	wg.Wait()
	l.mu.Lock()
	l.elapsed += time.Since(start)
	l.mu.Unlock()
	l.client.CloseIdleConnections()
}

// ackedSet is a copy of the acknowledged events.
func (l *eventLoad) ackedSet() map[string]bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	m := make(map[string]bool, len(l.acked))
	for k := range l.acked {
		m[k] = true
	}
	return m
}

// figures: requests/s achieved and the p50 and p99 latency of the event POST.
func (l *eventLoad) figures() (rps float64, p50, p99 time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.elapsed > 0 {
		rps = float64(l.sent) / l.elapsed.Seconds()
	}
	lat := slices.Clone(l.latencies)
	slices.Sort(lat)
	return rps, percentile(lat, 0.50), percentile(lat, 0.99)
}

func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted)-1) * p)
	return sorted[i]
}

// waitAnswered waits until every acknowledged event is answered, until answers stop
// coming for quiet, or until limit; it returns the number still unanswered.
func waitAnswered(f *fakeSlack, acked map[string]bool, quiet, limit time.Duration) int {
	deadline := time.Now().Add(limit)
	last, lastChange := -1, time.Now()
	for {
		answered, lost, _, _ := f.tally(acked)
		if lost == 0 || time.Now().After(deadline) {
			return lost
		}
		if answered != last {
			last, lastChange = answered, time.Now()
		} else if time.Since(lastChange) > quiet {
			return lost
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond)) }
