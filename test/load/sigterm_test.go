package load_test

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"testing"
	"time"
)

// TestSIGTERMUnderLoad sends SIGTERM while events flow at twice capacity against a slow,
// rate-limiting API: the server must stop taking work, answer everything it acknowledged
// (draining its queue), log how many it drained and gave up on, and exit 0.
func TestSIGTERMUnderLoad(t *testing.T) {
	o := pick(outbound{workers: 4, queue: 64, latency: 100 * time.Millisecond},
		outbound{workers: 16, queue: 1024, latency: 100 * time.Millisecond})
	before := pick(2*time.Second, 10*time.Second) // load before SIGTERM
	after := pick(1*time.Second, 5*time.Second)   // load still offered after it

	fake := newFakeSlack(t, fakeConfig{latency: o.latency, pct429: 5, pct500: 2})
	s := startServer(t, serverConfig{apiURL: fake.apiURL(), env: o.env()})
	load := newEventLoad(s)
	rate := 2 * o.capacity()
	done := make(chan struct{})
	go func() {
		defer close(done)
		load.run(context.Background(), rate, before+after)
	}()
	time.Sleep(before)
	_, peak := s.memory()
	code, took := s.terminate(pick(40*time.Second, 60*time.Second)) // CAREERBOT_DRAIN_TIMEOUT is 25 s
	<-done

	acked := load.ackedSet()
	answered, lost, dups, extra := fake.tally(acked) // the process is gone: no answer comes later
	rps, p50, p99 := load.figures()
	drained, givenUp := "missing", "missing"
	line, haveLine := s.logLine("outbound queue drained")
	if haveLine {
		drained, givenUp = fmt.Sprint(line["drained"]), fmt.Sprint(line["given_up"])
	}
	logTable(t, "SIGTERM under load",
		[]string{"offered/s", "req/s", "p50", "p99", "rss peak", "exit", "exit took"},
		[]string{fmt.Sprintf("%.0f", rate), fmt.Sprintf("%.0f", rps), ms(p50), ms(p99), mib(peak), strconv.Itoa(code), took.Round(time.Millisecond).String()},
		[]string{"sent", "acknowledged", "refused", "failed", "answered", "lost", "duplicates", "extra", "drained", "given up"},
		[]string{strconv.Itoa(load.sent), strconv.Itoa(len(acked)), strconv.Itoa(load.refused), strconv.Itoa(load.failed),
			strconv.Itoa(answered), strconv.Itoa(lost), strconv.Itoa(dups), strconv.Itoa(extra), drained, givenUp},
	)

	if code != 0 {
		t.Errorf("exit code %d after SIGTERM, want 0\n%s", code, s.stderr())
	}
	if lost > 0 {
		t.Errorf("%d of %d acknowledged events were never answered", lost, len(acked))
	}
	if len(load.other) > 0 {
		t.Errorf("event POSTs got statuses %v; want only 200 or 503 (or no connection once stopping)", load.other)
	}
	if !haveLine {
		t.Errorf(`no "outbound queue drained" log line`)
		return
	}
	for _, k := range []string{"drained", "given_up"} {
		if v, ok := line[k].(float64); !ok || v < 0 || v != math.Trunc(v) {
			t.Errorf("drain log line: %s = %v, want a non-negative integer", k, line[k])
		}
	}
}
