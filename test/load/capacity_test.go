package load_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"
)

// outbound is the answer pipeline's size for a test: workers posting answers, the queue
// in front of them, and the fake API's latency per post.
type outbound struct {
	workers, queue int
	latency        time.Duration
}

// capacity is answers per second the workers can post at the API's latency.
func (o outbound) capacity() float64 { return float64(o.workers) / o.latency.Seconds() }

func (o outbound) env() []string {
	return []string{
		"CAREERBOT_OUTBOUND_WORKERS=" + strconv.Itoa(o.workers),
		"CAREERBOT_OUTBOUND_QUEUE=" + strconv.Itoa(o.queue),
	}
}

// TestTwiceCapacitySlowAPI offers twice the rate the server can answer against a slow
// Slack API that sometimes rate-limits (429, Retry-After: 1) and fails (500). Every
// acknowledged event must be answered (the rest must be refused with 503, so Slack
// delivers them again), and memory and file descriptors must come back down afterwards.
func TestTwiceCapacitySlowAPI(t *testing.T) {
	o := pick(outbound{workers: 4, queue: 64, latency: 100 * time.Millisecond},
		outbound{workers: 16, queue: 1024, latency: 100 * time.Millisecond})
	duration := pick(5*time.Second, 60*time.Second)
	settle := pick(3*time.Second, 10*time.Second)
	const rssSlackMB, fdSlack = 30, 20 // tolerance over the start figures

	fake := newFakeSlack(t, fakeConfig{latency: o.latency, pct429: 5, pct500: 2})
	s := startServer(t, serverConfig{apiURL: fake.apiURL(), env: o.env()})
	load := newEventLoad(s)

	// Warm up: one event answered, so the start figures include a warm server.
	warm, code := load.send()
	if code != 200 || !waitFor(10*time.Second, func() bool { return fake.answers(warm) > 0 }) {
		t.Fatalf("warm-up event: status %d, answered %d times\n%s", code, fake.answers(warm), s.stderr())
	}
	load = newEventLoad(s)
	fake.srv.CloseClientConnections()
	time.Sleep(200 * time.Millisecond)
	rss0, _ := s.memory()
	fd0 := s.fds()

	rate := 2 * o.capacity()
	load.run(context.Background(), rate, duration)
	acked := load.ackedSet()
	lost := waitAnswered(fake, acked, pick(5*time.Second, 10*time.Second), pick(30*time.Second, 120*time.Second))

	// Let go of every keep-alive connection, so what remains open is the server's own.
	fake.srv.CloseClientConnections()
	time.Sleep(settle)
	rss1, peak := s.memory()
	fd1 := s.fds()

	nAcked := len(acked)
	acked[warm] = true // answered before the start figures; not an extra answer
	answered, lost, dups, extra := fake.tally(acked)
	answered--
	rps, p50, p99 := load.figures()
	n429, n500 := fake.refusals()
	logTable(t, "2x capacity against a slow API",
		[]string{"workers", "queue", "api latency", "capacity/s", "offered/s", "req/s", "p50", "p99"},
		[]string{strconv.Itoa(o.workers), strconv.Itoa(o.queue), ms(o.latency), fmt.Sprintf("%.0f", o.capacity()),
			fmt.Sprintf("%.0f", rate), fmt.Sprintf("%.0f", rps), ms(p50), ms(p99)},
		[]string{"sent", "acknowledged", "refused", "failed", "answered", "lost", "duplicates", "extra"},
		[]string{strconv.Itoa(load.sent), strconv.Itoa(nAcked), strconv.Itoa(load.refused), strconv.Itoa(load.failed),
			strconv.Itoa(answered), strconv.Itoa(lost), strconv.Itoa(dups), strconv.Itoa(extra)},
		[]string{"rss before", "rss peak", "rss after", "fds before", "fds after", "api 429s", "api 500s", "other"},
		[]string{mib(rss0), mib(peak), mib(rss1), strconv.Itoa(fd0), strconv.Itoa(fd1), strconv.Itoa(n429), strconv.Itoa(n500), fmt.Sprint(load.other)},
	)

	if lost > 0 {
		t.Errorf("%d of %d acknowledged events were never answered", lost, nAcked)
	}
	if len(load.other) > 0 || load.failed > 0 {
		t.Errorf("event POSTs: %d transport errors, other statuses %v; want only 200 or 503", load.failed, load.other)
	}
	if load.noRetryAfter > 0 {
		t.Errorf("%d refusals without a Retry-After header", load.noRetryAfter)
	}
	if rss1 > rss0+rssSlackMB {
		t.Errorf("RSS %s %v after the load, want under the start %s + %d MB", mib(rss1), settle, mib(rss0), rssSlackMB)
	}
	if fd1 > fd0+fdSlack {
		t.Errorf("%d open fds %v after the load, want under the start %d + %d", fd1, settle, fd0, fdSlack)
	}
}
