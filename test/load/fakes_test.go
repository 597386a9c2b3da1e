package load_test

import (
	"hash/fnv"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeSlack is a Slack Web API. chat.postMessage answers after latency; a share of
// answers (chosen by their thread_ts, so deterministically) has its first attempt refused
// with 429 and Retry-After: 1, another share with 500, and every later attempt succeeds:
// a server that retries as Slack asks never loses one. It records each answer delivered
// with a 200, keyed by the thread_ts it answers, and each POST to /hooks/ (response_url).
type fakeSlack struct {
	srv     *httptest.Server
	latency time.Duration
	pct429  int // percent of answers whose first attempt gets 429
	pct500  int // percent of answers whose first attempt gets 500

	mu       sync.Mutex
	attempts map[string]int // thread_ts -> chat.postMessage attempts
	answered map[string]int // thread_ts -> attempts answered 200
	got429   int
	got500   int
	hooks    []string // bodies POSTed to /hooks/...
	methods  map[string]int
}

type fakeConfig struct {
	latency        time.Duration
	pct429, pct500 int
}

func newFakeSlack(t *testing.T, cfg fakeConfig) *fakeSlack {
	f := &fakeSlack{
		latency: cfg.latency, pct429: cfg.pct429, pct500: cfg.pct500,
		attempts: map[string]int{}, answered: map[string]int{}, methods: map[string]int{},
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// apiURL is the SLACK_API_URL to give the server.
func (f *fakeSlack) apiURL() string { return f.srv.URL + "/api/" }

// hookURL is a response_url on the fake's host.
func (f *fakeSlack) hookURL() string { return f.srv.URL + "/hooks/T1/B1/secret" }

func (f *fakeSlack) serve(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	if strings.HasPrefix(path, "/hooks/") {
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.hooks = append(f.hooks, string(body))
		f.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"ok":true}`)
		return
	}
	method := strings.TrimPrefix(path, "/api/")
	r.ParseForm()
	f.mu.Lock()
	f.methods[method]++
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	switch method {
	case "chat.postMessage":
		f.postMessage(w, r)
	case "users.info":
		io.WriteString(w, `{"ok":true,"user":{"id":"U1","tz":"UTC"}}`)
	default: // views.publish and anything else
		io.WriteString(w, `{"ok":true}`)
	}
}

func (f *fakeSlack) postMessage(w http.ResponseWriter, r *http.Request) {
	select {
	case <-time.After(f.latency):
	case <-r.Context().Done():
		return
	}
	ts := r.PostForm.Get("thread_ts")
	h := fnv.New32a()
	io.WriteString(h, ts)
	bucket := int(h.Sum32() % 100)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.attempts[ts]++
	if f.attempts[ts] == 1 {
		switch {
		case bucket < f.pct429:
			f.got429++
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			io.WriteString(w, `{"ok":false,"error":"ratelimited"}`)
			return
		case bucket < f.pct429+f.pct500:
			f.got500++
			w.WriteHeader(http.StatusInternalServerError)
			io.WriteString(w, `{"ok":false,"error":"internal_error"}`)
			return
		}
	}
	f.answered[ts]++
	io.WriteString(w, `{"ok":true,"channel":"C1","ts":"1.0"}`)
}

// answers is how many times the event with this ts was answered with a 200.
func (f *fakeSlack) answers(ts string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.answered[ts]
}

// tally compares the answers with the acknowledged events: answered counts acknowledged
// events answered at least once, lost the acknowledged ones never answered, duplicates
// the extra answers, extra the answers to events that were not acknowledged.
func (f *fakeSlack) tally(acked map[string]bool) (answered, lost, duplicates, extra int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for ts := range acked {
		if n := f.answered[ts]; n > 0 {
			answered++
			duplicates += n - 1
		} else {
			lost++
		}
	}
	for ts := range f.answered {
		if !acked[ts] {
			extra++
		}
	}
	return answered, lost, duplicates, extra
}

func (f *fakeSlack) refusals() (n429, n500 int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.got429, f.got500
}

func (f *fakeSlack) hookCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.hooks)
}

// recorder is a plain HTTP listener that counts every request it gets.
type recorder struct {
	srv *httptest.Server
	mu  sync.Mutex
	n   int
}

func newRecorder(t *testing.T) *recorder {
	rec := &recorder{}
	rec.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		rec.mu.Lock()
		rec.n++
		rec.mu.Unlock()
		io.WriteString(w, `{"ok":true}`)
	}))
	t.Cleanup(rec.srv.Close)
	return rec
}

func (rec *recorder) count() int {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return rec.n
}
