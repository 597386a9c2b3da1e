package discord

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
)

// BenchmarkInteractionsHTTP sends signed /career ask interactions to the HTTP endpoint
// over loopback, one at a time, and reports throughput and p99 latency:
// go test ./adapters/discord -run '^$' -bench Interactions -cpu 1
func BenchmarkInteractionsHTTP(b *testing.B) {
	e := newEndpoint(b)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	questions := []string{"what's the salary", "wat degree do i need", "how many openings a year", "what certs are there", "is it an office job", "how much do nurses make"}
	type signedReq struct {
		body string
		hdr  http.Header
	}
	var reqs []signedReq
	for i, q := range questions {
		body := command("ask", `{"name":"question","type":3,"value":"`+q+`"}`)
		r := e.request(body, time.Now())
		reqs = append(reqs, signedReq{body, r.Header})
		_ = i
	}
	client := srv.Client()
	lat := make([]time.Duration, 0, 1<<16)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		sr := reqs[i%len(reqs)]
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/discord/interactions", strings.NewReader(sr.body))
		req.Header = sr.hdr.Clone()
		start := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		lat = append(lat, time.Since(start))
		if resp.StatusCode != 200 {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "interactions/s")
	b.ReportMetric(float64(p99(lat).Microseconds())/1000, "p99-ms")
}

// BenchmarkAutocomplete answers one keystroke of autocomplete, typing several questions
// letter by letter, and reports the p99 per keystroke.
func BenchmarkAutocomplete(b *testing.B) {
	a, err := New(newBot(b), Config{})
	if err != nil {
		b.Fatal(err)
	}
	var keystrokes []string
	for _, q := range []string{"what's the salary", "how much do the top 10% make", "wat degree do i need", "certification for cancer registrars", "job outlook 2031"} {
		for n := 1; n <= len(q); n++ {
			keystrokes = append(keystrokes, q[:n])
		}
	}
	ctx := context.Background()
	lat := make([]time.Duration, 0, 1<<16)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		a.suggest(ctx, keystrokes[i%len(keystrokes)])
		lat = append(lat, time.Since(start))
	}
	b.ReportMetric(float64(p99(lat).Microseconds())/1000, "p99-ms")
}

func p99(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)*99/100]
}
