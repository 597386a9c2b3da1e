package inbound

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// countingReader records whether anything read it.
type countingReader struct {
	r    io.Reader
	read int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.read += n
	return n, err
}

func TestRead(t *testing.T) {
	tests := []struct {
		name       string
		body       string
		length     int64 // Content-Length; -1 is unknown (chunked)
		wantStatus int   // 0: read
	}{
		{"small, announced", "hello", 5, 0},
		{"small, chunked", "hello", -1, 0},
		{"empty", "", 0, 0},
		{"at the limit", strings.Repeat("a", 16), 16, 0},
		{"announced over the limit", strings.Repeat("a", 17), 17, http.StatusRequestEntityTooLarge},
		{"chunked over the limit", strings.Repeat("a", 17), -1, http.StatusRequestEntityTooLarge},
		{"shorter than announced", "abc", 10, http.StatusBadRequest},
	}
	rd := New(Config{MaxBody: 16})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := &countingReader{r: strings.NewReader(tt.body)}
			r := httptest.NewRequest(http.MethodPost, "/", src)
			r.ContentLength = tt.length
			w := httptest.NewRecorder()
			body, ok := rd.Read(w, r)
			if tt.wantStatus == 0 {
				if !ok || string(body) != tt.body {
					t.Fatalf("Read = %q, %v (status %d); want %q", body, ok, w.Code, tt.body)
				}
				return
			}
			if ok || w.Code != tt.wantStatus {
				t.Fatalf("Read ok=%v status=%d, want status %d", ok, w.Code, tt.wantStatus)
			}
			if tt.length > rd.MaxBody() && src.read != 0 {
				t.Errorf("read %d bytes of a body announced as too large; want none", src.read)
			}
		})
	}
}

func TestReadCapsConcurrentBodies(t *testing.T) {
	rd := New(Config{Concurrent: 2, RetryAfter: 3 * time.Second})
	var writers []*io.PipeWriter
	done := make(chan bool, 2)
	for range 2 {
		pr, pw := io.Pipe()
		writers = append(writers, pw)
		r := httptest.NewRequest(http.MethodPost, "/", pr)
		r.ContentLength = 4
		go func() {
			_, ok := rd.Read(httptest.NewRecorder(), r)
			done <- ok
		}()
	}
	// Both slots are taken by bodies still arriving; wait until they are.
	for deadline := time.Now().Add(5 * time.Second); len(rd.slots) < 2; {
		if time.Now().After(deadline) {
			t.Fatal("the two slow bodies never took their slots")
		}
		time.Sleep(time.Millisecond)
	}
	src := &countingReader{r: strings.NewReader("abcd")}
	r := httptest.NewRequest(http.MethodPost, "/", src)
	w := httptest.NewRecorder()
	if _, ok := rd.Read(w, r); ok || w.Code != http.StatusServiceUnavailable {
		t.Fatalf("third body: ok=%v status=%d, want 503", ok, w.Code)
	}
	if got := w.Header().Get("Retry-After"); got != "3" {
		t.Errorf("Retry-After = %q, want 3", got)
	}
	if src.read != 0 {
		t.Errorf("the refused body was read (%d bytes)", src.read)
	}
	for _, pw := range writers {
		pw.Write([]byte("abcd"))
		pw.Close()
	}
	for range 2 {
		if !<-done {
			t.Error("a slow but complete body was refused")
		}
	}
	// The slots are free again.
	w = httptest.NewRecorder()
	if _, ok := rd.Read(w, httptest.NewRequest(http.MethodPost, "/", strings.NewReader("x"))); !ok {
		t.Errorf("after the slow bodies finished: status %d, want a read", w.Code)
	}
}

// A real server: a client that trickles its body is cut off after ReadTimeout and frees
// its slot.
func TestReadTimeoutFreesTheSlot(t *testing.T) {
	rd := New(Config{Concurrent: 1, ReadTimeout: 100 * time.Millisecond})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := rd.Read(w, r); ok {
			io.WriteString(w, "read")
		}
	}))
	defer srv.Close()
	pr, pw := io.Pipe()
	defer pw.Close()
	req, _ := http.NewRequest(http.MethodPost, srv.URL, pr)
	req.ContentLength = 1000
	go func() {
		pw.Write([]byte("a")) // and then nothing
	}()
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
	}
	resp, err = http.Post(srv.URL, "text/plain", strings.NewReader("next"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("after the trickling client timed out: status %d, want 200", resp.StatusCode)
	}
}
