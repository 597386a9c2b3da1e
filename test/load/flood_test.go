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

// rawResult is what one hand-written request got.
type rawResult struct {
	status int  // 0: no response
	early  bool // the response came before the whole body was sent
	sent   int  // body bytes written
}

// rawPost writes a POST with the given headers announcing a body of length bytes, writes
// at most send of them in chunks with pause between chunks, and reads the response
// concurrently; after the writing it waits up to wait for the response. It works on the
// socket itself, so it sees a server that answers before the body is in.
func rawPost(addr, path string, headers [][2]string, length, send int, pause, wait time.Duration) rawResult {
	conn, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		return rawResult{}
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(60 * time.Second))
	var head strings.Builder
	fmt.Fprintf(&head, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n", path, addr, length)
	for _, h := range headers {
		fmt.Fprintf(&head, "%s: %s\r\n", h[0], h[1])
	}
	head.WriteString("\r\n")
	if _, err := io.WriteString(conn, head.String()); err != nil {
		return rawResult{}
	}
	got := make(chan int, 1)
	go func() {
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			got <- 0
			return
		}
		resp.Body.Close()
		got <- resp.StatusCode
	}()
	res := rawResult{status: -1}
	for res.sent < send {
		select {
		case res.status = <-got:
		default:
		}
		if res.status >= 0 {
			break
		}
		n := min(len(filler), send-res.sent)
		if _, err := conn.Write(filler[:n]); err != nil {
			break
		}
		res.sent += n
		if pause > 0 {
			time.Sleep(pause)
		}
	}
	if res.status < 0 {
		select {
		case res.status = <-got:
		case <-time.After(wait):
			res.status = 0
		}
	}
	res.early = res.status > 0 && res.sent < length
	return res
}

// filler is body bytes: the start of an event, then spaces.
var filler = func() []byte {
	b := bytes.Repeat([]byte(" "), 64<<10)
	copy(b, `{"type":"event_callback","event":{"type":"app_mention","text":"`)
	return b
}()

const bigBody = 1<<20 - 1

// TestFloodUnsignedBigBodies opens many connections at once, each announcing a body just
// under 1 MiB with a fresh timestamp and a well-formed but wrong signature, and sends it
// slowly: the server must never accept one, answer 401, 413 or 503, and keep its peak
// RSS under 100 MB.
func TestFloodUnsignedBigBodies(t *testing.T) {
	conns := pick(200, 800)
	const peakLimitMB = 100
	fake := newFakeSlack(t, fakeConfig{})
	s := startServer(t, serverConfig{apiURL: fake.apiURL()})
	rss0, _ := s.memory()

	var mu sync.Mutex
	statuses := map[int]int{}
	var wg sync.WaitGroup
	start := time.Now()
	for i := range conns {
		path := "/slack/events"
		stamp := strconv.FormatInt(time.Now().Unix(), 10)
		headers := [][2]string{{"X-Slack-Request-Timestamp", stamp}, {"X-Slack-Signature", "v0=" + randomHex(32)}}
		if i%5 == 4 { // a fifth to Discord
			path = "/discord/interactions"
			headers = [][2]string{{"X-Signature-Timestamp", stamp}, {"X-Signature-Ed25519", randomHex(64)}}
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rawPost(s.Addr, path, headers, bigBody, bigBody, 5*time.Millisecond, 30*time.Second)
			mu.Lock()
			statuses[r.status]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	took := time.Since(start)
	rss1, peak := s.memory()

	var codes []string
	for _, c := range slices.Sorted(maps.Keys(statuses)) {
		name := strconv.Itoa(c)
		if c == 0 {
			name = "none"
		}
		codes = append(codes, fmt.Sprintf("%s:%d", name, statuses[c]))
	}
	logTable(t, "flood of unsigned ~1 MiB bodies",
		[]string{"connections", "took", "conn/s", "rss before", "rss peak", "rss after", "fds after", "responses"},
		[]string{strconv.Itoa(conns), took.Round(time.Millisecond).String(), fmt.Sprintf("%.0f", float64(conns)/took.Seconds()),
			mib(rss0), mib(peak), mib(rss1), strconv.Itoa(s.fds()), strings.Join(codes, " ")},
	)

	if statuses[200] > 0 {
		t.Errorf("%d unsigned requests were accepted with 200", statuses[200])
	}
	for c, n := range statuses {
		if c != 0 && c != 200 && c != 401 && c != 413 && c != 503 {
			t.Errorf("%d responses with status %d, want 401, 413 or 503", n, c)
		}
	}
	if none := statuses[0]; none*20 > conns {
		t.Errorf("%d of %d connections got no response at all", none, conns)
	}
	if peak > peakLimitMB {
		t.Errorf("server peak RSS %s during the flood, want under %d MB", mib(peak), peakLimitMB)
	}
}

// TestMalformedHeadersRejectedBeforeBody announces a ~1 MiB body with missing or
// malformed signature headers, sends 1 KiB of it and waits: the server must refuse the
// request from its headers alone, without waiting for (or reading) the body.
func TestMalformedHeadersRejectedBeforeBody(t *testing.T) {
	fake := newFakeSlack(t, fakeConfig{})
	s := startServer(t, serverConfig{apiURL: fake.apiURL()})
	now := time.Now()
	fresh := strconv.FormatInt(now.Unix(), 10)
	stale := strconv.FormatInt(now.Add(-10*time.Minute).Unix(), 10)
	future := strconv.FormatInt(now.Add(10*time.Minute).Unix(), 10)
	goodSlackSig := "v0=" + randomHex(32)
	goodDiscordSig := randomHex(64)
	cases := []struct {
		name, path string
		headers    [][2]string
	}{
		{"slack no headers", "/slack/events", nil},
		{"slack no signature", "/slack/events", [][2]string{{"X-Slack-Request-Timestamp", fresh}}},
		{"slack no timestamp", "/slack/events", [][2]string{{"X-Slack-Signature", goodSlackSig}}},
		{"slack v1 signature", "/slack/events", [][2]string{{"X-Slack-Request-Timestamp", fresh}, {"X-Slack-Signature", "v1=" + randomHex(32)}}},
		{"slack short signature", "/slack/events", [][2]string{{"X-Slack-Request-Timestamp", fresh}, {"X-Slack-Signature", "v0=abc123"}}},
		{"slack non-hex signature", "/slack/events", [][2]string{{"X-Slack-Request-Timestamp", fresh}, {"X-Slack-Signature", "v0=" + strings.Repeat("zz", 32)}}},
		{"slack timestamp not a number", "/slack/events", [][2]string{{"X-Slack-Request-Timestamp", "yesterday"}, {"X-Slack-Signature", goodSlackSig}}},
		{"slack stale timestamp", "/slack/events", [][2]string{{"X-Slack-Request-Timestamp", stale}, {"X-Slack-Signature", goodSlackSig}}},
		{"slack future timestamp", "/slack/events", [][2]string{{"X-Slack-Request-Timestamp", future}, {"X-Slack-Signature", goodSlackSig}}},
		{"slack commands no headers", "/slack/commands", nil},
		{"slack interactivity no headers", "/slack/interactivity", nil},
		{"discord no headers", "/discord/interactions", nil},
		{"discord no signature", "/discord/interactions", [][2]string{{"X-Signature-Timestamp", fresh}}},
		{"discord short signature", "/discord/interactions", [][2]string{{"X-Signature-Timestamp", fresh}, {"X-Signature-Ed25519", randomHex(63)}}},
		{"discord non-hex signature", "/discord/interactions", [][2]string{{"X-Signature-Timestamp", fresh}, {"X-Signature-Ed25519", strings.Repeat("zz", 64)}}},
		{"discord timestamp not a number", "/discord/interactions", [][2]string{{"X-Signature-Timestamp", "soon"}, {"X-Signature-Ed25519", goodDiscordSig}}},
		{"discord stale timestamp", "/discord/interactions", [][2]string{{"X-Signature-Timestamp", stale}, {"X-Signature-Ed25519", goodDiscordSig}}},
	}
	const wait = 5 * time.Second
	results := make([]rawResult, len(cases))
	var wg sync.WaitGroup
	for i, c := range cases {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = rawPost(s.Addr, c.path, c.headers, bigBody, 1<<10, 0, wait)
		}()
	}
	wg.Wait()

	rows := [][]string{{"case", "status", "answered before the body"}}
	for i, c := range cases {
		r := results[i]
		status := strconv.Itoa(r.status)
		if r.status == 0 {
			status = "none in " + wait.String()
		}
		rows = append(rows, []string{c.name, status, strconv.FormatBool(r.early)})
		switch {
		case r.status == 0:
			t.Errorf("%s: no answer %v after the headers and 1 KiB of a %d-byte body: the server waits for the body", c.name, wait, bigBody)
		case r.status != 400 && r.status != 401 && r.status != 413:
			t.Errorf("%s: status %d, want 401 (or 400/413)", c.name, r.status)
		}
	}
	logTable(t, "malformed headers, body withheld", rows...)
}
