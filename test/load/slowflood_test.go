package load_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The server's bounds on reading a body (adapters/inbound defaults, used by serve).
const (
	maxBody     = 128 << 10        // larger bodies get 413 before a byte is read
	bodySlots   = 64               // bodies read at once; over it: 503 + Retry-After
	readTimeout = 10 * time.Second // the read deadline set once a body holds a slot
)

// slowBody is just under the largest body the server reads.
const slowBody = maxBody - 1

// slowFiller is slowBody bytes: the start of an event, then spaces.
var slowFiller = func() []byte {
	b := bytes.Repeat([]byte(" "), slowBody)
	copy(b, `{"type":"event_callback","event":{"type":"app_mention","text":"`)
	return b
}()

// slowResult is what one trickled request got.
type slowResult struct {
	dialed     bool
	status     int           // 0: the server ended the connection without a response
	hung       bool          // no response and no end within the wait
	retryAfter string        // the response's Retry-After
	took       time.Duration // from the end of the headers to the response or the connection's end
	sent       int           // body bytes written
}

// slowPost writes a POST announcing a slowBody-byte body with the given headers, then
// writes the body in chunks of chunk bytes with pause after each, stopping as soon as a
// response comes (it reads the socket concurrently); after the last byte it waits up to
// wait for the response.
func slowPost(addr, path, contentType string, headers [][2]string, chunk int, pause, wait time.Duration) slowResult {
	conn, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		return slowResult{}
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(readTimeout + 2*wait))
	var head strings.Builder
	fmt.Fprintf(&head, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n", path, addr, contentType, slowBody)
	for _, h := range headers {
		fmt.Fprintf(&head, "%s: %s\r\n", h[0], h[1])
	}
	head.WriteString("\r\n")
	res := slowResult{dialed: true}
	if _, err := io.WriteString(conn, head.String()); err != nil {
		return res
	}
	start := time.Now()
	type answer struct {
		status     int
		retryAfter string
		at         time.Time
	}
	got := make(chan answer, 1)
	go func() {
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			got <- answer{at: time.Now()}
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		got <- answer{status: resp.StatusCode, retryAfter: resp.Header.Get("Retry-After"), at: time.Now()}
	}()
	var a answer
	answered := false
	for res.sent < slowBody && !answered {
		n := min(chunk, slowBody-res.sent)
		if _, err := conn.Write(slowFiller[res.sent : res.sent+n]); err != nil {
			break // the server closed the connection: its answer, if any, is on the way
		}
		if res.sent += n; res.sent == slowBody {
			break
		}
		select {
		case a = <-got:
			answered = true
		case <-time.After(pause):
		}
	}
	if !answered {
		select {
		case a = <-got:
		case <-time.After(wait):
			res.hung = true
			a.at = time.Now()
		}
	}
	res.status, res.retryAfter, res.took = a.status, a.retryAfter, a.at.Sub(start)
	return res
}

// slowTally sorts the flood's outcomes.
type slowTally struct {
	mu                                  sync.Mutex
	conns, dialFails                    int
	refused, refusedNoRetryAfter        int // 503
	refusedTook                         []time.Duration
	rejected, rejectedIncomplete        int // 401: the whole body read, the signature wrong
	cutOff                              int // ended by the read deadline: 400 or closed, body incomplete
	cutOffClosed                        int // of which closed without a response
	cutOffTook                          []time.Duration
	accepted, hung, other               int
	otherSeen                           []string
	completersCutOff, stallersCompleted int // a trickle that did not end as planned
}

func (st *slowTally) add(r slowResult, stall bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.conns++
	switch {
	case !r.dialed:
		st.dialFails++
	case r.hung:
		st.hung++
	case r.status == http.StatusServiceUnavailable:
		st.refused++
		st.refusedTook = append(st.refusedTook, r.took)
		if r.retryAfter == "" {
			st.refusedNoRetryAfter++
		}
	case r.status == http.StatusUnauthorized:
		st.rejected++
		if r.sent < slowBody {
			st.rejectedIncomplete++
		}
		if stall {
			st.stallersCompleted++
		}
	case (r.status == 0 || r.status == http.StatusBadRequest) && r.sent < slowBody:
		st.cutOff++
		if r.status == 0 {
			st.cutOffClosed++
		}
		st.cutOffTook = append(st.cutOffTook, r.took)
		if !stall {
			st.completersCutOff++
		}
	case r.status == http.StatusOK:
		st.accepted++
	default:
		st.other++
		if len(st.otherSeen) < 10 {
			st.otherSeen = append(st.otherSeen, fmt.Sprintf("status %d after %v, %d bytes sent", r.status, r.took.Round(time.Millisecond), r.sent))
		}
	}
}

// probe is one properly signed event sent while (or after) the flood runs.
type probe struct {
	status     int // 0: transport error
	retryAfter string
	took       time.Duration
	ts         string
	err        error
}

func sendProbe(s *server) probe {
	client := &http.Client{Timeout: 15 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	ts := nextTS()
	req := s.slackRequest("/slack/events", "application/json", mention(ts), time.Now())
	start := time.Now()
	resp, err := client.Do(req)
	p := probe{took: time.Since(start), ts: ts, err: err}
	if err != nil {
		return p
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	p.status, p.retryAfter = resp.StatusCode, resp.Header.Get("Retry-After")
	return p
}

// TestFloodSlowValidLookingBodies is the worst an unauthenticated client can make the
// server hold: headers that pass every check made before the body (a fresh timestamp, a
// well-formed v0= signature that is wrong), a body announced just under the 128 KiB limit
// and trickled, so each connection that gets one of the 64 read slots keeps it as long as
// it can, from many connections at once that come back a second (Retry-After) after each
// 503. Half the connections trickle their body in under the read deadline (the server
// reads it and answers 401), half so slowly the deadline ends them. The server must keep
// its memory bounded, refuse what is over the slots at once with 503 and Retry-After,
// answer no flood request, answer a properly signed request quickly (200 or 503 with
// Retry-After) during the flood and 200 after it, and give its file descriptors back.
func TestFloodSlowValidLookingBodies(t *testing.T) {
	workers := pick(150, 600)                        // connections open at once
	attack := pick(2*time.Second, 30*time.Second)    // new connections are opened this long
	completeIn := pick(3*time.Second, 8*time.Second) // a completing trickle, under the deadline
	const (
		chunk      = 4 << 10
		stallChunk = 1 << 10
		stallPause = 200 * time.Millisecond // 5 KiB/s: 50 KiB of 128 when the deadline ends it
		comeBack   = time.Second            // after a 503, as its Retry-After asks
		// Peak RSS bound. Measured (full mode, 600 connections): ~21 MB warm and idle,
		// 49-53 MB at the peak: the slots hold at most 64 × 128 KiB = 8 MiB of bodies (twice
		// that with the collector's headroom) and up to ~570 connections are open at once,
		// each a goroutine with its buffers. 100 MB is about twice that peak; a server that
		// allocated the announced body per connection instead of per slot would need
		// 600 × 128 KiB = 75 MiB more than the idle figure before any headroom, and cross it.
		peakLimitMB = 100
		fdSlack     = 10
		probeLimit  = 3 * time.Second // a signed request during the flood: answered or refused within this
		refuseLimit = 2 * time.Second // a connection over the slots: refused within this
	)
	completePause := completeIn / time.Duration(slowBody/chunk)

	fake := newFakeSlack(t, fakeConfig{})
	s := startServer(t, serverConfig{apiURL: fake.apiURL()})

	// Warm up: one signed event answered, so the start figures are a warm server's.
	warm := sendProbe(s)
	if warm.status != 200 || !waitFor(10*time.Second, func() bool { return fake.answers(warm.ts) > 0 }) {
		t.Fatalf("warm-up event: status %d (%v), answered %d times\n%s", warm.status, warm.err, fake.answers(warm.ts), s.stderr())
	}
	fake.srv.CloseClientConnections()
	time.Sleep(200 * time.Millisecond)
	rss0, _ := s.memory()
	fd0 := s.fds()

	// Sample the server's RSS and fds while the flood runs.
	var rssMax float64
	fdMax := 0
	stopSampling := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			rss, _ := s.memory()
			rssMax = max(rssMax, rss)
			fdMax = max(fdMax, s.fds())
			select {
			case <-stopSampling:
				return
			case <-tick.C:
			}
		}
	}()

	paths := []struct{ path, contentType string }{
		{"/slack/events", "application/json"},
		{"/slack/commands", "application/x-www-form-urlencoded"},
		{"/slack/interactivity", "application/x-www-form-urlencoded"},
	}
	var tally slowTally
	var wg sync.WaitGroup
	start := time.Now()
	stopAt := start.Add(attack)
	for i := range workers {
		p := paths[i%len(paths)]
		stall := i%2 == 1
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(stopAt) {
				headers := [][2]string{
					{"X-Slack-Request-Timestamp", strconv.FormatInt(time.Now().Unix(), 10)},
					{"X-Slack-Signature", "v0=" + randomHex(32)},
				}
				var r slowResult
				if stall {
					r = slowPost(s.Addr, p.path, p.contentType, headers, stallChunk, stallPause, 5*time.Second)
				} else {
					r = slowPost(s.Addr, p.path, p.contentType, headers, chunk, completePause, 5*time.Second)
				}
				tally.add(r, stall)
				if r.status == http.StatusServiceUnavailable || !r.dialed {
					time.Sleep(comeBack)
				}
			}
		}()
	}

	// Properly signed events while the flood runs: the first once the slots are full.
	var probes []probe
	probeEvery := pick(500*time.Millisecond, 2*time.Second)
	waitFor(5*time.Second, func() bool {
		tally.mu.Lock()
		defer tally.mu.Unlock()
		return tally.refused > 0
	})
	for time.Now().Before(stopAt) {
		probes = append(probes, sendProbe(s))
		time.Sleep(probeEvery)
	}
	wg.Wait()
	took := time.Since(start)
	close(stopSampling)
	<-sampled

	// After the flood: a signed event is acknowledged and answered.
	after := sendProbe(s)
	afterAnswered := after.status == 200 && waitFor(10*time.Second, func() bool { return fake.answers(after.ts) > 0 })
	fake.srv.CloseClientConnections()
	fdBack := waitFor(5*time.Second, func() bool { return s.fds() <= fd0+fdSlack })
	fd1 := s.fds()
	rss1, peak := s.memory()

	probeCodes := map[string]int{}
	var probeMax time.Duration
	for _, p := range probes {
		probeMax = max(probeMax, p.took)
		switch {
		case p.err != nil:
			probeCodes["error"]++
			t.Errorf("signed request during the flood: %v after %v", p.err, p.took.Round(time.Millisecond))
		case p.status == 200:
			probeCodes["200"]++
		case p.status == 503 && p.retryAfter != "":
			probeCodes["503+Retry-After"]++
		default:
			probeCodes[strconv.Itoa(p.status)+" (Retry-After "+strconv.Quote(p.retryAfter)+")"]++
			t.Errorf("signed request during the flood: status %d, Retry-After %q; want 200, or 503 with Retry-After", p.status, p.retryAfter)
		}
		if p.took > probeLimit {
			t.Errorf("signed request during the flood took %v, want under %v", p.took.Round(time.Millisecond), probeLimit)
		}
	}
	var during []string
	for _, k := range slices.Sorted(maps.Keys(probeCodes)) {
		during = append(during, fmt.Sprintf("%s:%d", k, probeCodes[k]))
	}
	slices.Sort(tally.refusedTook)
	slices.Sort(tally.cutOffTook)
	cutMin, cutMax := time.Duration(0), time.Duration(0)
	if n := len(tally.cutOffTook); n > 0 {
		cutMin, cutMax = tally.cutOffTook[0], tally.cutOffTook[n-1]
	}
	refusedP99 := percentile(tally.refusedTook, 0.99)
	refusedMax := time.Duration(0)
	if n := len(tally.refusedTook); n > 0 {
		refusedMax = tally.refusedTook[n-1]
	}
	afterOutcome := fmt.Sprintf("%d in %s", after.status, ms(after.took))
	if after.err != nil {
		afterOutcome = after.err.Error()
	}

	logTable(t, "flood of slow valid-looking ~128 KiB bodies",
		[]string{"workers", "attack", "took", "body", "connections", "503", "503 p99", "503 max", "401", "cut off (400/closed)", "cut off after", "200", "other", "no conn"},
		[]string{strconv.Itoa(workers), attack.String(), took.Round(time.Millisecond).String(), strconv.Itoa(slowBody) + "B",
			strconv.Itoa(tally.conns), strconv.Itoa(tally.refused), ms(refusedP99), ms(refusedMax), strconv.Itoa(tally.rejected),
			fmt.Sprintf("%d (%d/%d)", tally.cutOff, tally.cutOff-tally.cutOffClosed, tally.cutOffClosed), fmt.Sprintf("%.1f-%.1fs", cutMin.Seconds(), cutMax.Seconds()),
			strconv.Itoa(tally.accepted), strconv.Itoa(tally.other + tally.hung), strconv.Itoa(tally.dialFails)},
		[]string{"rss before", "rss flood max", "rss peak", "rss after", "fds before", "fds flood max", "fds after", "signed during", "slowest", "signed after"},
		[]string{mib(rss0), mib(rssMax), mib(peak), mib(rss1), strconv.Itoa(fd0), strconv.Itoa(fdMax), strconv.Itoa(fd1),
			strings.Join(during, " "), ms(probeMax), afterOutcome},
	)

	// (1) memory.
	if peak > peakLimitMB {
		t.Errorf("server peak RSS %s, want under %d MB", mib(peak), peakLimitMB)
	}
	// (2) over the slots: 503 with Retry-After, at once.
	if tally.refused == 0 {
		t.Errorf("no connection was refused with 503: the %d slots were never full", bodySlots)
	}
	if tally.refusedNoRetryAfter > 0 {
		t.Errorf("%d of %d 503s without Retry-After", tally.refusedNoRetryAfter, tally.refused)
	}
	if refusedMax > refuseLimit {
		t.Errorf("slowest 503 came %v after the headers, want under %v (not after the trickle)", refusedMax.Round(time.Millisecond), refuseLimit)
	}
	// (3) in the slots: 401 once the whole body is read, or ended by the read deadline.
	if tally.accepted > 0 {
		t.Errorf("%d flood requests were accepted with 200", tally.accepted)
	}
	if tally.rejected == 0 || tally.cutOff == 0 {
		t.Errorf("%d rejected with 401 and %d cut off by the read deadline; want some of each", tally.rejected, tally.cutOff)
	}
	if tally.rejectedIncomplete > 0 || tally.stallersCompleted > 0 {
		t.Errorf("401 before the whole body: %d; stalled trickles answered 401: %d; want none", tally.rejectedIncomplete, tally.stallersCompleted)
	}
	if tally.completersCutOff > 0 {
		t.Errorf("%d trickles that finish within %v were cut off", tally.completersCutOff, completeIn)
	}
	if tally.cutOff > 0 && (cutMin < readTimeout-time.Second || cutMax > readTimeout+3*time.Second) {
		t.Errorf("cut off between %v and %v after the headers, want about the %v read deadline", cutMin.Round(time.Millisecond), cutMax.Round(time.Millisecond), readTimeout)
	}
	if tally.other > 0 || tally.hung > 0 || tally.dialFails > 0 {
		t.Errorf("%d other outcomes %v, %d hung, %d connections refused", tally.other, tally.otherSeen, tally.hung, tally.dialFails)
	}
	select {
	case <-s.exited:
		t.Fatalf("the server exited during the flood:\n%s", s.stderr())
	default:
	}
	if strings.Contains(s.stderr(), "panic") {
		t.Errorf("the server panicked:\n%s", s.stderr())
	}
	// (4) a signed request after the flood.
	if len(probes) == 0 {
		t.Errorf("no signed request was sent during the flood")
	}
	if !afterAnswered {
		t.Errorf("signed event after the flood: %s, answered %d times; want 200 and an answer", afterOutcome, fake.answers(after.ts))
	}
	// (5) file descriptors.
	if !fdBack {
		t.Errorf("%d open fds 5 s after the flood, want under the start %d + %d", fd1, fd0, fdSlack)
	}
}
